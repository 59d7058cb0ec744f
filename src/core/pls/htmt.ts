import { blockIndex, perStructure, type PlsStructure } from './structure.js';

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
  const { start, items } = blockIndex(structure);
  const within = withinScratch(structure);
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

/** Scratch for the within-block means, per structure (the bootstrap computes HTMT per resample). */
const withinScratch = perStructure((structure) => new Float64Array(structure.constructs.length));
