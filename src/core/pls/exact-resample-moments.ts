import { MISSING_CODE, type CompactRows } from './compact-rows.js';
import { hotRecord } from './hot-record.js';
import type { ResampleMoments } from './resample-moments.js';
import { createSimdCrossProducts } from './simd-cross-products.js';

/** Largest number of resamples packed into one double (see `createExactResampleMoments`). */
export const MAX_PACKED = 4;

/** The packing an exact kernel uses: `fields` resamples per double, each `bits` wide. */
export interface ExactPacking {
  /** Integer shift per item (the midpoint of its range, rounded). */
  readonly shift: Float64Array;
  /**
   * Per item, the shifted value of a missing rating when it is not an integer (the item mean minus
   * the shift), else NaN (no missing rating, or an integer mean: an ordinary code).
   */
  readonly delta: Float64Array;
  /** Bits per packed field. */
  readonly bits: number;
  /** Resamples per double (1 … MAX_PACKED). */
  readonly fields: number;
  /**
   * Most draws (Σcᵢ of one resample) a packed accumulator may take before it is unpacked: every
   * field then stays within ±(2^(bits−1) − 1).
   */
  readonly cap: number;
  /** M: the largest |aᵢⱼ| = |xᵢⱼ − sⱼ| of an integer rating. */
  readonly range: number;
  /**
   * With `LaterReplacements`: from which row the missing ratings stand for the later means, and
   * their shifted values (the later mean minus the shift; NaN when the item has no missing rating).
   * `delta` then holds the earlier rows' value for every item with a missing rating, integer or
   * not: all missing ratings are summed apart.
   */
  readonly later: { readonly from: number; readonly delta: Float64Array } | null;
}

/**
 * Rows whose missing ratings stand for other means from row `from` on than before it (MICOM's
 * pooled data: each segment's missing ratings were replaced by that segment's own item means):
 * `means[j]` is what a missing rating of item j is from `from` on; before, the rows' `decode`.
 */
export interface LaterReplacements {
  readonly from: number;
  readonly means: ArrayLike<number>;
}

/**
 * Whether the rows' values are integers — apart from missing ratings replaced by a fractional item
 * mean, which are handled apart — small enough for exact sums, and the packing to use; null
 * otherwise
 * (a non-integer rating: the rows are then doubles anyway, or sums that could reach 2⁵³). With
 * `later` (see `LaterReplacements`) every missing rating, of either class, is summed apart.
 *
 * With aᵢⱼ = xᵢⱼ − sⱼ (sⱼ an integer near the middle of item j's range, |aᵢⱼ| ≤ M; 0 for a missing
 * rating) and counts cᵢ, a sum over draws D = Σcᵢ of cᵢ aᵢⱼ aᵢₖ, of cᵢ aᵢⱼ or of cᵢ is an integer
 * of
 * magnitude at most D · max(M², 1); over a whole resample (D = n) that must stay below 2⁵³. F
 * fields
 * of k = ⌊54 / F⌋ bits hold signed integers of magnitude up to 2^(k−1) − 1 each: the packed value
 * Σ_b S_b·2^(bk) then stays below 2^(Fk−1) ≤ 2⁵³ (exact), and each field is recovered exactly by
 * rounding (what lies below it is less than half its unit). So a packed accumulator takes at most
 * cap = ⌊(2^(k−1) − 1) / max(M², 1)⌋ draws per resample before it is unpacked. F is the largest of
 * 4, 3, 2, 1 whose cap is at least min(n, 64) draws (unpacking at most every 64 draws costs
 * little).
 */
export function exactPacking(rows: CompactRows, later?: LaterReplacements): ExactPacking | null {
  const { n, p, codes, decode } = rows;
  if (codes === null || decode === null || n < 2) return null;
  const seen = new Uint8Array(p * 256);
  for (let i = 0, at = 0; i < n; i++)
    for (let j = 0; j < p; j++, at++) seen[j * 256 + (codes[at] as number)] = 1;
  const shift = new Float64Array(p);
  const delta = new Float64Array(p).fill(Number.NaN);
  const laterDelta = new Float64Array(p).fill(Number.NaN);
  let m = 0;
  for (let j = 0; j < p; j++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < 256; c++) {
      if (seen[j * 256 + c] === 0) continue;
      const v = decode[j * 256 + c] as number;
      if (!Number.isInteger(v)) {
        if (c !== MISSING_CODE) return null;
        continue;
      }
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    // An item missing for everyone has no integer value: shift by its (replacement) value, rounded.
    const s =
      lo <= hi ? Math.round((lo + hi) / 2) : Math.round(decode[j * 256 + MISSING_CODE] as number);
    shift[j] = s;
    if (lo <= hi) m = Math.max(m, s - lo, hi - s);
    const missing = decode[j * 256 + MISSING_CODE] as number;
    if (seen[j * 256 + MISSING_CODE] === 1 && (later !== undefined || !Number.isInteger(missing))) {
      delta[j] = missing - s;
      if (later !== undefined) {
        // A later mean that is no number (an item no one of those rows answered): not exact.
        if (!Number.isFinite(later.means[j] as number)) return null;
        laterDelta[j] = (later.means[j] as number) - s;
      }
    }
  }
  const laterPart = later === undefined ? null : { from: later.from, delta: laterDelta };
  const m2 = Math.max(m * m, 1);
  if (n * m2 >= 2 ** 53) return null;
  for (let fields = MAX_PACKED; fields >= 1; fields--) {
    const bits = Math.floor(54 / fields);
    const cap = Math.floor((2 ** (bits - 1) - 1) / m2);
    if (cap >= Math.min(n, 64) || fields === 1)
      return { shift, delta, bits, fields, cap, range: m, later: laterPart };
  }
  return null;
}

/** The shape of a kernel's missing cells (`hotRecord`: a run builds one per kernel). */
class MissingCellsRecord {}

/**
 * Resample covariances of integer ratings in exact integer arithmetic, several resamples per
 * multiply-add.
 *
 * For resample b with counts cᵢ (Σcᵢ = n), write each shifted value as dᵢⱼ = aᵢⱼ + δⱼ·uᵢⱼ: aᵢⱼ the
 * integer xᵢⱼ − sⱼ (0 when missing), uᵢⱼ = 1 when the rating is missing and δⱼ the item mean minus
 * sⱼ (see `exactPacking`; δⱼ = 0 when item j has no fractional replacement). The integer sums
 *   P_jk = Σᵢ cᵢ aᵢⱼ aᵢₖ,  P_j = Σᵢ cᵢ aᵢⱼ,  A_kj = Σᵢ cᵢ uᵢₖ aᵢⱼ,  U_jk = Σᵢ cᵢ uᵢⱼ uᵢₖ
 * stay below 2⁵³, so their double sums are exact whatever the order of summation. Rows are
 * extended by a constant 1, so the sums for P also yield P_j (and N).
 *
 * P comes from `createSimdCrossProducts` where the runtime has WebAssembly's fixed-width SIMD
 * (16-bit integer vectors, eight respondents an instruction). Otherwise (or with
 * `options.simd === false`, or a count too large for 16 bits) F resamples share one scalar
 * accumulator: their counts are packed as C = c⁽⁰⁾ + c⁽¹⁾·2ᵏ + … + c⁽ᶠ⁻¹⁾·2^((F−1)k), so
 * Σᵢ Cᵢ aᵢⱼ aᵢₖ = Σ_b P⁽ᵇ⁾_jk · 2^(bk); before any field could outgrow its bits (after `cap`
 * draws of one resample) the fields are unpacked exactly (top field by rounding, then the
 * remainder) and added to each resample's own exact sums; rows are taken eight at a time. Either
 * way P is the same exact integers. A and U run over the few rows with a missing rating: in the
 * vector module too, else per resample here.
 *
 * Then S_jk = Σcᵢdᵢⱼdᵢₖ = P_jk + δₖA_kj + δⱼA_jk + δⱼδₖU_jk and S_j = P_j + δⱼU_jj, and the
 * covariance (divisor N − 1, N = Σcᵢ: n for a bootstrap resample; Efron & Tibshirani 1993 §6)
 * is
 *   cov_jk = (N · S_jk − S_j · S_k) / (N · (N − 1)).
 * Without fractional replacements and while 2n²M² < 2⁵³ the numerator is an exact integer and the
 * division one correctly rounded operation: the resample's exact covariance, rounded once. Either
 * way the result is a fixed function of exact integer sums — the same bits whatever the shift, the
 * packing, the batch and the thread.
 *
 * With later replacements (`packing.later`: MICOM's pooled segments, each with its own item means
 * for missing ratings) the rows before `later.from` and those from it have their own δ and δ′,
 * and their own sums A, U and A′, U′ (a row is in one class only, so there are no cross terms):
 *   S_jk = P_jk + δₖA_kj + δⱼA_jk + δⱼδₖU_jk + δ′ₖA′_kj + δ′ⱼA′_jk + δ′ⱼδ′ₖU′_jk,
 *   S_j = P_j + δⱼU_jj + δ′ⱼU′_jj;
 * the vector module and the scalar path both keep the two classes' sums apart.
 */
export function createExactResampleMoments(
  rows: CompactRows,
  packing: ExactPacking,
  options: {
    readonly simd?: boolean;
    /** `createSimdCrossProducts`' `residentBytes` (tests: 0, a block written on every call). */
    readonly residentBytes?: number;
  } = {},
): ResampleMoments {
  const { n, p, codes, decode } = rows;
  const cs = codes as Uint8Array;
  const table = decode as Float64Array;
  const { shift, delta, bits, fields, cap, later } = packing;
  const q = p + 1;
  const t = (q * (q + 1)) / 2;
  const pp = p * p;
  // Integer part aᵢⱼ of each code of each item (a fractional missing value: 0, see delta).
  const shifted = Float64Array.from({ length: p * 256 }, (_, k) => {
    const j = (k / 256) | 0;
    return k % 256 === MISSING_CODE && !Number.isNaN(delta[j] as number)
      ? 0
      : (table[k] as number) - (shift[j] as number);
  });
  const fractional = Uint8Array.from(delta, (v) => (Number.isNaN(v) ? 0 : 1));
  const anyFractional = fractional.includes(1);
  const dj = Float64Array.from(delta, (v) => (Number.isNaN(v) ? 0 : v));
  // The later rows' δ (see `LaterReplacements`): their A and U are summed apart, after the earlier
  // rows' (`classes` of each, one after the other in a resample's sums).
  const dl = Float64Array.from(later?.delta ?? [], (v) => (Number.isNaN(v) ? 0 : v));
  const laterFrom = later === null ? n : later.from;
  const classes = later === null ? 1 : 2;
  // Rows with a fractional missing rating, and those ratings' items (CSR layout).
  const missingRows: number[] = [];
  const missingStart: number[] = [0];
  const missingItems: number[] = [];
  if (anyFractional)
    for (let i = 0; i < n; i++) {
      const before = missingItems.length;
      for (let j = 0; j < p; j++)
        if (fractional[j] === 1 && cs[i * p + j] === MISSING_CODE) missingItems.push(j);
      if (missingItems.length > before) {
        missingRows.push(i);
        missingStart.push(missingItems.length);
      }
    }
  const simd =
    options.simd === false
      ? null
      : createSimdCrossProducts(
          n,
          p,
          cs,
          shifted,
          packing.range,
          anyFractional
            ? hotRecord(MissingCellsRecord, {
                rows: Int32Array.from(missingRows),
                start: Int32Array.from(missingStart),
                items: Int32Array.from(missingItems),
                ...(later === null ? {} : { later: later.from }),
              })
            : null,
          options.residentBytes,
        );
  const scale = Float64Array.from({ length: MAX_PACKED }, (_, f) => 2 ** (f * bits));
  const inverse = Float64Array.from(scale, (s) => 1 / s); // powers of two: exact
  // Per resample: P (the (p + 1)-triangle), then A and U (p × p each) when there are fractional
  // replacements.
  const per = t + (anyFractional ? classes * 2 * pp : 0);
  let exact = new Float64Array(0);
  let packed = new Float64Array(0);
  let drawn = new Float64Array(0);
  // Eight rows at a time (d0 … d7: their aᵢⱼ, then 1), so each accumulator entry is loaded and
  // stored once per eight rows.
  const rowsOf = Array.from({ length: 8 }, () => new Float64Array(q));
  const [d0, d1, d2, d3, d4, d5, d6, d7] = rowsOf as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const c = new Float64Array(8);
  const blockDraws = new Float64Array(MAX_PACKED);
  const s1 = new Float64Array(p);

  /** Adds group g's packed sums of P (t entries) to its resamples' exact sums and clears them. */
  const unpack = (g: number, from: number, size: number): void => {
    const y = packed;
    const base = g * t;
    for (let at = 0; at < t; at++) {
      let rest = y[base + at] as number;
      if (rest === 0) continue;
      for (let f = size - 1; f > 0; f--) {
        const s = scale[f] as number;
        const v = Math.round(rest * (inverse[f] as number));
        const o = (from + f) * per + at;
        exact[o] = (exact[o] as number) + v;
        rest -= v * s;
      }
      const o = from * per + at;
      exact[o] = (exact[o] as number) + rest;
      y[base + at] = 0;
    }
  };

  /**
   * Every group's packed sums into its resamples' exact sums. A function of its own, called after
   * the hot loops have returned: code after a hot loop has no type feedback when V8 optimizes the
   * loop on the stack, and deoptimizes when it first runs.
   */
  const unpackAll = (groups: number, batch: number): void => {
    for (let g = 0; g < groups; g++) {
      const from = g * fields;
      unpack(g, from, Math.min(batch, from + fields) - from);
    }
  };

  /**
   * P of every resample, packed `fields` resamples to a double (the scalar way): group g's packed
   * sums at packed[g·t …], its resamples' draws since the last unpacking at drawn[g·MAX_PACKED …].
   */
  const sumProducts = (counts: Int32Array, batch: number, groups: number): void => {
    if (groups * t > packed.length) {
      packed = new Float64Array(groups * t);
      drawn = new Float64Array(groups * MAX_PACKED);
    }
    packed.fill(0, 0, groups * t);
    drawn.fill(0, 0, groups * MAX_PACKED);
    const y = packed;
    for (let i = 0; i < n; i += 8) {
      for (let r = 0; r < 8; r++)
        decodeRow(rowsOf[r] as Float64Array, i + r < n ? (i + r) * p : -1, p, cs, shifted);
      for (let g = 0; g < groups; g++) {
        const from = g * fields;
        const size = Math.min(batch, from + fields) - from;
        blockDraws.fill(0);
        let any = false;
        for (let r = 0; r < 8; r++) {
          let packedCount = 0;
          if (i + r < n) {
            const base = (i + r) * batch + from;
            for (let f = 0; f < size; f++) {
              const k = counts[base + f] as number;
              packedCount += k * (scale[f] as number);
              blockDraws[f] = (blockDraws[f] as number) + k;
            }
          }
          c[r] = packedCount;
          if (packedCount !== 0) any = true;
        }
        if (!any) continue;
        let fits = true;
        let tooMany = false;
        for (let f = 0; f < size; f++) {
          const k = blockDraws[f] as number;
          if (k > cap) tooMany = true;
          if ((drawn[g * MAX_PACKED + f] as number) + k > cap) fits = false;
        }
        if (!fits) {
          unpack(g, from, size);
          drawn.fill(0, g * MAX_PACKED, (g + 1) * MAX_PACKED);
        }
        if (tooMany) {
          // More draws in these eight rows than a field holds (a rare, heavily drawn row): add
          // them to each resample's exact sums directly.
          for (let r = 0; r < 8 && i + r < n; r++) {
            const dr = rowsOf[r] as Float64Array;
            for (let f = 0; f < size; f++) {
              const k = counts[(i + r) * batch + from + f] as number;
              if (k === 0) continue;
              let at = (from + f) * per;
              for (let j = 0; j < q; j++) {
                const e = k * (dr[j] as number);
                for (let l = j; l < q; l++, at++)
                  exact[at] = (exact[at] as number) + e * (dr[l] as number);
              }
            }
          }
          continue;
        }
        for (let f = 0; f < size; f++)
          drawn[g * MAX_PACKED + f] =
            (drawn[g * MAX_PACKED + f] as number) + (blockDraws[f] as number);
        addEightRows(y, g * t, q, c, d0, d1, d2, d3, d4, d5, d6, d7);
      }
    }
  };

  /**
   * The missing terms A (p × p, row k: Σ cᵢ uᵢₖ aᵢ) and U (p × p), straight into each resample's
   * exact sums from the few rows that have them (integers: exact in any order).
   */
  const sumMissingTerms = (counts: Int32Array, batch: number): void => {
    const y = exact; // a local: the closure's `exact` would be reloaded at every access
    for (let m = 0; m < missingRows.length; m++) {
      const i = missingRows[m] as number;
      const row = i * p;
      const first = missingStart[m] as number;
      const last = missingStart[m + 1] as number;
      for (let j = 0; j < p; j++) d0[j] = shifted[j * 256 + (cs[row + j] as number)] as number;
      for (let b = 0; b < batch; b++) {
        const k = counts[i * batch + b] as number;
        if (k === 0) continue;
        const a = b * per + t + (i < laterFrom ? 0 : 2 * pp);
        const u = a + pp;
        for (let x = first; x < last; x++) {
          const item = missingItems[x] as number;
          const o = a + item * p;
          for (let j = 0; j < p; j++) y[o + j] = (y[o + j] as number) + k * (d0[j] as number);
          for (let z = first; z < last; z++) {
            const l = u + item * p + (missingItems[z] as number);
            y[l] = (y[l] as number) + k;
          }
        }
      }
    }
  };

  /** Each resample's covariance matrix from its exact sums `y` (see above). */
  const assemble = (y: Float64Array, batch: number, out: readonly Float64Array[]): void => {
    for (let b = 0; b < batch; b++) {
      const cov = out[b] as Float64Array;
      const o = b * per;
      const a = o + t;
      const u = a + pp;
      // Row j of the (p + 1)-triangle starts at j·q − j(j−1)/2; its last entry is P_j.
      for (let j = 0; j < p; j++) {
        const pj = y[o + j * q - (j * (j - 1)) / 2 + (q - 1 - j)] as number;
        s1[j] = anyFractional ? pj + (dj[j] as number) * (y[u + j * p + j] as number) : pj;
        if (anyFractional && later !== null)
          s1[j] = (s1[j] as number) + (dl[j] as number) * (y[u + 2 * pp + j * p + j] as number);
      }
      // The resample's size N_b = Σᵢcᵢ: the constant column's entry (p, p), an exact integer
      // (n for a bootstrap resample, a group's size for a permutation test).
      const size = y[o + p * q - (p * (p - 1)) / 2] as number;
      for (let j = 0; j < p; j++) {
        const rj = o + j * q - (j * (j - 1)) / 2;
        const sj = s1[j] as number;
        for (let l = j; l < p; l++) {
          let sjl = y[rj + (l - j)] as number;
          if (anyFractional) {
            sjl += missingTerms(y, a, p, j, l, dj);
            if (later !== null) sjl += missingTerms(y, a + 2 * pp, p, j, l, dl);
          }
          const v = (size * sjl - sj * (s1[l] as number)) / (size * (size - 1));
          cov[j * p + l] = v;
          cov[l * p + j] = v;
        }
      }
    }
  };

  /** The exact sums of `batch` resamples into `exact` (`per` entries each). */
  const sumAll = (counts: Int32Array, batch: number): void => {
    if (batch * per > exact.length) exact = new Float64Array(batch * per);
    exact.fill(0, 0, batch * per);
    // The vector path sums P and the missing terms; the scalar path, P packed, then the terms.
    if (simd === null || !simd.sums(counts, batch, exact, per)) {
      const groups = Math.ceil(batch / fields);
      sumProducts(counts, batch, groups);
      unpackAll(groups, batch);
      if (anyFractional) sumMissingTerms(counts, batch);
    }
  };
  // The sums of every respondent once, for the complements (built on first use), and the
  // complements' sums.
  let total: Float64Array | null = null;
  let rest = new Float64Array(0);

  return {
    covariances(counts, batch, out) {
      // Without fractional replacements the vector module assembles them itself (the same bits).
      if (!anyFractional && simd !== null && simd.covariances(counts, batch, out)) return;
      sumAll(counts, batch);
      assemble(exact, batch, out);
    },
    complementCovariances(counts, batch, out, complements) {
      if (total === null) {
        sumAll(new Int32Array(n).fill(1), 1);
        total = exact.slice(0, per);
      }
      sumAll(counts, batch);
      if (batch * per > rest.length) rest = new Float64Array(batch * per);
      const all = total;
      for (let b = 0; b < batch; b++)
        for (let e = 0; e < per; e++)
          rest[b * per + e] = (all[e] as number) - (exact[b * per + e] as number);
      assemble(exact, batch, out);
      assemble(rest, batch, complements);
    },
  };
}

/**
 * One class's missing terms of S_jl: δₗA_lj + δⱼA_jl + δⱼδₗU_jl, from its sums A at `a` and U at
 * `a` + p² and its δ (the earlier rows', or the later rows' δ′, A′, U′: see `LaterReplacements`).
 */
function missingTerms(
  y: Float64Array,
  a: number,
  p: number,
  j: number,
  l: number,
  delta: Float64Array,
): number {
  const deltaJ = delta[j] as number;
  const deltaL = delta[l] as number;
  return (
    deltaL * (y[a + l * p + j] as number) +
    deltaJ * (y[a + j * p + l] as number) +
    deltaJ * deltaL * (y[a + p * p + j * p + l] as number)
  );
}

/**
 * Row `dr` (length p + 1) ← the shifted integer parts of respondent row `at` (its offset in the
 * codes; −1 past the last respondent: zeros), then the constant 1. A function of its own, like
 * `addEightRows`: the kernel's hot loops are small functions that V8 optimizes within the first
 * resamples instead of after the whole kernel has become hot.
 */
function decodeRow(
  dr: Float64Array,
  at: number,
  p: number,
  cs: Uint8Array,
  shifted: Float64Array,
): void {
  if (at < 0) dr.fill(0, 0, p);
  else for (let j = 0; j < p; j++) dr[j] = shifted[j * 256 + (cs[at + j] as number)] as number;
  dr[p] = 1;
}

/**
 * y[at …] += Σ_r c_r · d_r[j] · d_r[l] over the upper triangle j ≤ l < q, for eight rows d0 … d7
 * with packed counts c[0 … 7]: each accumulator entry loaded and stored once per eight rows.
 */
function addEightRows(
  y: Float64Array,
  from: number,
  q: number,
  c: Float64Array,
  d0: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  d3: Float64Array,
  d4: Float64Array,
  d5: Float64Array,
  d6: Float64Array,
  d7: Float64Array,
): void {
  const c0 = c[0] as number;
  const c1 = c[1] as number;
  const c2 = c[2] as number;
  const c3 = c[3] as number;
  const c4 = c[4] as number;
  const c5 = c[5] as number;
  const c6 = c[6] as number;
  const c7 = c[7] as number;
  let at = from;
  for (let j = 0; j < q; j++) {
    const e0 = c0 * (d0[j] as number);
    const e1 = c1 * (d1[j] as number);
    const e2 = c2 * (d2[j] as number);
    const e3 = c3 * (d3[j] as number);
    const e4 = c4 * (d4[j] as number);
    const e5 = c5 * (d5[j] as number);
    const e6 = c6 * (d6[j] as number);
    const e7 = c7 * (d7[j] as number);
    for (let l = j; l < q; l++, at++)
      y[at] =
        (y[at] as number) +
        (e0 * (d0[l] as number) +
          e1 * (d1[l] as number) +
          (e2 * (d2[l] as number) + e3 * (d3[l] as number)) +
          (e4 * (d4[l] as number) +
            e5 * (d5[l] as number) +
            (e6 * (d6[l] as number) + e7 * (d7[l] as number))));
  }
}
