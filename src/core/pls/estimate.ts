import { solve, solveInPlace } from '../linear/solve.js';
import { predecessors, successors, type InnerScheme, type PlsStructure } from './structure.js';

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
): PlsEstimate | null {
  const scheme = options.scheme ?? 'path';
  const tolerance = options.tolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 300;
  const p = structure.items.length;
  const m = structure.constructs.length;
  const { blocks } = structure;
  const { block, pred, succ } = layoutOf(structure);

  // Mode B blocks (formative): regression weights w_j = R_jj⁻¹ · cov(z_j, Ẑ_j) (Wold 1982; seminr's
  // `mode_B`); the within-block correlation matrix R_jj is fixed, so it is solved per iteration.
  const modeB = modeBBlocks(r, p, structure);
  if (modeB === null) return null;

  let w = new Float64Array(p);
  for (let k = 0; k < p; k++)
    w[k] = options.initialWeights === undefined ? 1 : (options.initialWeights[k] as number);
  if (!normalize(w, r, p, blocks)) return null;

  const rw = new Float64Array(p * m);
  const c = new Float64Array(m * m);
  const e = new Float64Array(m * m);
  let next = new Float64Array(p);
  // Scratch of the inner-weight regressions, allocated once: the iterations allocate nothing.
  const scratch = { a: new Float64Array(m * m), b: new Float64Array(m), c: new Float64Array(m) };
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    project(r, w, p, m, blocks, rw, c);
    if (!innerWeights(c, m, pred, succ, scheme, e, scratch)) return null;
    for (let k = 0; k < p; k++) {
      const j = block[k] as number;
      let s = 0;
      for (let i = 0; i < m; i++) {
        const eij = e[i * m + j] as number;
        if (eij !== 0) s += eij * (rw[k * m + i] as number);
      }
      next[k] = s;
    }
    for (const { items, rjj } of modeB) {
      const x = solve(
        rjj,
        Float64Array.from(items, (k) => next[k] as number),
        items.length,
      );
      if (x === null) return null;
      items.forEach((k, a) => (next[k] = x[a] as number));
    }
    if (!normalize(next, r, p, blocks)) return null;
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

  project(r, w, p, m, blocks, rw, c);
  const loadings = new Float64Array(p);
  for (let k = 0; k < p; k++) loadings[k] = rw[k * m + (block[k] as number)] as number;
  const paths = new Float64Array(structure.paths.length);
  const rSquared = new Float64Array(m).fill(Number.NaN);
  for (let j = 0; j < m; j++) {
    const preds = pred[j] as number[];
    if (preds.length === 0) continue;
    const fit = regress(c, m, preds, j);
    if (fit === null) return null;
    rSquared[j] = fit.rSquared;
    structure.paths.forEach(([from, to], index) => {
      if (to === j) paths[index] = fit.coefficients[preds.indexOf(from)] as number;
    });
  }
  return { weights: w, loadings, constructCorrelation: c, paths, rSquared, iterations, converged };
}

/**
 * The Mode B blocks of a structure with their within-block correlation matrices; null if one is
 * singular.
 */
function modeBBlocks(
  r: ArrayLike<number>,
  p: number,
  structure: PlsStructure,
): Array<{ items: readonly number[]; rjj: Float64Array }> | null {
  const out: Array<{ items: readonly number[]; rjj: Float64Array }> = [];
  const modes = structure.modes;
  if (modes === undefined) return out;
  for (let j = 0; j < structure.blocks.length; j++) {
    if (modes[j] !== 'B') continue;
    const items = structure.blocks[j] as readonly number[];
    const q = items.length;
    const rjj = new Float64Array(q * q);
    items.forEach((a, x) => items.forEach((b, y) => (rjj[x * q + y] = r[a * p + b] as number)));
    if (solve(rjj, new Float64Array(q).fill(1), q) === null) return null;
    out.push({ items, rjj });
  }
  return out;
}

const layouts = new WeakMap<
  PlsStructure,
  { block: Int32Array; pred: number[][]; succ: number[][] }
>();

/**
 * Block membership and neighbours of a structure, computed once per structure (bootstrap resamples
 * reuse them).
 */
function layoutOf(structure: PlsStructure): {
  block: Int32Array;
  pred: number[][];
  succ: number[][];
} {
  let layout = layouts.get(structure);
  if (layout === undefined) {
    const block = new Int32Array(structure.items.length);
    structure.blocks.forEach((items, j) => items.forEach((k) => (block[k] = j)));
    layout = { block, pred: predecessors(structure), succ: successors(structure) };
    layouts.set(structure, layout);
  }
  return layout;
}

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

const flatBlocks = new WeakMap<
  ReadonlyArray<readonly number[]>,
  { start: Int32Array; items: Int32Array }
>();

/** The blocks as one typed list of items with start offsets (computed once per structure). */
function flatten(blocks: ReadonlyArray<readonly number[]>): {
  start: Int32Array;
  items: Int32Array;
} {
  let flat = flatBlocks.get(blocks);
  if (flat === undefined) {
    flat = { start: new Int32Array(blocks.length + 1), items: Int32Array.from(blocks.flat()) };
    blocks.forEach((b, j) => flat?.start.set([(flat.start[j] as number) + b.length], j + 1));
    flatBlocks.set(blocks, flat);
  }
  return flat;
}

/**
 * RW = R·W (p×m) and C = Wᵀ·R·W (m×m), W the block-diagonal weight matrix (each sum over a block's
 * items in the block's order).
 */
function project(
  r: ArrayLike<number>,
  w: Float64Array,
  p: number,
  m: number,
  blocks: ReadonlyArray<readonly number[]>,
  rw: Float64Array,
  c: Float64Array,
): void {
  const { start, items } = flatten(blocks);
  for (let k = 0; k < p; k++) {
    const row = k * p;
    for (let j = 0; j < m; j++) {
      let s = 0;
      const end = start[j + 1] as number;
      for (let x = start[j] as number; x < end; x++) {
        const l = items[x] as number;
        s += (r[row + l] as number) * (w[l] as number);
      }
      rw[k * m + j] = s;
    }
  }
  for (let i = 0; i < m; i++) {
    const end = start[i + 1] as number;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let x = start[i] as number; x < end; x++) {
        const k = items[x] as number;
        s += (w[k] as number) * (rw[k * m + j] as number);
      }
      c[i * m + j] = s;
    }
  }
}

/**
 * Scales each block's weights so that its composite has unit variance; false when a composite is
 * constant.
 */
function normalize(
  w: Float64Array,
  r: ArrayLike<number>,
  p: number,
  blocks: ReadonlyArray<readonly number[]>,
): boolean {
  for (const items of blocks) {
    let v = 0;
    for (const k of items)
      for (const l of items) v += (w[k] as number) * (r[k * p + l] as number) * (w[l] as number);
    if (!(v > 0)) return false;
    const s = Math.sqrt(v);
    for (const k of items) w[k] = (w[k] as number) / s;
  }
  return true;
}

function innerWeights(
  c: Float64Array,
  m: number,
  pred: number[][],
  succ: number[][],
  scheme: InnerScheme,
  e: Float64Array,
  scratch: { readonly a: Float64Array; readonly b: Float64Array; readonly c: Float64Array },
): boolean {
  e.fill(0);
  const { a, b: coefficients, c: cpj } = scratch;
  for (let j = 0; j < m; j++) {
    const preds = pred[j] as number[];
    const succs = succ[j] as number[];
    if (scheme === 'path') {
      if (preds.length > 0) {
        if (regressInto(c, m, preds, j, a, coefficients, cpj) === null) return false;
        for (let x = 0; x < preds.length; x++)
          e[(preds[x] as number) * m + j] = coefficients[x] as number;
      }
      for (const i of succs) e[i * m + j] = c[i * m + j] as number;
    } else {
      for (const i of preds) {
        const cij = c[i * m + j] as number;
        e[i * m + j] = scheme === 'factorial' ? cij : Math.sign(cij);
      }
      for (const i of succs) {
        const cij = c[i * m + j] as number;
        e[i * m + j] = scheme === 'factorial' ? cij : Math.sign(cij);
      }
    }
  }
  return true;
}
