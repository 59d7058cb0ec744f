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
  /** Intercept first, then one per regressor, in order. */
  readonly coefficients: readonly OlsCoefficient[];
  readonly n: number;
  /** Residual degrees of freedom n − p (p counts the intercept). */
  readonly df: number;
  /** Residual standard error σ̂ = √(RSS / (n − p)). */
  readonly sigma: number;
  readonly rSquared: number;
}

/**
 * The sufficient statistics of a regression with an intercept: X'X (p × p, row-major), X'y, y'y, n.
 */
export interface CrossProducts {
  readonly xtx: ArrayLike<number>;
  readonly xty: ArrayLike<number>;
  readonly yty: number;
  readonly n: number;
}

/**
 * Ordinary least squares with an intercept, as R's `summary(lm(y ~ x1 + … + xk))`, from the
 * cross-products of X = [1, x₁ … x_k] (n × p, p = k + 1) — so a regression can be accumulated one
 * respondent at a time in O(p²) memory:
 *
 *   β̂ = (X'X)⁻¹X'y,  RSS = y'y − β̂'X'y,  σ̂² = RSS / (n − p),  SE(β̂ⱼ) = √(σ̂² [(X'X)⁻¹]ⱼⱼ),
 *   t = β̂ⱼ / SE, p = 2·P(T_{n−p} ≥ |t|),  R² = 1 − RSS / (y'y − n·ȳ²), ȳ = (X'y)₀ / n.
 *
 * Null when X'X is singular (a constant or collinear regressor: R's `lm` would report NA) or when
 * n ≤ p. Reference: Greene, Econometric Analysis (8th ed.), §3–4. (With ratings on small scales the
 * subtraction in RSS loses no more than a few digits of 16; the tests hold R's values to 1e-8.)
 */
export function olsFromCrossProducts(c: CrossProducts): OlsFit | null {
  const p = c.xty.length;
  const n = c.n;
  if (n <= p) return null;
  const inverse = invert(c.xtx, p);
  if (inverse === null) return null;
  const beta = new Float64Array(p);
  let explained = 0;
  for (let a = 0; a < p; a++) {
    let s = 0;
    for (let b = 0; b < p; b++) s += (inverse[a * p + b] as number) * (c.xty[b] as number);
    beta[a] = s;
    explained += s * (c.xty[a] as number);
  }
  const mean = (c.xty[0] as number) / n;
  const rss = Math.max(0, c.yty - explained);
  const tss = c.yty - n * mean * mean;
  const df = n - p;
  const sigma2 = rss / df;
  const coefficients = [...beta].map((estimate, a) => {
    const se = Math.sqrt(sigma2 * (inverse[a * p + a] as number));
    const t = estimate / se;
    return { estimate, se, t, p: tTwoSidedP(t, df) };
  });
  return { coefficients, n, df, sigma: Math.sqrt(sigma2), rSquared: 1 - rss / tss };
}

/**
 * `olsFromCrossProducts` for data in memory: `y` and the regressor columns (`columns[j][i]` is
 * regressor j of observation i); the intercept is added.
 *
 * @example ols([1, 3, 5, 7], [[0, 1, 2, 3]]) // intercept 1, slope 2
 */
export function ols(
  y: ArrayLike<number>,
  columns: ReadonlyArray<ArrayLike<number>>,
): OlsFit | null {
  const n = y.length;
  const p = columns.length + 1;
  const at = (j: number, i: number): number => (j === 0 ? 1 : (columns[j - 1]?.[i] as number));
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  let yty = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    yty += yi * yi;
    for (let a = 0; a < p; a++) {
      const xa = at(a, i);
      if (xa === 0) continue;
      xty[a] = (xty[a] as number) + xa * yi;
      for (let b = a; b < p; b++) xtx[a * p + b] = (xtx[a * p + b] as number) + xa * at(b, i);
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtx[a * p + b] = xtx[b * p + a] as number;
  return olsFromCrossProducts({ xtx, xty, yty, n });
}
