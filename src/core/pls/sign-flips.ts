import type { DrawKernel } from '../stats/draw-kernel.js';
import type { BootstrapResult } from './summarize-pls.js';

/**
 * Sign flips in the bootstrap (sign indeterminacy of PLS composites; Hair et al. 2017 §5.4): a
 * resample flips construct j when its outer weights point the other way from the full-sample ones,
 * Σ_k w*_k·w_k < 0 over the block. servqual starts every resample from the full-sample weights,
 * which
 * keeps almost every resample on the full sample's orientation; seminr starts from unit weights, so
 * small groups
 * flip more often there (e.g. 12 of 2 000 resamples in one segment), which widens its intervals and
 * moves PLS-MGA p. Flipped resamples are counted, not corrected (no individual sign-change).
 *
 * `weights`: full-sample outer weights in statistics-vector order; `blocks`: for each construct,
 * its positions among them; `offset`: the index of the first weight among the statistics;
 * `kernel`: the summaries' draw kernel, which then runs the passes (WebAssembly; the same counts).
 */
export function countSignFlips(
  boot: BootstrapResult,
  weights: ArrayLike<number>,
  blocks: ReadonlyArray<{ readonly id: string; readonly positions: readonly number[] }>,
  offset: number,
  kernel: DrawKernel | null = null,
): { readonly resamples: number; readonly constructs: Record<string, number> } {
  const constructs: Record<string, number> = {};
  const draws = boot.resamples;
  // Each block's Σ w*_k·w_k for every resample at once, term after term (the same order for each
  // resample as one at a time), along the statistic-major rows; with the kernel, the same passes
  // in WebAssembly, each weight's draws copied into its column first.
  const column = (x: number): Float64Array =>
    boot.values.subarray((offset + x) * draws, (offset + x + 1) * draws);
  if (kernel !== null) {
    kernel.clearFlags();
    for (const b of blocks) {
      kernel.clearDots();
      for (const x of b.positions) {
        kernel.column.set(column(x));
        kernel.accumulate(draws, weights[x] as number);
      }
      constructs[b.id] = kernel.markNegative(draws);
    }
    return { resamples: kernel.countFlagged(draws), constructs };
  }
  const dots = new Float64Array(draws);
  const flipped = new Uint8Array(draws);
  for (const b of blocks) {
    dots.fill(0);
    for (const x of b.positions) addScaled(dots, column(x), weights[x] as number);
    let count = 0;
    for (let row = 0; row < draws; row++)
      if ((dots[row] as number) < 0) {
        count++;
        flipped[row] = 1;
      }
    constructs[b.id] = count;
  }
  let resamples = 0;
  for (let row = 0; row < draws; row++) resamples += flipped[row] as number;
  return { resamples, constructs };
}

/** dots[i] += values[i]·w for each i. */
function addScaled(dots: Float64Array, values: Float64Array, w: number): void {
  for (let i = 0; i < dots.length; i++) dots[i] = (dots[i] as number) + (values[i] as number) * w;
}
