import { upperRegularizedGamma } from './normal-distribution.js';
import type { Tally } from './tally.js';

export interface KruskalWallis {
  /** H, corrected for ties. */
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}

/**
 * Kruskal–Wallis rank-sum test of k groups, from each group's frequency table (value → count), as
 * R's `kruskal.test`: all N observations ranked together with average ranks for ties;
 * H = [12/(N(N+1)) · Σ R_j²/n_j − 3(N+1)] / [1 − Σ(t³ − t)/(N³ − N)], df = k − 1,
 * p = P(χ²_df ≥ H) = Q(df/2, H/2) (regularized upper incomplete gamma).
 *
 * Reference: Kruskal & Wallis (1952), JASA 47(260); Hollander & Wolfe (1999) §6.1.
 *
 * @example // R: kruskal.test(c(1,2,2,3,5,5,4), factor(c("a","a","b","b","c","c","c"))) → H =
 * 5.1667, p = 0.0755
 */
export function kruskalWallis(groups: readonly Tally[]): KruskalWallis {
  const used = groups.filter((g) => g.n > 0);
  const k = used.length;
  const values = new Map<number, number[]>(); // value → count per group
  used.forEach((g, j) => {
    for (const [v, c] of g.entries()) {
      const row = values.get(v) ?? new Array<number>(k).fill(0);
      row[j] = (row[j] as number) + c;
      values.set(v, row);
    }
  });
  const sorted = [...values.keys()].sort((a, b) => a - b);
  const rankSums = new Array<number>(k).fill(0);
  let below = 0;
  let ties = 0;
  for (const v of sorted) {
    const row = values.get(v) as number[];
    const t = row.reduce((s, c) => s + c, 0);
    const averageRank = below + (t + 1) / 2;
    row.forEach((c, j) => (rankSums[j] = (rankSums[j] as number) + c * averageRank));
    ties += t * t * t - t;
    below += t;
  }
  const n = below;
  const df = k - 1;
  if (k < 2 || n < 2) return { statistic: Number.NaN, df, p: Number.NaN };
  let sum = 0;
  used.forEach((g, j) => (sum += ((rankSums[j] as number) * (rankSums[j] as number)) / g.n));
  const h = ((12 / (n * (n + 1))) * sum - 3 * (n + 1)) / (1 - ties / (n * n * n - n));
  return { statistic: h, df, p: upperRegularizedGamma(df / 2, h / 2) };
}
