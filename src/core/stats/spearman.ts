import { tTwoSidedP } from './student-t.js';

export interface SpearmanTest {
  /** Spearman's ρ: Pearson's correlation of the (mid-)ranks. */
  readonly rho: number;
  /** R's statistic S = (n³ − n)(1 − ρ)/6. */
  readonly s: number;
  readonly n: number;
  /** Two-sided p, t approximation with n − 2 df. */
  readonly p: number;
}

/**
 * Spearman's rank correlation with its two-sided test (Spearman 1904; Hollander & Wolfe,
 * Nonparametric Statistical Methods, §8.5):
 *
 *   ρ = cor(rank(x), rank(y)) with ties given their mean rank,
 *   S = (n³ − n)(1 − ρ)/6,
 *   t = ρ / √((1 − ρ²)/(n − 2)),  p = 2·P(T_{n−2} ≥ |t|) (capped at 1).
 *
 * Identical to R's `cor.test(x, y, method = "spearman", exact = FALSE)` — the asymptotic t
 * approximation R uses whenever there are ties or n > 1289 (here always, so that tied response
 * times and small samples are treated alike). Pairs with a missing value are dropped first.
 *
 * @example spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) // rho 0.8, p ≈ 0.1041
 */
export function spearman(x: readonly number[], y: readonly number[]): SpearmanTest {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isFinite(a) && Number.isFinite(b)) pairs.push([a, b]);
  }
  const n = pairs.length;
  if (n < 3) return { rho: Number.NaN, s: Number.NaN, n, p: Number.NaN };
  const rx = midRanks(pairs.map((p) => p[0]));
  const ry = midRanks(pairs.map((p) => p[1]));
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] as number) - mean;
    const dy = (ry[i] as number) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const rho = sxy / Math.sqrt(sxx * syy);
  const t = rho / Math.sqrt((1 - rho * rho) / (n - 2));
  return { rho, s: ((n * n * n - n) * (1 - rho)) / 6, n, p: Math.min(1, tTwoSidedP(t, n - 2)) };
}

/** Ranks 1…n, ties sharing their mean rank (R's `rank(x)`, ties.method = "average"). */
function midRanks(values: readonly number[]): Float64Array {
  const order = values
    .map((_, i) => i)
    .sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Float64Array(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1] as number] === values[order[i] as number])
      j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    i = j + 1;
  }
  return ranks;
}
