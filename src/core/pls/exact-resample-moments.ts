import type { CompactRows } from './compact-rows.js';
import type { ResampleMoments } from './resample-moments.js';

/** Largest number of resamples packed into one double (see `createExactResampleMoments`). */
export const MAX_PACKED = 4;

/** The packing an exact kernel uses: `fields` resamples per double, each `bits` wide. */
export interface ExactPacking {
  /** Integer shift per item (the midpoint of its range, rounded). */
  readonly shift: Float64Array;
  /** Bits per packed field. */
  readonly bits: number;
  /** Resamples per double (1 … MAX_PACKED). */
  readonly fields: number;
  /** Whether n · S_jk − S_j · S_k stays below 2⁵³ (else the covariance divides in two steps). */
  readonly exactNumerator: boolean;
}

/**
 * Whether the rows' values are all integers small enough for exact sums, and the packing to use;
 * null otherwise (non-integer values, e.g. a missing rating replaced by a fractional item mean, or
 * sums that could reach 2⁵³).
 *
 * With dᵢⱼ = xᵢⱼ − sⱼ (sⱼ an integer near the middle of item j's range, |dᵢⱼ| ≤ M) and counts
 * Σcᵢ = n, every sum Σᵢ cᵢ dᵢⱼ dᵢₖ, every partial sum of it, Σᵢ cᵢ dᵢⱼ and n itself are integers of
 * magnitude at most B = n · max(M², M, 1). A field of k bits holds a signed integer of magnitude
 * below 2^(k−2) with room to unpack by rounding, so k = ⌊log₂ B⌋ + 3; F fields fit one double while
 * F · k ≤ 54 (the packed value stays below 2⁵³, every intermediate sum is an exact integer).
 */
export function exactPacking(rows: CompactRows): ExactPacking | null {
  const { n, p, codes, decode } = rows;
  if (codes === null || decode === null || n < 2) return null;
  const seen = new Uint8Array(p * 256);
  for (let i = 0, at = 0; i < n; i++)
    for (let j = 0; j < p; j++, at++) seen[j * 256 + (codes[at] as number)] = 1;
  const shift = new Float64Array(p);
  let m = 0;
  for (let j = 0; j < p; j++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < 256; c++) {
      if (seen[j * 256 + c] === 0) continue;
      const v = decode[j * 256 + c] as number;
      if (!Number.isInteger(v)) return null;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const s = Math.round((lo + hi) / 2);
    shift[j] = s;
    m = Math.max(m, s - lo, hi - s);
  }
  const bound = n * Math.max(m * m, m, 1);
  const bits = Math.floor(Math.log2(bound)) + 3;
  if (bits > 54) return null;
  const fields = Math.max(1, Math.min(MAX_PACKED, Math.floor(54 / bits)));
  // n · S_jk and S_j · S_k are at most n² M² each; their difference is exact below 2⁵³.
  const exactNumerator = 2 * n * bound < 2 ** 53;
  return { shift, bits, fields, exactNumerator };
}

/**
 * Resample covariances of integer ratings in exact integer arithmetic, several resamples per
 * multiply-add.
 *
 * For resample b with counts cᵢ (Σcᵢ = n) and dᵢⱼ = xᵢⱼ − sⱼ (integer shift sⱼ, see `exactPacking`),
 * the sums S_jk = Σᵢ cᵢ dᵢⱼ dᵢₖ and S_j = Σᵢ cᵢ dᵢⱼ are integers below 2⁵³, so their double sums are
 * exact whatever the order of summation. F resamples share one accumulator: their counts are packed
 * as C = c⁽⁰⁾ + c⁽¹⁾·2ᵏ + … + c⁽ᶠ⁻¹⁾·2^((F−1)k), and Σᵢ Cᵢ dᵢⱼ dᵢₖ = Σ_b S⁽ᵇ⁾_jk · 2^(bk); the fields
 * are unpacked exactly afterwards (top field by rounding, then the remainder). The row's values are
 * extended by a constant 1, so the same loop yields S_j (and n, as a check).
 *
 * The covariance (divisor n − 1; Efron & Tibshirani 1993 §6) is then
 *   cov_jk = (n · S_jk − S_j · S_k) / (n · (n − 1)),
 * the numerator an exact integer (when 2n²M² < 2⁵³, checked) and the division one correctly rounded
 * IEEE operation: the exact covariance of the resample, rounded once — independent of the shift, the
 * packing, the batch and the thread. (Beyond that bound: (S_jk − S_j · S_k / n) / (n − 1), still
 * from exact sums and so still independent of order.)
 */
export function createExactResampleMoments(
  rows: CompactRows,
  packing: ExactPacking,
): ResampleMoments {
  const { n, p, codes, decode } = rows;
  const cs = codes as Uint8Array;
  const table = decode as Float64Array;
  const { shift, bits, fields, exactNumerator } = packing;
  const q = p + 1;
  const t = (q * (q + 1)) / 2;
  // Shifted value of each code of each item (integers).
  const shifted = Float64Array.from(
    { length: p * 256 },
    (_, k) => (table[k] as number) - (shift[(k / 256) | 0] as number),
  );
  const scale = Float64Array.from({ length: MAX_PACKED }, (_, f) => 2 ** (f * bits));
  let sums = new Float64Array(0);
  // Four rows at a time (d0 … d3: their shifted values, then 1), so each accumulator entry is
  // loaded and stored once per four rows.
  const d0 = new Float64Array(q);
  const d1 = new Float64Array(q);
  const d2 = new Float64Array(q);
  const d3 = new Float64Array(q);
  const rowsOf = [d0, d1, d2, d3];
  const field = new Float64Array(MAX_PACKED * t);

  /** Packed count of resamples from … from + size − 1 for row i (0 beyond the last row). */
  const packedCount = (
    counts: Int32Array,
    batch: number,
    i: number,
    from: number,
    size: number,
  ): number => {
    if (i >= n) return 0;
    let c = 0;
    const base = i * batch + from;
    for (let f = 0; f < size; f++) c += (counts[base + f] as number) * (scale[f] as number);
    return c;
  };

  return {
    covariances(counts, batch, out) {
      const groups = Math.ceil(batch / fields);
      if (groups * t > sums.length) sums = new Float64Array(groups * t);
      const y = sums;
      y.fill(0, 0, groups * t);
      for (let i = 0; i < n; i += 4) {
        for (let r = 0; r < 4; r++) {
          const dr = rowsOf[r] as Float64Array;
          const row = (i + r) * p;
          if (i + r < n)
            for (let j = 0; j < p; j++)
              dr[j] = shifted[j * 256 + (cs[row + j] as number)] as number;
          else dr.fill(0, 0, p);
          dr[p] = 1;
        }
        for (let g = 0; g < groups; g++) {
          const from = g * fields;
          const size = Math.min(batch, from + fields) - from;
          const c0 = packedCount(counts, batch, i, from, size);
          const c1 = packedCount(counts, batch, i + 1, from, size);
          const c2 = packedCount(counts, batch, i + 2, from, size);
          const c3 = packedCount(counts, batch, i + 3, from, size);
          if (c0 === 0 && c1 === 0 && c2 === 0 && c3 === 0) continue;
          let at = g * t;
          for (let j = 0; j < q; j++) {
            const e0 = c0 * (d0[j] as number);
            const e1 = c1 * (d1[j] as number);
            const e2 = c2 * (d2[j] as number);
            const e3 = c3 * (d3[j] as number);
            if (e0 === 0 && e1 === 0 && e2 === 0 && e3 === 0) {
              at += q - j;
              continue;
            }
            for (let l = j; l < q; l++, at++)
              y[at] =
                (y[at] as number) +
                (e0 * (d0[l] as number) +
                  e1 * (d1[l] as number) +
                  (e2 * (d2[l] as number) + e3 * (d3[l] as number)));
          }
        }
      }
      for (let g = 0; g < groups; g++) {
        const from = g * fields;
        const size = Math.min(batch, from + fields) - from;
        // Unpack: field f of every sum into field[f · t …], exactly (integers below 2⁵³).
        for (let at = 0; at < t; at++) {
          let rest = y[g * t + at] as number;
          for (let f = size - 1; f > 0; f--) {
            const s = scale[f] as number;
            const v = Math.round(rest / s);
            field[f * t + at] = v;
            rest -= v * s;
          }
          field[at] = rest;
        }
        for (let f = 0; f < size; f++) {
          const cov = out[from + f] as Float64Array;
          const o = f * t;
          // Row j of the (p + 1)-triangle starts at j·q − j(j−1)/2; its last entry is S_j.
          const rowStart = (j: number): number => o + j * q - (j * (j - 1)) / 2;
          for (let j = 0; j < p; j++) {
            const rj = rowStart(j);
            const sj = field[rj + (q - 1 - j)] as number;
            for (let l = j; l < p; l++) {
              const sl = field[rowStart(l) + (q - 1 - l)] as number;
              const sjl = field[rj + (l - j)] as number;
              const v = exactNumerator
                ? (n * sjl - sj * sl) / (n * (n - 1))
                : (sjl - (sj * sl) / n) / (n - 1);
              cov[j * p + l] = v;
              cov[l * p + j] = v;
            }
          }
        }
      }
    },
  };
}
