import { createCongruence } from '../linear/congruence.js';
import type { RandomSource } from '../random/random-source.js';
import { quantile } from '../stats/quantile.js';
import { consistentEstimate } from './consistent.js';
import {
  createEstimateBuffers,
  estimatePls,
  type PlsEstimate,
  type PlsOptions,
  precompileEstimate,
} from './estimate.js';
import {
  blockIndex,
  causalOrder,
  perStructure,
  predecessors,
  type PlsStructure,
} from './structure.js';
import { type CompactRows, valueAt } from './compact-rows.js';
import { correlation } from './moments.js';
import { createResampleCounter } from './resample-counts.js';
import { createResampleMoments, RESAMPLE_BATCH, type ResampleMoments } from './resample-moments.js';

/**
 * Model-implied construct correlations Φ̂ of the estimated structural model (recursive,
 * standardized
 * composites): exogenous constructs keep their observed correlations C; each endogenous construct j
 * (in causal order) is η_j = Σ_p b_pj η_p + ζ_j with ζ_j uncorrelated with every construct before
 * it,
 * so Φ̂_ij = Σ_p b_pj Φ̂_pi and Φ̂_jj = bᵀΦ̂_pp b + (1 − R²_j).
 */
export function impliedConstructCorrelation(
  structure: PlsStructure,
  estimate: PlsEstimate,
): Float64Array {
  const m = structure.constructs.length;
  const c = estimate.constructCorrelation;
  const { pred, order, pathAt, paths } = layoutOf(structure);
  const phi = new Float64Array(m * m);
  for (let at = 0; at < m; at++) {
    const j = order[at] as number;
    const preds = pred[j] as Int32Array;
    if (preds.length === 0) {
      for (let d = 0; d < at; d++) {
        const i = order[d] as number;
        if ((pred[i] as Int32Array).length === 0) {
          phi[i * m + j] = c[i * m + j] as number;
          phi[j * m + i] = c[j * m + i] as number;
        }
      }
      phi[j * m + j] = 1;
      continue;
    }
    // b: the paths into j, in the order of its predecessors.
    const k = preds.length;
    const b = paths;
    for (let x = 0; x < k; x++)
      b[x] = estimate.paths[pathAt[(preds[x] as number) * m + j] as number] as number;
    for (let d = 0; d < at; d++) {
      const i = order[d] as number;
      let s = 0;
      for (let x = 0; x < k; x++)
        s += (b[x] as number) * (phi[(preds[x] as number) * m + i] as number);
      phi[i * m + j] = s;
      phi[j * m + i] = s;
    }
    let v = 0;
    for (let x = 0; x < k; x++)
      for (let y = 0; y < k; y++)
        v +=
          (b[x] as number) *
          (b[y] as number) *
          (phi[(preds[x] as number) * m + (preds[y] as number)] as number);
    phi[j * m + j] = v + (1 - (estimate.rSquared[j] as number));
  }
  return phi;
}

/**
 * What the implied correlations of a structure reuse, built once per structure (the SRMR test
 * computes them for every resample): each construct's predecessors, the causal order
 * (`causalOrder`), the index in `paths` of each path from·m + to, and scratch for one construct's
 * incoming path coefficients.
 */
const layoutOf = perStructure((structure): ImpliedLayout => {
  const m = structure.constructs.length;
  const pred = predecessors(structure);
  const pathAt = new Int32Array(m * m).fill(-1);
  // The first path of each pair (as `findIndex` found it).
  for (let k = structure.paths.length - 1; k >= 0; k--) {
    const [from, to] = structure.paths[k] as readonly [number, number];
    pathAt[from * m + to] = k;
  }
  return {
    pred: pred.map((preds) => Int32Array.from(preds)),
    order: Int32Array.from(causalOrder(pred, m)),
    pathAt,
    paths: new Float64Array(m),
  };
});
interface ImpliedLayout {
  readonly pred: Int32Array[];
  readonly order: Int32Array;
  readonly pathAt: Int32Array;
  readonly paths: Float64Array;
}

/**
 * Model-implied indicator correlations of the composite factor model (Henseler et al. 2014):
 * within a block the observed correlations (the composite model leaves them free, Mode A or B) —
 * with `commonFactor` (PLSc) reflective blocks imply λ_k·λ_l, the common-factor model;
 * across blocks i ≠ j, σ̂_kl = λ_k·Φ_ij·λ_l with λ the loadings (indicator–composite correlations).
 * `phi`: the estimated model's Φ̂ (`impliedConstructCorrelation`) or, for the saturated model, the
 * observed construct correlations C.
 */
export function impliedIndicatorCorrelation(
  r: ArrayLike<number>,
  structure: PlsStructure,
  estimate: PlsEstimate,
  phi: ArrayLike<number>,
  commonFactor = false,
  out?: Float64Array,
): Float64Array {
  const p = structure.items.length;
  const m = structure.constructs.length;
  const { block } = blockIndex(structure);
  const sigma = out ?? new Float64Array(p * p);
  for (let k = 0; k < p; k++)
    for (let l = 0; l < p; l++) {
      const i = block[k] as number;
      const j = block[l] as number;
      sigma[k * p + l] =
        k === l
          ? 1
          : i === j
            ? commonFactor && structure.modes?.[i] !== 'B'
              ? (estimate.loadings[k] as number) * (estimate.loadings[l] as number)
              : (r[k * p + l] as number)
            : (estimate.loadings[k] as number) *
              (phi[i * m + j] as number) *
              (estimate.loadings[l] as number);
    }
  return sigma;
}

/**
 * Standardized root mean square residual (Hu & Bentler 1999; for PLS Henseler, Dijkstra, Sarstedt
 * et al. 2014, Organizational Research Methods 17(2)):
 *   SRMR = √( Σ_{k ≤ l} (r_kl − σ̂_kl)² / (p(p + 1)/2) ),
 * over the p(p+1)/2 non-redundant elements of the indicator correlation matrix (diagonal residuals
 * are 0 in correlation metric). Below 0.08 is the usual rule for a good fit (Hu & Bentler 1999).
 */
export function srmr(r: ArrayLike<number>, sigma: ArrayLike<number>, p: number): number {
  let s = 0;
  for (let k = 0; k < p; k++)
    for (let l = 0; l < k; l++) {
      const d = (r[k * p + l] as number) - (sigma[k * p + l] as number);
      s += d * d;
    }
  return Math.sqrt(s / ((p * (p + 1)) / 2));
}

/**
 * SRMR of the estimated model (implied Φ̂) and of the saturated model (observed construct
 * correlations).
 */
export function modelFit(
  r: ArrayLike<number>,
  structure: PlsStructure,
  estimate: PlsEstimate,
  commonFactor = false,
): { estimated: number; saturated: number; sigma: Float64Array } {
  const p = structure.items.length;
  const sigma = impliedIndicatorCorrelation(
    r,
    structure,
    estimate,
    impliedConstructCorrelation(structure, estimate),
    commonFactor,
  );
  const saturated = impliedIndicatorCorrelation(
    r,
    structure,
    estimate,
    estimate.constructCorrelation,
    commonFactor,
  );
  return { estimated: srmr(r, sigma, p), saturated: srmr(r, saturated, p), sigma };
}

/**
 * The bootstrap 95 % quantile of SRMR under the hypothesis that the estimated model holds (the
 * Bollen–Stine bootstrap behind the exact-fit test of Dijkstra & Henseler 2015, as SmartPLS's
 * "HI95"): the standardized data Z are rotated to Z* = Z·R^{−1/2}·Σ̂^{1/2}, whose correlation is
 * exactly the implied Σ̂; respondents are resampled from Z*, the model re-estimated (from the
 * full-sample weights) and SRMR recomputed; the quantile is R's type 7. SRMR above it rejects exact
 * fit at 5 %. Null when Σ̂ is not positive definite or fewer than half the resamples can be
 * estimated.
 *
 * Z* is never formed. Row i of Z* is (xᵢ − x̄)·D⁻¹·T with T = R^{−1/2}·Σ̂^{1/2} and D the items'
 * full-sample standard deviations (n − 1), an affine map of the item values; so a resample's
 * covariance of Z* is Uᵀ·S_b·U with U = D⁻¹·T and S_b the resample's covariance of the items,
 * which the bootstrap's kernel computes from the compact rows (`createResampleMoments`, exact
 * integer sums for ratings). That is the same matrix as forming Z* and taking its covariance, up
 * to rounding.
 * Resample b draws its n respondents one after another from `random` (resample after resample).
 *
 * `data`: the n respondents' item values in `structure.items` order, missing values replaced.
 */
export function srmrBootstrapQuantile(
  data: CompactRows,
  r: Float64Array,
  structure: PlsStructure,
  estimate: PlsEstimate,
  sigma: Float64Array,
  options: {
    readonly resamples: number;
    readonly random: RandomSource;
    readonly pls?: PlsOptions;
    /** The kernel of the path bootstrap, when it has one for these rows. */
    readonly kernel?: ResampleMoments;
  },
): { quantile: number; resamples: number; failed: number } | null {
  const { n, p } = data;
  const rootInv = symmetricPower(r, p, -0.5);
  const root = symmetricPower(sigma, p, 0.5);
  if (rootInv === null || root === null) return null;
  const u = multiply(rootInv, root, p);
  const sd = itemSds(data);
  for (let k = 0; k < p; k++)
    for (let l = 0; l < p; l++) u[k * p + l] = (u[k * p + l] as number) / (sd[k] as number);
  const kernel = options.kernel ?? createResampleMoments(data);
  const batch = RESAMPLE_BATCH;
  const counter = createResampleCounter(n);
  const counts = counter.counts(n * batch);
  const covs = Array.from({ length: batch }, () => new Float64Array(p * p));
  const rotateCovariance = createCongruence(u, p);
  const rotated = new Float64Array(p * p);
  const rb = new Float64Array(p * p);
  const sb = new Float64Array(p * p);
  const buffers = createEstimateBuffers(structure);
  const values: number[] = [];
  let failed = 0;
  const pls = { ...options.pls, initialWeights: estimate.weights };
  const commonFactor = options.pls?.consistent === true;
  // The composite model's resamples run compiled (`CompiledSrmr`, the same bits).
  const compiled = commonFactor
    ? null
    : (precompileEstimate(structure, pls)?.resampleSrmr() ?? null);
  const [tolerance, maxIterations] = [pls.tolerance ?? 1e-7, pls.maxIterations ?? 300];
  for (let first = 0; first < options.resamples; first += batch) {
    const size = Math.min(batch, options.resamples - first);
    counts.fill(0);
    counter.draw(
      Array.from({ length: size }, () => options.random),
      counts,
    );
    kernel.covariances(counts, size, covs);
    for (let b = 0; b < size; b++) {
      rotateCovariance(covs[b] as Float64Array, rotated);
      if (compiled !== null) {
        const value = compiled(rotated, estimate.weights, tolerance, maxIterations);
        if (value === null) failed++;
        else values.push(value);
        continue;
      }
      const eb =
        correlation(rotated, p, rb) === null ? null : estimatePls(rb, structure, pls, buffers);
      const cb =
        eb === null || options.pls?.consistent !== true
          ? eb
          : consistentEstimate(rb, structure, eb);
      if (cb === null) {
        failed++;
        continue;
      }
      // The estimated model's SRMR (as `modelFit(…).estimated`, without the saturated one).
      const phi = impliedConstructCorrelation(structure, cb);
      values.push(
        srmr(rb, impliedIndicatorCorrelation(rb, structure, cb, phi, commonFactor, sb), p),
      );
    }
  }
  if (values.length < options.resamples / 2) return null;
  values.sort((a, b) => a - b);
  return { quantile: quantile(values, 0.95), resamples: options.resamples, failed };
}

/** The items' standard deviations (divisor n − 1) over all the rows. */
function itemSds(data: CompactRows): Float64Array {
  const { n, p } = data;
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < p; k++) mean[k] = (mean[k] as number) + valueAt(data, i, k) / n;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < p; k++)
      sd[k] = (sd[k] as number) + (valueAt(data, i, k) - (mean[k] as number)) ** 2;
  for (let k = 0; k < p; k++) sd[k] = Math.sqrt((sd[k] as number) / (n - 1));
  return sd;
}

function multiply(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let k = 0; k < p; k++) {
      const aik = a[i * p + k] as number;
      if (aik === 0) continue;
      for (let j = 0; j < p; j++)
        out[i * p + j] = (out[i * p + j] as number) + aik * (b[k * p + j] as number);
    }
  return out;
}

/**
 * One Jacobi rotation in the plane (i, j): the columns i, j of m, then its rows i, j, then the
 * columns i, j of v. A function of its own so that V8 optimizes it after a few calls (the eigen
 * decomposition runs once or twice a report, too few times for its own loops to become hot).
 */
function rotate(
  m: Float64Array,
  v: Float64Array,
  p: number,
  i: number,
  j: number,
  cos: number,
  sin: number,
): void {
  for (let k = 0; k < p; k++) {
    const mki = m[k * p + i] as number;
    const mkj = m[k * p + j] as number;
    m[k * p + i] = cos * mki - sin * mkj;
    m[k * p + j] = sin * mki + cos * mkj;
  }
  for (let k = 0; k < p; k++) {
    const mik = m[i * p + k] as number;
    const mjk = m[j * p + k] as number;
    m[i * p + k] = cos * mik - sin * mjk;
    m[j * p + k] = sin * mik + cos * mjk;
  }
  for (let k = 0; k < p; k++) {
    const vki = v[k * p + i] as number;
    const vkj = v[k * p + j] as number;
    v[k * p + i] = cos * vki - sin * vkj;
    v[k * p + j] = sin * vki + cos * vkj;
  }
}

/**
 * A^t for a symmetric positive definite A by the cyclic Jacobi eigenvalue method (Golub & Van Loan,
 * Matrix Computations, 4th ed., §8.5): A = V·diag(λ)·Vᵀ, A^t = V·diag(λ^t)·Vᵀ. Null when an
 * eigenvalue is not positive (relative to the largest, 1e-12).
 */
export function symmetricPower(a: ArrayLike<number>, p: number, t: number): Float64Array | null {
  const m = Float64Array.from({ length: p * p }, (_, i) => a[i] as number);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    if (offDiagonalSquares(m, p) < 1e-30) break;
    jacobiSweep(m, v, p);
  }
  const lambda = Array.from({ length: p }, (_, i) => m[i * p + i] as number);
  const largest = Math.max(...lambda);
  if (!(largest > 0) || lambda.some((x) => !(x > 1e-12 * largest))) return null;
  return powerFromEigen(v, lambda, p, t);
}

// The steps of `symmetricPower`, each a small function of its own: the SRMR test runs it twice per
// run, and loops inside one large function had V8 compile all of it on the stack (≈ 18 ms of a
// worker's background compiling, beside the bootstrap).

/** Σ m_ij² over i < j. */
function offDiagonalSquares(m: Float64Array, p: number): number {
  let off = 0;
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += (m[i * p + j] as number) ** 2;
  return off;
}

/** One cyclic Jacobi sweep: a rotation zeroing each m_ij (i < j) in turn, applied to v too. */
function jacobiSweep(m: Float64Array, v: Float64Array, p: number): void {
  for (let i = 0; i < p; i++)
    for (let j = i + 1; j < p; j++) {
      const aij = m[i * p + j] as number;
      if (Math.abs(aij) < 1e-300) continue;
      const theta = ((m[j * p + j] as number) - (m[i * p + i] as number)) / (2 * aij);
      const tan = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const cos = 1 / Math.sqrt(tan * tan + 1);
      rotate(m, v, p, i, j, cos, tan * cos);
    }
}

/** V·diag(λᵗ)·Vᵀ: out_ij = Σ_k v_ik·λ_kᵗ·v_jk, k in order. */
function powerFromEigen(v: Float64Array, lambda: number[], p: number, t: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++)
        s += (v[i * p + k] as number) * (lambda[k] as number) ** t * (v[j * p + k] as number);
      out[i * p + j] = s;
    }
  return out;
}
