/** Means and covariance matrix (divisor n − 1) of p indicators. */
export interface Moments {
  readonly n: number;
  readonly means: Float64Array;
  /** p×p, row-major. */
  readonly cov: Float64Array;
}

export type MissingTreatment = 'mean' | 'listwise';

export interface MomentsAccumulator {
  /** One respondent's p values from `values[offset …]`; NaN = missing. */
  add(values: ArrayLike<number>, offset?: number): void;
  moments(): Moments;
  /** Missing values per indicator. */
  readonly missing: Float64Array;
  /** Respondents seen (before listwise deletion). */
  readonly rows: number;
}

/**
 * Streams respondents into the sufficient statistics of the indicators — O(p²) memory whatever the
 * number of respondents.
 *
 * `mean` (mean replacement, as seminr and SmartPLS do by default): a missing value is replaced by
 * its indicator's mean over the respondents who gave it, so it contributes zero deviation:
 *   cov_jk = Σ_{both given} (x_j − m_j)(x_k − m_k) / (n − 1),  m_j over the respondents who gave j,
 * computed in one pass from Σ x_j x_k (missing as 0), Σ x_j per indicator, and per row the sums
 * over
 * its missing entries. `listwise`: respondents with any missing value are left out.
 * Values are shifted by `shift` (the scale midpoints) before summing to keep the sums small.
 */
export function createMomentsAccumulator(
  p: number,
  options: { readonly missing: MissingTreatment; readonly shift?: ArrayLike<number> },
): MomentsAccumulator {
  const shift = Float64Array.from(
    { length: p },
    (_, j) => (options.shift?.[j] as number | undefined) ?? 0,
  );
  const listwise = options.missing === 'listwise';
  const cross = new Float64Array(p * p); // upper triangle used: Σ x_j x_k, missing as 0
  const sum = new Float64Array(p); // Σ x_j over respondents who gave j
  const given = new Float64Array(p); // respondents who gave j
  // [j, k]: Σ x_j over rows where j given and k missing
  const sumWhereMissing = new Float64Array(p * p);
  const bothMissing = new Float64Array(p * p); // [j, k]: rows where j and k are both missing
  const missing = new Float64Array(p);
  const x = new Float64Array(p);
  const gaps: number[] = [];
  let rows = 0;
  let n = 0;

  return {
    missing,
    get rows() {
      return rows;
    },
    add(values, offset = 0) {
      rows++;
      gaps.length = 0;
      for (let j = 0; j < p; j++) {
        const v = values[offset + j] as number;
        if (v !== v) {
          gaps.push(j);
          missing[j] = (missing[j] as number) + 1;
          x[j] = 0;
        } else {
          x[j] = v - (shift[j] as number);
        }
      }
      if (listwise && gaps.length > 0) return;
      n++;
      for (let j = 0; j < p; j++) {
        const xj = x[j] as number;
        if (xj === 0) continue;
        const row = j * p;
        for (let k = j; k < p; k++)
          cross[row + k] = (cross[row + k] as number) + xj * (x[k] as number);
      }
      for (let j = 0; j < p; j++) {
        sum[j] = (sum[j] as number) + (x[j] as number);
      }
      for (const k of gaps) {
        for (let j = 0; j < p; j++)
          sumWhereMissing[j * p + k] = (sumWhereMissing[j * p + k] as number) + (x[j] as number);
        for (const l of gaps) bothMissing[k * p + l] = (bothMissing[k * p + l] as number) + 1;
      }
      for (let j = 0; j < p; j++) given[j] = (given[j] as number) + 1;
      for (const k of gaps) given[k] = (given[k] as number) - 1;
    },
    moments() {
      const means = new Float64Array(p);
      const m = new Float64Array(p);
      for (let j = 0; j < p; j++) {
        m[j] = (given[j] as number) > 0 ? (sum[j] as number) / (given[j] as number) : 0;
        means[j] = (m[j] as number) + (shift[j] as number);
      }
      const cov = new Float64Array(p * p);
      for (let j = 0; j < p; j++) {
        for (let k = j; k < p; k++) {
          const both =
            n -
            (n - (given[j] as number)) -
            (n - (given[k] as number)) +
            (j === k ? n - (given[j] as number) : (bothMissing[j * p + k] as number));
          // Σ x_j where both given
          const sj = (sum[j] as number) - (sumWhereMissing[j * p + k] as number);
          const sk = (sum[k] as number) - (sumWhereMissing[k * p + j] as number);
          const mj = m[j] as number;
          const mk = m[k] as number;
          const value =
            ((cross[j * p + k] as number) - mk * sj - mj * sk + both * mj * mk) / (n - 1);
          cov[j * p + k] = value;
          cov[k * p + j] = value;
        }
      }
      return { n, means, cov };
    },
  };
}

/** The standard deviations `correlation` divides by (kept: it runs once per resample). */
let sdScratch = new Float64Array(0);

/**
 * The correlation matrix of a covariance matrix (into `out` when given); null when an indicator has
 * no variance.
 */
export function correlation(
  cov: ArrayLike<number>,
  p: number,
  out?: Float64Array,
): Float64Array | null {
  if (sdScratch.length < p) sdScratch = new Float64Array(p);
  const sd = sdScratch;
  for (let j = 0; j < p; j++) {
    const v = cov[j * p + j] as number;
    if (!(v > 0)) return null;
    sd[j] = Math.sqrt(v);
  }
  const r = out ?? new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++)
      r[j * p + k] =
        j === k ? 1 : (cov[j * p + k] as number) / ((sd[j] as number) * (sd[k] as number));
  }
  return r;
}
