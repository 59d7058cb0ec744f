import type { RandomSource } from '../random/random-source.js';
import { correlation } from './moments.js';
import { fitPls, type PlsFit } from './fit.js';
import type { PlsModel } from './model.js';
import { plsStatistics, statisticsLayout } from './statistics.js';
import type { PlsOptions } from './estimate.js';

export interface BootstrapData {
  /** n × p respondents' item values (missing values already replaced), row-major. */
  readonly rows: Float64Array;
  readonly n: number;
  readonly p: number;
}

export interface BootstrapChunk {
  readonly from: number;
  /** One statistics vector per resample, resample-major; NaN rows for failed resamples. */
  readonly values: Float64Array;
  readonly width: number;
  readonly failed: number;
}

/**
 * Bootstrap resamples `from` … `to − 1` of a PLS path model (Efron & Tibshirani 1993; as seminr's
 * `bootstrap_model`, which resamples respondents with replacement and re-estimates everything).
 *
 * Resample i draws its n respondents from its own stream `streamFor(i)` (servqual passes
 * createRandom(seed, i)), so each resample is the same whichever thread runs it and however the
 * range is split: the output is bit-identical for any number of threads.
 *
 * A resample needs only its item correlation matrix, which follows from the resample counts cᵢ:
 * mean = Σcᵢxᵢ/n, cov = (Σcᵢxᵢxᵢᵀ − n·mean·meanᵀ)/(n − 1) over the rows drawn (data centred on the
 * full-sample means first). Each respondent's products xᵢxᵢᵀ (upper triangle) are computed once, so a
 * resample's cross-products are one weighted sum of contiguous rows. The fit starts from the full-sample weights, so it converges in a few
 * iterations. A resample whose estimate fails (an item constant in the resample, a singular
 * regression) is counted in `failed` and left out of the summaries.
 */
/** Options that start a re-estimate (resample, jackknife) from the full-sample weights of each stage. */
export function warmStart(
  full: PlsFit,
  options: PlsOptions,
): PlsOptions & { stage1Weights?: ArrayLike<number> } {
  return {
    ...options,
    initialWeights: full.final.estimate.weights,
    ...(full.stage1 === null ? {} : { stage1Weights: full.stage1.estimate.weights }),
  };
}

/** y[0 … t) += c · x[start … start + t), unrolled by four (the bootstrap's innermost loop). */
function axpy(y: Float64Array, x: Float64Array, start: number, t: number, c: number): void {
  let k = 0;
  for (; k + 3 < t; k += 4) {
    y[k] = (y[k] as number) + c * (x[start + k] as number);
    y[k + 1] = (y[k + 1] as number) + c * (x[start + k + 1] as number);
    y[k + 2] = (y[k + 2] as number) + c * (x[start + k + 2] as number);
    y[k + 3] = (y[k + 3] as number) + c * (x[start + k + 3] as number);
  }
  for (; k < t; k++) y[k] = (y[k] as number) + c * (x[start + k] as number);
}

export function bootstrapPls(
  data: BootstrapData,
  model: PlsModel,
  full: PlsFit,
  range: { readonly from: number; readonly to: number },
  streamFor: (resample: number) => RandomSource,
  options: PlsOptions = {},
): BootstrapChunk {
  const { rows, n, p } = data;
  const layout = statisticsLayout(full);
  const count = Math.max(0, range.to - range.from);
  const values = new Float64Array(count * layout.length);
  const centre = new Float64Array(p);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) centre[j] = (centre[j] as number) + (rows[i * p + j] as number) / n;
  const centred = new Float64Array(n * p);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++)
      centred[i * p + j] = (rows[i * p + j] as number) - (centre[j] as number);
  const t = (p * (p + 1)) / 2;
  const products = new Float64Array(n * t);
  for (let i = 0; i < n; i++) {
    let at = i * t;
    for (let j = 0; j < p; j++)
      for (let k = j; k < p; k++)
        products[at++] = (centred[i * p + j] as number) * (centred[i * p + k] as number);
  }
  const counts = new Int32Array(n);
  const cross = new Float64Array(t);
  const mean = new Float64Array(p);
  const cov = new Float64Array(p * p);
  const correlations = new Float64Array(p * p);
  const warm = warmStart(full, options);
  let failed = 0;
  for (let b = 0; b < count; b++) {
    const random = streamFor(range.from + b);
    counts.fill(0);
    for (let d = 0; d < n; d++) {
      const i = random.int(n);
      counts[i] = (counts[i] as number) + 1;
    }
    cross.fill(0);
    mean.fill(0);
    for (let i = 0; i < n; i++) {
      const c = counts[i] as number;
      if (c === 0) continue;
      const row = i * p;
      for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) + c * (centred[row + j] as number);
      axpy(cross, products, i * t, t, c);
    }
    for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) / n;
    let at = 0;
    for (let j = 0; j < p; j++) {
      for (let k = j; k < p; k++) {
        const v =
          ((cross[at++] as number) - n * (mean[j] as number) * (mean[k] as number)) / (n - 1);
        cov[j * p + k] = v;
        cov[k * p + j] = v;
      }
    }
    const r = correlation(cov, p, correlations);
    const fit = r === null ? null : fitPls(r, model, warm);
    const stats = fit === null ? null : plsStatistics(fit, layout);
    if (stats === null || stats.length !== layout.length) {
      failed++;
      values.fill(Number.NaN, b * layout.length, (b + 1) * layout.length);
    } else {
      values.set(stats, b * layout.length);
    }
  }
  return { from: range.from, values, width: layout.length, failed };
}
