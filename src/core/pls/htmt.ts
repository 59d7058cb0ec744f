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
  const within: number[] = [];
  for (const items of structure.blocks) {
    let s = 0;
    let count = 0;
    if (items.length > 1)
      for (const a of items)
        for (const b of items)
          if (a !== b) {
            s += Math.abs(r[a * p + b] as number);
            count++;
          }
    within.push(items.length === 1 ? 1 : s / count);
  }
  for (let j = 0; j < m; j++) out[j * m + j] = Number.NaN;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      let s = 0;
      let count = 0;
      for (const a of structure.blocks[i] as readonly number[])
        for (const b of structure.blocks[j] as readonly number[]) {
          s += Math.abs(r[a * p + b] as number);
          count++;
        }
      const value = s / count / Math.sqrt((within[i] as number) * (within[j] as number));
      out[i * m + j] = value;
      out[j * m + i] = value;
    }
  }
  return out;
}
