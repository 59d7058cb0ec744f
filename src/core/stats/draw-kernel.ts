import { assembleModule, op } from '../wasm/assemble.js';
import { compileWasm, instantiateWasm } from '../wasm/runtime.js';
import type { Selection } from './select-quantile.js';

/**
 * The bootstrap summaries' passes over one statistic's draws, in WebAssembly: the draws are
 * written into `column` (a view of the module's memory) and summarized there. Each result is the
 * JavaScript one to the bit — the same additions in the same order (IEEE 754 f64 operations,
 * WebAssembly Core Specification 2.0, §4.3.3), the same comparisons:
 *
 * - `moments(n)`: S = Σ xᵢ (i ascending, from 0), then Σ (xᵢ − S/n)² (i ascending, from 0);
 * - `countAtMost(n, v)` = #{xᵢ ≤ v}, `countBelow(n, v)` = #{xᵢ < v};
 * - `selection`: `select-quantile.ts`'s partition loop (Floyd & Rivest 1975) without its sampling
 *   step (which needs logarithms), so a selection of rank k on column[left … right]; after
 *   `rounds` partitions (80; tests pass fewer) it stops and the JavaScript selection finishes
 *   from the array as it stands (any correct selection gives the same order statistics), so no
 *   column costs much more than the JavaScript would; and the minimum of column[from … n − 1]
 *   (the first of equal ones).
 *
 * - the sign flips' passes (`countSignFlips`): `clearDots()` zeroes a second column d and a flag
 *   per draw; `accumulate(n, w)` sets dᵢ ← dᵢ + xᵢ·w (i < n, the JavaScript's operation);
 *   `markNegative(n)` = #{dᵢ < 0}, flagging those draws; `countFlagged(n)` = the draws flagged
 *   since `clearFlags()`.
 *
 * Why: the summaries run once per statistic over thousands of draws (117 statistics × 5 000 for
 * ECSI), all in code V8 has not optimized yet; 30–50 ms of a cold run. Null without WebAssembly.
 */
export interface DrawKernel {
  readonly column: Float64Array;
  moments(n: number): { readonly sum: number; readonly squares: number };
  countAtMost(n: number, v: number): number;
  countBelow(n: number, v: number): number;
  readonly selection: Selection;
  clearDots(): void;
  clearFlags(): void;
  accumulate(n: number, w: number): void;
  markNegative(n: number): number;
  countFlagged(n: number): number;
}

export function createDrawKernel(capacity: number, rounds = 80): DrawKernel | null {
  const module = compileWasm('draw-kernel', drawModule);
  if (module === null) return null;
  // The column, then the dots (doubles), then a flag byte per draw.
  const dots = COLUMN + capacity * 8;
  const flags = dots + capacity * 8;
  const instance = instantiateWasm(module, flags + capacity);
  const f64 = new Float64Array(instance.memory.buffer);
  const bytes = new Uint8Array(instance.memory.buffer);
  const fn = (name: string) => instance.exports[name] as (...args: number[]) => number;
  const [moments, atMost, below, select, minFrom, accumulate, markNegative, countFlagged] = [
    fn('moments'),
    fn('countAtMost'),
    fn('countBelow'),
    fn('select'),
    fn('minFrom'),
    fn('accumulate'),
    fn('markNegative'),
    fn('countFlagged'),
  ];
  const column = f64.subarray(COLUMN / 8, COLUMN / 8 + capacity);
  const out = { sum: 0, squares: 0 };
  return {
    clearDots: () => f64.fill(0, dots / 8, dots / 8 + capacity),
    clearFlags: () => bytes.fill(0, flags, flags + capacity),
    accumulate(n, w) {
      f64[2] = w;
      accumulate(n, dots);
    },
    markNegative: (n) => markNegative(n, dots, flags),
    countFlagged: (n) => countFlagged(n, flags),
    column,
    moments(n) {
      moments(n);
      out.sum = f64[0] as number;
      out.squares = f64[1] as number;
      return out;
    },
    countAtMost(n, v) {
      f64[2] = v;
      return atMost(n);
    },
    countBelow(n, v) {
      f64[2] = v;
      return below(n);
    },
    selection: {
      select: (left, right, k) => select(left, right, k, rounds) === 1,
      minFrom(from, n) {
        minFrom(from, n);
        return f64[3] as number;
      },
    },
  };
}

/** Byte offset of the column: after four doubles of arguments and results. */
const COLUMN = 32;

/**
 * The module's five functions (see `DrawKernel`); a double of the column at byte COLUMN + 8·i;
 * f64 results at bytes 0 (sum), 8 (squares) and 24 (minimum), the count's threshold at 16.
 */
function drawModule(): Uint8Array {
  const { localGet: get, localSet: set, localTee: tee, i32Const, i32Add, i32Shl } = op;
  /** The address of x_i (i in local `i`). */
  const at = (i: number): number[] => [...get(i), ...i32Const(3), ...i32Shl];
  const x = (i: number): number[] => [...at(i), ...op.f64Load(COLUMN)];
  const zero = op.f64Const(0);
  // moments(n): locals n = 0; i = 1; sum = 2, mean = 3 (f64).
  const moments = [
    ...zero,
    ...set(2),
    ...op.forLoop(1, i32Const(0), get(0), 1, [...get(2), ...x(1), ...op.f64Add, ...set(2)]),
    ...i32Const(0),
    ...get(2),
    ...op.f64Store(0),
    ...get(2),
    ...get(0),
    ...op.f64ConvertI32,
    ...op.f64Div,
    ...set(3),
    ...zero,
    ...set(2),
    ...op.forLoop(1, i32Const(0), get(0), 1, [
      ...get(2),
      ...x(1),
      ...get(3),
      ...op.f64Sub,
      ...x(1),
      ...get(3),
      ...op.f64Sub,
      ...op.f64Mul,
      ...op.f64Add,
      ...set(2),
    ]),
    ...i32Const(0),
    ...get(2),
    ...op.f64Store(8),
  ];
  // count(n): locals n = 0; i = 1, k = 2; the threshold at byte 16.
  const count = (comparison: readonly number[]): number[] => [
    ...op.forLoop(1, i32Const(0), get(0), 1, [
      ...x(1),
      ...i32Const(0),
      ...op.f64Load(16),
      ...comparison,
      ...get(2),
      ...i32Add,
      ...set(2),
    ]),
    ...get(2),
  ];
  // select(left, right, k, limit): locals left/l = 0, right/r = 1, k = 2, limit = 3; i = 4,
  // j = 5, rounds = 6; t = 7 (f64).
  const swap = (a: number, b: number): number[] => [
    ...at(a),
    ...x(b),
    ...at(b),
    ...x(a),
    ...op.f64Store(COLUMN),
    ...op.f64Store(COLUMN),
  ];
  const L = 0;
  const R = 1;
  const K = 2;
  const LIMIT = 3;
  const I = 4;
  const J = 5;
  const ROUNDS = 6;
  const T = 7;
  const lt = (a: number[], b: number[]): number[] => [...a, ...b, ...op.f64Lt];
  const gt = (a: number[], b: number[]): number[] => [...a, ...b, ...op.f64Gt];
  const step = (local: number, by: number): number[] => [
    ...get(local),
    ...i32Const(by),
    ...i32Add,
    ...set(local),
  ];
  /** while (condition) body — `condition` leaves an i32. */
  const whileLoop = (condition: number[], body: number[]): number[] => [
    ...op.blockStart,
    ...op.loopStart,
    ...condition,
    ...op.i32Eqz,
    ...op.brIf(1),
    ...body,
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
  const ltS = op.i32LtS;
  const leS = op.i32LeS;
  const select = [
    ...whileLoop(
      [...get(L), ...get(R), ...ltS],
      [
        // Give up after too many rounds: the JavaScript selection takes over.
        ...get(ROUNDS),
        ...i32Const(1),
        ...i32Add,
        ...tee(ROUNDS),
        ...get(LIMIT),
        ...op.i32GeS,
        ...op.ifThen([...i32Const(0), ...op.return]),
        ...x(K),
        ...set(T),
        ...get(L),
        ...set(I),
        ...get(R),
        ...set(J),
        ...swap(L, K),
        ...gt(x(R), get(T)),
        ...op.ifThen(swap(R, L)),
        ...whileLoop(
          [...get(I), ...get(J), ...ltS],
          [
            ...swap(I, J),
            ...step(I, 1),
            ...step(J, -1),
            ...whileLoop(lt(x(I), get(T)), step(I, 1)),
            ...whileLoop(gt(x(J), get(T)), step(J, -1)),
          ],
        ),
        ...x(L),
        ...get(T),
        ...op.f64Eq,
        ...op.ifStart,
        ...swap(L, J),
        ...op.else,
        ...step(J, 1),
        ...swap(J, R),
        ...op.end,
        ...get(J),
        ...get(K),
        ...leS,
        ...op.ifThen([...get(J), ...i32Const(1), ...i32Add, ...set(L)]),
        ...get(K),
        ...get(J),
        ...leS,
        ...op.ifThen([...get(J), ...i32Const(-1), ...i32Add, ...set(R)]),
      ],
    ),
    ...i32Const(1),
  ];
  // minFrom(from, n): locals from = 0, n = 1; i = 2; m = 3 (f64); the minimum to byte 24.
  const minFrom = [
    ...x(0),
    ...set(3),
    ...op.forLoop(2, [...get(0), ...i32Const(1), ...i32Add], get(1), 1, [
      ...lt(x(2), get(3)),
      ...op.ifThen([...x(2), ...set(3)]),
    ]),
    ...i32Const(0),
    ...get(3),
    ...op.f64Store(24),
  ];
  // accumulate(n, dots): locals n = 0, dots = 1; i = 2, address = 3; w at byte 16.
  const accumulate = op.forLoop(2, i32Const(0), get(0), 1, [
    ...[...get(1), ...at(2), ...i32Add, ...tee(3)],
    ...[...get(3), ...op.f64Load(), ...x(2), ...i32Const(0), ...op.f64Load(16)],
    ...[...op.f64Mul, ...op.f64Add, ...op.f64Store()],
  ]);
  // markNegative(n, dots, flags): locals n = 0, dots = 1, flags = 2; i = 3, k = 4.
  const markNegative = [
    ...op.forLoop(3, i32Const(0), get(0), 1, [
      ...[...get(1), ...at(3), ...i32Add, ...op.f64Load(), ...zero, ...op.f64Lt],
      ...op.ifThen([
        ...[...get(4), ...i32Const(1), ...i32Add, ...set(4)],
        ...[...get(2), ...get(3), ...i32Add, ...i32Const(1), ...op.i32Store8()],
      ]),
    ]),
    ...get(4),
  ];
  // countFlagged(n, flags): locals n = 0, flags = 1; i = 2, k = 3.
  const countFlagged = [
    ...op.forLoop(2, i32Const(0), get(0), 1, [
      ...[...get(3), ...get(1), ...get(2), ...i32Add, ...op.i32Load8U(), ...i32Add, ...set(3)],
    ]),
    ...get(3),
  ];
  return assembleModule([
    { name: 'accumulate', params: 2, i32Locals: 2, body: accumulate },
    { name: 'markNegative', params: 3, result: 'i32', i32Locals: 2, body: markNegative },
    { name: 'countFlagged', params: 2, result: 'i32', i32Locals: 2, body: countFlagged },
    { name: 'moments', params: 1, i32Locals: 1, f64Locals: 2, body: moments },
    {
      name: 'countAtMost',
      params: 1,
      result: 'i32',
      i32Locals: 2,
      body: count([...op.f64Le]),
    },
    { name: 'countBelow', params: 1, result: 'i32', i32Locals: 2, body: count([...op.f64Lt]) },
    { name: 'select', params: 4, result: 'i32', i32Locals: 3, f64Locals: 1, body: select },
    { name: 'minFrom', params: 2, i32Locals: 1, f64Locals: 1, body: minFrom },
  ]);
}
