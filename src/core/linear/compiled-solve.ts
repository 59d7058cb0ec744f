import { assembleModule, doubleAt, op } from '../wasm/assemble.js';
import { compileWasm, instantiateWasm } from '../wasm/runtime.js';
import type { solveMany } from './solve.js';

/**
 * `solveMany` (Gaussian elimination with partial pivoting; Golub & Van Loan, Matrix Computations,
 * 4th ed., §3.4) compiled to WebAssembly with loops, for code that solves many small systems in a
 * run that is too short for the engine to optimize the JavaScript (PLSpredict's linear benchmark:
 * 100 folds, one system of ≈ 20 predictors per endogenous construct in each). The same operations
 * in the same order — the scale max |aᵢⱼ| (Math.max, f64.max), the first row of largest |pivot|,
 * the 1e-13 singularity test, the row swaps, a row skipped when its factor is 0, the eliminations
 * and the back substitution — so `m` and `x` come out with the same bits, and the same result.
 * `m` (k × k) and `x` (k × t) are copied into the module's memory and back. Null without
 * WebAssembly; the caller then keeps `solveMany`.
 */
export function createCompiledSolve(): typeof solveMany | null {
  const module = compileWasm('solve-many', solveModule);
  if (module === null) return null;
  let capacity = -1;
  let f64 = new Float64Array(0);
  let run: (m: number, x: number, k: number, t: number) => number = () => 0;
  return (m, x, k, t) => {
    const size = k * k + k * t;
    if (size > capacity) {
      capacity = Math.max(size, 1024);
      const instance = instantiateWasm(module, capacity * 8);
      f64 = new Float64Array(instance.memory.buffer);
      run = instance.exports['solve'] as typeof run;
    }
    f64.set(m.subarray(0, k * k), 0);
    f64.set(x.subarray(0, k * t), k * k);
    const solved = run(0, k * k * 8, k, t) === 1;
    m.set(f64.subarray(0, k * k));
    x.set(f64.subarray(k * k, k * k + k * t));
    return solved;
  };
}

/**
 * solve(m, x, k, t): `solveMany` on the k × k doubles at byte m and the k × t at byte x; 1 when
 * solved, 0 when singular (the memory then holds the elimination as far as it went, as the
 * JavaScript leaves its arrays).
 */
function solveModule(): Uint8Array {
  const { localGet: get, localSet: set, i32Const, i32Add, i32Mul, i32Shl } = op;
  const [M, X, K, T] = [0, 1, 2, 3];
  const [i, col, pivot, r, c, y, back] = [4, 5, 6, 7, 8, 9, 10];
  const [scale, p, f, s, tmp] = [11, 12, 13, 14, 15];
  const mAt = (row: number[], column: number[]) => doubleAt(M, row, K, column);
  const xAt = (row: number[], column: number[]) => doubleAt(X, row, T, column);
  const load = (at: number[]): number[] => [...at, ...op.f64Load()];
  const plusOne = (local: number): number[] => [...get(local), ...i32Const(1), ...i32Add];
  /** Swaps the doubles at `a` and `b` (addresses). */
  const swap = (a: number[], b: number[]): number[] => [
    ...load(a),
    ...set(tmp),
    ...a,
    ...load(b),
    ...op.f64Store(),
    ...b,
    ...get(tmp),
    ...op.f64Store(),
  ];
  /** Rows col and pivot of `at`'s matrix swapped, entries `index` = 0 … width − 1. */
  const swapRows = (
    at: (row: number[], column: number[]) => number[],
    index: number,
    width: number,
  ): number[] =>
    op.forLoop(
      index,
      i32Const(0),
      get(width),
      1,
      swap(at(get(col), get(index)), at(get(pivot), get(index))),
    );
  /** Row r ← row r − f · row col, at `at`'s entries `index` = from … width − 1. */
  const subtractScaledRow = (
    at: (row: number[], column: number[]) => number[],
    index: number,
    from: number[],
    width: number,
  ): number[] =>
    op.forLoop(index, from, get(width), 1, [
      ...at(get(r), get(index)),
      ...load(at(get(r), get(index))),
      ...get(f),
      ...load(at(get(col), get(index))),
      ...op.f64Mul,
      ...op.f64Sub,
      ...op.f64Store(),
    ]);
  const body = [
    // scale = max |m_i|
    ...op.f64Const(0),
    ...set(scale),
    ...op.forLoop(i, i32Const(0), [...get(K), ...get(K), ...i32Mul], 1, [
      ...get(scale),
      ...load([...get(M), ...get(i), ...i32Const(3), ...i32Shl, ...i32Add]),
      ...op.f64Abs,
      ...op.f64Max,
      ...set(scale),
    ]),
    // A zero matrix: solved only when empty.
    ...[...get(scale), ...op.f64Const(0), ...op.f64Eq],
    ...op.ifThen([...get(K), ...op.i32Eqz, ...op.return]),
    ...op.forLoop(col, i32Const(0), get(K), 1, [
      ...get(col),
      ...set(pivot),
      ...op.forLoop(r, plusOne(col), get(K), 1, [
        ...load(mAt(get(r), get(col))),
        ...op.f64Abs,
        ...load(mAt(get(pivot), get(col))),
        ...op.f64Abs,
        ...op.f64Gt,
        ...op.ifThen([...get(r), ...set(pivot)]),
      ]),
      ...load(mAt(get(pivot), get(col))),
      ...set(p),
      ...[...get(p), ...op.f64Abs, ...op.f64Const(1e-13), ...get(scale), ...op.f64Mul],
      ...[...op.f64Lt, ...op.ifThen([...i32Const(0), ...op.return])],
      ...[...get(pivot), ...get(col), ...op.i32Ne],
      ...op.ifThen([...swapRows(mAt, c, K), ...swapRows(xAt, y, T)]),
      ...op.forLoop(r, plusOne(col), get(K), 1, [
        ...[...load(mAt(get(r), get(col))), ...get(p), ...op.f64Div, ...set(f)],
        // f = 0: the row is left as it is.
        ...[...get(f), ...op.f64Const(0), ...op.f64Ne],
        ...op.ifThen([
          ...subtractScaledRow(mAt, c, get(col), K),
          ...subtractScaledRow(xAt, y, i32Const(0), T),
        ]),
      ]),
    ]),
    // Back substitution, column by column, rows k − 1 … 0 (r = k − 1 − back).
    ...op.forLoop(y, i32Const(0), get(T), 1, [
      ...op.forLoop(back, i32Const(0), get(K), 1, [
        ...[...get(K), ...i32Const(-1), ...i32Add, ...get(back), ...op.i32Sub, ...set(r)],
        ...load(xAt(get(r), get(y))),
        ...set(s),
        ...op.forLoop(c, plusOne(r), get(K), 1, [
          ...get(s),
          ...load(mAt(get(r), get(c))),
          ...load(xAt(get(c), get(y))),
          ...op.f64Mul,
          ...op.f64Sub,
          ...set(s),
        ]),
        ...xAt(get(r), get(y)),
        ...get(s),
        ...load(mAt(get(r), get(r))),
        ...op.f64Div,
        ...op.f64Store(),
      ]),
    ]),
    ...i32Const(1),
  ];
  return assembleModule([
    { name: 'solve', params: 4, result: 'i32', i32Locals: 7, f64Locals: 5, body },
  ]);
}
