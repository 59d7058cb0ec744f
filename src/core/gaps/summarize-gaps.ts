import { holm } from '../stats/holm.js';
import { pairedTTest } from '../stats/paired-t-test.js';
import { tallyMean, tallySd } from '../stats/tally.js';
import { wilcoxonSignedRank } from '../stats/wilcoxon-signed-rank.js';
import type { GapStatistics, Moments } from '../report/types.js';
import type { GapTallies } from './tally-gaps.js';
import type { Tally } from '../stats/tally.js';

export interface GapSummary {
  readonly n: number;
  readonly baseline: Moments | null;
  readonly performance: Moments;
  readonly gap: GapStatistics | null;
}

/**
 * The gap statistics of one table (attributes, or constructs): for each row, mean and SD of the
 * baseline and of performance over respondents with both ratings, and the paired t-test and
 * Wilcoxon signed-rank test of the differences; then Holm's adjustment across the rows that have a
 * p-value. Rows without a baseline report performance over every respondent who rated it.
 *
 * Weighted tallies (`--weight-by`): weighted means and SDs (see `tallyMean`, `tallySd`), and the
 * t-test on Kish's effective n: SE = s_w/√n_eff, df = n_eff − 1 (Kish 1965 §11.7; the design-effect
 * approximation for a weighted mean, as in Lumley 2010, *Complex Surveys*, §2.2 for the SE). The
 * Wilcoxon test has no weighted form here: its p is NaN (null in JSON) unless every weight is 1.
 */
export function summarizeGaps(
  rows: readonly GapTallies[],
  options: { readonly hasBaseline: boolean },
): GapSummary[] {
  const partial = rows.map((t) => {
    if (!options.hasBaseline || t.difference.n === 0) {
      return {
        n: t.performanceAll.n,
        baseline: null,
        performance: moments(t.performanceAll),
        test: null,
      };
    }
    const d = t.difference;
    const test = pairedTTest({ n: d.effectiveN, mean: tallyMean(d), sd: tallySd(d) });
    const wilcoxonP = d.unitWeights ? wilcoxonSignedRank(d).p : Number.NaN;
    return {
      n: d.n,
      baseline: moments(t.baseline),
      performance: moments(t.performance),
      test: { ...test, wilcoxonP, ...(d.unitWeights ? {} : { effectiveN: d.effectiveN }) },
    };
  });
  const adjusted = holm(partial.map((r) => (r.test === null ? Number.NaN : r.test.p)));
  return partial.map((r, i) => ({
    n: r.n,
    baseline: r.baseline,
    performance: r.performance,
    gap:
      r.test === null
        ? null
        : {
            mean: r.test.mean,
            sd: r.test.sd,
            se: r.test.se,
            ci: r.test.ci,
            t: r.test.t,
            df: r.test.df,
            p: r.test.p,
            pAdjusted: adjusted[i] as number,
            wilcoxonP: r.test.wilcoxonP,
            ...(r.test.effectiveN === undefined ? {} : { effectiveN: r.test.effectiveN }),
          },
  }));
}

function moments(t: Tally): Moments {
  return { n: t.n, mean: tallyMean(t), sd: tallySd(t) };
}
