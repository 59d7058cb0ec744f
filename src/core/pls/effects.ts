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
): { total: Float64Array; direct: Float64Array } | null {
  const m = structure.constructs.length;
  const direct = new Float64Array(m * m);
  structure.paths.forEach(([from, to], k) => (direct[from * m + to] = paths[k] as number));
  const iMinusB = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      iMinusB[i * m + j] = (i === j ? 1 : 0) - (direct[i * m + j] as number);
  const inverse = invert(iMinusB, m);
  if (inverse === null) return null;
  for (let i = 0; i < m; i++) inverse[i * m + i] = (inverse[i * m + i] as number) - 1;
  return { total: inverse, direct };
}
