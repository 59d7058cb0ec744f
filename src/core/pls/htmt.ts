import type { PlsStructure } from './structure.js';

/**
 * Heterotrait–monotrait ratio of correlations (Henseler, Ringle & Sarstedt 2015), as seminr 2.3:
 * with absolute item correlations,
 *   HTMT(i, j) = mean |r| over item pairs across blocks i and j
 *                / √(mean off-diagonal |r| within i × mean off-diagonal |r| within j),
 * the within-block mean of a single-item construct being 1. Returns the m×m matrix (row-major,
 * NaN on the diagonal), into `out` when given.
 */
export function htmt(
  r: ArrayLike<number>,
  structure: PlsStructure,
  out: Float64Array = new Float64Array(structure.constructs.length ** 2),
): Float64Array {
  const p = structure.items.length;
  const m = structure.constructs.length;
  const { start, items, within } = layoutOf(structure);
  for (let j = 0; j < m; j++) {
    const from = start[j] as number;
    const to = start[j + 1] as number;
    within[j] = to - from === 1 ? 1 : meanAbsWithin(r, p, items, from, to);
  }
  for (let j = 0; j < m; j++) out[j * m + j] = Number.NaN;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const value =
        meanAbsAcross(r, p, items, start, i, j) /
        Math.sqrt((within[i] as number) * (within[j] as number));
      out[i * m + j] = value;
      out[j * m + i] = value;
    }
  }
  return out;
}

/** Mean |r_ab| over the ordered pairs a ≠ b of one block's items (in block order). */
function meanAbsWithin(
  r: ArrayLike<number>,
  p: number,
  items: Int32Array,
  from: number,
  to: number,
): number {
  let s = 0;
  let count = 0;
  for (let x = from; x < to; x++) {
    const a = items[x] as number;
    for (let y = from; y < to; y++) {
      const b = items[y] as number;
      if (a !== b) {
        s += Math.abs(r[a * p + b] as number);
        count++;
      }
    }
  }
  return s / count;
}

/** Mean |r_ab| over the items a of block i and b of block j (in block order). */
function meanAbsAcross(
  r: ArrayLike<number>,
  p: number,
  items: Int32Array,
  start: Int32Array,
  i: number,
  j: number,
): number {
  let s = 0;
  const toI = start[i + 1] as number;
  const fromJ = start[j] as number;
  const toJ = start[j + 1] as number;
  for (let x = start[i] as number; x < toI; x++) {
    const row = (items[x] as number) * p;
    for (let y = fromJ; y < toJ; y++) s += Math.abs(r[row + (items[y] as number)] as number);
  }
  return s / ((toI - (start[i] as number)) * (toJ - fromJ));
}

/**
 * A structure's blocks as one item list with start offsets, and scratch for the within-block
 * means: built once per structure (the bootstrap computes HTMT for every resample).
 */
function layoutOf(structure: PlsStructure): {
  start: Int32Array;
  items: Int32Array;
  within: Float64Array;
} {
  const kept = layouts.get(structure);
  if (kept !== undefined) return kept;
  const start = new Int32Array(structure.blocks.length + 1);
  structure.blocks.forEach((b, j) => (start[j + 1] = (start[j] as number) + b.length));
  const layout = {
    start,
    items: Int32Array.from(structure.blocks.flat()),
    within: new Float64Array(structure.blocks.length),
  };
  layouts.set(structure, layout);
  return layout;
}
const layouts = new WeakMap<
  PlsStructure,
  { start: Int32Array; items: Int32Array; within: Float64Array }
>();
