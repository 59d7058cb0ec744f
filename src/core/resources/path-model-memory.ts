/**
 * Peak memory, in bytes, of estimating the path model with a bootstrap, from the size of the data
 * alone — so that a run that would not fit is refused with figures *before* it starts (exit 2)
 * rather than crashing after minutes. Kept as one small function so that the bootstrap's owner can
 * update it when its memory changes; it should stay an upper estimate.
 *
 * Terms, for n respondents, p items, T threads, B resamples and w statistics per resample:
 * - the kept rows, n·p doubles, grown by doubling (old and new copy at once: 3·n·p·8 at worst);
 * - each thread (the main one and T − 1 workers): its copy of the rows (workers receive a copy),
 *   the centred rows (n·p doubles), each respondent's cross-products (n·p(p+1)/2 doubles) and the
 *   resample counts (n 32-bit integers);
 * - the results, B·w doubles (w ≤ p² + p: loadings, weights and paths are fewer than that).
 * With B = 0 only the rows kept for nothing are counted (none are kept: 0 beyond the moments).
 */
export function pathModelMemory(run: {
  readonly n: number;
  readonly p: number;
  readonly resamples: number;
  readonly threads: number;
}): number {
  const { n, p, resamples } = run;
  if (resamples === 0) return p * p * 8 * 4;
  const threads = Math.max(1, run.threads);
  const rows = 3 * n * p * 8;
  const perThread = n * p * 8 + n * ((p * (p + 1)) / 2) * 8 + n * 4;
  const workerCopies = (threads - 1) * n * p * 8;
  const results = resamples * (p * p + p) * 8;
  return rows + threads * perThread + workerCopies + results;
}
