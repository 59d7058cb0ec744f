import { logGamma } from './log-gamma.js';

/**
 * Standard normal distribution: `normalCdf(z)` = Φ(z) and `normalUpperTail(z)` = 1 − Φ(z),
 * each accurate in its own tail (no 1 − p cancellation).
 *
 * Φ(z) = ½·erfc(−z/√2), and erfc(x) = Q(½, x²) for x ≥ 0, with Q the regularized upper incomplete
 * gamma function, evaluated by its power series when x² < 1.5 and by its continued fraction
 * (modified Lentz) otherwise. Relative accuracy ≈ 1e-15.
 *
 * References: Abramowitz & Stegun (1964) 7.1.2, 6.5.29, 6.5.31; R's `pnorm`.
 *
 * @example normalUpperTail(1.959963984540054) // 0.025 (R: pnorm(qnorm(0.975), lower.tail = FALSE))
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return z >= 0 ? 1 - normalUpperTail(z) : normalUpperTail(-z);
}

/**
 * Standard normal quantile Φ⁻¹(p), R's `qnorm(p)`: the root of Φ(z) = p by Newton's method on the
 * tail probability (the density is φ(z) = e^(−z²/2)/√(2π)), started from a logistic approximation
 * and safeguarded by bisection; accurate to ≈1e-14.
 *
 * @example normalQuantile(0.975) // 1.959963984540054 (R: qnorm(0.975))
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p); // solve upper tail Q(z) = q for z > 0
  let lo = 0;
  let hi = 40;
  let z = Math.min(38, Math.max(0.1, -Math.log(q / (1 - q)) / 1.702));
  for (let i = 0; i < 100; i++) {
    const f = normalUpperTail(z) - q;
    if (f > 0) lo = z;
    else hi = z;
    const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    let next = z + f / density;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - z) <= 1e-15 * Math.max(1, z)) {
      z = next;
      break;
    }
    z = next;
  }
  return p < 0.5 ? -z : z;
}

export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return 1 - normalUpperTail(-z);
  return 0.5 * upperRegularizedGamma(0.5, (z * z) / 2);
}

/** Q(a, x) = Γ(a, x)/Γ(a), the regularized upper incomplete gamma function, a > 0, x ≥ 0. */
export function upperRegularizedGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - lowerSeries(a, x);
  return upperContinuedFraction(a, x);
}

const EPS = 1e-16;
const TINY = 1e-300;

function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}
