import { describe, expect, it } from 'vitest';
import { createRandom, xoshiro128StarStar } from '../../../src/core/random/random-source.js';

describe('xoshiro128** (known answers)', () => {
  // Expected values: the C program test/reference/random/xoshiro128ss.c, written from Blackman &
  // Vigna's specification with uint32_t arithmetic; its output is kept beside it
  // (test/reference/random/xoshiro128ss.out).
  const take = (next: () => number, k: number): number[] => Array.from({ length: k }, next);
  it('from state (1, 2, 3, 4): the first 8 outputs, and 4 more after skipping 1000', () => {
    const next = xoshiro128StarStar(Uint32Array.of(1, 2, 3, 4));
    expect(take(next, 8)).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849,
    ]);
    take(next, 1000);
    expect(take(next, 4)).toEqual([5814518, 199196162, 4268991271, 4252643609]);
  });
  it('from a state with every high bit in use', () => {
    const next = xoshiro128StarStar(Uint32Array.of(0x9e3779b9, 0x243f6a88, 0xb7e15162, 0xdeadbeef));
    expect(take(next, 8)).toEqual([
      2463954730, 5524658, 74256371, 1905451993, 3123413897, 314453775, 1263677054, 1531511215,
    ]);
  });
});

describe('createRandom', () => {
  const sameSeed =
    'gives the same numbers for the same seed and stream, other numbers for another stream';
  it(sameSeed, () => {
    const a = createRandom(42, 3);
    const b = createRandom(42, 3);
    const c = createRandom(42, 4);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      // next() is a 32-bit output divided by 2³², so x · 2³² is an integer (hand arithmetic).
      expect(Number.isInteger(x * 2 ** 32)).toBe(true);
    }
  });
});

describe('ints (bulk draws)', () => {
  it('gives the integers as many calls of int(n) give, leaving the source where they would', () => {
    // The law of `ints`: the same stream, consumed in one loop instead of calls.
    for (const n of [1, 7, 250, 5_800_000, 2 ** 31]) {
      const one = createRandom(9, 4);
      const bulk = createRandom(9, 4);
      const expected = Array.from({ length: 1000 }, () => one.int(n));
      const out = new Uint32Array(1000);
      bulk.ints(n, out.subarray(0, 600));
      bulk.ints(n, out.subarray(600));
      expect(Array.from(out)).toEqual(expected);
      expect(bulk.next()).toBe(one.next());
    }
  });
});
