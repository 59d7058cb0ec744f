import type { Moments } from '../report/types.js';
import type { ComplaintsReport } from '../loyalty/types.js';
import { holm } from '../stats/holm.js';
import { spearman } from '../stats/spearman.js';
import { welchTTest } from '../stats/welch-t-test.js';
import { wilsonInterval } from '../stats/wilson-interval.js';

export type Resolution = 'yes' | 'partly' | 'no';

export interface ComplaintInput {
  /** Per respondent: complained (true/false), null when not answered. */
  readonly complained: ReadonlyArray<boolean | null>;
  readonly resolved: ReadonlyArray<Resolution | null>;
  /** Hours until the firm responded; NaN when not given. */
  readonly hours: ArrayLike<number>;
  /** The satisfaction target's per-respondent mean (NaN = missing). */
  readonly satisfaction: ArrayLike<number>;
  /** The loyalty construct's per-respondent mean (NaN = missing). */
  readonly loyalty: ArrayLike<number>;
  /** Below this (the scale midpoint) a respondent is dissatisfied. */
  readonly midpoint: number;
  readonly fields: ComplaintsReport['fields'];
  readonly target: string | null;
  readonly loyaltyId: string | null;
}

/**
 * Complaints and recovery (TARP 1986; Fornell & Wernerfelt 1987; the recovery paradox: McCollough &
 * Bharadwaj 1992, de Matos, Henrique & Rossi 2007, Journal of Service Research 10(1), 60–77):
 *
 * - share who complained, of those who answered, with a Wilson 95 % interval;
 * - silent dissatisfied: satisfaction mean below the scale midpoint and did not complain, as a
 *   share of the dissatisfied who answered the complaint question (Wilson 95 %);
 * - loyalty (mean of the loyalty construct; SD with n − 1) of non-complainers and of complainers
 *   whose complaint was resolved, partly resolved, unresolved;
 * - Welch t-tests (R's `t.test(resolved, other)`): resolved − non-complainers (a positive
 *   difference is the recovery paradox) and resolved − unresolved, Holm-adjusted over the two;
 * - with response times: loyalty of complainers by band (≤ 2 h, ≤ 24 h, > 24 h) and Spearman's ρ of
 *   hours with loyalty (R's `cor.test(hours, loyalty, method = "spearman", exact = FALSE)`).
 */
export function complaintRecovery(input: ComplaintInput): ComplaintsReport {
  const n = input.complained.length;
  let answered = 0;
  let complainedCount = 0;
  let dissatisfied = 0;
  let silent = 0;
  const groups = {
    nonComplainers: [] as number[],
    resolved: [] as number[],
    partly: [] as number[],
    unresolved: [] as number[],
  };
  const hours: number[] = [];
  const hoursLoyalty: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = input.complained[i];
    if (c === null || c === undefined) continue;
    answered++;
    if (c) complainedCount++;
    const s = input.satisfaction[i] as number;
    if (Number.isFinite(s) && s < input.midpoint) {
      dissatisfied++;
      if (!c) silent++;
    }
    const l = input.loyalty[i] as number;
    if (!c) {
      if (Number.isFinite(l)) groups.nonComplainers.push(l);
      continue;
    }
    const r = input.resolved[i];
    if (Number.isFinite(l)) {
      if (r === 'yes') groups.resolved.push(l);
      else if (r === 'partly') groups.partly.push(l);
      else if (r === 'no') groups.unresolved.push(l);
    }
    const h = input.hours[i] as number;
    if (Number.isFinite(h) && Number.isFinite(l)) {
      hours.push(h);
      hoursLoyalty.push(l);
    }
  }
  const resolved = moments(groups.resolved);
  const comparisons = [
    { compare: 'resolved-vs-non-complainers' as const, other: moments(groups.nonComplainers) },
    { compare: 'resolved-vs-unresolved' as const, other: moments(groups.unresolved) },
  ].map(({ compare, other }) => ({ compare, test: welchTTest(other, resolved) }));
  const adjusted = holm(comparisons.map((c) => c.test.p));
  const band = (lo: number, hi: number) =>
    moments(hoursLoyalty.filter((_, j) => (hours[j] as number) > lo && (hours[j] as number) <= hi));
  return {
    fields: input.fields,
    target: input.target,
    loyalty: input.loyaltyId,
    answered,
    complained: wilsonInterval(complainedCount, answered),
    silentDissatisfied: wilsonInterval(silent, dissatisfied),
    groups: {
      nonComplainers: moments(groups.nonComplainers),
      resolved,
      partly: moments(groups.partly),
      unresolved: moments(groups.unresolved),
    },
    tests: comparisons.map((c, i) => ({ ...c, pAdjusted: adjusted[i] as number })),
    responseTime:
      hours.length === 0
        ? null
        : {
            bands: [
              { band: '<=2h', loyalty: band(Number.NEGATIVE_INFINITY, 2) },
              { band: '<=24h', loyalty: band(2, 24) },
              { band: '>24h', loyalty: band(24, Number.POSITIVE_INFINITY) },
            ],
            spearman: spearman(hours, hoursLoyalty),
          },
  };
}

/** n, mean and SD (divisor n − 1; NaN below two values). */
function moments(xs: readonly number[]): Moments {
  const n = xs.length;
  const mean = n === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / n;
  const ss = xs.reduce((a, x) => a + (x - mean) ** 2, 0);
  return { n, mean, sd: n < 2 ? Number.NaN : Math.sqrt(ss / (n - 1)) };
}
