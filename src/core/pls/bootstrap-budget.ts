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
 * Seconds of one thread per respondent and item pair of the cross-product kernels, and per p² step
 * of a PLS fit, measured with bench/kernel.mjs-style runs on this project's reference machine
 * (2 vCPUs, node 20; 2026-12-02). The exact kernel's vector sums (byte-coded ratings where the
 * runtime has WebAssembly SIMD, as Node 20 has) take ≈ 0.09 ns a respondent·pair at 200 000 to
 * 1 000 000 respondents with 2 % missing ratings; its scalar packing (one packed multiply-add for
 * four resamples) ≈ 0.35 ns; the centred kernel (other data) ≈ 1.3 ns for each respondent a
 * resample draws. Rough on purpose: the figure decides whether to warn.
 */
const SECONDS_PER_VECTOR_PRODUCT = 0.09e-9;
const SECONDS_PER_PACKED_PRODUCT = 1.4e-9;
const SECONDS_PER_PRODUCT = 1.3e-9;
const SECONDS_PER_FIT_STEP = 2e-7;

/**
 * The memory and single-thread time of `resamples` bootstrap resamples of n respondents × p items
 * whose statistics vector has `width` entries (t = p(p+1)/2):
 *   bytes ≈ n·p·(1 or 8) + resamples·width·8 + threads·(48·n + 8·(15·t + 45·p²))
 *     (per thread: the counts of a batch of 12 resamples, 4 bytes each, and the kernel's and the
 *     fits' buffers);
 *   cpu   ≈ resamples · (n·t · 0.09 ns + p² · 0.2 µs)         byte-coded rows, vector sums,
 *         ≈ resamples · (n·t/4 · 1.4 ns + p² · 0.2 µs)        byte-coded rows, no vector sums,
 *         ≈ resamples · (0.632·n·t · 1.3 ns + p² · 0.2 µs)    otherwise
 * (0.632 = 1 − 1/e, the share of respondents a resample draws at least once).
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
}): BootstrapBudget {
  const { n, p, bytesPerValue, resamples, width, threads, vector } = shape;
  const t = (p * (p + 1)) / 2;
  const perThread = 48 * n + 8 * (15 * t + 45 * p * p);
  const bytes = n * p * bytesPerValue + resamples * width * 8 + threads * perThread;
  const products =
    bytesPerValue !== 1
      ? (1 - Math.exp(-1)) * n * t * SECONDS_PER_PRODUCT
      : vector
        ? n * t * SECONDS_PER_VECTOR_PRODUCT
        : ((n * t) / 4) * SECONDS_PER_PACKED_PRODUCT;
  const cpuSeconds = resamples * (products + p * p * SECONDS_PER_FIT_STEP);
  return { bytes, cpuSeconds };
}
