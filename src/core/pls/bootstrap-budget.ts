import { counterScratchBytes, groupsDraws } from './resample-counts.js';
import { residentColumnBytes } from './simd-cross-products.js';
import { RESAMPLE_BATCH } from './resample-moments.js';

/** What a bootstrap will take, estimated before it starts. */
export interface BootstrapBudget {
  /**
   * Bytes the bootstrap holds: the compact rows, the result matrix, and per thread its counts and
   * buffers.
   */
  readonly bytes: number;
  /** Seconds of one thread's work. */
  readonly cpuSeconds: number;
  /** Seconds on `threads` threads: cpuSeconds / (1 + 0.25·(threads − 1)). */
  readonly seconds: number;
}

/**
 * Seconds of one thread per respondent and item pair of the cross-product kernels, per respondent
 * drawn, and per p² step of a PLS fit, measured with bench/kernel.mjs-style runs on this
 * project's reference machine (2 vCPUs, node 20; 2026-12-02). The exact kernel's vector sums
 * (byte-coded ratings where the runtime has WebAssembly SIMD, as Node 20 has) take ≈ 0.09 ns a
 * respondent·pair at 200 000 to 1 000 000 respondents with 2 % missing ratings; its scalar packing
 * (one packed multiply-add for four resamples) ≈ 0.35 ns; the centred kernel (other data)
 * ≈ 1.3 ns for each respondent a resample draws. Drawing a respondent (a random number and a
 * count; `createResampleCounter`) ≈ 5 ns while a batch's counts fit in 256 KiB, 13–21 ns at
 * 200 000 – 1 000 000 respondents and 34 ns at 5 800 000 (the counts of a batch far beyond the
 * caches). PLSpredict's 100 folds are 100 resamples' kernel work. Rough on purpose: the figure
 * decides whether to warn.
 */
const SECONDS_PER_VECTOR_PRODUCT = 0.09e-9;
const SECONDS_PER_PACKED_PRODUCT = 1.4e-9;
const SECONDS_PER_PRODUCT = 1.3e-9;
const SECONDS_PER_FIT_STEP = 2e-7;
/** A respondent's share of a MICOM permutation besides the kernel (see `micomSeconds`). */
const SECONDS_PER_PERMUTED_RESPONDENT = 8e-8;
/** Seconds per respondent drawn, by the bytes of a batch's counts (48 a respondent). */
function secondsPerDraw(n: number): number {
  if (!groupsDraws(n, RESAMPLE_BATCH)) return 6e-9;
  return n <= 1_000_000 ? 2e-8 : 3.5e-8;
}
/**
 * Seconds of one resample's (or group's) cross-products of n respondents, t item pairs: the exact
 * kernel n·t · 0.09 ns with vector sums, n·t/4 · 1.4 ns packed; the centred kernel `visited`·t ·
 * 1.3 ns (it goes over the respondents with a count only).
 */
function crossProductSeconds(
  n: number,
  t: number,
  exact: boolean,
  vector: boolean,
  visited: number,
): number {
  if (!exact) return visited * t * SECONDS_PER_PRODUCT;
  return vector ? n * t * SECONDS_PER_VECTOR_PRODUCT : ((n * t) / 4) * SECONDS_PER_PACKED_PRODUCT;
}

/**
 * What each thread beyond the first adds: two threads ran 1.2–1.3 × as fast as one on the
 * reference machine's two vCPUs (hyper-thread siblings, as CI's), ≈ 1.9 × on separate cores. The
 * estimate takes the reference machine's 1.25 ×: too long on separate cores rather than too short
 * where it is measured (a 1 GB file's run took longer than even that).
 */
const EXTRA_THREAD_SPEEDUP = 0.25;

/**
 * The memory and time of `resamples` bootstrap resamples of n respondents × p items whose
 * statistics vector has `width` entries (t = p(p+1)/2), with the main run's checks beside them
 * (`srmrResamples` more resamples for the SRMR test, and PLSpredict's 100 folds when `predict`):
 *   bytes ≈ n·p·(1 or 8) + resamples·width·8
 *           + threads·(48·n + draws + 8·(15·t + 45·p²) + columns)
 *     (per thread: the counts of a batch of 12 resamples, 4 bytes each, the draws' scratch —
 *     4·n bytes, or 8·min(12·n, 2²²) when the counts exceed 256 KiB —, the kernel's and the
 *     fits' buffers, and with the vector sums the 16-bit columns their module keeps,
 *     `residentColumnBytes`: 2·n·(p + 1, even) bytes up to 64 MiB);
 *   cpu   ≈ (resamples + srmrResamples) · (kernel + n · draw + p² · 0.2 µs)
 *           + (predict ? 100 · kernel : 0),
 *     kernel = n·t · 0.09 ns             byte-coded rows, vector sums,
 *            = n·t/4 · 1.4 ns            byte-coded rows, no vector sums,
 *            = 0.632·n·t · 1.3 ns        otherwise
 *     (0.632 = 1 − 1/e, the share of respondents a resample draws at least once),
 *     draw = 6 ns (48·n ≤ 256 KiB), 20 ns (n ≤ 1 000 000), 35 ns beyond;
 *   seconds = cpu / (1 + 0.25·(threads − 1)).
 */
export function bootstrapBudget(shape: {
  readonly n: number;
  readonly p: number;
  readonly bytesPerValue: number;
  readonly resamples: number;
  readonly width: number;
  readonly threads: number;
  /** Whether the exact kernel's vector sums run (`vectorSumsAvailable`). */
  readonly vector: boolean;
  readonly srmrResamples?: number;
  readonly predict?: boolean;
}): BootstrapBudget {
  const { n, p, bytesPerValue, resamples, width, threads, vector } = shape;
  const t = (p * (p + 1)) / 2;
  const perThread =
    48 * n +
    counterScratchBytes(n, RESAMPLE_BATCH) +
    8 * (15 * t + 45 * p * p) +
    (vector && bytesPerValue === 1 ? residentColumnBytes(n, p) : 0);
  const bytes = n * p * bytesPerValue + resamples * width * 8 + threads * perThread;
  // The centred kernel skips the respondents a resample does not draw (1/e of them).
  const products = crossProductSeconds(n, t, bytesPerValue === 1, vector, (1 - Math.exp(-1)) * n);
  const perResample = products + n * secondsPerDraw(n) + p * p * SECONDS_PER_FIT_STEP;
  const predict = shape.predict === true ? 100 * products : 0;
  const cpuSeconds = (resamples + (shape.srmrResamples ?? 0)) * perResample + predict;
  const seconds = cpuSeconds / (1 + EXTRA_THREAD_SPEEDUP * (threads - 1));
  return { bytes, cpuSeconds, seconds };
}

/**
 * Seconds of one thread for MICOM's permutations (`micom`) of n pooled respondents × p items: each
 * permutation sums group 1's cross-products (the labels as 0/1 counts; with exact sums group 2's
 * are everyone's minus group 1's, else a second resample), fits the model in each group, and goes
 * over every respondent a few times more (shuffling the labels, writing them as counts, the
 * step-3 scores, the missing ratings' cells):
 *   cpu ≈ permutations · (kernel + n · 80 ns + 2 · p² · 0.2 µs),
 *     kernel = n·t · 0.09 ns         exact kernel, vector sums,
 *            = (n·t/4) · 1.4 ns      exact kernel, scalar packing,
 *            = n·t · 1.3 ns          centred kernel (each respondent counted once, in its group),
 *   with t = p(p + 1)/2 and the per-product figures of `bootstrapBudget`. The exact kernel runs
 * when both segments keep byte codes (`exact`). Measured: 1 000 permutations of 200 000
 * respondents × 42 items with 2 % of the ratings missing ≈ 33 s (a 41 s PLS-MGA run; the
 * estimate: 16 + 16 + 1 s).
 */
export function micomSeconds(shape: {
  readonly n: number;
  readonly p: number;
  readonly permutations: number;
  readonly exact: boolean;
  /** Whether the exact kernel's vector sums run (`vectorSumsAvailable`). */
  readonly vector: boolean;
}): number {
  const { n, p, permutations, exact, vector } = shape;
  const t = (p * (p + 1)) / 2;
  // The centred kernel counts each respondent once, in its group.
  const kernel = crossProductSeconds(n, t, exact, vector, n);
  return (
    permutations * (kernel + n * SECONDS_PER_PERMUTED_RESPONDENT + 2 * p * p * SECONDS_PER_FIT_STEP)
  );
}
