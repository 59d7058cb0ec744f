/** What a bootstrap will take, estimated before it starts. */
export interface BootstrapBudget {
  /**
   * Bytes the bootstrap holds: the compact rows, the result matrix, and per thread its counts and
   * buffers.
   */
  readonly bytes: number;
  /** Seconds of one thread's work (divide by the threads that run it in parallel). */
  readonly cpuSeconds: number;
}

/**
 * Seconds of one thread per multiply-add of the cross-product kernels and per p² step of a PLS fit,
 * measured with bench/bootstrap.mjs on this project's reference machine (2 cores, node 20). The
 * exact kernel (byte-coded ratings) does one packed multiply-add for four resamples and touches
 * every row; the centred kernel (other data) one per resample for the rows it drew. The ECSI model
 * (n = 250, p = 24) takes ≈ 0.13 ms a resample, the default instrument (n = 500, p = 42,
 * second-order constructs) ≈ 0.31 ms. Rough on purpose: the figure decides whether to warn.
 */
const SECONDS_PER_PACKED_PRODUCT = 1.4e-9;
const SECONDS_PER_PRODUCT = 1.3e-9;
const SECONDS_PER_FIT_STEP = 2e-7;

/**
 * The memory and single-thread time of `resamples` bootstrap resamples of n respondents × p items
 * whose statistics vector has `width` entries (t = p(p+1)/2):
 *   bytes ≈ n·p·(1 or 8) + resamples·width·8 + threads·(48·n + 8·(15·t + 45·p²))
 *     (per thread: the counts of a batch of 12 resamples, 4 bytes each, and the kernel's and the
 *     fits' buffers);
 *   cpu   ≈ resamples · (n·t/4 · 1.4 ns + p² · 0.2 µs)             for byte-coded rows (exact
 * kernel),
 *         ≈ resamples · (0.632·n·t · 1.3 ns + p² · 0.2 µs)          otherwise
 * (0.632 = 1 − 1/e, the share of respondents a resample draws at least once).
 */
export function bootstrapBudget(shape: {
  readonly n: number;
  readonly p: number;
  readonly bytesPerValue: number;
  readonly resamples: number;
  readonly width: number;
  readonly threads: number;
}): BootstrapBudget {
  const { n, p, bytesPerValue, resamples, width, threads } = shape;
  const t = (p * (p + 1)) / 2;
  const perThread = 48 * n + 8 * (15 * t + 45 * p * p);
  const bytes = n * p * bytesPerValue + resamples * width * 8 + threads * perThread;
  const products =
    bytesPerValue === 1
      ? ((n * t) / 4) * SECONDS_PER_PACKED_PRODUCT
      : (1 - Math.exp(-1)) * n * t * SECONDS_PER_PRODUCT;
  const cpuSeconds = resamples * (products + p * p * SECONDS_PER_FIT_STEP);
  return { bytes, cpuSeconds };
}
