import type { GapTallySet } from '../gaps/tally-gaps.js';
import { holm } from '../stats/holm.js';
import { kruskalWallis } from '../stats/kruskal-wallis.js';
import { tallyMean, tallySd, type Tally } from '../stats/tally.js';
import { welchTTest } from '../stats/welch-t-test.js';
import type { SegmentDifference } from '../report/types.js';

/**
 * Which attributes differ between customer segments: per attribute, the gap (performance −
 * baseline; performance when the file has no baseline) compared across segments — Welch's t for two
 * segments of at least two respondents each (second minus first, in the order the segments are
 * listed); otherwise Kruskal–Wallis over every segment with at least one respondent, as R's
 * `kruskal.test` (a one-respondent segment counts: df = segments − 1) — with Holm's adjustment
 * across the attributes. `test` says which test ran; `means` are in segment order (NaN: no
 * ratings).
 *
 * Weighted respondents: Welch's t on weighted means and SDs with each segment's Kish effective n in
 * place of n (SE² = s₁²/n_eff,₁ + s₂²/n_eff,₂). Kruskal–Wallis ranks respondents and has no
 * weighted form here: with weights other than 1 its statistic and p are NaN (null in JSON).
 */
export function compareSegments(
  segments: ReadonlyArray<{ readonly value: string; readonly tallies: GapTallySet }>,
  attributeIds: readonly string[],
  options: { readonly hasBaseline: boolean },
): SegmentDifference[] {
  const pick = (set: GapTallySet, id: string): Tally | undefined => {
    const t = set.attributes.get(id);
    return options.hasBaseline ? t?.difference : t?.performanceAll;
  };
  const rows = attributeIds.map((id) => {
    const all = segments.map((s) => pick(s.tallies, id));
    // Means in segment order (NaN for a segment without ratings), so they line up with the
    // segments.
    const means = all.map((t) => (t === undefined || t.n === 0 ? Number.NaN : tallyMean(t)));
    const groups = all.filter((t): t is Tally => t !== undefined && t.n > 0);
    const total = groups.reduce((s, g) => s + g.n, 0);
    if (groups.length < 2 || total < 3)
      return {
        id,
        test: groups.length === 2 ? ('welch' as const) : ('kruskal-wallis' as const),
        statistic: Number.NaN,
        df: Number.NaN,
        p: Number.NaN,
        means,
      };
    if (groups.length === 2 && groups.every((g) => g.n > 1)) {
      const [a, b] = groups as [Tally, Tally];
      const w = welchTTest(
        { n: a.effectiveN, mean: tallyMean(a), sd: tallySd(a) },
        { n: b.effectiveN, mean: tallyMean(b), sd: tallySd(b) },
      );
      return { id, test: 'welch' as const, statistic: w.t, df: w.df, p: w.p, means };
    }
    if (!groups.every((g) => g.unitWeights))
      return {
        id,
        test: 'kruskal-wallis' as const,
        statistic: Number.NaN,
        df: groups.length - 1,
        p: Number.NaN,
        means,
      };
    const kw = kruskalWallis(groups);
    return {
      id,
      test: 'kruskal-wallis' as const,
      statistic: kw.statistic,
      df: kw.df,
      p: kw.p,
      means,
    };
  });
  const adjusted = holm(rows.map((r) => r.p));
  return rows.map((r, i) => ({
    ...r,
    measure: options.hasBaseline ? 'gap' : 'performance',
    pAdjusted: adjusted[i] as number,
  }));
}
