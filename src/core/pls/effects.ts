import { invert } from '../linear/solve.js';
import type { PlsStructure } from './structure.js';

/**
 * Total effects T = (I − B)⁻¹ − I, with B[from, to] the path coefficients (m×m, row-major):
 * T[i, j] is the sum over all directed routes from i to j of the product of their coefficients
 * (Alwin & Hauser 1975). Indirect effects are T − B. Returns null when I − B is singular (it
 * never is for an acyclic model).
 */
export function totalEffects(
  structure: PlsStructure,
  paths: ArrayLike<number>,
  into?: { readonly total: Float64Array; readonly direct: Float64Array },
): { total: Float64Array; direct: Float64Array } | null {
  const m = structure.constructs.length;
  const direct = into?.direct ?? new Float64Array(m * m);
  const total = into?.total ?? new Float64Array(m * m);
  direct.fill(0);
  structure.paths.forEach(([from, to], k) => (direct[from * m + to] = paths[k] as number));
  const scratch = scratchOf(m);
  const iMinusB = scratch.a;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      iMinusB[i * m + j] = (i === j ? 1 : 0) - (direct[i * m + j] as number);
  if (invert(iMinusB, m, total, scratch) === null) return null;
  for (let i = 0; i < m; i++) total[i * m + i] = (total[i * m + i] as number) - 1;
  return { total, direct };
}

/** Scratch of the inversion, by size (the bootstrap computes total effects once per resample). */
const scratches = new Map<number, { a: Float64Array; m: Float64Array; e: Float64Array }>();
function scratchOf(m: number): { a: Float64Array; m: Float64Array; e: Float64Array } {
  let scratch = scratches.get(m);
  if (scratch === undefined) {
    scratch = { a: new Float64Array(m * m), m: new Float64Array(m * m), e: new Float64Array(m) };
    scratches.set(m, scratch);
  }
  return scratch;
}
