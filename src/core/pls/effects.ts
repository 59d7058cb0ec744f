import { invert } from '../linear/solve.js';
import type { PlsStructure } from './structure.js';

/**
 * Total effects T = (I − B)⁻¹ − I, with B[from, to] the path coefficients (m×m, row-major):
 * T[i, j] is the sum over all directed routes from i to j of the product of their coefficients
 * (Alwin & Hauser 1975). Indirect effects are T − B. Returns null when I − B is singular (it
 * never is for an acyclic model).
 *
 * With `into` (the bootstrap's row of statistics), T is written there and nothing is allocated:
 * B then lives in scratch reused by the next call, so read it before calling again.
 */
export function totalEffects(
  structure: PlsStructure,
  paths: ArrayLike<number>,
  into?: Float64Array,
): { total: Float64Array; direct: Float64Array } | null {
  const m = structure.constructs.length;
  const scratch = scratchOf(m);
  const direct = into === undefined ? new Float64Array(m * m) : scratch.direct;
  const total = into ?? new Float64Array(m * m);
  direct.fill(0);
  structure.paths.forEach(([from, to], k) => (direct[from * m + to] = paths[k] as number));
  const iMinusB = scratch.a;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      iMinusB[i * m + j] = (i === j ? 1 : 0) - (direct[i * m + j] as number);
  if (invert(iMinusB, m, total, scratch) === null) return null;
  for (let i = 0; i < m; i++) total[i * m + i] = (total[i * m + i] as number) - 1;
  return { total, direct };
}

interface Scratch {
  readonly direct: Float64Array;
  readonly a: Float64Array;
  readonly m: Float64Array;
}

/**
 * B, I − B and the inversion's work arrays, by size (the bootstrap computes total effects once per
 * resample).
 */
const scratches = new Map<number, Scratch>();
function scratchOf(m: number): Scratch {
  let scratch = scratches.get(m);
  if (scratch === undefined) {
    const square = () => new Float64Array(m * m);
    scratch = { direct: square(), a: square(), m: square() };
    scratches.set(m, scratch);
  }
  return scratch;
}
