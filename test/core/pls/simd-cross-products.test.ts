import { describe, expect, it } from 'vitest';
import { createSimdCrossProducts } from '../../../src/core/pls/simd-cross-products.js';
import { createRandom } from '../../../src/core/random/random-source.js';

/** A `shifted` table (item j, code c → c − shift[j]), as the exact kernel builds it. */
function shiftTable(shift: readonly number[]): Float64Array {
  return Float64Array.from({ length: shift.length * 256 }, (_, k) => {
    return (k % 256) - (shift[Math.floor(k / 256)] as number);
  });
}

/**
 * P_jl = Σᵢ cᵢ aᵢⱼ aᵢₗ (0 ≤ j ≤ l ≤ p, aᵢₚ = 1) by the definition, one resample at a time, in
 * the triangle layout `sums` writes: exact, every term an integer far below 2⁵³.
 */
function directSums(
  codes: Uint8Array,
  shift: readonly number[],
  n: number,
  counts: Int32Array,
  batch: number,
): Float64Array[] {
  const p = shift.length;
  const q = p + 1;
  const a = (i: number, j: number): number =>
    j === p ? 1 : (codes[i * p + j] as number) - (shift[j] as number);
  return Array.from({ length: batch }, (_, b) => {
    const out = new Float64Array((q * (q + 1)) / 2);
    let at = 0;
    for (let j = 0; j < q; j++)
      for (let l = j; l < q; l++, at++)
        for (let i = 0; i < n; i++)
          out[at] = (out[at] as number) + (counts[i * batch + b] as number) * a(i, j) * a(i, l);
    return out;
  });
}

describe('vector cross-product sums (WebAssembly SIMD)', () => {
  it('works out a small case by hand', () => {
    // Three respondents, two items, shift 2: a = (1, −1), (0, 2), (−2, 1); then the constant 1.
    const codes = Uint8Array.of(3, 1, 2, 4, 0, 3);
    const kernel = createSimdCrossProducts(3, 2, codes, shiftTable([2, 2]), 2);
    expect(kernel).not.toBeNull();
    // Resample 0 draws respondent 1 twice and 3 once; resample 1 draws respondent 2 three times.
    const counts = Int32Array.of(2, 0, 0, 3, 1, 0);
    const per = 6; // the 3 × 3 upper triangle: P00 P01 P02 P11 P12 P22
    const into = new Float64Array(2 * per);
    expect(kernel?.sums(counts, 2, into, per)).toBe(true);
    // Resample 0: P00 = 2·1 + 1·4 = 6, P01 = 2·(−1) + 1·(−2) = −4, P02 = 2·1 + 1·(−2) = 0,
    // P11 = 2·1 + 1·1 = 3, P12 = 2·(−1) + 1·1 = −1, P22 = 2 + 1 = 3 draws.
    // Resample 1: P00 = 0, P01 = 0, P02 = 0, P11 = 3·4 = 12, P12 = 3·2 = 6, P22 = 3.
    expect(Array.from(into)).toEqual([6, -4, 0, 3, -1, 3, 0, 0, 0, 12, 6, 3]);
  });

  it('gives the exact sums for any size, range and batch (several blocks, odd widths)', () => {
    const random = createRandom(2026);
    for (const [n, p, lo, hi, batch] of [
      [250, 24, 1, 10, 12], // ECSI's shape
      [501, 41, 1, 7, 12], // an odd number of columns with the constant, rows not a multiple of 8
      [2100, 5, 0, 254, 5], // three blocks of rows, the widest byte range (M = 127)
      [3000, 30, 0, 100, 13], // more resamples than one call of the module takes
      [1, 1, 4, 4, 1],
    ] as const) {
      const codes = Uint8Array.from({ length: n * p }, () => lo + random.int(hi - lo + 1));
      const shift = Array.from({ length: p }, () => Math.round((lo + hi) / 2));
      const m = Math.max(...shift.map((s) => Math.max(s - lo, hi - s)));
      const kernel = createSimdCrossProducts(n, p, codes, shiftTable(shift), m);
      expect(kernel).not.toBeNull();
      const counts = new Int32Array(n * batch);
      for (let b = 0; b < batch; b++)
        for (let d = 0; d < n; d++) {
          const at = random.int(n) * batch + b;
          counts[at] = (counts[at] as number) + 1;
        }
      const q = p + 1;
      const per = (q * (q + 1)) / 2 + 3; // room after each triangle stays untouched
      const into = new Float64Array(batch * per).fill(-1);
      expect(kernel?.sums(counts, batch, into, per)).toBe(true);
      const expected = directSums(codes, shift, n, counts, batch);
      for (let b = 0; b < batch; b++) {
        expect(into.subarray(b * per, b * per + per - 3)).toEqual(expected[b]);
        expect(Array.from(into.subarray(b * per + per - 3, (b + 1) * per))).toEqual([-1, -1, -1]);
      }
    }
  });

  it('declines counts whose products could leave 16 bits, writing nothing', () => {
    // M = 127: c·a must stay within ±32 767, so at most 258 draws of one respondent (and
    // R·c·M² < 2³¹ for blocks of R = 8 rows allows more); 259 is declined.
    const codes = Uint8Array.of(0, 254, 127, 127, 127, 127, 127, 127);
    const kernel = createSimdCrossProducts(8, 1, codes, shiftTable([127]), 127);
    expect(kernel?.maxCount).toBe(258);
    const into = new Float64Array(3).fill(7);
    const counts = Int32Array.of(259, 0, 0, 0, 0, 0, 0, 0);
    expect(kernel?.sums(counts, 1, into, 3)).toBe(false);
    expect(Array.from(into)).toEqual([7, 7, 7]);
    counts[0] = 258;
    expect(kernel?.sums(counts, 1, into, 3)).toBe(true);
    // 258 draws of a = −127: P00 = 258·127² = 4 161 282, P01 = −258·127 = −32 766, P11 = 258.
    expect(Array.from(into)).toEqual([4161282, -32766, 258]);
  });

  it('is not used for a range beyond 16-bit products (M > 127)', () => {
    expect(createSimdCrossProducts(2, 1, Uint8Array.of(0, 255), shiftTable([0]), 255)).toBeNull();
  });
});
