import { assembleModule, ByteWriter, op } from '../wasm/assemble.js';
import { compileWasm, instantiateWasm } from '../wasm/runtime.js';
// Types only (erased): estimate.ts calls this module, which reads its plan and buffers.
import type { Plan, PlsEstimateBuffers } from './estimate.js';
import { causalOrder } from './structure.js';

/** One structure's estimate, compiled (`compileEstimate`). */
export interface CompiledEstimate {
  /**
   * Estimates from the correlation matrix `r` into `out`; returns iterations · 2 + (1 if it
   * converged), or −1 when the estimate fails (a constant composite, a singular regression).
   */
  run(
    r: ArrayLike<number>,
    initialWeights: ArrayLike<number> | undefined,
    tolerance: number,
    maxIterations: number,
    out: PlsEstimateBuffers,
  ): number;
  /**
   * The statistics of a single-stage model's bootstrap resample (`CompiledStatistics`), built on
   * first use; null when its code would exceed `MAX_CODE_BYTES`.
   */
  resampleStatistics(): CompiledStatistics | null;
  /**
   * The SRMR test's resample (`CompiledSrmr`), built on first use; null for a structure whose
   * paths have a cycle (no causal order) or whose code would exceed `MAX_CODE_BYTES`.
   */
  resampleSrmr(): CompiledSrmr | null;
}

/**
 * One bootstrap resample of a single-stage model, from its item covariance matrix to the vector of
 * statistics the bootstrap keeps (`plsStatistics`' layout): the correlation matrix (`correlation`
 * in moments.ts), the estimate, the total effects (`totalEffects`) and the HTMT matrix (`htmt`),
 * each written out as WebAssembly for the structure, operation for operation as the JavaScript, so
 * the same bits. Without it, the steps around the estimate ran as JavaScript once per resample:
 * ≈ 8 µs of a 24-item model's ≈ 28 µs, and a thread's first few hundred resamples interpreted.
 */
export interface CompiledStatistics {
  /** The vector's length. */
  readonly width: number;
  /**
   * The statistics of the resample whose covariance matrix is `cov` (p × p), the estimate starting
   * from `initialWeights`: a view of the module's memory, valid until the next call; null when the
   * resample fails (an item without variance, a constant composite, a singular regression or a
   * singular I − B).
   */
  run(
    cov: ArrayLike<number>,
    initialWeights: ArrayLike<number> | undefined,
    tolerance: number,
    maxIterations: number,
  ): Float64Array | null;
}

/**
 * The SRMR of the model estimated from the covariance matrix `cov` (`srmr` of R and the composite
 * model's implied correlations, `impliedIndicatorCorrelation` with `impliedConstructCorrelation`,
 * as the SRMR test computes it for each resample), compiled as `CompiledStatistics` is; null when
 * the estimate fails.
 */
export type CompiledSrmr = (
  cov: ArrayLike<number>,
  initialWeights: ArrayLike<number> | undefined,
  tolerance: number,
  maxIterations: number,
) => number | null;

/** Bytes of code above which a structure keeps the JavaScript estimate (see `compileEstimate`). */
const MAX_CODE_BYTES = 4 * 1024 * 1024;

/**
 * `estimatePls` with path weighting and Mode A blocks, compiled to WebAssembly for one structure:
 * the same operations in the same order on the same doubles, so the same bits. Every step of the
 * iterations (normalize, project, inner weights, outer proxies, the convergence sum) and of the
 * final loadings, paths and R² is written out for the structure's own blocks and pairs (the loops
 * over items and constructs run here, when the code is generated), and so is each inner
 * regression's elimination with partial pivoting (`solveMany`'s, its pivot rows chosen as the
 * code runs). WebAssembly's f64
 * instructions are IEEE 754 binary64 operations, correctly rounded, with no fused multiply-add
 * (WebAssembly Core Specification 2.0, §4.3.3), so each sum and product is the JavaScript one.
 *
 * Why: a bootstrap fits thousands of resamples on each thread, and a thread's first few hundred
 * ran in V8's interpreter while its optimizing compiler worked (≈ 100 ms of a 5 000-resample run
 * of a 24-item model). WebAssembly is compiled before it runs.
 *
 * The plan's `key` names the structure (its content): a thread that was given the module compiled
 * by another (`adoptWasmModules`) instantiates it without building it again. Null when the runtime
 * has no WebAssembly or the structure's code would exceed `MAX_CODE_BYTES` (thousands of items);
 * the caller then keeps the JavaScript estimate.
 */
export function compileEstimate(plan: Plan): CompiledEstimate | null {
  const { p, m, key } = plan;
  const pathCount = plan.pathEnds.length;
  const width = pathCount + 2 * plan.items.length + 2 * m * m;
  const layout = memoryLayout(p, m, pathCount, width);
  const module = compileWasm(`estimate ${key}`, () => {
    const body = estimateBody(plan, layout);
    return body === null ? null : assembleModule([withLocals('estimate', body)]);
  });
  if (module === null) return null;
  const instance = instantiateWasm(module, layout.end);
  const estimate = instance.exports['estimate'] as (maxIterations: number) => number;
  const f64 = new Float64Array(instance.memory.buffer);
  const view = (offset: number, length: number): Float64Array =>
    f64.subarray(offset / 8, offset / 8 + length);
  const [weights, loadings, c, paths, rSquared, row] = [
    view(layout.w, p),
    view(layout.loadings, p),
    view(layout.c, m * m),
    view(layout.paths, pathCount),
    view(layout.rSquared, m),
    view(layout.row, width),
  ] as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  /** Sets the weights and the tolerance and runs the estimate on the R in memory. */
  const run = (
    initialWeights: ArrayLike<number> | undefined,
    tolerance: number,
    maxIterations: number,
  ): number => {
    const w0 = layout.w / 8;
    for (let k = 0; k < p; k++)
      f64[w0 + k] = initialWeights === undefined ? 1 : (initialWeights[k] as number);
    f64[layout.tolerance / 8] = tolerance;
    // `iterations < maxIterations` for a whole number of iterations: the same test, rounded up.
    return estimate(Math.min(Math.ceil(Math.max(maxIterations, 0)), 2 ** 31 - 1));
  };
  /**
   * A module of `correlate` and `name` working on this instance's memory (its own key, so a worker
   * adopts it as it adopts the estimate), or null when the body is; with `fromCovariance`, which
   * puts `cov` into memory and runs the correlation and the estimate (false when either fails).
   */
  const companion = (name: string, body: () => Uint8Array | null) => {
    const built = compileWasm(`${name} ${key}`, () => {
      const code = body();
      return code === null
        ? null
        : assembleModule([
            withLocals('correlate', correlateBody(p, layout)),
            withLocals(name, code),
          ]);
    });
    if (built === null) return null;
    const { exports } = instantiateWasm(built, layout.end, instance.memory);
    const correlate = exports['correlate'] as (unused: number) => number;
    return {
      last: exports[name] as (unused: number) => number,
      fromCovariance(
        cov: ArrayLike<number>,
        initialWeights: ArrayLike<number> | undefined,
        tolerance: number,
        maxIterations: number,
      ): boolean {
        f64.set(cov, layout.cov / 8);
        return correlate(0) >= 0 && run(initialWeights, tolerance, maxIterations) >= 0;
      },
    };
  };
  return {
    run(r, initialWeights, tolerance, maxIterations, out) {
      f64.set(r, layout.r / 8);
      const status = run(initialWeights, tolerance, maxIterations);
      if (status < 0) return -1;
      out.weights.set(weights);
      out.loadings.set(loadings);
      out.constructCorrelation.set(c);
      out.paths.set(paths);
      out.rSquared.set(rSquared);
      return status;
    },
    resampleStatistics: once((): CompiledStatistics | null => {
      const built = companion('statistics', () => statisticsBody(plan, layout));
      return built === null
        ? null
        : {
            width,
            run: (cov, initialWeights, tolerance, maxIterations) =>
              built.fromCovariance(cov, initialWeights, tolerance, maxIterations) &&
              built.last(0) >= 0
                ? row
                : null,
          };
    }),
    resampleSrmr: once((): CompiledSrmr | null => {
      const built = companion('srmr', () => srmrBody(plan, layout));
      return built === null
        ? null
        : (cov, initialWeights, tolerance, maxIterations) => {
            if (!built.fromCovariance(cov, initialWeights, tolerance, maxIterations)) return null;
            built.last(0);
            return f64[layout.fit / 8] as number;
          };
    }),
  };
}

/** `build()` at the first call, its value kept for every later one (a companion module). */
function once<T>(build: () => T): () => T {
  let built = false;
  let value: T | undefined;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/** A function of the module: one i32 parameter and result, and the locals every body uses. */
function withLocals(name: string, body: Uint8Array) {
  return { name, body, params: 1, result: 'i32', i32Locals: 3, f64Locals: 8 } as const;
}

/** Byte offsets of the module's doubles (every array is 8-byte aligned). */
interface Layout {
  /** R, p × p. */
  readonly r: number;
  /** The weights W and the next weights, p each. */
  readonly w: number;
  readonly next: number;
  /** R·W, p × m; C = Wᵀ·R·W and the inner weights E, m × m each. */
  readonly rw: number;
  readonly c: number;
  readonly e: number;
  /** A regression's C_pp (k × k ≤ m × m), coefficients and C_pJ (k × t ≤ m × m). */
  readonly a: number;
  readonly coefficients: number;
  readonly cpj: number;
  readonly loadings: number;
  readonly paths: number;
  readonly rSquared: number;
  /** The convergence tolerance (one double). */
  readonly tolerance: number;
  /** A resample's covariance matrix (p × p) and its items' standard deviations (p). */
  readonly cov: number;
  readonly sd: number;
  /** HTMT's mean within-block correlations (m). */
  readonly within: number;
  /** A resample's statistics (`CompiledStatistics`). */
  readonly row: number;
  /** The implied construct correlations Φ (m × m) and the SRMR (one double). */
  readonly phi: number;
  readonly fit: number;
  readonly end: number;
}

function memoryLayout(p: number, m: number, pathCount: number, width: number): Layout {
  const sizes = [
    ['r', p * p],
    ['w', p],
    ['next', p],
    ['rw', p * m],
    ['c', m * m],
    ['e', m * m],
    ['a', m * m],
    ['coefficients', m * m],
    ['cpj', m * m],
    ['loadings', p],
    ['paths', pathCount],
    ['rSquared', m],
    ['tolerance', 1],
    ['cov', p * p],
    ['sd', p],
    ['within', m],
    ['row', width],
    ['phi', m * m],
    ['fit', 1],
  ] as const;
  const layout: Record<string, number> = {};
  let offset = 0;
  for (const [name, doubles] of sizes) {
    layout[name] = offset;
    offset += doubles * 8;
  }
  return { ...(layout as Omit<Layout, 'end'>), end: Math.max(offset, 8) };
}

// The estimate function's locals: its parameter, then i32 and f64 locals.
const MAX_ITERATIONS = 0;
const ITERATIONS = 1;
const CONVERGED = 2;
const PIVOT = 3;
const S = 4;
const V = 5;
const T = 6;
const CHANGE = 7;
const SCALE = 8;
const PV = 9;
const F = 10;
const TMP = 11;

/**
 * The instruction writers the module's functions share, writing into `out` with the addresses of
 * `at`: loads and stores of doubles at constant addresses, dot products, and `eliminate`.
 */
function coder(out: ByteWriter, at: Layout) {
  const zero = op.f64Const(0);
  // Doubles at constant addresses (address 0 and the byte offset in the instruction).
  const load = (offset: number): void => out.f64LoadAt(offset);
  const store = (offset: number, value: () => void): void => out.f64StoreAt(offset, value);
  const copy = (to: number, from: number): void => store(to, () => load(from));
  const fail = [...op.i32Const(-1), ...op.return];
  /** s ← Σ a_x·b_x, x in order, from 0 (a and b: byte offsets of the terms' doubles). */
  const dot = (terms: number, a: (x: number) => number, b: (x: number) => number): void => {
    out.emit(zero);
    out.localSet(S);
    for (let x = 0; x < terms; x++) out.mulAdd(S, a(x), b(x));
  };

  /**
   * `solveMany` on the k × k matrix at `at.a` and the k × t right-hand sides at
   * `at.coefficients`, operation for operation (Gaussian elimination with partial pivoting; Golub &
   * Van Loan, Matrix Computations, 4th ed., §3.4), written out for this k and t: the pivot row is
   * chosen at run time (local PIVOT) and its entries addressed from it; fails when singular.
   */
  const eliminate = (k: number, t: number): void => {
    const a = (r: number, c: number): number => at.a + (r * k + c) * 8;
    const x = (r: number, y: number): number => at.coefficients + (r * t + y) * 8;
    /** The pivot row's entry: PIVOT · width · 8 + the byte offset of its row 0 (`base`). */
    const pivotAddress = (width: number): void => {
      out.localGet(PIVOT);
      out.emit(op.i32Const(width * 8), op.i32Mul);
    };
    const loadPivot = (width: number, base: number): void => {
      pivotAddress(width);
      out.emit(op.f64Load(base));
    };
    /** Swaps the entry at `fixed` with the pivot row's entry in the same column. */
    const swap = (fixed: number, width: number, base: number): void => {
      load(fixed);
      out.localSet(TMP);
      store(fixed, () => loadPivot(width, base));
      pivotAddress(width);
      out.localGet(TMP);
      out.emit(op.f64Store(base));
    };
    /** into ← into − f·other */
    const subtractScaled = (into: number, other: number): void =>
      store(into, () => {
        load(into);
        out.localGet(F);
        load(other);
        out.emit(op.f64Mul, op.f64Sub);
      });
    // scale = max |a_ij|; a zero matrix is singular (k ≥ 1 here).
    out.emit(zero);
    out.localSet(SCALE);
    for (let i = 0; i < k * k; i++) {
      out.localGet(SCALE);
      load(at.a + i * 8);
      out.emit(op.f64Abs, op.f64Max);
      out.localSet(SCALE);
    }
    out.localGet(SCALE);
    out.emit(zero, op.f64Eq, op.ifThen(fail));
    for (let c = 0; c < k; c++) {
      out.emit(op.i32Const(c));
      out.localSet(PIVOT);
      for (let r = c + 1; r < k; r++) {
        load(a(r, c));
        out.emit(op.f64Abs);
        loadPivot(k, a(0, c));
        out.emit(op.f64Abs, op.f64Gt, op.ifThen([...op.i32Const(r), ...op.localSet(PIVOT)]));
      }
      loadPivot(k, a(0, c));
      out.localSet(PV);
      out.localGet(PV);
      out.emit(op.f64Abs, op.f64Const(1e-13));
      out.localGet(SCALE);
      out.emit(op.f64Mul, op.f64Lt, op.ifThen(fail));
      if (c + 1 < k) {
        // if (pivot ≠ c) swap rows c and pivot of A, then of the right-hand sides
        out.localGet(PIVOT);
        out.emit(op.i32Const(c), op.i32Ne, op.ifStart);
        for (let j = 0; j < k; j++) swap(a(c, j), k, a(0, j));
        for (let y = 0; y < t; y++) swap(x(c, y), t, x(0, y));
        out.emit(op.end);
      }
      for (let r = c + 1; r < k; r++) {
        load(a(r, c));
        out.localGet(PV);
        out.emit(op.f64Div);
        out.localSet(F);
        // if (f ≠ 0) row r −= f · row c
        out.localGet(F);
        out.emit(zero, op.f64Ne, op.ifStart);
        for (let j = c; j < k; j++) subtractScaled(a(r, j), a(c, j));
        for (let y = 0; y < t; y++) subtractScaled(x(r, y), x(c, y));
        out.emit(op.end);
      }
    }
    // Back substitution, r = k − 1 … 0, for each right-hand side.
    for (let y = 0; y < t; y++)
      for (let r = k - 1; r >= 0; r--) {
        load(x(r, y));
        out.localSet(S);
        for (let j = r + 1; j < k; j++) {
          out.localGet(S);
          load(a(r, j));
          load(x(j, y));
          out.emit(op.f64Mul, op.f64Sub);
          out.localSet(S);
        }
        store(x(r, y), () => {
          out.localGet(S);
          load(a(r, r));
          out.emit(op.f64Div);
        });
      }
  };

  return { zero, load, store, copy, fail, dot, eliminate };
}

/**
 * The estimate function's body (see `iterate` in estimate.ts, which this follows step by step),
 * or null when it would exceed `MAX_CODE_BYTES`.
 */
function estimateBody(plan: Plan, at: Layout): Uint8Array | null {
  const { p, m, block, start, items, succ, neighbours, regressions, pathsInto } = plan;
  const out = new ByteWriter();
  const { zero, load, store, copy, fail, dot, eliminate } = coder(out, at);
  const blockItems = (j: number): Int32Array =>
    items.subarray(start[j] as number, start[j + 1] as number);

  /** `normalize`: each block's weights at `w` scaled to unit composite variance; fails if ≤ 0. */
  const normalize = (w: number): void => {
    for (let j = 0; j < m; j++) {
      const its = blockItems(j);
      out.emit(zero);
      out.localSet(V);
      for (const k of its) {
        load(w + k * 8);
        out.localSet(T);
        // v += w_k · r_kl · w_l, l in block order.
        for (const l of its) out.mulAdd(V, at.r + (k * p + l) * 8, w + l * 8, T);
      }
      out.localGet(V);
      out.emit(zero, op.f64Gt, op.i32Eqz, op.ifThen(fail));
      out.localGet(V);
      out.emit(op.f64Sqrt);
      out.localSet(S);
      for (const k of its)
        store(w + k * 8, () => {
          load(w + k * 8);
          out.localGet(S);
          out.emit(op.f64Div);
        });
    }
  };

  /** `project`: R·W at the blocks' items and C_ij for the pairs (i, j) of `pairs`. */
  const project = (w: number, pairs: readonly Int32Array[]): void => {
    for (let i = 0; i < m; i++) {
      const js = pairs[i] as Int32Array;
      const its = blockItems(i);
      for (const k of its)
        for (const j of js) {
          const ls = blockItems(j);
          dot(
            ls.length,
            (y) => at.r + (k * p + (ls[y] as number)) * 8,
            (y) => w + (ls[y] as number) * 8,
          );
          store(at.rw + (k * m + j) * 8, () => out.localGet(S));
        }
      for (const j of js) {
        dot(
          its.length,
          (x) => w + (its[x] as number) * 8,
          (x) => at.rw + ((its[x] as number) * m + j) * 8,
        );
        store(at.c + (i * m + j) * 8, () => out.localGet(S));
      }
    }
  };

  /**
   * `regressGroup`: C_pp, C_pJ and the coefficients' right-hand sides from C, then the
   * elimination (`eliminate`); fails when C_pp is singular.
   */
  const regress = (predictors: Int32Array, targets: Int32Array): void => {
    const k = predictors.length;
    const t = targets.length;
    for (let x = 0; x < k; x++) {
      const row = (predictors[x] as number) * m;
      for (let y = 0; y < t; y++) {
        const from = at.c + (row + (targets[y] as number)) * 8;
        copy(at.coefficients + (x * t + y) * 8, from);
        copy(at.cpj + (x * t + y) * 8, from);
      }
      for (let z = 0; z < k; z++)
        copy(at.a + (x * k + z) * 8, at.c + (row + (predictors[z] as number)) * 8);
    }
    eliminate(k, t);
  };

  /**
   * `innerWeights` (path weighting): the regression coefficients on each construct's
   * predecessors, then C_ij for its successors. (`e.fill(0)` is left out: every entry
   * `outerProxies` reads is written here first.)
   */
  const innerWeights = (): void => {
    for (const { predictors, targets } of regressions) {
      regress(predictors, targets);
      const t = targets.length;
      for (let x = 0; x < predictors.length; x++)
        for (let y = 0; y < t; y++)
          copy(
            at.e + ((predictors[x] as number) * m + (targets[y] as number)) * 8,
            at.coefficients + (x * t + y) * 8,
          );
    }
    for (let j = 0; j < m; j++)
      for (const i of succ[j] as readonly number[])
        copy(at.e + (i * m + j) * 8, at.c + (i * m + j) * 8);
  };

  /**
   * `outerProxies`: next_k = Σ e_ij·(R·W)_ki over the neighbours i of k's block, ascending,
   * skipping e_ij = 0.
   */
  const outerProxies = (): void => {
    for (let k = 0; k < p; k++) {
      const j = block[k] as number;
      out.emit(zero);
      out.localSet(S);
      for (const i of neighbours[j] as Int32Array) {
        load(at.e + (i * m + j) * 8);
        // if (e_ij ≠ 0) s += e_ij · rw_ki
        out.localSet(T);
        out.localGet(T);
        out.emit(zero, op.f64Ne, op.ifStart);
        out.localGet(S);
        out.localGet(T);
        load(at.rw + (k * m + i) * 8);
        out.emit(op.f64Mul, op.f64Add);
        out.localSet(S);
        out.emit(op.end);
      }
      store(at.next + k * 8, () => out.localGet(S));
    }
  };

  normalize(at.w);
  out.emit(op.i32Const(0), op.localSet(ITERATIONS), op.i32Const(0), op.localSet(CONVERGED));
  // block, loop: while (iterations < maxIterations) { iterations++; …; if (change < tol) break }
  out.emit(op.blockStart, op.loopStart, op.localGet(ITERATIONS), op.localGet(MAX_ITERATIONS));
  out.emit(op.i32GeS, op.brIf(1));
  out.emit(op.localGet(ITERATIONS), op.i32Const(1), op.i32Add, op.localSet(ITERATIONS));
  project(at.w, plan.used);
  innerWeights();
  outerProxies();
  normalize(at.next);
  if (out.length > MAX_CODE_BYTES) return null;
  out.emit(zero, op.localSet(CHANGE));
  for (let k = 0; k < p; k++) {
    out.emit(op.localGet(CHANGE));
    load(at.next + k * 8);
    load(at.w + k * 8);
    out.emit(op.f64Sub, op.f64Abs, op.f64Add, op.localSet(CHANGE));
  }
  for (let k = 0; k < p; k++) copy(at.w + k * 8, at.next + k * 8);
  out.emit(op.localGet(CHANGE));
  load(at.tolerance);
  out.emit(op.f64Lt, op.ifThen([...op.i32Const(1), ...op.localSet(CONVERGED), ...op.br(2)]));
  out.emit(op.br(0), op.end, op.end); // the loop's end, the block's
  // The final projection, loadings, paths and R².
  project(at.w, plan.every);
  for (let k = 0; k < p; k++) copy(at.loadings + k * 8, at.rw + (k * m + (block[k] as number)) * 8);
  for (let j = 0; j < m; j++) store(at.rSquared + j * 8, () => out.emit(op.f64Const(Number.NaN)));
  for (const { predictors, targets } of regressions) {
    regress(predictors, targets);
    const t = targets.length;
    for (let y = 0; y < t; y++) {
      const j = targets[y] as number;
      dot(
        predictors.length,
        (x) => at.coefficients + (x * t + y) * 8,
        (x) => at.cpj + (x * t + y) * 8,
      );
      store(at.rSquared + j * 8, () => out.localGet(S));
      for (const { index, predictor } of pathsInto[j] ?? [])
        copy(at.paths + index * 8, at.coefficients + (predictor * t + y) * 8);
    }
  }
  out.emit(op.localGet(ITERATIONS), op.i32Const(1), op.i32Shl);
  out.emit(op.localGet(CONVERGED), op.i32Add);
  return out.length > MAX_CODE_BYTES ? null : out.bytes();
}

/**
 * `correlation` (moments.ts) from the covariance matrix at `at.cov` into R: the standard
 * deviations √c_jj, failing (−1) at the first that is not positive (or NaN), then
 * r_jk = c_jk / (sd_j · sd_k) and r_jj = 1. Loops rather than written out: the same operations,
 * and p² fewer instructions to generate.
 */
function correlateBody(p: number, at: Layout): Uint8Array {
  const [J, K, ADDRESS] = [ITERATIONS, CONVERGED, PIVOT]; // i32 locals
  const offsetOf = (index: number, scale: number): number[] => [
    ...op.localGet(index),
    ...op.i32Const(scale),
    ...op.i32Mul,
  ];
  const zero = op.i32Const(0);
  const deviations = op.forLoop(J, zero, op.i32Const(p), 1, [
    ...offsetOf(J, (p + 1) * 8),
    ...op.f64Load(at.cov),
    ...op.localSet(V),
    ...op.localGet(V),
    ...op.f64Const(0),
    ...op.f64Gt,
    ...op.i32Eqz,
    ...op.ifThen([...op.i32Const(-1), ...op.return]),
    ...offsetOf(J, 8),
    ...op.localGet(V),
    ...op.f64Sqrt,
    ...op.f64Store(at.sd),
  ]);
  const entry = [
    // ADDRESS = (j·p + k)·8
    ...offsetOf(J, p),
    ...op.localGet(K),
    ...op.i32Add,
    ...op.i32Const(8),
    ...op.i32Mul,
    ...op.localSet(ADDRESS),
    ...op.localGet(J),
    ...op.localGet(K),
    ...op.i32Ne,
    ...op.ifStart,
    ...op.localGet(ADDRESS),
    ...op.localGet(ADDRESS),
    ...op.f64Load(at.cov),
    ...offsetOf(J, 8),
    ...op.f64Load(at.sd),
    ...offsetOf(K, 8),
    ...op.f64Load(at.sd),
    ...op.f64Mul,
    ...op.f64Div,
    ...op.f64Store(at.r),
    ...op.else,
    ...op.localGet(ADDRESS),
    ...op.f64Const(1),
    ...op.f64Store(at.r),
    ...op.end,
  ];
  const correlations = op.forLoop(
    J,
    zero,
    op.i32Const(p),
    1,
    op.forLoop(K, zero, op.i32Const(p), 1, entry),
  );
  return Uint8Array.from([...deviations, ...correlations, ...op.i32Const(0)]);
}

/**
 * A single-stage fit's statistics (`plsStatistics`) from the estimate in memory and R, into
 * `at.row`: the paths; the loadings, then the weights, of the blocks' items in block order; the
 * total effects (`totalEffects`: (I − B)⁻¹ − I, the inverse by `eliminate` as `invert` does it,
 * failing when I − B is singular); the HTMT matrix (`htmt`: mean |r| across two blocks over the
 * geometric mean of their mean |r| within, NaN on the diagonal). Null when it would exceed
 * `MAX_CODE_BYTES`.
 */
function statisticsBody(plan: Plan, at: Layout): Uint8Array | null {
  const { p, m, start, items, pathEnds } = plan;
  const out = new ByteWriter();
  const { zero, load, store, copy, eliminate } = coder(out, at);
  const f64Abs = op.f64Abs[0] as number;
  const f64Add = op.f64Add[0] as number;
  const q = items.length;
  const loadingsAt = at.row + pathEnds.length * 8;
  const weightsAt = loadingsAt + q * 8;
  const totalAt = weightsAt + q * 8;
  const htmtAt = totalAt + m * m * 8;
  for (let k = 0; k < pathEnds.length; k++) copy(at.row + k * 8, at.paths + k * 8);
  for (let x = 0; x < q; x++) {
    const k = items[x] as number;
    copy(loadingsAt + x * 8, at.loadings + k * 8);
    copy(weightsAt + x * 8, at.w + k * 8);
  }
  // I − B into the regressions' k × k matrix (k = m) and I into their right-hand sides (t = m);
  // B's entry (from, to) is the coefficient of the last path listed between them.
  const direct = new Map<number, number>();
  pathEnds.forEach(([from, to], k) => direct.set(from * m + to, k));
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      const identity = i === j ? 1 : 0;
      const path = direct.get(i * m + j);
      store(at.a + (i * m + j) * 8, () => {
        out.emit(op.f64Const(identity));
        if (path === undefined) return;
        load(at.paths + path * 8);
        out.emit(op.f64Sub);
      });
      store(at.coefficients + (i * m + j) * 8, () => out.emit(op.f64Const(identity)));
    }
  eliminate(m, m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      store(totalAt + (i * m + j) * 8, () => {
        load(at.coefficients + (i * m + j) * 8);
        if (i === j) out.emit(op.f64Const(1), op.f64Sub);
      });
  /**
   * s ← Σ |r_ab| over a in block i's items, b in block j's (in order), leaving out a = b within a
   * block (`meanAbsWithin`; `meanAbsAcross` leaves out nothing); how many terms.
   */
  const sumAbs = (i: number, j: number): number => {
    let count = 0;
    out.emit(zero);
    out.localSet(S);
    for (let x = start[i] as number; x < (start[i + 1] as number); x++)
      for (let y = start[j] as number; y < (start[j + 1] as number); y++) {
        const a = items[x] as number;
        const b = items[y] as number;
        if (i === j && a === b) continue;
        out.localGet(S);
        load(at.r + (a * p + b) * 8);
        out.byte(f64Abs);
        out.byte(f64Add);
        out.localSet(S);
        count++;
      }
    return count;
  };
  const size = (j: number): number => (start[j + 1] as number) - (start[j] as number);
  for (let j = 0; j < m; j++)
    store(at.within + j * 8, () => {
      if (size(j) === 1) return out.emit(op.f64Const(1));
      const count = sumAbs(j, j);
      out.localGet(S);
      out.emit(op.f64Const(count), op.f64Div);
    });
  for (let j = 0; j < m; j++)
    store(htmtAt + (j * m + j) * 8, () => out.emit(op.f64Const(Number.NaN)));
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++) {
      sumAbs(i, j);
      out.localGet(S);
      out.emit(op.f64Const(size(i) * size(j)), op.f64Div);
      load(at.within + i * 8);
      load(at.within + j * 8);
      out.emit(op.f64Mul, op.f64Sqrt, op.f64Div);
      out.localSet(T);
      store(htmtAt + (i * m + j) * 8, () => out.localGet(T));
      store(htmtAt + (j * m + i) * 8, () => out.localGet(T));
    }
  out.emit(op.i32Const(0));
  return out.length > MAX_CODE_BYTES ? null : out.bytes();
}

/**
 * The SRMR of the composite model (`srmr` in srmr.ts) from R and the estimate in memory, into
 * `at.fit`: first Φ (`impliedConstructCorrelation`, in causal order: an exogenous construct's
 * correlations with the exogenous ones before it are C's, an endogenous one's are Σ_x b_x·Φ(p_x, i)
 * over its predecessors p_x, its variance Σ_x Σ_y b_x·b_y·Φ(p_x, p_y) + 1 − R²), an entry that
 * JavaScript leaves unwritten read as its 0; then Σ over k > l of (r_kl − σ_kl)², σ_kl = r_kl
 * within a block and λ_k·Φ_ij·λ_l across, over p(p + 1)/2, square-rooted. Null when the paths
 * have a cycle (no causal order) or the code would exceed `MAX_CODE_BYTES`.
 */
function srmrBody(plan: Plan, at: Layout): Uint8Array | null {
  const { p, m, block, pred, pathEnds } = plan;
  const order = causalOrder(pred, m);
  if (order.length < m) return null;
  const out = new ByteWriter();
  const { zero, load, store, copy } = coder(out, at);
  // The first path of each pair, as `impliedConstructCorrelation` takes it.
  const pathAt = new Map<number, number>();
  for (let k = pathEnds.length - 1; k >= 0; k--) {
    const [from, to] = pathEnds[k] as readonly [number, number];
    pathAt.set(from * m + to, k);
  }
  const written = new Set<number>();
  const phi = (i: number, j: number): number => at.phi + (i * m + j) * 8;
  const loadPhi = (i: number, j: number): void => {
    if (written.has(i * m + j)) load(phi(i, j));
    else out.emit(zero);
  };
  const storePhi = (i: number, j: number, value: () => void): void => {
    store(phi(i, j), value);
    written.add(i * m + j);
  };
  order.forEach((j, position) => {
    const preds = pred[j] as number[];
    const before = order.slice(0, position);
    if (preds.length === 0) {
      for (const i of before)
        if ((pred[i] as number[]).length === 0) {
          copy(phi(i, j), at.c + (i * m + j) * 8);
          copy(phi(j, i), at.c + (j * m + i) * 8);
          written.add(i * m + j);
          written.add(j * m + i);
        }
      storePhi(j, j, () => out.emit(op.f64Const(1)));
      return;
    }
    const b = (x: number): number => at.paths + (pathAt.get((preds[x] as number) * m + j) ?? 0) * 8;
    for (const i of before) {
      out.emit(zero);
      out.localSet(S);
      preds.forEach((from, x) => {
        out.localGet(S);
        load(b(x));
        loadPhi(from, i);
        out.emit(op.f64Mul, op.f64Add);
        out.localSet(S);
      });
      storePhi(i, j, () => out.localGet(S));
      storePhi(j, i, () => out.localGet(S));
    }
    out.emit(zero);
    out.localSet(V);
    preds.forEach((from, x) =>
      preds.forEach((to, y) => {
        out.localGet(V);
        load(b(x));
        load(b(y));
        out.emit(op.f64Mul);
        loadPhi(from, to);
        out.emit(op.f64Mul, op.f64Add);
        out.localSet(V);
      }),
    );
    storePhi(j, j, () => {
      out.localGet(V);
      out.emit(op.f64Const(1));
      load(at.rSquared + j * 8);
      out.emit(op.f64Sub, op.f64Add);
    });
  });
  out.emit(zero);
  out.localSet(S);
  for (let k = 0; k < p; k++)
    for (let l = 0; l < k; l++) {
      const i = block[k] as number;
      const j = block[l] as number;
      out.localGet(S);
      load(at.r + (k * p + l) * 8);
      if (i === j) load(at.r + (k * p + l) * 8);
      else {
        load(at.loadings + k * 8);
        loadPhi(i, j);
        out.emit(op.f64Mul);
        load(at.loadings + l * 8);
        out.emit(op.f64Mul);
      }
      out.emit(op.f64Sub);
      out.localSet(T);
      out.localGet(T);
      out.localGet(T);
      out.emit(op.f64Mul, op.f64Add);
      out.localSet(S);
    }
  store(at.fit, () => {
    out.localGet(S);
    out.emit(op.f64Const((p * (p + 1)) / 2), op.f64Div, op.f64Sqrt);
  });
  out.emit(op.i32Const(0));
  return out.length > MAX_CODE_BYTES ? null : out.bytes();
}
