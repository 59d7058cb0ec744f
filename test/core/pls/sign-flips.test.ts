import { describe, expect, it } from 'vitest';
import { countSignFlips } from '../../../src/core/pls/sign-flips.js';
import { createDrawKernel } from '../../../src/core/stats/draw-kernel.js';
import { createRandom } from '../../../src/core/random/random-source.js';

describe('countSignFlips', () => {
  const signFlips =
    'counts resamples whose weights point against the full-sample ones (hand-made resamples)';
  it(signFlips, () => {
    // One resample a row: [path, wA1, wA2, wB1]; weights start at statistic 1.
    const rows = [
      [0.5, 0.6, 0.5, 1], // same orientation
      [0.4, -0.6, -0.4, 1], // A flipped: Σ w*·w = −0.36 − 0.2 < 0
      [0.3, -0.6, -0.5, -1], // A and B flipped: one resample, two constructs
      [Number.NaN, Number.NaN, Number.NaN, Number.NaN], // a failed resample counts as no flip
    ];
    // The bootstrap's values are statistic-major: statistic k of resample i at k·4 + i.
    const values = Float64Array.from(
      { length: 16 },
      (_, x) => rows[x % 4]?.[Math.floor(x / 4)] ?? 0,
    );
    const boot = { values, width: 4, resamples: 4, failed: 1, seed: 1, threads: 1 };
    const blocks = [
      { id: 'A', positions: [0, 1] },
      { id: 'B', positions: [2] },
    ];
    const expected = { resamples: 2, constructs: { A: 2, B: 1 } };
    expect(countSignFlips(boot, [0.6, 0.5, 1], blocks, 1)).toEqual(expected);
    // The draw kernel's passes (WebAssembly) count the same.
    expect(countSignFlips(boot, [0.6, 0.5, 1], blocks, 1, createDrawKernel(4))).toEqual(expected);
  });

  it('counts the same with the draw kernel on random draws, sums near 0 included', () => {
    // 2 000 resamples of 7 weights in three blocks, values around the full-sample weights with
    // noise wide enough that about a third flip; NaN rows (failed resamples) too.
    const random = createRandom(17);
    const draws = 2_000;
    const weights = [0.4, -0.3, 0.5, 0.2, 0.6, -0.1, 0.3];
    const values = new Float64Array((1 + weights.length) * draws);
    for (let x = 0; x < weights.length; x++)
      for (let row = 0; row < draws; row++)
        values[(1 + x) * draws + row] =
          row % 97 === 0 ? Number.NaN : (weights[x] as number) + 1.2 * (random.next() - 0.5);
    const boot = { values, width: 8, resamples: draws, failed: 21, seed: 17, threads: 1 };
    const blocks = [
      { id: 'A', positions: [0, 1, 2] },
      { id: 'B', positions: [3] },
      { id: 'C', positions: [4, 5, 6] },
    ];
    const plain = countSignFlips(boot, weights, blocks, 1);
    expect(plain.resamples).toBeGreaterThan(100);
    expect(countSignFlips(boot, weights, blocks, 1, createDrawKernel(draws))).toEqual(plain);
  });
});
