import { normalCdf, normalUpperTail } from './normal-distribution.js';
import type { Tally } from './tally.js';

export interface WilcoxonSignedRank {
  /** Number of non-zero differences. */
  readonly n: number;
  /** V = sum of the ranks of the positive differences. */
  readonly v: number;
  readonly z: number;
  /** Two-sided p-value. */
  readonly p: number;
}

/**
 * Wilcoxon signed-rank test of paired differences, normal approximation with continuity
 * correction, as R's `wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = TRUE)`.
 *
 * Zero differences are dropped; the n remaining |dᵢ| are ranked with average ranks for ties;
 * V = Σ rank(|dᵢ|) over dᵢ > 0;
 * z = (V − n(n+1)/4 − ½·sign(V − n(n+1)/4)) / √(n(n+1)(2n+1)/24 − Σ(tⱼ³ − tⱼ)/48),
 * tⱼ the sizes of the tie groups; p = 2·min(Φ(z), 1 − Φ(z)).
 *
 * Works from a tally of the differences (value → count), so ties are exact.
 *
 * References: Wilcoxon (1945), Biometrics Bulletin 1(6); Hollander & Wolfe (1999) §3.1, tie
 * correction; R Core Team, `wilcox.test`.
 */
export function wilcoxonSignedRank(differences: Tally): WilcoxonSignedRank {
  // Group |d| values: for each magnitude, the number of positive and of negative differences.
  const byMagnitude = new Map<number, { pos: number; neg: number }>();
  for (const [d, c] of differences.entries()) {
    if (d === 0) continue;
    const m = Math.abs(d);
    const g = byMagnitude.get(m) ?? { pos: 0, neg: 0 };
    if (d > 0) g.pos += c;
    else g.neg += c;
    byMagnitude.set(m, g);
  }
  const magnitudes = [...byMagnitude.keys()].sort((a, b) => a - b);
  let n = 0;
  let v = 0;
  let tieSum = 0;
  for (const m of magnitudes) {
    const g = byMagnitude.get(m) as { pos: number; neg: number };
    const t = g.pos + g.neg;
    const averageRank = n + (t + 1) / 2;
    v += averageRank * g.pos;
    tieSum += t * t * t - t;
    n += t;
  }
  if (n === 0) return { n, v, z: Number.NaN, p: Number.NaN };
  const centred = v - (n * (n + 1)) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum / 48);
  const z = (centred - 0.5 * Math.sign(centred)) / sigma;
  const p = 2 * Math.min(normalCdf(z), normalUpperTail(z));
  return { n, v, z, p: Math.min(1, p) };
}
