import { holm } from '../stats/holm.js';
import type { MultigroupPath } from '../report/types.js';

/**
 * One group's path estimates and, per path, its bootstrap estimates (failed resamples left out).
 */
export interface GroupPaths {
  readonly paths: ReadonlyArray<{
    readonly from: string;
    readonly to: string;
    readonly estimate: number;
  }>;
  readonly draws: readonly Float64Array[];
}

/**
 * Henseler's PLS-MGA probability that the first group's path exceeds the second's only by chance
 * (Henseler, Ringle & Sinkovics 2009, "The use of partial least squares path modeling in
 * international marketing", *Advances in International Marketing* 20, 277–319; as seminr's
 * `estimate_pls_mga`). With each group's bootstrap estimates β¹ⱼ (J₁ of them) and β²ᵢ (J₂), and
 * their means β̄¹, β̄², each distribution is centred on twice its mean and every pair compared:
 *
 *   p = 1 − Σⱼ Σᵢ Θ(2β̄¹ − β¹ⱼ − 2β̄² + β²ᵢ) / (J₁·J₂),   Θ(s) = 1 if s > 0, else 0.
 *
 * A small p supports β¹ > β² (one-sided); a p near 1 supports β¹ < β². seminr compares the first
 * min(J₁, J₂) resamples of each group; here all pairs are used (the same when no resample failed).
 * The J₁·J₂ comparisons are counted in O((J₁ + J₂) log J₂) by sorting one side.
 */
export function henselerP(first: ArrayLike<number>, second: ArrayLike<number>): number {
  const j1 = first.length;
  const j2 = second.length;
  if (j1 === 0 || j2 === 0) return Number.NaN;
  let m1 = 0;
  for (let j = 0; j < j1; j++) m1 += first[j] as number;
  m1 /= j1;
  let m2 = 0;
  for (let i = 0; i < j2; i++) m2 += second[i] as number;
  m2 /= j2;
  // Θ(aⱼ − cᵢ) with aⱼ = 2β̄¹ − β¹ⱼ and cᵢ = 2β̄² − β²ᵢ: count the cᵢ strictly below each aⱼ.
  const c = Float64Array.from({ length: j2 }, (_, i) => 2 * m2 - (second[i] as number)).sort();
  let above = 0;
  for (let j = 0; j < j1; j++) {
    const a = 2 * m1 - (first[j] as number);
    let lo = 0;
    let hi = j2;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((c[mid] as number) < a) lo = mid + 1;
      else hi = mid;
    }
    above += lo;
  }
  return 1 - above / (j1 * j2);
}

/**
 * PLS multigroup comparison of every path between two groups (segments): each group's estimate,
 * the difference (second − first, as the segments' Welch tests), Henseler's one-sided p for
 * "first > second" (`henselerP`), the two-sided p = 2·min(p, 1 − p), and Holm's adjustment of the
 * two-sided p across the paths. Both groups must have been estimated with the same model (the same
 * paths in the same order).
 */
export function compareGroupPaths(first: GroupPaths, second: GroupPaths): MultigroupPath[] {
  const rows = first.paths.map((path, k) => {
    const a = first.draws[k] ?? new Float64Array(0);
    const b = second.draws[k] ?? new Float64Array(0);
    const pFirstGreater = henselerP(a, b);
    return {
      from: path.from,
      to: path.to,
      estimates: [path.estimate, second.paths[k]?.estimate ?? Number.NaN] as const,
      difference: (second.paths[k]?.estimate ?? Number.NaN) - path.estimate,
      pFirstGreater,
      p: Math.min(1, 2 * Math.min(pFirstGreater, 1 - pFirstGreater)),
    };
  });
  const adjusted = holm(rows.map((r) => r.p));
  return rows.map((r, i) => ({ ...r, pAdjusted: adjusted[i] as number }));
}

/**
 * Each path's bootstrap estimates (statistic k of the statistic-major values, `BootstrapResult`;
 * failed resamples, NaN, left out).
 */
export function pathDraws(
  boot: { readonly values: Float64Array; readonly width: number; readonly resamples: number },
  paths: number,
): Float64Array[] {
  return Array.from({ length: paths }, (_, k) => {
    const out: number[] = [];
    for (let r = 0; r < boot.resamples; r++) {
      const v = boot.values[k * boot.resamples + r] as number;
      if (v === v) out.push(v);
    }
    return Float64Array.from(out);
  });
}
