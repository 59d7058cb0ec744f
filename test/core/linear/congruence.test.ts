import { describe, expect, it } from 'vitest';
import { createCongruence } from '../../../src/core/linear/congruence.js';
import { createRandom } from '../../../src/core/random/random-source.js';

/**
 * Uᵀ·S·U written as the definition in createCongruence's comment: su_ij = Σ_k s_ik·u_kj and
 * out_ab = Σ_i u_ia·su_ib (b ≥ a), each sum from 0 in ascending order, mirrored below the diagonal.
 */
function definition(u: Float64Array, s: Float64Array, p: number): Float64Array {
  const su = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let v = 0;
      for (let k = 0; k < p; k++) v += (s[i * p + k] as number) * (u[k * p + j] as number);
      su[i * p + j] = v;
    }
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = a; b < p; b++) {
      let v = 0;
      for (let i = 0; i < p; i++) v += (u[i * p + a] as number) * (su[i * p + b] as number);
      out[a * p + b] = v;
      out[b * p + a] = v;
    }
  return out;
}

describe('createCongruence', () => {
  // Sizes odd and even (a row's last pair of lanes reaches past the row when p is odd), and the
  // SRMR test's real size (24 items of the ECSI model).
  it.each([1, 2, 3, 7, 24, 25])(
    'gives the bits of the definition for p = %i, with and without WebAssembly',
    (p) => {
      const random = createRandom(p, 3);
      const u = Float64Array.from({ length: p * p }, () => random.normal());
      const rotations = [createCongruence(u, p), createCongruence(u, p, false)];
      for (let trial = 0; trial < 5; trial++) {
        const s = new Float64Array(p * p);
        for (let a = 0; a < p; a++)
          for (let b = a; b < p; b++) {
            const v = a === b ? 1 + random.next() : random.normal() / 3;
            s[a * p + b] = v;
            s[b * p + a] = v;
          }
        const expected = Array.from(definition(u, s, p));
        for (const rotate of rotations) {
          const out = new Float64Array(p * p).fill(Number.NaN);
          rotate(s, out);
          expect(Array.from(out)).toEqual(expected);
        }
      }
    },
  );
});
