import { tQuantile, tTwoSidedP } from './student-t.js';

export interface TwoSampleTest {
  /** Difference of means, second minus first. */
  readonly estimate: number;
  readonly se: number;
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value. */
  readonly p: number;
  readonly ci: readonly [number, number];
}

/**
 * Welch's two-sample t-test for independent samples with unequal variances (Welch 1947):
 * estimate = ȳ₂ − ȳ₁, SE = √(s₁²/n₁ + s₂²/n₂), t = estimate/SE, Welch–Satterthwaite
 * df = SE⁴ / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)), two-sided p, CI = estimate ±
 * t_{0.975,df}·SE. SDs with divisor n − 1. When SE = 0 or SE < 10·ε·max(|ȳ₁|, |ȳ₂|) (R's "data are
 * essentially constant") t, p and the interval are NaN (undefined). Identical to R's
 * `t.test(second, first)` (var.equal = FALSE, the default).
 *
 * @example welchTTest({n: 8, mean: 4.5, sd: 1.604}, {n: 10, mean: 5.6, sd: 1.265}) // t ≈ 1.55, df
 * ≈ 13.75
 */
export function welchTTest(
  first: { readonly n: number; readonly mean: number; readonly sd: number },
  second: { readonly n: number; readonly mean: number; readonly sd: number },
  options: { readonly confidence?: number } = {},
): TwoSampleTest {
  const v1 = (first.sd * first.sd) / first.n;
  const v2 = (second.sd * second.sd) / second.n;
  const se = Math.sqrt(v1 + v2);
  const estimate = second.mean - first.mean;
  const df = ((v1 + v2) * (v1 + v2)) / ((v1 * v1) / (first.n - 1) + (v2 * v2) / (second.n - 1));
  // Both groups constant (R: "data are essentially constant"): t, p and the interval are undefined.
  if (se === 0 || se < 10 * Number.EPSILON * Math.max(Math.abs(first.mean), Math.abs(second.mean)))
    return { estimate, se, t: Number.NaN, df, p: Number.NaN, ci: [Number.NaN, Number.NaN] };
  const t = estimate / se;
  const half = tQuantile(1 - (1 - (options.confidence ?? 0.95)) / 2, df) * se;
  return { estimate, se, t, df, p: tTwoSidedP(t, df), ci: [estimate - half, estimate + half] };
}
