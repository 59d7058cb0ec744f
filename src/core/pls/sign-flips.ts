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
 * its positions among them; `offset`: the index of the first weight among the statistics.
 */
export function countSignFlips(
  boot: BootstrapResult,
  weights: ArrayLike<number>,
  blocks: ReadonlyArray<{ readonly id: string; readonly positions: readonly number[] }>,
  offset: number,
): { readonly resamples: number; readonly constructs: Record<string, number> } {
  const constructs: Record<string, number> = {};
  for (const b of blocks) constructs[b.id] = 0;
  let resamples = 0;
  const draws = boot.resamples;
  for (let row = 0; row < draws; row++) {
    let any = false;
    for (const b of blocks) {
      let dot = 0;
      // Statistic offset + x of resample `row` (statistic-major values, `BootstrapResult`).
      for (const x of b.positions)
        dot += (boot.values[(offset + x) * draws + row] as number) * (weights[x] as number);
      if (dot < 0) {
        constructs[b.id] = (constructs[b.id] as number) + 1;
        any = true;
      }
    }
    if (any) resamples++;
  }
  return { resamples, constructs };
}
