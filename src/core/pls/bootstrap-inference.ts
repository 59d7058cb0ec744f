import type { Inference } from '../report/types.js';
import { createDrawKernel, type DrawKernel } from '../stats/draw-kernel.js';
import { normalCdf, normalQuantile } from '../stats/normal-distribution.js';
import { selectQuantiles } from '../stats/select-quantile.js';
import type { PlsFit } from './fit.js';
import { indicatorList, measurementStage, statisticsLayout } from './statistics.js';
import type { BootstrapResult } from './summarize-pls.js';

/**
 * Bootstrap inference as seminr reports it (`parse_boot_array`): SD with divisor B − 1;
 * t = estimate / SD; p = 2·min(share of resamples ≤ 0, share > 0); 95 % percentile interval from
 * R's default (type 7) quantiles. For HTMT the reference value is 1: t = (1 − estimate)/SD and
 * p = 2·min(share < 1, share ≥ 1).
 *
 * With jackknife values, the interval is BCa (Efron 1987; Efron & Tibshirani 1993, §14.3):
 * z₀ = Φ⁻¹(share of resamples below the estimate), acceleration
 * a = Σ(θ̄ − θ₍ᵢ₎)³ / (6·(Σ(θ̄ − θ₍ᵢ₎)²)^{3/2}), and the ends are the type-7 quantiles at
 * Φ(z₀ + (z₀ + z_α)/(1 − a(z₀ + z_α))) for z_α = Φ⁻¹(0.025) and Φ⁻¹(0.975).
 */
export function inference(
  estimate: number,
  samples: ArrayLike<number>,
  reference = 0,
  jackknife?: ArrayLike<number>,
): Inference {
  // The interval's ends reorder a copy (the caller's samples are left as they are).
  return inferenceReordering(estimate, Float64Array.from(samples), reference, jackknife);
}

/** `inference` of draws it may reorder (the caller's own copy, as `columnOf` makes). */
export function inferenceReordering(
  estimate: number,
  samples: Float64Array,
  reference: number,
  jackknife: ArrayLike<number> | undefined,
  kernel: DrawKernel | null = null,
): Inference {
  const b = samples.length;
  // With the kernel, `samples` is the start of its column: the same passes, in WebAssembly.
  let squares: number;
  if (kernel === null) squares = squaredDeviations(samples, sumOf(samples) / b);
  else squares = kernel.moments(b).squares;
  const sd = Math.sqrt(squares / (b - 1));
  const below =
    kernel === null
      ? reference === 0
        ? countAtMost(samples, 0)
        : countBelow(samples, reference)
      : reference === 0
        ? kernel.countAtMost(b, 0)
        : kernel.countBelow(b, reference);
  const p = 2 * Math.min(below / b, (b - below) / b);
  let levels: [number, number] = [0.025, 0.975];
  if (jackknife !== undefined && jackknife.length > 2) {
    const less = kernel === null ? countBelow(samples, estimate) : kernel.countBelow(b, estimate);
    const z0 = normalQuantile(Math.min(1 - 0.5 / b, Math.max(0.5 / b, less / b)));
    const g = jackknife.length;
    let jackMean = 0;
    for (let i = 0; i < g; i++) jackMean += jackknife[i] as number;
    jackMean /= g;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < g; i++) {
      const d = jackMean - (jackknife[i] as number);
      s2 += d * d;
      s3 += d * d * d;
    }
    const a = s2 > 0 ? s3 / (6 * s2 ** 1.5) : 0;
    const adjust = (level: number): number => {
      const z = normalQuantile(level);
      return normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
    };
    levels = [adjust(0.025), adjust(0.975)];
  }
  return {
    sd,
    t: tStatistic(estimate, sd, reference),
    p,
    // After every sum and count over the draws in resample order: the selection reorders them.
    ci: selectQuantiles(samples, levels, kernel?.selection) as [number, number],
  };
}

// The loops of `inference`, each a function of its own: it runs once per statistic, and a loop
// after a hot loop in one function has no type feedback when V8 optimizes the first on the stack.
/** Σ xᵢ, in order. */
export function sumOf(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return s;
}
/** Σ (xᵢ − mean)², in order. */
function squaredDeviations(x: ArrayLike<number>, mean: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += ((x[i] as number) - mean) * ((x[i] as number) - mean);
  return s;
}
/** #{i: xᵢ ≤ v}. */
function countAtMost(x: ArrayLike<number>, v: number): number {
  let k = 0;
  for (let i = 0; i < x.length; i++) if ((x[i] as number) <= v) k++;
  return k;
}
/** #{i: xᵢ < v}. */
function countBelow(x: ArrayLike<number>, v: number): number {
  let k = 0;
  for (let i = 0; i < x.length; i++) if ((x[i] as number) < v) k++;
  return k;
}

/**
 * One statistic across resamples (or jackknife groups), from the statistic-major values: the
 * value of each row, minus the one of statistic `minus` when given (indirect effect = total −
 * direct); rows of failed fits (NaN) skipped. Written into `out` (rows long); the kept values are
 * returned as a view of it.
 */
export function columnOf(
  columns: Float64Array,
  rows: number,
  index: number,
  minus: number,
  out: Float64Array,
  sum: (x: Float64Array) => number,
): Float64Array {
  if (minus < 0) {
    // One copy, then one look for a failed row (NaN): a sum that is a number has none.
    out.set(columns.subarray(index * rows, (index + 1) * rows));
    if (!Number.isNaN(sum(out))) return out;
  }
  let kept = 0;
  for (let b = 0; b < rows; b++) {
    const v = columns[index * rows + b] as number;
    const d = minus < 0 ? 0 : (columns[minus * rows + b] as number);
    if (v === v && d === d) out[kept++] = v - d;
  }
  return kept === rows ? out : out.subarray(0, kept);
}

/** t = estimate / SD, or (reference − estimate) / SD against a reference other than 0 (HTMT). */
export function tStatistic(estimate: number, sd: number, reference: number): number {
  return reference === 0 ? estimate / sd : (reference - estimate) / sd;
}

/** A statistic `summarizePls` infers from its draws alone, and its reference. */
export interface InferenceRequest {
  readonly index: number;
  readonly reference: number;
}

/**
 * The statistics whose inference `summarizePls` takes from their draws alone, with their reference
 * (1 for HTMT, 0 otherwise): every path, loading and weight, every HTMT pair (i < j) and every
 * total effect between constructs joined by a route (an indirect effect without a direct path has
 * the total's draws too). Another thread may compute a share of them (`percentileInferences`).
 */
export function inferenceRequests(fit: PlsFit): InferenceRequest[] {
  const layout = statisticsLayout(fit);
  const s = fit.final.structure;
  const m = s.constructs.length;
  const requests: InferenceRequest[] = [];
  const add = (index: number, reference = 0): void => {
    requests.push({ index, reference });
  };
  s.paths.forEach((_, k) => add(layout.paths + k));
  indicatorList(fit).forEach((_, x) => {
    add(layout.loadings + x);
    add(layout.weights + x);
  });
  const h = measurementStage(fit).structure.constructs.length;
  for (let i = 0; i < h; i++) for (let j = i + 1; j < h; j++) add(layout.htmt + i * h + j, 1);
  const reach = reachability(m, s.paths);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      if (i !== j && (reach[i]?.[j] ?? false)) add(layout.total + i * m + j);
  return requests;
}

/**
 * For each request, what `inference` gives of the statistic's draws that does not depend on the
 * estimate — SD, p and the percentile interval (without jackknife values: BCa's interval depends
 * on the estimate) — as four numbers (sd, p, lower, upper) per request, in order: the same
 * function on the same draws, so the same bits as `summarizePls` computing them itself, which it
 * then does not (`SummarizeOptions.inferences`; t = estimate/SD is its own).
 */
export function percentileInferences(
  boot: BootstrapResult,
  requests: readonly InferenceRequest[],
): Float64Array {
  const { kernel, draws, sum } = drawScratch(boot.resamples);
  const out = new Float64Array(4 * requests.length);
  requests.forEach(({ index, reference }, r) => {
    const samples = columnOf(boot.values, boot.resamples, index, -1, draws, sum);
    const { sd, p, ci } = inferenceReordering(0, samples, reference, undefined, kernel);
    out.set([sd, p, ci[0], ci[1]], 4 * r);
  });
  return out;
}

/**
 * The scratch for one statistic's draws at a time (an inference keeps none of them): the draw
 * kernel's column when WebAssembly runs its passes (`createDrawKernel`), a plain array otherwise;
 * and the sum `columnOf` looks for a failed row (NaN) with, the kernel's when there is one.
 */
export function drawScratch(resamples: number): {
  readonly kernel: DrawKernel | null;
  readonly draws: Float64Array;
  readonly sum: (x: Float64Array) => number;
} {
  const kernel = createDrawKernel(resamples);
  return {
    kernel,
    draws: kernel?.column ?? new Float64Array(resamples),
    sum: kernel === null ? sumOf : (x: Float64Array) => kernel.moments(x.length).sum,
  };
}

/** reach[i][j]: a route of paths leads from construct i to construct j. */
export function reachability(
  m: number,
  paths: ReadonlyArray<readonly [number, number]>,
): boolean[][] {
  const reach = Array.from({ length: m }, () => new Array<boolean>(m).fill(false));
  for (const [a, b] of paths) (reach[a] as boolean[])[b] = true;
  for (let k = 0; k < m; k++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        if ((reach[i] as boolean[])[k] && (reach[k] as boolean[])[j])
          (reach[i] as boolean[])[j] = true;
      }
  return reach;
}
