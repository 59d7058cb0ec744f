import type { PlsStructure } from './structure.js';

/**
 * Heterotrait–monotrait ratio of correlations (Henseler, Ringle & Sarstedt 2015), as seminr 2.3:
 * with absolute item correlations,
 *   HTMT(i, j) = mean |r| over item pairs across blocks i and j
 *                / √(mean off-diagonal |r| within i × mean off-diagonal |r| within j),
 * the within-block mean of a single-item construct being 1. Returns the m×m matrix (row-major,
 * NaN on the diagonal).
 */
export function htmt(r: ArrayLike<number>, structure: PlsStructure): Float64Array {
  const p = structure.items.length;
  const m = structure.constructs.length;
  const within = structure.blocks.map((items) => {
    if (items.length === 1) return 1;
    let s = 0;
    let count = 0;
    for (const a of items)
      for (const b of items)
        if (a !== b) {
          s += Math.abs(r[a * p + b] as number);
          count++;
        }
    return s / count;
  });
  const out = new Float64Array(m * m).fill(Number.NaN);
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
