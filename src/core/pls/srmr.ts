import type { RandomSource } from '../random/random-source.js';
import { quantile } from '../stats/quantile.js';
import { consistentEstimate } from './consistent.js';
import { estimatePls, type PlsEstimate, type PlsOptions } from './estimate.js';
import { predecessors, type PlsStructure } from './structure.js';

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
  const pred = predecessors(structure);
  const phi = new Float64Array(m * m);
  const order = causalOrder(pred, m);
  const done: number[] = [];
  for (const j of order) {
    const preds = pred[j] as number[];
    if (preds.length === 0) {
      for (const i of done)
        if ((pred[i] as number[]).length === 0) {
          phi[i * m + j] = c[i * m + j] as number;
          phi[j * m + i] = c[j * m + i] as number;
        }
      phi[j * m + j] = 1;
    } else {
      const b = preds.map((p) => pathOf(structure, estimate, p, j));
      for (const i of done) {
        let s = 0;
        preds.forEach((p, x) => (s += (b[x] as number) * (phi[p * m + i] as number)));
        phi[i * m + j] = s;
        phi[j * m + i] = s;
      }
      let v = 0;
      preds.forEach((p, x) =>
        preds.forEach(
          (q, y) => (v += (b[x] as number) * (b[y] as number) * (phi[p * m + q] as number)),
        ),
      );
      phi[j * m + j] = v + (1 - (estimate.rSquared[j] as number));
    }
    done.push(j);
  }
  return phi;
}

/**
 * Exogenous constructs first (instrument order), then endogenous ones each after all its
 * predecessors.
 */
function causalOrder(pred: number[][], m: number): number[] {
  const order: number[] = [];
  const placed = new Set<number>();
  for (let j = 0; j < m; j++)
    if ((pred[j] as number[]).length === 0) {
      order.push(j);
      placed.add(j);
    }
  while (order.length < m) {
    const before = order.length;
    for (let j = 0; j < m; j++)
      if (!placed.has(j) && (pred[j] as number[]).every((p) => placed.has(p))) {
        order.push(j);
        placed.add(j);
      }
    if (order.length === before) break; // a cycle (the instrument parser refuses them)
  }
  return order;
}

function pathOf(structure: PlsStructure, estimate: PlsEstimate, from: number, to: number): number {
  const k = structure.paths.findIndex(([a, b]) => a === from && b === to);
  return estimate.paths[k] as number;
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
): Float64Array {
  const p = structure.items.length;
  const m = structure.constructs.length;
  const block = new Int32Array(p);
  structure.blocks.forEach((items, j) => items.forEach((k) => (block[k] = j)));
  const sigma = new Float64Array(p * p);
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
 * "HI95"):
 * the standardized data Z are rotated to Z* = Z·R^{−1/2}·Σ̂^{1/2}, whose correlation is exactly the
 * implied Σ̂; respondents are resampled from Z*, the model re-estimated (from the full-sample
 * weights) and SRMR recomputed; the quantile is R's type 7. SRMR above it rejects exact fit at 5 %.
 * Null when Σ̂ is not positive definite or fewer than half the resamples can be estimated.
 *
 * `rows`: n × p item values (any location/scale: they are standardized here).
 */
export function srmrBootstrapQuantile(
  rows: Float64Array,
  n: number,
  r: Float64Array,
  structure: PlsStructure,
  estimate: PlsEstimate,
  sigma: Float64Array,
  options: { readonly resamples: number; readonly random: RandomSource; readonly pls?: PlsOptions },
): { quantile: number; resamples: number; failed: number } | null {
  const p = structure.items.length;
  const rootInv = symmetricPower(r, p, -0.5);
  const root = symmetricPower(sigma, p, 0.5);
  if (rootInv === null || root === null) return null;
  const transform = multiply(rootInv, root, p);
  // Standardize, then rotate.
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < p; k++) mean[k] = (mean[k] as number) + (rows[i * p + k] as number) / n;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < p; k++)
      sd[k] = (sd[k] as number) + ((rows[i * p + k] as number) - (mean[k] as number)) ** 2;
  for (let k = 0; k < p; k++) sd[k] = Math.sqrt((sd[k] as number) / (n - 1));
  const z = new Float64Array(n * p);
  const zi = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++)
      zi[k] = ((rows[i * p + k] as number) - (mean[k] as number)) / (sd[k] as number);
    for (let l = 0; l < p; l++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += (zi[k] as number) * (transform[k * p + l] as number);
      z[i * p + l] = s;
    }
  }
  const values: number[] = [];
  let failed = 0;
  const pls = { ...options.pls, initialWeights: estimate.weights };
  const pick = new Int32Array(n);
  for (let b = 0; b < options.resamples; b++) {
    for (let i = 0; i < n; i++) pick[i] = options.random.int(n);
    const rb = correlationOf(z, pick, n, p);
    const eb = rb === null ? null : estimatePls(rb, structure, pls);
    if (rb === null || eb === null) {
      failed++;
      continue;
    }
    const cb = options.pls?.consistent === true ? consistentEstimate(rb, structure, eb) : eb;
    if (cb === null) {
      failed++;
      continue;
    }
    values.push(modelFit(rb, structure, cb, options.pls?.consistent === true).estimated);
  }
  if (values.length < options.resamples / 2) return null;
  values.sort((a, b) => a - b);
  return { quantile: quantile(values, 0.95), resamples: options.resamples, failed };
}

/** Correlation matrix of the picked rows of z (n × p); null when a column is constant. */
function correlationOf(
  z: Float64Array,
  pick: Int32Array,
  n: number,
  p: number,
): Float64Array | null {
  const mean = new Float64Array(p);
  for (const i of pick)
    for (let k = 0; k < p; k++) mean[k] = (mean[k] as number) + (z[i * p + k] as number);
  for (let k = 0; k < p; k++) mean[k] = (mean[k] as number) / n;
  const cov = new Float64Array(p * p);
  const d = new Float64Array(p);
  for (const i of pick) {
    for (let k = 0; k < p; k++) d[k] = (z[i * p + k] as number) - (mean[k] as number);
    for (let k = 0; k < p; k++) {
      const dk = d[k] as number;
      for (let l = 0; l <= k; l++)
        cov[k * p + l] = (cov[k * p + l] as number) + dk * (d[l] as number);
    }
  }
  for (let k = 0; k < p; k++) if (!((cov[k * p + k] as number) > 0)) return null;
  const out = new Float64Array(p * p);
  for (let k = 0; k < p; k++)
    for (let l = 0; l <= k; l++) {
      const v =
        (cov[k * p + l] as number) /
        Math.sqrt((cov[k * p + k] as number) * (cov[l * p + l] as number));
      out[k * p + l] = k === l ? 1 : v;
      out[l * p + k] = k === l ? 1 : v;
    }
  return out;
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
 * A^t for a symmetric positive definite A by the cyclic Jacobi eigenvalue method (Golub & Van Loan,
 * Matrix Computations, 4th ed., §8.5): A = V·diag(λ)·Vᵀ, A^t = V·diag(λ^t)·Vᵀ. Null when an
 * eigenvalue is not positive (relative to the largest, 1e-12).
 */
export function symmetricPower(a: ArrayLike<number>, p: number, t: number): Float64Array | null {
  const m = Float64Array.from({ length: p * p }, (_, i) => a[i] as number);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++)
      for (let j = i + 1; j < p; j++) off += (m[i * p + j] as number) ** 2;
    if (off < 1e-30) break;
    for (let i = 0; i < p; i++)
      for (let j = i + 1; j < p; j++) {
        const aij = m[i * p + j] as number;
        if (Math.abs(aij) < 1e-300) continue;
        const theta = ((m[j * p + j] as number) - (m[i * p + i] as number)) / (2 * aij);
        const tan = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(tan * tan + 1);
        const sin = tan * cos;
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
  }
  const lambda = Array.from({ length: p }, (_, i) => m[i * p + i] as number);
  const largest = Math.max(...lambda);
  if (!(largest > 0) || lambda.some((x) => !(x > 1e-12 * largest))) return null;
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
