import { describe, expect, it } from 'vitest';
import { countSignFlips } from '../../../src/core/pls/sign-flips.js';

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
    const out = countSignFlips(
      { values, width: 4, resamples: 4, failed: 1, seed: 1, threads: 1 },
      [0.6, 0.5, 1],
      [
        { id: 'A', positions: [0, 1] },
        { id: 'B', positions: [2] },
      ],
      1,
    );
    expect(out).toEqual({ resamples: 2, constructs: { A: 2, B: 1 } });
  });
});
