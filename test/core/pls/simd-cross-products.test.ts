import { describe, expect, it } from 'vitest';
import {
  createSimdCrossProducts,
  type MissingCells,
} from '../../../src/core/pls/simd-cross-products.js';
import { createRandom } from '../../../src/core/random/random-source.js';

/** A `shifted` table (item j, code c → c − shift[j]; the missing code 255 → 0), as the exact
 * kernel builds it for missing ratings replaced by a fractional mean. */
function shiftTable(shift: readonly number[]): Float64Array {
  return Float64Array.from({ length: shift.length * 256 }, (_, k) =>
    k % 256 === 255 ? 0 : (k % 256) - (shift[Math.floor(k / 256)] as number),
  );
}

/** The missing cells (code 255) of n × p codes, as the exact kernel lists them. */
function missingCells(codes: Uint8Array, n: number, p: number): MissingCells {
  const rows: number[] = [];
  const start = [0];
  const items: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = items.length;
    for (let j = 0; j < p; j++) if (codes[i * p + j] === 255) items.push(j);
    if (items.length > before) {
      rows.push(i);
      start.push(items.length);
    }
  }
  return {
    rows: Int32Array.from(rows),
    start: Int32Array.from(start),
    items: Int32Array.from(items),
  };
}

/**
 * By the definitions, one resample at a time (exact: every term an integer far below 2⁵³), in the
 * layout `sums` writes: P_jl = Σᵢ cᵢ aᵢⱼ aᵢₗ (0 ≤ j ≤ l ≤ p, aᵢₚ = 1) as the upper triangle row by
 * row, then A_kj = Σᵢ cᵢ uᵢₖ aᵢⱼ (p × p) and U_kl = Σᵢ cᵢ uᵢₖ uᵢₗ (p × p), uᵢₖ = 1 for a missing
 * cell (code 255, whose integer part aᵢₖ is 0).
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
  const u = (i: number, j: number): number => (codes[i * p + j] === 255 ? 1 : 0);
  const a = (i: number, j: number): number =>
    j === p ? 1 : u(i, j) === 1 ? 0 : (codes[i * p + j] as number) - (shift[j] as number);
  return Array.from({ length: batch }, (_, b) => {
    const t = (q * (q + 1)) / 2;
    const out = new Float64Array(t + 2 * p * p);
    const c = (i: number): number => counts[i * batch + b] as number;
    let at = 0;
    for (let j = 0; j < q; j++)
      for (let l = j; l < q; l++, at++)
        for (let i = 0; i < n; i++) out[at] = (out[at] as number) + c(i) * a(i, j) * a(i, l);
    for (let k = 0; k < p; k++)
      for (let j = 0; j < p; j++)
        for (let i = 0; i < n; i++) {
          out[t + k * p + j] = (out[t + k * p + j] as number) + c(i) * u(i, k) * a(i, j);
          out[t + p * p + k * p + j] =
            (out[t + p * p + k * p + j] as number) + c(i) * u(i, k) * u(i, j);
        }
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

  // Every block's columns kept in the module (the default) or, with no room for them
  // (residentBytes 0), a block's written again on every call: the same sums either way.
  it.each([
    ['kept', undefined],
    ['written on every call', 0],
  ])('gives the exact sums for any size, range and batch (several blocks %s)', (_, resident) => {
    const random = createRandom(2026);
    for (const [n, p, lo, hi, batch, missing] of [
      [250, 24, 1, 10, 12, 0], // ECSI's shape
      [501, 41, 1, 7, 12, 0.03], // odd columns with the constant, rows not a multiple of 8
      [2100, 5, 0, 254, 5, 0.02], // three blocks of rows, the widest byte range (M = 127)
      [3000, 30, 0, 100, 13, 0.01], // more resamples than one call of the module takes
      [1, 1, 4, 4, 1, 0],
    ] as const) {
      const codes = Uint8Array.from({ length: n * p }, () =>
        random.next() < missing ? 255 : lo + random.int(hi - lo + 1),
      );
      const shift = Array.from({ length: p }, () => Math.round((lo + hi) / 2));
      const m = Math.max(...shift.map((s) => Math.max(s - lo, hi - s)));
      const cells = missing > 0 ? missingCells(codes, n, p) : null;
      const kernel = createSimdCrossProducts(n, p, codes, shiftTable(shift), m, cells, resident);
      expect(kernel).not.toBeNull();
      const counts = new Int32Array(n * batch);
      for (let b = 0; b < batch; b++)
        for (let d = 0; d < n; d++) {
          const at = random.int(n) * batch + b;
          counts[at] = (counts[at] as number) + 1;
        }
      const expected = directSums(codes, shift, n, counts, batch);
      const q = p + 1;
      const t = (q * (q + 1)) / 2;
      const used = t + (cells === null ? 0 : 2 * p * p);
      const per = used + 3; // room after each resample's sums stays untouched
      const into = new Float64Array(batch * per);
      for (let b = 0; b < batch; b++) into.fill(-1, b * per + used, (b + 1) * per);
      expect(kernel?.sums(counts, batch, into, per)).toBe(true);
      for (let b = 0; b < batch; b++) {
        expect(into.subarray(b * per, b * per + used)).toEqual(
          (expected[b] as Float64Array).subarray(0, used),
        );
        expect(Array.from(into.subarray(b * per + used, (b + 1) * per))).toEqual([-1, -1, -1]);
      }
    }
  });

  it('adds the missing terms after every block when a whole resample could pass 2³¹', () => {
    // M = 127, 150 000 respondents drawn 120 times each: 18 000 000 draws · 127 ≥ 2³¹, so the
    // 32-bit sums A and U go to the doubles block by block (147 blocks of 1 024 rows, each block's
    // part below 1 024 · 120 · 127 < 2³¹; 120 is within the blocks' count limit of 130).
    const n = 150_000;
    const p = 2;
    // Value 0 for item 0 and 254 for item 1 (a = ∓127); cell k = 2i + j missing when k ≡ 3 (mod 7).
    const codes = Uint8Array.from({ length: n * p }, (_, k) =>
      k % 7 === 3 ? 255 : k % 2 === 0 ? 0 : 254,
    );
    const cells = missingCells(codes, n, p);
    const kernel = createSimdCrossProducts(n, p, codes, shiftTable([127, 127]), 127, cells);
    expect(kernel?.maxCount).toBe(130); // ⌊(2³¹ − 1) / (1 024 · 127²)⌋
    const counts = new Int32Array(n).fill(120);
    const size = 6 + 2 * p * p;
    const into = new Float64Array(size);
    expect(kernel?.sums(counts, 1, into, size)).toBe(true);
    expect(into).toEqual(directSums(codes, [127, 127], n, counts, 1)[0]);
    // By hand: item 0 is missing where 2i ≡ 3 (mod 7), i.e. i ≡ 5 (mod 7): 21 428 of the
    // 150 000 rows, so U_00 = 120 · 21 428 = 2 571 360.
    expect(into[6 + p * p]).toBe(2_571_360);
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

  it("assembles each resample's covariances from its sums, with the same bits (hand case)", () => {
    // The small case above: resample 0 is a = (1, −1) twice and (−2, 1) once, so by hand
    // var₀ = (1 + 1 + 4)/2 = 3, cov₀₁ = (1·(−2/3)·2 + (−2)·(4/3))/2 = −2, var₁ = (24/9)/2 = 4/3;
    // resample 1 draws one respondent three times: every entry 0.
    const codes = Uint8Array.of(3, 1, 2, 4, 0, 3);
    const kernel = createSimdCrossProducts(3, 2, codes, shiftTable([2, 2]), 2);
    const out = [new Float64Array(4), new Float64Array(4)];
    expect(kernel?.covariances(Int32Array.of(2, 0, 0, 3, 1, 0), 2, out)).toBe(true);
    expect(out.map((x) => Array.from(x))).toEqual([
      [3, -2, -2, 4 / 3],
      [0, 0, 0, 0],
    ]);
  });

  it('assembles the covariances as the exact kernel does from the sums, bit for bit', () => {
    // The exact kernel's assembly: cov_jl = (N·P_jl − P_jp·P_lp) / (N(N − 1)), N = P_pp, from the
    // triangle `sums` writes; here written out from that triangle for several shapes and batches.
    const random = createRandom(20261203);
    for (const [n, p, lo, hi, batch] of [
      [250, 24, 1, 10, 12], // ECSI's shape
      [501, 41, 1, 7, 30], // more resamples than one call of the module takes
      [2100, 5, 0, 254, 5], // three blocks of rows, the widest byte range (M = 127)
      [2, 1, 4, 4, 1], // one item, constant: variance 0
    ] as const) {
      const codes = Uint8Array.from({ length: n * p }, () => lo + random.int(hi - lo + 1));
      const shift = Array.from({ length: p }, () => Math.round((lo + hi) / 2));
      const m = Math.max(...shift.map((s) => Math.max(s - lo, hi - s)));
      const kernel = createSimdCrossProducts(n, p, codes, shiftTable(shift), m);
      const counts = new Int32Array(n * batch);
      for (let b = 0; b < batch; b++)
        for (let d = 0; d < n; d++) {
          const at = random.int(n) * batch + b;
          counts[at] = (counts[at] as number) + 1;
        }
      const q = p + 1;
      const per = (q * (q + 1)) / 2;
      const triangle = new Float64Array(batch * per);
      expect(kernel?.sums(counts, batch, triangle, per)).toBe(true);
      const out = Array.from({ length: batch }, () => new Float64Array(p * p));
      expect(kernel?.covariances(counts, batch, out)).toBe(true);
      for (let b = 0; b < batch; b++) {
        // Entry (j, l) of the triangle: row j starts at j·q − j(j − 1)/2.
        const at = (j: number, l: number): number =>
          triangle[b * per + j * q - (j * (j - 1)) / 2 + (l - j)] as number;
        const size = at(p, p);
        const expected = new Float64Array(p * p);
        for (let j = 0; j < p; j++)
          for (let l = j; l < p; l++) {
            const v = (size * at(j, l) - at(j, p) * at(l, p)) / (size * (size - 1));
            expected[j * p + l] = v;
            expected[l * p + j] = v;
          }
        expect(out[b]).toEqual(expected);
      }
    }
  });

  it('leaves the covariances to the caller with missing cells or too large a count', () => {
    const codes = Uint8Array.of(3, 255, 2, 4);
    const cells = missingCells(codes, 2, 2);
    const withMissing = createSimdCrossProducts(2, 2, codes, shiftTable([2, 2]), 2, cells);
    const out = [new Float64Array(4).fill(7)];
    expect(withMissing?.covariances(Int32Array.of(1, 1), 1, out)).toBe(false);
    const kernel = createSimdCrossProducts(2, 2, Uint8Array.of(3, 1, 2, 4), shiftTable([2, 2]), 2);
    // maxCount is ⌊32 767 / 2⌋ = 16 383 (c·a within 16 bits): one more is declined.
    expect(kernel?.covariances(Int32Array.of(16_384, 0), 1, out)).toBe(false);
    expect(Array.from(out[0] as Float64Array)).toEqual([7, 7, 7, 7]);
  });

  it('is not used for a range beyond 16-bit products (M > 127)', () => {
    expect(createSimdCrossProducts(2, 1, Uint8Array.of(0, 255), shiftTable([0]), 255)).toBeNull();
  });
});
