import { incompleteBeta, incompleteBetaDirect } from './incomplete-beta.js';
import { logBeta } from './log-gamma.js';

/**
 * Student's t distribution with ν > 0 degrees of freedom.
 *
 * - `tTwoSidedP(t, ν)` = P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz & Stegun 26.7.1, 26.5.27),
 *   evaluated without forming 1 − p, so tiny p-values keep their digits. Matches R's
 *   `2 * pt(-abs(t), df)`.
 * - `tCdf(t, ν)` = P(T ≤ t), R's `pt(t, df)`.
 * - `tQuantile(p, ν)`, R's `qt(p, df)`: the root of tCdf(t) = p by safeguarded Newton iteration on
 *   the tail probability, to full double precision.
 *
 * @example tQuantile(0.975, 9) // 2.262157162740991 (R: qt(0.975, 9))
 */
export function tTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  return incompleteBeta(x, y, df / 2, 0.5);
}

export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  const tail = tTwoSidedP(t, df) / 2;
  return t < 0 ? tail : 1 - tail;
}

/** Upper-tail P(T ≥ t) for t ≥ 0, accurate for small probabilities. */
function upperTail(t: number, df: number): number {
  const t2 = t * t;
  return incompleteBetaDirect(df / (df + t2), t2 / (df + t2), df / 2, 0.5) / 2;
}

/** Density of Student's t: Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2). */
export function tDensity(t: number, df: number): number {
  const logC = -0.5 * Math.log(df) - logBeta(df / 2, 0.5);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

export function tQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || !(df > 0) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p); // target upper-tail probability
  // Bracket the root of upperTail(t) = q on [lo, hi].
  let lo = 0;
  let hi = 1;
  while (upperTail(hi, df) > q) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) break;
  }
  let t = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = upperTail(t, df) - q;
    if (f > 0) lo = t;
    else hi = t;
    let next = t + f / tDensity(t, df); // d(upperTail)/dt = −density
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-16 * Math.max(1, Math.abs(t))) {
      t = next;
      break;
    }
    t = next;
  }
  return p < 0.5 ? -t : t;
}
