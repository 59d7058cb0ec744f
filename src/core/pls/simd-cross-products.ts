import { assembleModule, doubleAt, op, type WasmFunction } from '../wasm/assemble.js';
import { compileWasm, instantiateWasm } from '../wasm/runtime.js';

/**
 * The exact cross-product sums of bootstrap resamples, computed with WebAssembly's 128-bit integer
 * vectors (`createSimdCrossProducts`).
 */
export interface SimdCrossProducts {
  /**
   * For each resample b < `batch` with counts cᵢ = counts[i · batch + b], writes
   *   P_jl = Σᵢ cᵢ aᵢⱼ aᵢₗ   (0 ≤ j ≤ l ≤ p, with aᵢₚ = 1, so P_jp = Σᵢ cᵢ aᵢⱼ and P_pp = Σᵢ cᵢ)
   * into `into[b · per + j·q − j(j − 1)/2 + (l − j)]` (q = p + 1: the upper triangle of the
   * (p + 1)-square, row by row), and with `missing` cells adds
   *   A_kj = Σᵢ cᵢ uᵢₖ aᵢⱼ  to  into[b · per + t + k·p + j],
   *   U_kl = Σᵢ cᵢ uᵢₖ uᵢₗ  to  into[b · per + t + p² + k·p + l]
   * (t = q(q + 1)/2; uᵢₖ = 1 for a missing cell; the caller zeroes those entries first).
   * Returns false, writing nothing, when a count is above `maxCount` (then the caller sums
   * another way).
   */
  sums(counts: Int32Array, batch: number, into: Float64Array, per: number): boolean;
  /**
   * Without missing cells: each resample's covariance matrix from its sums P (above),
   *   cov_jl = (N·P_jl − P_jp·P_lp) / (N(N − 1)),  N = P_pp  (divisor N − 1),
   * p × p into out[b], computed in WebAssembly with the operations and order of
   * `createExactResampleMoments`'s assembly from `sums`' triangle (the same bits). Returns false,
   * writing nothing, with missing cells or where `sums` would.
   */
  covariances(counts: Int32Array, batch: number, out: readonly Float64Array[]): boolean;
  /** The largest count a resample may give one respondent for `sums` to take it. */
  readonly maxCount: number;
}

/**
 * The cells whose missing rating was replaced by a fractional mean (see
 * `createExactResampleMoments`): the rows that have one, ascending, and each row's items
 * (`items[start[m]] … items[start[m + 1] − 1]` for row `rows[m]`).
 */
export interface MissingCells {
  readonly rows: Int32Array;
  readonly start: Int32Array;
  readonly items: Int32Array;
  /**
   * The first row of a second class of replacements (`LaterReplacements` in
   * exact-resample-moments.ts), whose sums A′ and U′ go 2p² further in `into` (after A and U);
   * absent: one class.
   */
  readonly later?: number;
}

/**
 * Where a segment's missing cells lie in the module's memory (byte offsets of the rows' integer
 * parts, their offsets in the block, the cells' start offsets and items) and its number of rows.
 */
interface Segment {
  readonly xr: number;
  readonly mr: number;
  readonly ms: number;
  readonly mi: number;
  readonly count: number;
}

/** Rows per block: a block's columns and their weighted copies stay in the core's cache. */
const BLOCK_ROWS = 1024;
/** Resamples per call of the module (counts and sums of that many fit its memory). */
const RESAMPLES_PER_CALL = 12;
/**
 * Bytes of data the module keeps for good: every block's 16-bit columns and the rows with missing
 * cells (up to ≈ 760 000 respondents at 42 items without missing ratings). Beyond, a block's are
 * written again on every call — for every 12 resamples of a bootstrap or permutations of MICOM,
 * which at 200 000 respondents with 2 % missing ratings took as long as the sums themselves.
 */
export const RESIDENT_BYTES = 64 << 20;

/**
 * Bytes of the 16-bit columns the module keeps for n respondents × p items (p + 1 columns with
 * the constant, padded to an even number) when they fit `RESIDENT_BYTES`, else 0 (one block's).
 * The rows with missing cells add their own copy (2·⌈p/8⌉·8 bytes each), not counted here.
 */
export function residentColumnBytes(n: number, p: number): number {
  const q = p + 1;
  const bytes = 2 * n * (q + (q % 2));
  return bytes <= RESIDENT_BYTES ? bytes : 0;
}

/**
 * Exact integer sums P_jl = Σᵢ cᵢ aᵢⱼ aᵢₗ over the respondents, several resamples per call, with
 * 16-bit integer vectors: each respondent's integer parts aᵢⱼ (|a| ≤ M ≤ 127, from `shifted`,
 * the exact kernel's table of each code's integer part per item) are laid out item by item in
 * blocks of up to 1 024 respondents as 16-bit integers; for each resample the block's columns
 * are multiplied by the counts (i16x8.mul: cᵢ·aᵢₖ, below 2¹⁵ in magnitude because cᵢ ≤
 * `maxCount` ≤ 32 767 / M) and every pair of columns (j, l) is summed with i32x4.dot_i16x8_s,
 * eight respondents per instruction, two columns by two at a time. A block's sums stay below
 * 2³¹ in magnitude (R·maxCount·M² < 2³¹ for R respondents a block), so the 32-bit arithmetic is
 * exact; each block's sum is added to a double, exact while the whole sum stays below 2⁵³ (the
 * exact kernel checks n·M² < 2⁵³ before it uses integers). So P is the exact integer the scalar
 * kernel computes: the same bits, whatever the blocks or the order of the respondents.
 *
 * With `missing` (the cells whose rating was replaced by a fractional mean, integer part 0), a
 * second function adds, for each such row and resample, count × the row's 16-bit integer parts to
 * the 32-bit sums A_k of each of its missing items k (four lanes an instruction), and the count to
 * U_kl for each pair of its missing items; |Σ cᵢaᵢⱼ| ≤ (Σᵢ cᵢ)·M, so those sums are exact while a
 * resample's draws · M stay below 2³¹ (else they go to the doubles after every block, whose part
 * is below R·maxCount·M < 2³¹). With `missing.later` the rows from it on are a second class, whose
 * sums go to A′ and U′ (2p² after A and U): the 32-bit sums are added to the doubles whenever the
 * class changes, and a block holding rows of both classes is summed in two parts.
 *
 * The module keeps every block's columns, written once, while they take at most `residentBytes`
 * (default `RESIDENT_BYTES`); beyond, it writes each block's columns again on every call. Either
 * way the sums are the same.
 *
 * Returns null when the runtime has no WebAssembly or no fixed-width SIMD (the module does not
 * compile), or M > 127; the caller then keeps its scalar kernel.
 *
 * Reference for the instructions: WebAssembly Core Specification 2.0, §4.3.2 (ishl, imul mod 2ᴺ)
 * and the fixed-width SIMD proposal's i32x4.dot_i16x8_s.
 */
export function createSimdCrossProducts(
  n: number,
  p: number,
  codes: Uint8Array,
  shifted: Float64Array,
  m: number,
  missing: MissingCells | null = null,
  residentBytes = RESIDENT_BYTES,
): SimdCrossProducts | null {
  if (m > 127 || n < 1) return null;
  const q = p + 1;
  const width = q + (q % 2); // columns, padded to an even number (two at a time)
  const blocks = Math.ceil(n / BLOCK_ROWS);
  const rows = Math.ceil(Math.ceil(n / blocks) / 8) * 8;
  const column = rows * 2; // bytes of one 16-bit column
  const mm = Math.max(m, 1);
  const maxCount = Math.min(Math.floor(32767 / mm), Math.floor((2 ** 31 - 1) / (rows * mm * mm)));
  // The rows of each class of replacements: [0, later) and [later, n).
  const later = missing?.later ?? n;
  /** Block `k`'s rows of class `cls` (first, end): the rows before `later` or from it on. */
  const classRows = (k: number, cls: number): readonly [number, number] => {
    const first = k * rows;
    const end = Math.min(first + rows, n);
    return cls === 0 ? [first, Math.min(end, later)] : [Math.max(first, later), end];
  };
  // The missing cells of a segment (a block's rows of one class): their rows' integer parts
  // (16-bit, `lanes` a row), each row's offset in the block, its cells (start offsets, then
  // items); and per resample the 32-bit sums A (p × lanes) and U (p × p).
  const lanes = Math.ceil(p / 8) * 8;
  const perResample = p * lanes + p * p;
  const segmentBytes = (count: number, cells: number): number =>
    count * lanes * 2 + align16(count * 4) + align16((count + 1) * 4) + align16(cells * 4);
  // Every segment's rows and cells, block by block, class by class.
  const extents = Array.from({ length: 2 * blocks }, (_, x) => {
    const [lo, hi] = classRows(Math.floor(x / 2), x % 2);
    if (missing === null || lo >= hi) return { count: 0, cells: 0 };
    const [from, to] = [lowerBound(missing.rows, lo), lowerBound(missing.rows, hi)];
    return {
      count: to - from,
      cells: (missing.start[to] as number) - (missing.start[from] as number),
    };
  });
  const allMissing = extents.reduce((t, e) => t + segmentBytes(e.count, e.cells), 0);
  // Every block's columns and missing cells written once, while they take at most
  // `residentBytes` (always for a single block); else one block's, again on every call.
  const resident = blocks === 1 || blocks * width * column + allMissing <= residentBytes;
  const a = 0;
  const blockAt = (k: number): number => a + (resident ? k : 0) * width * column;
  const w = a + (resident ? blocks : 1) * width * column;
  const c = w + width * column;
  const o = c + RESAMPLES_PER_CALL * column;
  const xr = o + RESAMPLES_PER_CALL * width * width * 8;
  const acc = xr + (missing === null ? 0 : resident ? allMissing : segmentBytes(rows, rows * p));
  // The covariance matrices of a call's resamples (without missing cells).
  const cv = acc + (missing === null ? 0 : align16(RESAMPLES_PER_CALL * perResample * 4));
  const bytes = cv + (missing === null ? RESAMPLES_PER_CALL * p * p * 8 : 0);
  const module = compiledModule();
  if (module === null) return null;
  const instance = instantiateWasm(module, bytes);
  const memory = instance.memory;
  const run = instance.exports['sums'] as (...args: number[]) => void;
  const runTerms = instance.exports['terms'] as (...args: number[]) => void;
  const runCovariances = instance.exports['covariances'] as (...args: number[]) => void;
  const int16 = new Int16Array(memory.buffer);
  const int32 = new Int32Array(memory.buffer);
  const sums = new Float64Array(memory.buffer, o, RESAMPLES_PER_CALL * width * width);
  const covariances =
    missing === null ? new Float64Array(memory.buffer, cv, RESAMPLES_PER_CALL * p * p) : null;
  // The items that have missing cells (the only rows of A and U that can be non-zero).
  const missingItems = Int32Array.from(new Set(missing?.items ?? []));

  /**
   * Block `k`'s missing cells of rows `from` … `to` − 1 into the module's memory at `at` (laid
   * out as `segmentBytes` counts them); returns where each part lies and the number of rows.
   */
  const fillMissing = (k: number, from: number, to: number, at: number): Segment => {
    const cells = missing as MissingCells;
    const first = k * rows;
    const begin = lowerBound(cells.rows, from);
    const count = lowerBound(cells.rows, to) - begin;
    const mr = at + count * lanes * 2;
    const ms = mr + align16(count * 4);
    const mi = ms + align16((count + 1) * 4);
    int32[ms / 4] = 0;
    let e = 0;
    for (let r = 0; r < count; r++) {
      const i = cells.rows[begin + r] as number;
      int32[mr / 4 + r] = i - first;
      const x = at / 2 + r * lanes;
      for (let j = 0; j < p; j++)
        int16[x + j] = shifted[j * 256 + (codes[i * p + j] as number)] as number;
      for (
        let y = cells.start[begin + r] as number;
        y < (cells.start[begin + r + 1] as number);
        y++
      )
        int32[mi / 4 + e++] = cells.items[y] as number;
      int32[ms / 4 + r + 1] = e;
    }
    return { xr: at, mr, ms, mi, count };
  };

  /**
   * Adds the 32-bit sums A and U of resamples `from` … `from + size − 1` to `into` and clears them.
   */
  const flushTerms = (
    size: number,
    from: number,
    into: Float64Array,
    per: number,
    cls: number,
  ): void => {
    const t = ((p + 1) * (p + 2)) / 2;
    for (let b = 0; b < size; b++) {
      const base = acc / 4 + b * perResample;
      const out = (from + b) * per + t + cls * 2 * p * p;
      for (let x = 0; x < missingItems.length; x++) {
        const k = missingItems[x] as number;
        const a = base + k * lanes;
        const u = base + p * lanes + k * p;
        for (let j = 0; j < p; j++) {
          const at = out + k * p + j;
          into[at] = (into[at] as number) + (int32[a + j] as number);
          const v = out + p * p + k * p + j;
          into[v] = (into[v] as number) + (int32[u + j] as number);
        }
      }
    }
    int32.fill(0, acc / 4, acc / 4 + size * perResample);
  };

  /** Block `k`'s integer parts, item by item (then the constant 1), into the module's memory. */
  const fillBlock = (k: number): void => {
    const first = k * rows;
    const count = Math.min(rows, n - first);
    for (let j = 0; j < q; j++) {
      const at = (blockAt(k) + j * column) / 2;
      if (j === p) {
        int16.fill(1, at, at + count);
        continue;
      }
      itemColumn(int16, at, shifted, j * 256, codes, first * p + j, count, p);
    }
  };
  // Resident: every block's columns, and every segment's missing cells one after another.
  const segments: Segment[] = [];
  if (resident) {
    for (let k = 0; k < blocks; k++) fillBlock(k);
    let at = xr;
    extents.forEach((e, x) => {
      const [lo, hi] = classRows(Math.floor(x / 2), x % 2);
      segments.push(
        e.count === 0
          ? { xr: at, mr: at, ms: at, mi: at, count: 0 }
          : fillMissing(x >> 1, lo, hi, at),
      );
      at += segmentBytes(e.count, e.cells);
    });
  }

  /**
   * The sums of resamples from … from + size − 1 of the batch (≤ RESAMPLES_PER_CALL) into the
   * module's `sums`, block by block; with missing cells, their terms A and U added to `into`.
   */
  const sumGroup = (
    counts: Int32Array,
    batch: number,
    from: number,
    size: number,
    flushEachBlock: boolean,
    into: Float64Array,
    per: number,
  ): void => {
    sums.fill(0, 0, size * width * width);
    // The class of replacements whose terms the 32-bit sums hold (flushed when it changes).
    let held = 0;
    for (let k = 0; k < blocks; k++) {
      if (!resident) fillBlock(k);
      const first = k * rows;
      const count = Math.min(rows, n - first);
      for (let b = 0; b < size; b++)
        countColumn(int16, (c + b * column) / 2, rows, counts, first, count, batch, from + b);
      run(blockAt(k), w, c, o, column, width, size);
      if (missing === null) continue;
      // The block's rows of each class: their missing cells, resident or written now.
      for (let cls = 0; cls < 2; cls++) {
        const [lo, hi] = classRows(k, cls);
        if (lo >= hi) continue;
        const segment = resident ? (segments[2 * k + cls] as Segment) : fillMissing(k, lo, hi, xr);
        if (segment.count === 0) continue;
        if (cls !== held) {
          flushTerms(size, from, into, per, held);
          held = cls;
        }
        const { mr, ms, mi, count: missingRows } = segment;
        runTerms(segment.xr, mr, ms, mi, acc, missingRows, c, column, p, lanes, size);
      }
      if (flushEachBlock) flushTerms(size, from, into, per, held);
    }
    if (missing !== null && !flushEachBlock) flushTerms(size, from, into, per, held);
  };

  return {
    maxCount,
    sums(counts, batch, into, per) {
      const draws = totalDraws(counts, n * batch, maxCount);
      if (draws < 0) return false;
      // The 32-bit sums A and U of a resample stay below 2³¹ while its draws · M do (|cᵢaᵢⱼ| ≤
      // cᵢM); else they are added to `into` after every block (R·maxCount·M < 2³¹).
      const flushEachBlock = draws * mm >= 2 ** 31;
      for (let from = 0; from < batch; from += RESAMPLES_PER_CALL) {
        const size = Math.min(RESAMPLES_PER_CALL, batch - from);
        sumGroup(counts, batch, from, size, flushEachBlock, into, per);
        for (let b = 0; b < size; b++)
          triangleOf(sums, b * width * width, width, q, into, (from + b) * per);
      }
      return true;
    },
    covariances(counts, batch, out) {
      if (covariances === null || totalDraws(counts, n * batch, maxCount) < 0) return false;
      for (let from = 0; from < batch; from += RESAMPLES_PER_CALL) {
        const size = Math.min(RESAMPLES_PER_CALL, batch - from);
        // (No missing cells: nothing is added to `into`.)
        sumGroup(counts, batch, from, size, false, covariances, 0);
        runCovariances(o, width, p, size, cv);
        for (let b = 0; b < size; b++)
          (out[from + b] as Float64Array).set(covariances.subarray(b * p * p, (b + 1) * p * p));
      }
      return true;
    },
  };
}

// The loops around the vector module, each a small function of its own: they run on every call,
// and a small function is optimized early and cheaply, where the loops inside `sums` had V8
// compile that whole function again (on-stack replacement) on each thread.

/**
 * One item's shifted values of a block's rows as 16-bit lanes at `at` of `int16`: the value of each
 * row's code (`codes` from index `from`, every p-th) in the item's table (`shifted` from `table`).
 */
function itemColumn(
  int16: Int16Array,
  at: number,
  shifted: Float64Array,
  table: number,
  codes: Uint8Array,
  from: number,
  count: number,
  p: number,
): void {
  for (let i = 0; i < count; i++)
    int16[at + i] = shifted[table + (codes[from + i * p] as number)] as number;
}

/** Σ counts[0 … length − 1], or −1 when a count exceeds `maxCount`. */
function totalDraws(counts: Int32Array, length: number, maxCount: number): number {
  let draws = 0;
  for (let k = 0; k < length; k++) {
    const count = counts[k] as number;
    if (count > maxCount) return -1;
    draws += count;
  }
  return draws;
}

/**
 * One resample's counts of a block's rows as 16-bit lanes at `at` of `int16` (`rows` long, zeros
 * after the block's `count` rows): column `resample` of the rows first … first + count − 1 of the
 * counts (n × batch).
 */
function countColumn(
  int16: Int16Array,
  at: number,
  rows: number,
  counts: Int32Array,
  first: number,
  count: number,
  batch: number,
  resample: number,
): void {
  for (let i = 0; i < count; i++) int16[at + i] = counts[(first + i) * batch + resample] as number;
  int16.fill(0, at + count, at + rows);
}

/**
 * The upper triangle (j ≤ l < q) of the width × width sums at `base` into `into` from `out`, row
 * by row: row j of the (q + 1)-triangle layout starts at out + j·q − j(j − 1)/2 − j.
 */
function triangleOf(
  sums: Float64Array,
  base: number,
  width: number,
  q: number,
  into: Float64Array,
  out: number,
): void {
  for (let j = 0; j < q; j++) {
    const row = out + j * q - (j * (j - 1)) / 2 - j;
    for (let l = j; l < q; l++) into[row + l] = sums[base + j * width + l] as number;
  }
}

/**
 * Whether this runtime runs the vector sums (WebAssembly with fixed-width SIMD): what
 * `createSimdCrossProducts` needs besides M ≤ 127.
 */
export function vectorSumsAvailable(): boolean {
  return compiledModule() !== null;
}

/** The module, compiled once (null without WebAssembly or its SIMD instructions). */
function compiledModule(): object | null {
  return compileWasm('cross-products', crossProductModule);
}

/**
 * sums(a, w, c, o, column, width, size): for each resample b < size,
 *   W_k ← C_b ⊙ A_k (every column k < width; i16x8.mul), then for j = 0, 2, 4, … and
 *   l = j, j + 2, … the 2 × 2 block of dot products A_j'·W_l' (j' ∈ {j, j+1}, l' ∈ {l, l+1}) over
 *   the block's rows, each added (as a double) to o[(b·width + j')·width + l'].
 * A_k at a + k·column, W_k at w + k·column, C_b at c + b·column (16-bit integers, `column` bytes,
 * a multiple of 16), the sums at o (doubles).
 */
function crossProductModule(): Uint8Array {
  const { localGet: get, localSet: set, localTee: tee, i32Const, i32Add, i32Mul, i32Shl } = op;
  // Parameters.
  const A = 0;
  const W = 1;
  const C = 2;
  const O = 3;
  const COLUMN = 4;
  const WIDTH = 5;
  const SIZE = 6;
  // i32 locals.
  const b = 7;
  const k = 8;
  const v = 9;
  const j = 10;
  const aj = 11;
  const wl = 12;
  const at = 13;
  const out = 14;
  const cb = 15;
  // v128 locals: four accumulators, two columns of A, two of W.
  const [s00, s01, s10, s11, a0, a1, w0, w1] = [16, 17, 18, 19, 20, 21, 22, 23] as const;
  /** base + index · COLUMN */
  const columnAt = (base: number, index: number): number[] => [
    ...get(base),
    ...get(index),
    ...get(COLUMN),
    ...i32Mul,
    ...i32Add,
  ];
  /** dst ← dst + dot(x, y) */
  const accumulate = (dst: number, x: number, y: number): number[] => [
    ...get(dst),
    ...get(x),
    ...get(y),
    ...op.i32x4DotI16x8,
    ...op.i32x4Add,
    ...set(dst),
  ];
  /** f64 at out + offset += the sum of the four lanes of s */
  const addLanes = (s: number, offset: number): number[] => [
    ...get(out),
    ...get(out),
    ...op.f64Load(offset),
    ...get(s),
    ...op.i32x4Lane(0),
    ...get(s),
    ...op.i32x4Lane(1),
    ...i32Add,
    ...get(s),
    ...op.i32x4Lane(2),
    ...i32Add,
    ...get(s),
    ...op.i32x4Lane(3),
    ...i32Add,
    ...op.f64ConvertI32,
    ...op.f64Add,
    ...op.f64Store(offset),
  ];
  const body = op.forLoop(b, i32Const(0), get(SIZE), 1, [
    ...columnAt(C, b),
    ...set(cb),
    // W_k = C_b ⊙ A_k
    ...op.forLoop(k, i32Const(0), get(WIDTH), 1, [
      ...get(k),
      ...get(COLUMN),
      ...i32Mul,
      ...set(aj),
      ...op.forLoop(v, i32Const(0), get(COLUMN), 16, [
        ...get(W),
        ...get(aj),
        ...i32Add,
        ...get(v),
        ...i32Add,
        ...get(A),
        ...get(aj),
        ...i32Add,
        ...get(v),
        ...i32Add,
        ...op.v128Load(),
        ...get(cb),
        ...get(v),
        ...i32Add,
        ...op.v128Load(),
        ...op.i16x8Mul,
        ...op.v128Store(),
      ]),
    ]),
    ...op.forLoop(j, i32Const(0), get(WIDTH), 2, [
      ...columnAt(A, j),
      ...set(aj),
      ...op.forLoop(k, get(j), get(WIDTH), 2, [
        ...columnAt(W, k),
        ...set(wl),
        ...op.v128Zero,
        ...set(s00),
        ...op.v128Zero,
        ...set(s01),
        ...op.v128Zero,
        ...set(s10),
        ...op.v128Zero,
        ...set(s11),
        ...op.forLoop(v, i32Const(0), get(COLUMN), 16, [
          ...get(aj),
          ...get(v),
          ...i32Add,
          ...tee(at),
          ...op.v128Load(),
          ...set(a0),
          ...get(at),
          ...get(COLUMN),
          ...i32Add,
          ...op.v128Load(),
          ...set(a1),
          ...get(wl),
          ...get(v),
          ...i32Add,
          ...tee(at),
          ...op.v128Load(),
          ...set(w0),
          ...get(at),
          ...get(COLUMN),
          ...i32Add,
          ...op.v128Load(),
          ...set(w1),
          ...accumulate(s00, a0, w0),
          ...accumulate(s01, a0, w1),
          ...accumulate(s10, a1, w0),
          ...accumulate(s11, a1, w1),
        ]),
        // out = O + ((b·WIDTH + j)·WIDTH + k)·8
        ...get(O),
        ...get(b),
        ...get(WIDTH),
        ...i32Mul,
        ...get(j),
        ...i32Add,
        ...get(WIDTH),
        ...i32Mul,
        ...get(k),
        ...i32Add,
        ...i32Const(3),
        ...i32Shl,
        ...i32Add,
        ...set(out),
        ...addLanes(s00, 0),
        ...addLanes(s01, 8),
        // the next row: out + WIDTH·8
        ...get(out),
        ...get(WIDTH),
        ...i32Const(3),
        ...i32Shl,
        ...i32Add,
        ...set(out),
        ...addLanes(s10, 0),
        ...addLanes(s11, 8),
      ]),
    ]),
  ]);
  return assembleModule([
    { name: 'sums', params: 7, i32Locals: 9, v128Locals: 8, body },
    missingTermsFunction(),
    covarianceFunction(),
  ]);
}

/**
 * covariances(o, width, p, size, out): for each resample b < size, from its sums P (doubles, P_jl
 * at o + ((b·width + j)·width + l)·8, as `sums` leaves them; column p the constant 1), the
 * covariance matrix cov_jl = cov_lj = (N·P_jl − P_jp·P_lp) / (N(N − 1)), N = P_pp, for
 * 0 ≤ j ≤ l < p, p × p doubles at out + b·p²·8: the operations of `createExactResampleMoments`'s
 * assembly, in its order.
 */
function covarianceFunction(): WasmFunction {
  const { localGet: get, localSet: set, i32Const, i32Add, i32Mul, i32Shl } = op;
  const [O, WIDTH, P, SIZE, OUT] = [0, 1, 2, 3, 4];
  const [b, j, l, base, ob] = [5, 6, 7, 8, 9];
  const [n, d, sj] = [10, 11, 12];
  /** the double P_xy of this resample */
  const sum = (x: number[], y: number[]): number[] => [
    ...doubleAt(base, x, WIDTH, y),
    ...op.f64Load(),
  ];
  /** address of cov_xy of this resample */
  const target = (x: number, y: number): number[] => doubleAt(ob, get(x), P, get(y));
  const body = op.forLoop(b, i32Const(0), get(SIZE), 1, [
    ...[...get(O), ...get(b), ...get(WIDTH), ...i32Mul, ...get(WIDTH), ...i32Mul],
    ...[...i32Const(3), ...i32Shl, ...i32Add, ...set(base)],
    ...[...get(OUT), ...get(b), ...get(P), ...i32Mul, ...get(P), ...i32Mul],
    ...[...i32Const(3), ...i32Shl, ...i32Add, ...set(ob)],
    ...sum(get(P), get(P)),
    ...set(n),
    // N·(N − 1)
    ...[...get(n), ...get(n), ...op.f64Const(1), ...op.f64Sub, ...op.f64Mul, ...set(d)],
    ...op.forLoop(j, i32Const(0), get(P), 1, [
      ...sum(get(j), get(P)),
      ...set(sj),
      ...op.forLoop(l, get(j), get(P), 1, [
        ...target(j, l),
        ...[...get(n), ...sum(get(j), get(l)), ...op.f64Mul],
        ...[...get(sj), ...sum(get(l), get(P)), ...op.f64Mul],
        ...[...op.f64Sub, ...get(d), ...op.f64Div],
        ...op.f64Store(),
        ...target(l, j),
        ...target(j, l),
        ...op.f64Load(),
        ...op.f64Store(),
      ]),
    ]),
  ]);
  return { name: 'covariances', params: 5, i32Locals: 5, f64Locals: 3, body };
}

/**
 * terms(xr, mr, ms, mi, acc, rows, c, column, p, lanes, size): for each resample b < size and
 * each of the block's `rows` rows with missing cells (row m: its integer parts at xr + m·lanes·2,
 * 16-bit; its offset in the block at mr + 4m; its items mi[ms[m]] … mi[ms[m + 1] − 1], 32-bit),
 * with the resample's count c_b of that row (16-bit at c + b·column + 2·offset): for each of its
 * items k, A_b[k] += c_b · (the row), four lanes at a time (i32x4.extend_low/high_i16x8_s,
 * i32x4.mul, i32x4.add), and U_b[k][l] += c_b for each of its items l. A_b (p × lanes) and U_b
 * (p × p) are 32-bit integers at acc + b·(p·lanes + p·p)·4.
 */
function missingTermsFunction(): WasmFunction {
  const { localGet: get, localSet: set, localTee: tee, i32Const, i32Add, i32Mul, i32Shl } = op;
  const [XR, MR, MS, MI, ACC, ROWS, C, COLUMN, P, LANES, SIZE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [b, cb, ab, ub, m, count, xrow, e0, e1, e, k, ak, v, at, e2] = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
  ];
  const [vc, x] = [26, 27];
  /** base + 4 · index, as an i32 address */
  const word = (base: number, index: readonly number[]): number[] => [
    ...get(base),
    ...index,
    ...i32Const(2),
    ...i32Shl,
    ...i32Add,
  ];
  /** the i32 at `address` += the i32x4 product of `lanes` (an expression) and vc, 16 bytes */
  const addProduct = (offset: number, extend: readonly number[]): number[] => [
    ...get(at),
    ...get(at),
    ...op.v128Load(offset),
    ...get(x),
    ...extend,
    ...get(vc),
    ...op.i32x4Mul,
    ...op.i32x4Add,
    ...op.v128Store(offset),
  ];
  const perResampleBytes = [
    ...get(P),
    ...get(LANES),
    ...i32Mul,
    ...get(P),
    ...get(P),
    ...i32Mul,
    ...i32Add,
    ...i32Const(2),
    ...i32Shl,
  ];
  const body = op.forLoop(b, i32Const(0), get(SIZE), 1, [
    ...get(C),
    ...get(b),
    ...get(COLUMN),
    ...i32Mul,
    ...i32Add,
    ...set(cb),
    ...get(ACC),
    ...get(b),
    ...perResampleBytes,
    ...i32Mul,
    ...i32Add,
    ...tee(ab),
    ...get(P),
    ...get(LANES),
    ...i32Mul,
    ...i32Const(2),
    ...i32Shl,
    ...i32Add,
    ...set(ub),
    ...op.forLoop(m, i32Const(0), get(ROWS), 1, [
      // count = the resample's count of the row (16-bit, at cb + 2·offset)
      ...get(cb),
      ...word(MR, get(m)),
      ...op.i32Load(),
      ...i32Const(1),
      ...i32Shl,
      ...i32Add,
      ...op.i32Load16(),
      ...tee(count),
      ...op.ifThen([
        ...get(count),
        ...op.i32x4Splat,
        ...set(vc),
        ...get(XR),
        ...get(m),
        ...get(LANES),
        ...i32Mul,
        ...i32Const(1),
        ...i32Shl,
        ...i32Add,
        ...set(xrow),
        ...word(MS, get(m)),
        ...op.i32Load(),
        ...set(e0),
        ...word(MS, get(m)),
        ...op.i32Load(4),
        ...set(e1),
        ...op.forLoop(e, get(e0), get(e1), 1, [
          ...word(MI, get(e)),
          ...op.i32Load(),
          ...set(k),
          // A_b[k] += count · row
          ...get(ab),
          ...get(k),
          ...get(LANES),
          ...i32Mul,
          ...i32Const(2),
          ...i32Shl,
          ...i32Add,
          ...set(ak),
          ...op.forLoop(v, i32Const(0), [...get(LANES), ...i32Const(1), ...i32Shl], 16, [
            ...get(xrow),
            ...get(v),
            ...i32Add,
            ...op.v128Load(),
            ...set(x),
            ...get(ak),
            ...get(v),
            ...i32Const(1),
            ...i32Shl,
            ...i32Add,
            ...set(at),
            ...addProduct(0, op.i32x4ExtendLow),
            ...addProduct(16, op.i32x4ExtendHigh),
          ]),
          // U_b[k][l] += count for each item l of the row
          ...op.forLoop(e2, get(e0), get(e1), 1, [
            ...get(ub),
            ...get(k),
            ...get(P),
            ...i32Mul,
            ...word(MI, get(e2)),
            ...op.i32Load(),
            ...i32Add,
            ...i32Const(2),
            ...i32Shl,
            ...i32Add,
            ...tee(at),
            ...get(at),
            ...op.i32Load(),
            ...get(count),
            ...i32Add,
            ...op.i32Store(),
          ]),
        ]),
      ]),
    ]),
  ]);
  return { name: 'terms', params: 11, i32Locals: 15, v128Locals: 2, body };
}

const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** The first index of the ascending `values` whose value is at least `v`. */
function lowerBound(values: Int32Array, v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
