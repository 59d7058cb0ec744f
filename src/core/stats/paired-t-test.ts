import { tQuantile, tTwoSidedP } from './student-t.js';

export interface PairedTTest {
  readonly n: number;
  /** Mean difference d̄ (performance − baseline). */
  readonly mean: number;
  /** SD of the differences, divisor n − 1. */
  readonly sd: number;
  /** Standard error s_d / √n. */
  readonly se: number;
  /** Confidence interval for the mean difference. */
  readonly ci: readonly [number, number];
  /**
   * t = d̄ / (s_d/√n); NaN (undefined) when the differences are constant (s_d = 0), as R refuses
   * them.
   */
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value. */
  readonly p: number;
}

/**
 * Paired (one-sample on differences) Student t-test, from the summary of the differences.
 *
 * d̄ = Σdᵢ/n, s_d = √(Σ(dᵢ − d̄)²/(n − 1)), SE = s_d/√n, t = d̄/SE, df = n − 1,
 * p = 2·P(T_df ≥ |t|) (two-sided), CI = d̄ ± t_{1−α/2, df}·SE.
 *
 * Constant differences (SE = 0, or SE < 10·ε·|d̄| as R's `t.test` tests it) make t, p and the
 * interval undefined: they are NaN (null in JSON), so the row is never counted significant.
 *
 * `n` may be a non-integer effective sample size (Kish's n_eff for weighted data, see `Tally`);
 * the test needs df = n − 1 > 0.
 *
 * Reference: Student (1908), Biometrika 6(1); R's `t.test(x, y, paired = TRUE)` gives the same
 * statistic, df, p-value and `conf.int` (tested to 1e-9).
 *
 * @example pairedTTest({ n: 5, mean: -0.8, sd: 0.8366600265340756 }) // t = −2.138090, p = 0.09942
 * (R)
 */
export function pairedTTest(
  summary: { readonly n: number; readonly mean: number; readonly sd: number },
  options: { readonly confidence?: number } = {},
): PairedTTest {
  const { n, mean, sd } = summary;
  const confidence = options.confidence ?? 0.95;
  const df = n - 1;
  const se = sd / Math.sqrt(n);
  if (!(n > 1)) {
    return {
      n,
      mean,
      sd: Number.NaN,
      se: Number.NaN,
      ci: [Number.NaN, Number.NaN],
      t: Number.NaN,
      df,
      p: Number.NaN,
    };
  }
  // Constant differences (R: "data are essentially constant", when SE < 10·ε·|d̄|; or SE = 0):
  // t, p and the interval are undefined (NaN, null in JSON), never significant.
  if (se === 0 || se < 10 * Number.EPSILON * Math.abs(mean)) {
    return { n, mean, sd, se, ci: [Number.NaN, Number.NaN], t: Number.NaN, df, p: Number.NaN };
  }
  const t = mean / se;
  const p = tTwoSidedP(t, df);
  const half = tQuantile(1 - (1 - confidence) / 2, df) * se;
  return { n, mean, sd, se, ci: [mean - half, mean + half], t, df, p };
}
