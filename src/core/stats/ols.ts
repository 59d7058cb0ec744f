import { invert } from '../linear/solve.js';
import { tTwoSidedP } from './student-t.js';

export interface OlsCoefficient {
  readonly estimate: number;
  readonly se: number;
  readonly t: number;
  /** Two-sided p from Student's t with n − p degrees of freedom. */
  readonly p: number;
}

export interface OlsFit {
  /** Intercept first, then one per column of X, in order. */
  readonly coefficients: readonly OlsCoefficient[];
  readonly n: number;
  /** Residual degrees of freedom n − p (p counts the intercept). */
  readonly df: number;
  /** Residual standard error σ̂ = √(RSS / (n − p)). */
  readonly sigma: number;
  readonly rSquared: number;
}

/**
 * Ordinary least squares with an intercept, as R's `summary(lm(y ~ x1 + … + xk))`:
 *
 *   β̂ = (X'X)⁻¹X'y with X = [1, x₁ … x_k] (n × p, p = k + 1),
 *   σ̂² = Σ(yᵢ − ŷᵢ)² / (n − p),  SE(β̂ⱼ) = √(σ̂² [(X'X)⁻¹]ⱼⱼ),
 *   t = β̂ⱼ / SE, p = 2·P(T_{n−p} ≥ |t|),  R² = 1 − RSS/Σ(yᵢ − ȳ)².
 *
 * Null when X'X is singular (a column constant or collinear: R's `lm` would report NA) or when
 * n ≤ p (no residual degrees of freedom). Reference: Greene, Econometric Analysis (8th ed.), §4.
 * `columns[j][i]` is regressor j of observation i.
 *
 * @example ols([1, 2, 4], [[0, 1, 1]]) // intercept 1, slope 2
 */
export function ols(
  y: ArrayLike<number>,
  columns: ReadonlyArray<ArrayLike<number>>,
): OlsFit | null {
  const n = y.length;
  const p = columns.length + 1;
  if (n <= p) return null;
  const at = (j: number, i: number): number => (j === 0 ? 1 : (columns[j - 1]?.[i] as number));
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    for (let a = 0; a < p; a++) {
      const xa = at(a, i);
      if (xa === 0) continue;
      xty[a] = (xty[a] as number) + xa * yi;
      for (let b = a; b < p; b++) xtx[a * p + b] = (xtx[a * p + b] as number) + xa * at(b, i);
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtx[a * p + b] = xtx[b * p + a] as number;
  const inverse = invert(xtx, p);
  if (inverse === null) return null;
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let s = 0;
    for (let b = 0; b < p; b++) s += (inverse[a * p + b] as number) * (xty[b] as number);
    beta[a] = s;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] as number;
  mean /= n;
  let rss = 0;
  let tss = 0;
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let a = 0; a < p; a++) fitted += (beta[a] as number) * at(a, i);
    const r = (y[i] as number) - fitted;
    rss += r * r;
    tss += ((y[i] as number) - mean) ** 2;
  }
  const df = n - p;
  const sigma2 = rss / df;
  const coefficients = [...beta].map((estimate, a) => {
    const se = Math.sqrt(sigma2 * (inverse[a * p + a] as number));
    const t = estimate / se;
    return { estimate, se, t, p: tTwoSidedP(t, df) };
  });
  return { coefficients, n, df, sigma: Math.sqrt(sigma2), rSquared: 1 - rss / tss };
}
