import { describe, expect, it } from 'vitest';
import { createResampleCounter } from '../../../src/core/pls/resample-counts.js';
import { createRandom } from '../../../src/core/random/random-source.js';

/** The counts as the bootstrap drew them before: one int(n) call per draw, tallied at once. */
function directCounts(n: number, size: number, stream: (b: number) => number): Int32Array {
  const counts = new Int32Array(n * size);
  for (let b = 0; b < size; b++) {
    const random = createRandom(5, stream(b));
    for (let d = 0; d < n; d++) {
      const at = random.int(n) * size + b;
      counts[at] = (counts[at] as number) + 1;
    }
  }
  return counts;
}

/**
 * The counts of `size` resamples drawn one after another from the one source createRandom(seed)
 * (the SRMR test's way), one int(n) call per draw; and the source, where those draws leave it.
 */
function sequentialCounts(seed: number, n: number, size: number) {
  const random = createRandom(seed);
  const counts = new Int32Array(n * size);
  for (let b = 0; b < size; b++)
    for (let d = 0; d < n; d++) {
      const at = random.int(n) * size + b;
      counts[at] = (counts[at] as number) + 1;
    }
  return { counts, after: random };
}

/** The first index where two count arrays differ, or −1 (toEqual is slow on millions). */
function firstDifference(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('createResampleCounter', () => {
  it('tallies the draws of each resample in its column (small n: direct increments)', () => {
    const counts = new Int32Array(3 * 2);
    // Hand-made sources: resample 0 draws 2, 2, 0; resample 1 draws 1, 1, 1.
    const fixed = (values: number[]) => ({
      next: () => 0,
      int: () => 0,
      normal: () => 0,
      ints: (_n: number, out: Uint32Array) => out.set(values.slice(0, out.length)),
    });
    createResampleCounter(3).draw([fixed([2, 2, 0]), fixed([1, 1, 1])], counts);
    // counts[i·2 + b]: respondent 0 → (1, 0), 1 → (0, 3), 2 → (2, 0).
    expect(Array.from(counts)).toEqual([1, 0, 0, 3, 2, 0]);
  });

  it('gives the same counts as drawing one at a time, whether it groups the draws or not', () => {
    // 250 × 12 counts fit in the cache (direct); 30 000 × 12 and 400 000 × 3 do not (grouped:
    // 400 000 × 3 = 1.2 M places, more than one range and, with 12 resamples of 400 000, more
    // draws than the scratch holds, so it is emptied part-way through a resample).
    for (const [n, size] of [
      [250, 12],
      [30_000, 12],
      [400_000, 3],
      [400_000, 12],
    ] as const) {
      const counts = new Int32Array(n * size);
      const sources = Array.from({ length: size }, (_, b) => createRandom(5, 100 + b));
      createResampleCounter(n).draw(sources, counts);
      expect(
        firstDifference(
          counts,
          directCounts(n, size, (b) => 100 + b),
        ),
      ).toBe(-1);
      // Every resample has n draws (hand arithmetic: a column sums to n).
      for (let b = 0; b < size; b++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += counts[i * size + b] as number;
        expect(sum).toBe(n);
      }
    }
  });

  it('serves resamples one after another from one source (the SRMR test), in order', () => {
    const n = 40_000;
    const size = 12;
    const one = createRandom(3);
    const counts = new Int32Array(n * size);
    createResampleCounter(n).draw(
      Array.from({ length: size }, () => one),
      counts,
    );
    const expected = sequentialCounts(3, n, size);
    expect(firstDifference(counts, expected.counts)).toBe(-1);
    expect(one.next()).toBe(expected.after.next());
  });

  const compiledDraws =
    'the compiled draws (counts in its memory) give the same counts and leave the sources ' +
    'where int(n) would';
  it(compiledDraws, () => {
    // Sizes whose counts fit in the cache (the compiled draws run there), n = 1 (every draw 0)
    // and n = 4 999 (⌊(u/2³²)·n⌋ near every edge), each from fresh streams and from one source
    // serving every resample (the SRMR test).
    for (const [n, size] of [
      [250, 12],
      [1, 3],
      [4_999, 12],
      [5_000, 1],
    ] as const) {
      const counter = createResampleCounter(n);
      const counts = counter.counts(n * size);
      counter.draw(
        Array.from({ length: size }, (_, b) => createRandom(5, 100 + b)),
        counts,
      );
      expect(
        firstDifference(
          counts,
          directCounts(n, size, (b) => 100 + b),
        ),
      ).toBe(-1);
      const one = createRandom(9);
      const shared = counter.counts(n * size);
      counter.draw(
        Array.from({ length: size }, () => one),
        shared,
      );
      const expected = sequentialCounts(9, n, size);
      expect(firstDifference(shared, expected.counts)).toBe(-1);
      expect(one.next()).toBe(expected.after.next());
    }
  });

  it("draws sources without state words the JavaScript way into the counter's counts", () => {
    const counter = createResampleCounter(3);
    const counts = counter.counts(3);
    const fixed = {
      next: () => 0,
      int: () => 0,
      normal: () => 0,
      ints: (_n: number, out: Uint32Array) => out.set([2, 2, 0]),
    };
    counter.draw([fixed], counts);
    expect(Array.from(counts)).toEqual([1, 0, 2]);
  });
});
