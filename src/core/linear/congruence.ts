import { assembleModule, op } from '../wasm/assemble.js';
import { compileWasm, instantiateWasm } from '../wasm/runtime.js';

/**
 * out = Uᵀ·S·U for one fixed p × p matrix U and any symmetric p × p S, as a function of (S, out)
 * made once per U: the SRMR test rotates each resample's covariance matrix this way (Bollen–Stine,
 * srmr.ts). Each entry is summed in ascending order of its inner index, starting from 0:
 *   su_ij = Σ_k s_ik·u_kj  (k = 0, 1, …, p − 1),
 *   out_ab = Σ_i u_ia·su_ib  (i = 0, 1, …, p − 1) for b ≥ a, and out_ba = out_ab.
 * With WebAssembly's fixed-width SIMD the sums run two columns (j or b) at a time, each lane the
 * same additions in the same order (f64x2.add and f64x2.mul are IEEE 754 operations lane by lane,
 * WebAssembly Core Specification 2.0, §4.3.3); without it, in JavaScript. The bits are the same.
 * Cost: 2p³ multiply-adds per call (half of them for the symmetric result).
 * `webAssembly: false` keeps the JavaScript sums (the tests compare both).
 */
export function createCongruence(
  u: Float64Array,
  p: number,
  webAssembly = true,
): (s: Float64Array, out: Float64Array) => void {
  const module = webAssembly ? compiledModule() : null;
  if (module === null) {
    const su = new Float64Array(p * p);
    return (s, out) => {
      multiplySymmetric(s, u, p, su);
      congruenceFromProduct(u, su, p, out);
      mirrorUpper(out, p);
    };
  }
  // U, S, S·U and the result, each with two doubles to spare: a row's last pair of columns may
  // reach one double past the row (into the next row, which is written later, or the spare).
  const size = p * p + 2;
  const instance = instantiateWasm(module, 4 * size * 8);
  const f64 = new Float64Array(instance.memory.buffer);
  const run = instance.exports['congruence'] as (...args: number[]) => void;
  f64.set(u, 0);
  return (s, out) => {
    f64.set(s.subarray(0, p * p), size);
    run(p, 0, size * 8, 2 * size * 8, 3 * size * 8);
    out.set(f64.subarray(3 * size, 3 * size + p * p));
  };
}

/** su = S·U, row by row, each entry summed over k in order (see `createCongruence`). */
function multiplySymmetric(s: Float64Array, u: Float64Array, p: number, su: Float64Array): void {
  su.fill(0);
  for (let i = 0; i < p; i++) {
    const row = i * p;
    // Four k share one pass over the row (each entry loaded and stored once per four terms).
    let k = 0;
    for (; k + 4 <= p; k += 4) {
      const s0 = s[row + k] as number;
      const s1 = s[row + k + 1] as number;
      const s2 = s[row + k + 2] as number;
      const s3 = s[row + k + 3] as number;
      const u0 = k * p;
      for (let j = 0; j < p; j++) {
        let v = su[row + j] as number;
        v += s0 * (u[u0 + j] as number);
        v += s1 * (u[u0 + p + j] as number);
        v += s2 * (u[u0 + 2 * p + j] as number);
        v += s3 * (u[u0 + 3 * p + j] as number);
        su[row + j] = v;
      }
    }
    for (; k < p; k++) {
      const sk = s[row + k] as number;
      for (let j = 0; j < p; j++)
        su[row + j] = (su[row + j] as number) + sk * (u[k * p + j] as number);
    }
  }
}

/** The upper triangle of out = Uᵀ·su, each entry summed over i in order. */
function congruenceFromProduct(
  u: Float64Array,
  su: Float64Array,
  p: number,
  out: Float64Array,
): void {
  out.fill(0);
  for (let i = 0; i < p; i++) {
    const row = i * p;
    for (let a = 0; a < p; a++) {
      const uia = u[row + a] as number;
      const at = a * p;
      for (let b = a; b < p; b++)
        out[at + b] = (out[at + b] as number) + uia * (su[row + b] as number);
    }
  }
}

/** The lower triangle of a p × p matrix ← its upper triangle. */
function mirrorUpper(out: Float64Array, p: number): void {
  for (let a = 0; a < p; a++)
    for (let b = a + 1; b < p; b++) out[b * p + a] = out[a * p + b] as number;
}

/**
 * Compiles the module now: a run that hands the SRMR test to a worker thread compiles it first,
 * with its assembler already warm, and the worker adopts it (`compiledWasmModules`) instead of
 * building it cold.
 */
export function precompileCongruence(): void {
  compiledModule();
}

/** The module, compiled once a thread (null without WebAssembly or its SIMD instructions). */
function compiledModule(): object | null {
  return compileWasm('congruence', congruenceModule);
}

/**
 * congruence(p, u, s, su, out), byte offsets of the p × p matrices: su = S·U two columns j at a
 * time (lanes j, j + 1; acc += splat(s_ik)·u_k[j, j+1], k ascending, from 0), then the upper
 * triangle of Uᵀ·su two columns b ≥ a at a time (acc += splat(u_ia)·su_i[b, b+1], i ascending,
 * from 0), then the lower triangle copied from the upper.
 */
function congruenceModule(): Uint8Array {
  const { localGet: get, localSet: set, i32Const, i32Add, i32Mul, i32Shl } = op;
  const [P, U, S, SU, OUT, I, J, K, A, B, ACC] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
  /** base + (row·p + col)·8 */
  const at = (base: number, row: number, col: number): number[] => [
    ...get(base),
    ...get(row),
    ...get(P),
    ...i32Mul,
    ...get(col),
    ...i32Add,
    ...i32Const(3),
    ...i32Shl,
    ...i32Add,
  ];
  /** acc ← 0; for t in 0…p: acc += splat(x[t, scalarCol]) · y[t, pair]; store at `into`. */
  const pairSum = (t: number, x: number[], y: number[], into: number[]): number[] => [
    ...op.v128Zero,
    ...set(ACC),
    ...op.forLoop(t, i32Const(0), get(P), 1, [
      ...get(ACC),
      ...x,
      ...op.f64Load(),
      ...op.f64x2Splat,
      ...y,
      ...op.v128Load(),
      ...op.f64x2Mul,
      ...op.f64x2Add,
      ...set(ACC),
    ]),
    ...into,
    ...get(ACC),
    ...op.v128Store(),
  ];
  const body = [
    ...op.forLoop(I, i32Const(0), get(P), 1, [
      ...op.forLoop(J, i32Const(0), get(P), 2, pairSum(K, at(S, I, K), at(U, K, J), at(SU, I, J))),
    ]),
    ...op.forLoop(A, i32Const(0), get(P), 1, [
      ...op.forLoop(B, get(A), get(P), 2, pairSum(I, at(U, I, A), at(SU, I, B), at(OUT, A, B))),
    ]),
    ...op.forLoop(A, i32Const(0), get(P), 1, [
      ...op.forLoop(B, [...get(A), ...i32Const(1), ...i32Add], get(P), 1, [
        ...at(OUT, B, A),
        ...at(OUT, A, B),
        ...op.f64Load(),
        ...op.f64Store(),
      ]),
    ]),
  ];
  return assembleModule([{ name: 'congruence', params: 5, i32Locals: 5, v128Locals: 1, body }]);
}
