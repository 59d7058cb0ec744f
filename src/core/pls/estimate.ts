import { solve, solveInPlace, solveMany } from '../linear/solve.js';
import { type CompiledEstimate, compileEstimate } from './compiled-estimate.js';
import { hotRecord } from './hot-record.js';
import {
  blockIndex,
  perStructure,
  predecessors,
  successors,
  type InnerScheme,
  type PlsStructure,
} from './structure.js';

export interface PlsOptions {
  /** Inner weighting scheme (default: path weighting). */
  readonly scheme?: InnerScheme;
  /** Stop when Σ|w_new − w_old| over all indicators falls below this (default 1e-7). */
  readonly tolerance?: number;
  /** Give up after this many iterations (default 300); the result says it did not converge. */
  readonly maxIterations?: number;
  /**
   * Starting outer weights (default 1 for every indicator), e.g. the full-sample weights for a
   * bootstrap resample.
   */
  readonly initialWeights?: ArrayLike<number>;
  /**
   * Consistent PLS (`consistentEstimate`), applied by `fitPls` to the final stage; `estimatePls`
   * ignores it.
   */
  readonly consistent?: boolean;
}

export interface PlsEstimate {
  /** Outer weights on standardized indicators; each construct's composite has variance 1. */
  readonly weights: Float64Array;
  /** Loadings: correlation of each indicator with its construct's score. */
  readonly loadings: Float64Array;
  /** Correlations of the construct scores (m×m, row-major). */
  readonly constructCorrelation: Float64Array;
  /** Path coefficients, in the order of `structure.paths`. */
  readonly paths: Float64Array;
  /** R² of each construct (NaN for exogenous constructs). */
  readonly rSquared: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * PLS path modelling (Wold 1982; Lohmöller 1989) with Mode A (reflective, correlation weights)
 * outer estimation, as seminr's `estimate_pls` and SmartPLS compute it, from the indicators'
 * correlation matrix R (p×p, row-major) — PLS needs no more than R, so the same code serves the
 * full sample and every bootstrap resample.
 *
 * 1. w = initial weights (1), each block scaled so that its composite has unit variance:
 *    w_j ← w_j / √(w_jᵀ R_jj w_j) (sample SD with divisor n − 1, as the indicators are z-scored).
 * 2. Outer proxies Y = Z·W; their correlations C = Wᵀ R W.
 * 3. Inner weights e_ij between adjacent constructs:
 *    path weighting — for predecessors i of j, the OLS coefficients of Y_j on all its predecessors;
 *    for successors i of j, the correlation C_ij (Lohmöller 1989, §2.3);
 *    factorial — C_ij; centroid — sign(C_ij).
 * 4. Inner proxies Ẑ_j = Σ_i e_ij Y_i; Mode A: w_kj ∝ cov(z_k, Ẑ_j) = Σ_i e_ij (R W)_ki;
 *    Mode B (`structure.modes[j] === 'B'`): w_j ∝ R_jj⁻¹ cov(z_j, Ẑ_j), the OLS weights of Ẑ_j on
 *    the block's indicators; rescale as in 1.
 * 5. Repeat 2–4 until Σ|Δw| < tolerance (1e-7) or maxIterations (300).
 * Then loadings = cor(z_k, Y_j) = (R W)_kj; path coefficients = OLS of each endogenous construct on
 * its predecessors, b = C_pp⁻¹ C_pj; R² = bᵀ C_pj. No sign correction is applied (as seminr).
 *
 * References: Lohmöller, J.-B. (1989), Latent Variable Path Modeling with Partial Least Squares;
 * Tenenhaus, Esposito Vinzi, Chatelin & Lauro (2005), Computational Statistics & Data Analysis 48.
 * Returns null when a block's composite has zero variance or a regression is singular.
 */
export function estimatePls(
  r: ArrayLike<number>,
  structure: PlsStructure,
  options: PlsOptions = {},
  into?: PlsEstimateBuffers,
): PlsEstimate | null {
  // Options are read here, once; the iterations see only the structure's plan and plain values,
  // so the hot code meets the same object shapes whoever calls (V8 keeps it optimized).
  return iterate(
    r,
    planOf(structure),
    options.scheme ?? 'path',
    options.tolerance ?? 1e-7,
    options.maxIterations ?? 300,
    options.initialWeights,
    into ?? createEstimateBuffers(structure),
  );
}

function iterate(
  r: ArrayLike<number>,
  plan: Plan,
  scheme: InnerScheme,
  tolerance: number,
  maxIterations: number,
  initialWeights: ArrayLike<number> | undefined,
  out: PlsEstimateBuffers,
): PlsEstimate | null {
  const compiled = compiles(plan, scheme) ? compiledFor(plan) : null;
  if (compiled !== null) {
    const status = compiled.run(r, initialWeights, tolerance, maxIterations, out);
    if (status < 0) return null;
    const { weights, loadings, constructCorrelation, paths, rSquared } = out;
    const iterations = status >> 1;
    const converged = (status & 1) === 1;
    return { weights, loadings, constructCorrelation, paths, rSquared, iterations, converged };
  }
  const { p, m, block, rw, e } = plan;
  // Mode B blocks (formative): regression weights w_j = R_jj⁻¹ · cov(z_j, Ẑ_j) (Wold 1982; seminr's
  // `mode_B`); the within-block correlation matrix R_jj is fixed, so it is solved per iteration.
  const modeB = modeBBlocks(r, p, plan.modeB);
  if (modeB === null) return null;

  // The weights alternate between the output buffer and the plan's scratch (no allocation).
  let w = out.weights;
  for (let k = 0; k < p; k++)
    w[k] = initialWeights === undefined ? 1 : (initialWeights[k] as number);
  if (!normalize(w, r, p, plan)) return null;

  const c = out.constructCorrelation;
  let next = plan.next;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    project(r, w, p, m, plan, rw, c, plan.used);
    if (!innerWeights(c, m, plan, scheme, e)) return null;
    outerProxies(plan, next);
    for (const { items, rjj } of modeB) {
      const x = solve(
        rjj,
        Float64Array.from(items, (k) => next[k] as number),
        items.length,
      );
      if (x === null) return null;
      items.forEach((k, a) => (next[k] = x[a] as number));
    }
    if (!normalize(next, r, p, plan)) return null;
    let change = 0;
    for (let k = 0; k < p; k++) change += Math.abs((next[k] as number) - (w[k] as number));
    const previous = w;
    w = next;
    next = previous;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  if (w !== out.weights) out.weights.set(w);
  const weights = out.weights;

  project(r, weights, p, m, plan, rw, c, plan.every);
  const { loadings, paths, rSquared } = out;
  for (let k = 0; k < p; k++) loadings[k] = rw[k * m + (block[k] as number)] as number;
  rSquared.fill(Number.NaN);
  for (const group of plan.regressions) {
    if (!regressGroup(c, m, group, plan)) return null;
    const { targets, predictors } = group;
    const t = targets.length;
    const { coefficients, cpj } = plan;
    for (let y = 0; y < t; y++) {
      const j = targets[y] as number;
      // R² = bᵀ C_pj, summed over the predictors in order (as a regression of its own).
      let r2 = 0;
      for (let x = 0; x < predictors.length; x++)
        r2 += (coefficients[x * t + y] as number) * (cpj[x * t + y] as number);
      rSquared[j] = r2;
      for (const { index, predictor } of plan.pathsInto[j] as PathSlot[])
        paths[index] = coefficients[predictor * t + y] as number;
    }
  }
  return { weights, loadings, constructCorrelation: c, paths, rSquared, iterations, converged };
}

/**
 * Estimates of one structure run as JavaScript until this many have, then compiled
 * (`compileEstimate`): a bootstrap, the SRMR test, PLSpredict and MICOM fit a structure hundreds
 * or thousands of times, while the full-sample estimate and f²'s reduced models fit theirs once.
 */
export const COMPILE_AFTER = 1;

/** Whether the plan's estimates with this scheme run compiled: path weighting, Mode A only. */
function compiles(plan: Plan, scheme: InnerScheme): boolean {
  return scheme === 'path' && plan.modeB.length === 0;
}

/**
 * The structure's compiled estimate once it has been estimated `COMPILE_AFTER` times (null before,
 * or when it does not compile: then the JavaScript serves every estimate). Both give the same bits
 * (see `compileEstimate`).
 */
function compiledFor(plan: Plan): CompiledEstimate | null {
  const compilation = plan.compilation;
  if (compilation.compiled !== undefined) return compilation.compiled;
  compilation.uses++;
  if (compilation.uses <= COMPILE_AFTER) return null;
  compilation.compiled = compileEstimate(plan);
  return compilation.compiled;
}

/**
 * Compiles the estimate of `structure` now (when `options` would run it compiled), before its next
 * estimate would: a run that hands the structure to a worker thread compiles it first, so that the
 * worker adopts the module (`compiledWasmModules`) instead of building it again. Returns the
 * compiled estimate (null when the structure's estimates do not run compiled).
 */
export function precompileEstimate(
  structure: PlsStructure,
  options: PlsOptions,
): CompiledEstimate | null {
  const plan = planOf(structure);
  if (!compiles(plan, options.scheme ?? 'path')) return null;
  if (plan.compilation.compiled === undefined) plan.compilation.compiled = compileEstimate(plan);
  return plan.compilation.compiled;
}

/**
 * Step 4, Mode A: next_k = Σ_i e_ij (R W)_ki for item k of block j (the inner proxy's covariance
 * with the item), from the plan's R·W and inner weights.
 */
function outerProxies(plan: Plan, next: Float64Array): void {
  const { p, m, block, rw, e, neighbours } = plan;
  for (let k = 0; k < p; k++) {
    const j = block[k] as number;
    const around = neighbours[j] as Int32Array;
    let s = 0;
    // e_ij is 0 unless i is adjacent to j: only the neighbours, ascending (the same sum).
    for (let x = 0; x < around.length; x++) {
      const i = around[x] as number;
      const eij = e[i * m + j] as number;
      if (eij !== 0) s += eij * (rw[k * m + i] as number);
    }
    next[k] = s;
  }
}

/**
 * The arrays an estimate is written into. `estimatePls` allocates fresh ones unless given some;
 * the bootstrap passes the same buffers for every resample (each estimate is read before the next
 * overwrites it).
 */
export interface PlsEstimateBuffers {
  readonly weights: Float64Array;
  readonly loadings: Float64Array;
  readonly constructCorrelation: Float64Array;
  readonly paths: Float64Array;
  readonly rSquared: Float64Array;
}

export function createEstimateBuffers(structure: PlsStructure): PlsEstimateBuffers {
  const p = structure.items.length;
  const m = structure.constructs.length;
  return hotRecord(EstimateBuffersRecord, {
    weights: new Float64Array(p),
    loadings: new Float64Array(p),
    constructCorrelation: new Float64Array(m * m),
    paths: new Float64Array(structure.paths.length),
    rSquared: new Float64Array(m),
  });
}
/** The shape of estimate buffers (`hotRecord`). */
class EstimateBuffersRecord {}

/**
 * The Mode B blocks of a structure with their within-block correlation matrices; null if one is
 * singular.
 */
function modeBBlocks(
  r: ArrayLike<number>,
  p: number,
  blocks: ReadonlyArray<readonly number[]>,
): Array<{ items: readonly number[]; rjj: Float64Array }> | null {
  const out: Array<{ items: readonly number[]; rjj: Float64Array }> = [];
  for (const items of blocks) {
    const q = items.length;
    const rjj = new Float64Array(q * q);
    items.forEach((a, x) => items.forEach((b, y) => (rjj[x * q + y] = r[a * p + b] as number)));
    if (solve(rjj, new Float64Array(q).fill(1), q) === null) return null;
    out.push({ items, rjj });
  }
  return out;
}

/** Constructs regressed on the same predictors (see `regressionGroups`). */
interface RegressionGroup {
  readonly predictors: Int32Array;
  readonly targets: Int32Array;
}

/** Path `index` takes coefficient `predictor` of its outcome's regression. */
interface PathSlot {
  readonly index: number;
  readonly predictor: number;
}

/**
 * What every estimate of a structure reuses: block membership, the blocks as one typed item list
 * with start offsets, neighbours, where each regression coefficient goes in `paths`, and scratch
 * for the iterations (R·W, inner weights, the next weights, the inner regressions). Built once per
 * structure; estimates are synchronous, so one scratch per structure serves them all.
 */
export interface Plan {
  readonly p: number;
  readonly m: number;
  readonly block: Int32Array;
  readonly start: Int32Array;
  readonly items: Int32Array;
  readonly pred: number[][];
  readonly succ: number[][];
  /** Each construct's predecessors and successors, ascending (where e_ij may be nonzero). */
  readonly neighbours: readonly Int32Array[];
  readonly pathsInto: PathSlot[][];
  /** The structure's paths [from, to], in order (path k's coefficient at paths[k]). */
  readonly pathEnds: ReadonlyArray<readonly [number, number]>;
  /** The inner and final regressions, constructs with the same predecessors together. */
  readonly regressions: readonly RegressionGroup[];
  /** The items of each Mode B block. */
  readonly modeB: ReadonlyArray<readonly number[]>;
  /** Whether the blocks list the items 0 … p − 1 in order (`items[x] === x`). */
  readonly inOrder: boolean;
  /** For each construct i, every construct j (0 … m − 1): what the final projection computes. */
  readonly every: readonly Int32Array[];
  /**
   * For each construct i, the constructs j whose C_ij the iterations read (`usedPairs`); the
   * iterations compute only these C_ij and the R·W columns they need.
   */
  readonly used: readonly Int32Array[];
  readonly rw: Float64Array;
  readonly e: Float64Array;
  readonly next: Float64Array;
  readonly a: Float64Array;
  readonly coefficients: Float64Array;
  readonly cpj: Float64Array;
  /**
   * How often the structure was estimated, and its compiled estimate once made (`compiledFor`;
   * null: it does not compile).
   */
  readonly compilation: { uses: number; compiled: CompiledEstimate | null | undefined };
  /** The structure's content (JSON), naming its compiled module (`compileEstimate`). */
  readonly key: string;
}

/** The shape of plans (`hotRecord`). */
class PlanRecord {}
/** The shape of regression groups (`hotRecord`). */
class RegressionGroupRecord {}
/** The shape of a plan's compilation state (`hotRecord`). */
class CompilationRecord {}

export const planOf = perStructure((structure): Plan => {
  const p = structure.items.length;
  const m = structure.constructs.length;
  const { block, start, items } = blockIndex(structure);
  const pred = predecessors(structure);
  const succ = successors(structure);
  const pathsInto = pred.map((preds, j) =>
    structure.paths.flatMap(([from, to], index) =>
      to === j ? [{ index, predictor: preds.indexOf(from) }] : [],
    ),
  );
  return hotRecord(PlanRecord, {
    p,
    m,
    block,
    start,
    items,
    pred,
    succ,
    neighbours: pred.map((preds, j) =>
      Int32Array.from([...preds, ...(succ[j] as number[])].sort((a, b) => a - b)),
    ),
    pathsInto,
    pathEnds: structure.paths,
    regressions: regressionGroups(pred),
    modeB: structure.blocks.filter((_, j) => structure.modes?.[j] === 'B'),
    inOrder: structure.blocks.flat().every((k, x) => k === x),
    every: Array.from({ length: m }, () => Int32Array.from({ length: m }, (_, j) => j)),
    used: usedPairs(m, pred, succ),
    rw: new Float64Array(p * m),
    e: new Float64Array(m * m),
    next: new Float64Array(p),
    a: new Float64Array(m * m),
    coefficients: new Float64Array(m * m),
    cpj: new Float64Array(m * m),
    compilation: hotRecord(CompilationRecord, { uses: 0, compiled: undefined }),
    key: JSON.stringify(structure),
  });
});

/**
 * OLS of construct `j` on `predictors` from the construct correlation matrix C: b = C_pp⁻¹ C_pj, R²
 * = bᵀ C_pj.
 */
export function regress(
  c: ArrayLike<number>,
  m: number,
  predictors: readonly number[],
  j: number,
): { coefficients: Float64Array; rSquared: number } | null {
  const k = predictors.length;
  const coefficients = new Float64Array(k);
  const rSquared = regressInto(
    c,
    m,
    predictors,
    j,
    new Float64Array(k * k),
    coefficients,
    new Float64Array(k),
  );
  return rSquared === null ? null : { coefficients, rSquared };
}

/**
 * `regress` into caller-owned scratch (`a`: k×k, `out`: the k coefficients, `cpj`: k); returns R²
 * or null when singular.
 */
function regressInto(
  c: ArrayLike<number>,
  m: number,
  predictors: readonly number[],
  j: number,
  a: Float64Array,
  out: Float64Array,
  cpj: Float64Array,
): number | null {
  const k = predictors.length;
  for (let x = 0; x < k; x++) {
    const pi = predictors[x] as number;
    out[x] = c[pi * m + j] as number;
    for (let y = 0; y < k; y++) a[x * k + y] = c[pi * m + (predictors[y] as number)] as number;
  }
  let rSquared = 0;
  for (let x = 0; x < k; x++) cpj[x] = out[x] as number;
  if (!solveInPlace(a, out, k)) return null;
  for (let x = 0; x < k; x++) rSquared += (out[x] as number) * (cpj[x] as number);
  return rSquared;
}

/**
 * The pairs (i, j) of constructs whose correlation C_ij the iterations read (`innerWeights`, and
 * through the inner weights `outerProxies`): adjacent constructs, in both directions, and every
 * pair of predecessors of one construct, each with itself (the inner regressions' C_pp). Listed
 * per i, ascending.
 */
function usedPairs(m: number, pred: readonly number[][], succ: readonly number[][]): Int32Array[] {
  const used = Array.from({ length: m }, () => new Set<number>());
  for (let j = 0; j < m; j++) {
    for (const i of [...(pred[j] as number[]), ...(succ[j] as number[])]) {
      used[i]?.add(j);
      used[j]?.add(i);
    }
    for (const a of pred[j] as number[]) for (const b of pred[j] as number[]) used[a]?.add(b);
  }
  return used.map((js) => Int32Array.from([...js].sort((a, b) => a - b)));
}

/**
 * RW = R·W (p×m) and C = Wᵀ·R·W (m×m), W the block-diagonal weight matrix (each sum over a block's
 * items in the block's order), for the pairs (i, j) in `pairs[i]` only: C_ij and the column j of
 * R·W at the items of block i. Entries outside the pairs keep what they held; every entry computed
 * is the same sum in the same order whichever pairs are asked for.
 */
function project(
  r: ArrayLike<number>,
  w: Float64Array,
  p: number,
  m: number,
  plan: Plan,
  rw: Float64Array,
  c: Float64Array,
  pairs: readonly Int32Array[],
): void {
  const { start, items, inOrder } = plan;
  for (let i = 0; i < m; i++) {
    const js = pairs[i] as Int32Array;
    const from = start[i] as number;
    const to = start[i + 1] as number;
    if (inOrder) blockRowsDot(r, w, p, m, start, from, to, js, rw);
    else
      for (let x = from; x < to; x++) {
        const k = items[x] as number;
        const row = k * p;
        for (let t = 0; t < js.length; t++) {
          const j = js[t] as number;
          const end = start[j + 1] as number;
          let s = 0;
          for (let y = start[j] as number; y < end; y++) {
            const l = items[y] as number;
            s += (r[row + l] as number) * (w[l] as number);
          }
          rw[k * m + j] = s;
        }
      }
    for (let t = 0; t < js.length; t++) {
      const j = js[t] as number;
      let s = 0;
      for (let x = from; x < to; x++) {
        const k = items[x] as number;
        s += (w[k] as number) * (rw[k * m + j] as number);
      }
      c[i * m + j] = s;
    }
  }
}

/**
 * rw[k, j] = Σ r[k, l]·w[l] over block j (l ascending, from 0) for the items k = from … to − 1 of
 * a block listed in item order and the blocks j in `js`: three rows k at a time share each w[l]
 * and the loop (≈ 30 % less time than a row at a time), the rest one at a time; every entry is the
 * same sum in the same order either way.
 */
function blockRowsDot(
  r: ArrayLike<number>,
  w: Float64Array,
  p: number,
  m: number,
  start: Int32Array,
  from: number,
  to: number,
  js: Int32Array,
  rw: Float64Array,
): void {
  let k = from;
  for (; k + 3 <= to; k += 3) {
    const row0 = k * p;
    const row1 = row0 + p;
    const row2 = row1 + p;
    for (let t = 0; t < js.length; t++) {
      const j = js[t] as number;
      const end = start[j + 1] as number;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let l = start[j] as number; l < end; l++) {
        const wl = w[l] as number;
        s0 += (r[row0 + l] as number) * wl;
        s1 += (r[row1 + l] as number) * wl;
        s2 += (r[row2 + l] as number) * wl;
      }
      rw[k * m + j] = s0;
      rw[(k + 1) * m + j] = s1;
      rw[(k + 2) * m + j] = s2;
    }
  }
  for (; k < to; k++)
    for (let t = 0; t < js.length; t++) {
      const j = js[t] as number;
      rw[k * m + j] = rowDot(r, k * p, w, start[j] as number, start[j + 1] as number);
    }
}

/**
 * Σ r[row + l]·w[l] for l = from … end − 1, added in that order from 0 (four terms a loop turn:
 * the same additions in the same order, with a quarter of the loop's overhead).
 */
function rowDot(r: ArrayLike<number>, row: number, w: Float64Array, from: number, end: number) {
  let s = 0;
  let l = from;
  for (; l + 4 <= end; l += 4) {
    s += (r[row + l] as number) * (w[l] as number);
    s += (r[row + l + 1] as number) * (w[l + 1] as number);
    s += (r[row + l + 2] as number) * (w[l + 2] as number);
    s += (r[row + l + 3] as number) * (w[l + 3] as number);
  }
  for (; l < end; l++) s += (r[row + l] as number) * (w[l] as number);
  return s;
}

/**
 * Scales each block's weights so that its composite has unit variance; false when a composite is
 * constant.
 */
function normalize(w: Float64Array, r: ArrayLike<number>, p: number, plan: Plan): boolean {
  const { start, items, inOrder } = plan;
  for (let j = 0; j + 1 < start.length; j++) {
    const from = start[j] as number;
    const to = start[j + 1] as number;
    let v = 0;
    for (let x = from; x < to; x++) {
      const k = items[x] as number;
      const wk = w[k] as number;
      const row = k * p;
      if (inOrder)
        for (let l = from; l < to; l++) v += wk * (r[row + l] as number) * (w[l] as number);
      else
        for (let y = from; y < to; y++) {
          const l = items[y] as number;
          v += wk * (r[row + l] as number) * (w[l] as number);
        }
    }
    if (!(v > 0)) return false;
    const s = Math.sqrt(v);
    for (let x = from; x < to; x++) {
      const k = items[x] as number;
      w[k] = (w[k] as number) / s;
    }
  }
  return true;
}

function innerWeights(
  c: Float64Array,
  m: number,
  plan: Plan,
  scheme: InnerScheme,
  e: Float64Array,
): boolean {
  e.fill(0);
  const { pred, succ } = plan;
  if (scheme === 'path') {
    // Predecessors: the OLS coefficients of each construct on its predecessors, one elimination
    // for the constructs that share them (`regressGroup`).
    for (const group of plan.regressions) {
      if (!regressGroup(c, m, group, plan)) return false;
      const { targets, predictors } = group;
      const t = targets.length;
      const coefficients = plan.coefficients;
      for (let x = 0; x < predictors.length; x++)
        for (let y = 0; y < t; y++)
          e[(predictors[x] as number) * m + (targets[y] as number)] = coefficients[
            x * t + y
          ] as number;
    }
    for (let j = 0; j < m; j++)
      for (const i of succ[j] as number[]) e[i * m + j] = c[i * m + j] as number;
    return true;
  }
  for (let j = 0; j < m; j++) {
    for (const i of pred[j] as number[]) {
      const cij = c[i * m + j] as number;
      e[i * m + j] = scheme === 'factorial' ? cij : Math.sign(cij);
    }
    for (const i of succ[j] as number[]) {
      const cij = c[i * m + j] as number;
      e[i * m + j] = scheme === 'factorial' ? cij : Math.sign(cij);
    }
  }
  return true;
}

/**
 * The constructs with predecessors, grouped by their list of predecessors (the same constructs in
 * the same order): one regression problem C_pp·B = C_pJ per group, in order of each group's first
 * construct.
 */
function regressionGroups(pred: readonly number[][]): RegressionGroup[] {
  const groups: Array<{ predictors: Int32Array; targets: number[] }> = [];
  pred.forEach((preds, j) => {
    if (preds.length === 0) return;
    const same = groups.find(
      (g) => g.predictors.length === preds.length && preds.every((x, i) => g.predictors[i] === x),
    );
    if (same === undefined) groups.push({ predictors: Int32Array.from(preds), targets: [j] });
    else same.targets.push(j);
  });
  return groups.map((g) =>
    hotRecord(RegressionGroupRecord, {
      predictors: g.predictors,
      targets: Int32Array.from(g.targets),
    }),
  );
}

/**
 * OLS of every construct of a group on the group's predictors, from C: B = C_pp⁻¹·C_pJ by one
 * elimination with a right-hand side per construct (`solveMany`: each column takes the operations
 * of a solve of its own, so the same bits as regressing each construct alone). Writes B (k × t,
 * row-major: column y for targets[y]) into `plan.coefficients` and C_pJ into `plan.cpj`; false
 * when C_pp is singular.
 */
function regressGroup(c: Float64Array, m: number, group: RegressionGroup, plan: Plan): boolean {
  const { predictors, targets } = group;
  const { a, coefficients, cpj } = plan;
  const k = predictors.length;
  const t = targets.length;
  for (let x = 0; x < k; x++) {
    const row = (predictors[x] as number) * m;
    for (let y = 0; y < t; y++) {
      const v = c[row + (targets[y] as number)] as number;
      coefficients[x * t + y] = v;
      cpj[x * t + y] = v;
    }
    for (let z = 0; z < k; z++) a[x * k + z] = c[row + (predictors[z] as number)] as number;
  }
  return solveMany(a, coefficients, k, t);
}
