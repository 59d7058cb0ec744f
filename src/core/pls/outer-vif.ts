import { solve } from '../linear/solve.js';
import type { PlsStructure } from './structure.js';

/**
 * Outer (indicator) VIF of every indicator within its block: VIF_k = 1 / (1 − R²_k), R²_k from
 * regressing indicator k on the other indicators of its construct — equal to the k-th diagonal
 * element of R_jj⁻¹ (R_jj the block's correlation matrix). Collinearity among formative indicators
 * is critical above 5 and may matter from 3 (Hair, Risher, Sarstedt & Ringle 2019, EBR 31(1), p.
 * 8).
 * Single-indicator blocks get 1; a singular block NaN. seminr reports the same as `vif_items`.
 */
export function outerVif(r: ArrayLike<number>, structure: PlsStructure): Float64Array {
  const p = structure.items.length;
  const out = new Float64Array(p);
  for (const items of structure.blocks) {
    const q = items.length;
    const rjj = new Float64Array(q * q);
    items.forEach((a, x) => items.forEach((b, y) => (rjj[x * q + y] = r[a * p + b] as number)));
    items.forEach((k, x) => {
      if (q === 1) {
        out[k] = 1;
        return;
      }
      const unit = new Float64Array(q);
      unit[x] = 1;
      const column = solve(rjj, unit, q);
      out[k] = column === null ? Number.NaN : (column[x] as number);
    });
  }
  return out;
}
