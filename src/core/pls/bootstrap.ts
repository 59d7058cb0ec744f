import type { RandomSource } from '../random/random-source.js';
import type { CompactRows } from './compact-rows.js';
import { hotRecord } from './hot-record.js';
import { correlation } from './moments.js';
import { createResampleMoments, RESAMPLE_BATCH, type ResampleMoments } from './resample-moments.js';
import { createFitBuffers, fitPls, type PlsFit } from './fit.js';
import type { PlsModel } from './model.js';
import { createResampleCounter, type ResampleCounter } from './resample-counts.js';
import { plsStatistics, type StatisticsLayout, statisticsLayout } from './statistics.js';
import type { CompiledStatistics } from './compiled-estimate.js';
import { type PlsOptions, precompileEstimate } from './estimate.js';

/**
 * The respondents a bootstrap resamples: n × p item values (missing values already replaced),
 * compactly.
 */
export type BootstrapData = CompactRows;

export interface BootstrapChunk {
  readonly from: number;
  /**
   * The chunk's statistics, statistic-major (width × count: statistic k of resample from + b at
   * k·count + b); NaN for every statistic of a failed resample.
   */
  readonly values: Float64Array;
  readonly width: number;
  readonly failed: number;
}

/**
 * Statistic k of `row` at k·stride + at of `into` (a statistic-major matrix's column `at`); NaN
 * throughout when `row` is null.
 */
export function scatterRow(
  into: Float64Array,
  stride: number,
  at: number,
  row: Float64Array | null,
  width: number,
): void {
  for (let k = 0; k < width; k++)
    into[k * stride + at] = row === null ? Number.NaN : (row[k] as number);
}

/**
 * Options that start a re-estimate (resample, jackknife) from the full-sample weights of each
 * stage.
 */
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

/**
 * Bootstrap resamples `from` … `to − 1` of a PLS path model (Efron & Tibshirani 1993; as seminr's
 * `bootstrap_model`, which resamples respondents with replacement and re-estimates everything).
 *
 * Resample i draws its n respondents from its own stream `streamFor(i)` (servqual passes
 * createRandom(seed, i)), so each resample is the same whichever thread runs it and however the
 * range is split: the output is bit-identical for any number of threads.
 *
 * A resample needs only its item correlation matrix, which follows from the resample counts cᵢ:
 * cov = (n·Σcᵢxᵢxᵢᵀ − Σcᵢxᵢ·Σcᵢxᵢᵀ)/(n(n − 1)) over the rows drawn, computed `RESAMPLE_BATCH`
 * resamples per pass over the compact rows (`createResampleMoments`: exact integer sums for
 * ratings, centred floating-point sums otherwise; either way the bits do not depend on the
 * batching). The fit starts from the full-sample weights, so it converges in a few iterations.
 * A resample whose estimate fails (an item constant in the resample, a singular regression) is
 * counted in `failed` and left out of the summaries. `kernel` lets a thread that runs many
 * ranges keep one (it holds the centred data's lookup tables and the batch buffers). With `into`,
 * each resample's statistics are written straight into the run's matrix (as every thread of a run
 * does) and the chunk returned carries no values: the same numbers in the same places.
 */
export function bootstrapPls(
  data: BootstrapData,
  model: PlsModel,
  full: PlsFit,
  range: { readonly from: number; readonly to: number },
  streamFor: (resample: number) => RandomSource,
  options: PlsOptions = {},
  kernel?: ResampleMoments,
  into?: BootstrapMatrix,
): BootstrapChunk {
  const { n, p } = data;
  const layout = statisticsLayout(full);
  const width = layout.length;
  const count = Math.max(0, range.to - range.from);
  // Rows go to the run's matrix (at its resample numbers) or to the chunk's own (from 0).
  const values = into?.values ?? new Float64Array(count * width);
  const stride = into?.resamples ?? count;
  const offset = into === undefined ? 0 : range.from;
  const moments = kernel ?? createResampleMoments(data);
  const batch = Math.min(RESAMPLE_BATCH, Math.max(1, count));
  const { counts, counter, covs, correlations, row } = workspaceOf(moments, n, p, batch, width);
  const statisticsOf = resampleStatistics(model, full, warmStart(full, options), layout, row);
  let failed = 0;
  for (let first = 0; first < count; first += batch) {
    const size = Math.min(batch, count - first);
    counts.fill(0, 0, n * size);
    const sources = Array.from({ length: size }, (_, b) => streamFor(range.from + first + b));
    counter.draw(sources, counts);
    moments.covariances(counts, size, covs);
    for (let b = 0; b < size; b++) {
      const statistics = statisticsOf(covs[b] as Float64Array, correlations);
      if (statistics === null) failed++;
      scatterRow(values, stride, offset + first + b, statistics, width);
    }
  }
  return {
    from: range.from,
    values: into === undefined ? values : new Float64Array(0),
    width,
    failed,
  };
}

/**
 * A resample's statistics (`plsStatistics`) from its covariance matrix, or null when it fails:
 * `correlation`, `fitPls` from the warm start and `plsStatistics` (into `row`), or — for a
 * single-stage model whose estimates run compiled, not consistent — the same steps compiled
 * (`CompiledStatistics`, the same bits). `correlations` is the p × p buffer the JavaScript writes R
 * into.
 */
function resampleStatistics(
  model: PlsModel,
  full: PlsFit,
  warm: PlsOptions,
  layout: StatisticsLayout,
  row: Float64Array,
): (cov: Float64Array, correlations: Float64Array) => Float64Array | null {
  const compiled = compiledStatisticsOf(full, warm);
  if (compiled !== null && compiled.width === layout.length) {
    const { initialWeights } = warm;
    const tolerance = warm.tolerance ?? 1e-7;
    const maxIterations = warm.maxIterations ?? 300;
    return (cov) => compiled.run(cov, initialWeights, tolerance, maxIterations);
  }
  const p = model.items.length;
  const buffers = createFitBuffers(model);
  return (cov, correlations) => {
    const r = correlation(cov, p, correlations);
    const fit = r === null ? null : fitPls(r, model, warm, buffers);
    // Zeroed first: a statistic the vector leaves unwritten is 0, as in a fresh vector.
    return fit === null ? null : plsStatistics(fit, layout, row.fill(0));
  };
}

/**
 * The compiled statistics of a fit's resamples (`CompiledStatistics`, built on first call): for a
 * single-stage model whose estimates run compiled (path weighting, Mode A), not consistent; null
 * otherwise, when resamples take the JavaScript route. A run calls it before its bootstrap's jobs
 * go to a worker, which then adopts the module instead of building it.
 */
export function compiledStatisticsOf(full: PlsFit, options: PlsOptions): CompiledStatistics | null {
  return full.stage1 === null && options.consistent !== true
    ? (precompileEstimate(full.final.structure, options)?.resampleStatistics() ?? null)
    : null;
}

/**
 * The statistic-major matrix of a whole bootstrap (width × `resamples`: statistic k of resample i
 * at k·resamples + i), which `bootstrapPls` may write its rows into directly.
 */
export interface BootstrapMatrix {
  readonly values: Float64Array;
  readonly resamples: number;
}

/** A thread's buffers for drawing and summing resamples of a kernel's rows (see `workspaceOf`). */
interface Workspace {
  readonly counts: Int32Array;
  readonly counter: ResampleCounter;
  readonly covs: readonly Float64Array[];
  readonly correlations: Float64Array;
  /** One resample's statistics, before they are scattered into the chunk. */
  readonly row: Float64Array;
}
const workspaces = new WeakMap<ResampleMoments, Workspace>();

/**
 * The counts (n × batch), the draws' counter and the covariance buffers of a kernel's rows, kept
 * with the kernel: a thread that claims chunk after chunk reuses them instead of allocating n ×
 * batch counts for every chunk (at millions of respondents, hundreds of megabytes that the
 * system must zero and map each time). Grown when a larger batch asks.
 */
function workspaceOf(
  kernel: ResampleMoments,
  n: number,
  p: number,
  batch: number,
  width: number,
): Workspace {
  const kept = workspaces.get(kernel);
  if (
    kept !== undefined &&
    kept.counts.length >= n * batch &&
    kept.covs.length >= batch &&
    kept.row.length === width
  )
    return kept;
  const counter = kept?.counter ?? createResampleCounter(n);
  const workspace = hotRecord(WorkspaceRecord, {
    counts: counter.counts(n * batch),
    counter,
    covs: Array.from({ length: batch }, () => new Float64Array(p * p)),
    correlations: new Float64Array(p * p),
    row: new Float64Array(width),
  });
  workspaces.set(kernel, workspace);
  return workspace;
}
/** The shape of workspaces (`hotRecord`: a run builds one per kernel). */
class WorkspaceRecord {}
