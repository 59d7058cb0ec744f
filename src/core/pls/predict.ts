import { createCompiledSolve } from '../linear/compiled-solve.js';
import { solveMany } from '../linear/solve.js';
import type { RandomSource } from '../random/random-source.js';
import { type CompactRows, readRow, valueAt } from './compact-rows.js';
import { estimatePls, type PlsEstimate, type PlsOptions } from './estimate.js';
import { correlation } from './moments.js';
import { createResampleMoments, RESAMPLE_BATCH, type ResampleMoments } from './resample-moments.js';
import { blockIndex, predecessors, type PlsStructure } from './structure.js';

export type PredictiveVerdict = 'none' | 'low' | 'medium' | 'high';

export interface PredictItem {
  readonly item: string;
  readonly construct: string;
  /**
   * 1 − Σ(y − ŷ_PLS)² / Σ(y − ȳ_train)²: out-of-sample gain over the training mean (> 0: useful).
   */
  readonly q2predict: number;
  readonly plsRmse: number;
  readonly plsMae: number;
  readonly lmRmse: number;
  readonly lmMae: number;
}

export interface PlsPredict {
  readonly folds: number;
  readonly repetitions: number;
  readonly items: readonly PredictItem[];
  /** Per endogenous construct, Shmueli et al.'s (2019) verdict on its indicators. */
  readonly constructs: ReadonlyArray<{ readonly id: string; readonly verdict: PredictiveVerdict }>;
  /** Fold fits that failed (left out of the averages). */
  readonly failed: number;
}

/**
 * PLSpredict (Shmueli, Ray, Velasquez Estrada & Chatla 2016; Shmueli et al. 2019, European Journal
 * of
 * Marketing 53(11)), as seminr's `predict_pls(technique = predict_DA, noFolds, reps)`:
 *
 * For each repetition the respondents are shuffled and cut into k folds. For each fold the model is
 * estimated on the other k − 1 folds (indicators standardized with the training means and SDs) and
 * the holdout is predicted: composite scores Y = Z_test·W, each endogenous construct by its direct
 * antecedents Ŷ_j = Σ_i b_ij Y_i, each of its indicators ẑ_k = λ_k·Ŷ_j, unstandardized with the
 * training mean and SD. The linear-model benchmark regresses each endogenous indicator (OLS with
 * intercept, on the training folds) on every indicator of the model outside its own construct (as
 * seminr does; Shmueli et al. 2019 use the exogenous indicators). Predictions are averaged over the
 * repetitions per respondent; then per indicator RMSE = √mean(e²), MAE = mean|e| and
 * Q²predict = 1 − Σ(y − ŷ)² / Σ(y − ȳ_train)² (ȳ_train: the training-fold mean, SmartPLS's naive
 * benchmark).
 *
 * Verdict per endogenous construct (Shmueli et al. 2019, p. 2336): any Q²predict ≤ 0 → none;
 * otherwise PLS RMSE below the LM's for all indicators → high, a majority → medium, a minority →
 * low, none → none.
 *
 * A fold's training statistics come from the resample kernel (`createResampleMoments`, exact
 * integer sums for ratings), the training rows being a resample with counts 1 and the holdout's 0:
 * covariances with divisor N − 1 (N the training rows), rounded once; the training means are the
 * whole sample's sums minus the holdout's, over N. The linear benchmark solves the centred normal
 * equations on those covariances (β = S_xx⁻¹·S_xy, intercept ȳ − βᵀx̄: the OLS fit with intercept).
 * Memory stays O(n · targets) beside the compact rows.
 *
 * `rows`: the n respondents' item values in `structure.items` order, missing values replaced.
 */
export function plsPredict(
  rows: CompactRows,
  structure: PlsStructure,
  options: {
    readonly folds?: number;
    readonly repetitions?: number;
    readonly random: RandomSource;
    readonly pls?: PlsOptions;
    /** The resample kernel of these rows, when the caller has one. */
    readonly kernel?: ResampleMoments;
  },
): PlsPredict | null {
  const { n, p } = rows;
  const k = Math.min(options.folds ?? 10, n);
  const reps = options.repetitions ?? 10;
  const m = structure.constructs.length;
  const pred = predecessors(structure);
  const endogenous = structure.constructs.map((_, j) => j).filter((j) => pred[j]?.length);
  const targets = endogenous.flatMap((j) =>
    (structure.blocks[j] as number[]).map((item) => ({ item, j })),
  );
  if (targets.length === 0 || k < 2) return null;
  const { block } = blockIndex(structure);

  const plsSum = new Float64Array(n * targets.length);
  const lmSum = new Float64Array(n * targets.length);
  const meanSum = new Float64Array(n * targets.length);
  const counts = new Float64Array(n);
  // The paths into each construct, in path order (the prediction sums them in that order).
  const incoming = structure.constructs.map((_, j) =>
    structure.paths.flatMap(([, to], index) => (to === j ? [index] : [])),
  );
  const scratch = { row: new Float64Array(p), z: new Float64Array(p), y: new Float64Array(m) };
  // The linear-model benchmark's regressions (the same for every fold) and each fold's models.
  const groups = linearModelGroups(p, targets, block);
  const lm: Array<{ predictors: number[]; beta: Float64Array } | null> = targets.map(() => null);
  let failed = 0;
  const order = new Int32Array(n);
  const kernel = options.kernel ?? createResampleMoments(rows);
  const totals = columnSums(
    rows,
    Int32Array.from({ length: n }, (_, i) => i),
  );
  const batch = Math.min(k, RESAMPLE_BATCH);
  // The benchmark's systems compiled (the same bits as `solveMany`), where WebAssembly runs.
  const solve = createCompiledSolve() ?? solveMany;
  const memberships = new Int32Array(n * batch);
  const covs = Array.from({ length: batch }, () => new Float64Array(p * p));
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = options.random.int(i + 1);
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    // Fold f: positions [f·n/k, (f+1)·n/k) of the shuffled order (equal-sized, as R's cut()).
    const holdout = (f: number): Int32Array =>
      order.subarray(Math.floor((f * n) / k), Math.floor(((f + 1) * n) / k));
    for (let first = 0; first < k; first += batch) {
      const size = Math.min(batch, k - first);
      memberships.fill(1, 0, n * size);
      for (let b = 0; b < size; b++)
        for (const i of holdout(first + b)) memberships[i * size + b] = 0;
      kernel.covariances(memberships, size, covs);
      for (let b = 0; b < size; b++) {
        const test = holdout(first + b);
        const fit = trainFold(
          covs[b] as Float64Array,
          trainingMeans(totals, columnSums(rows, test), n - test.length),
          n - test.length,
          structure,
          options.pls ?? {},
        );
        if (fit === null) {
          failed++;
          continue;
        }
        addPlsPredictions(rows, test, fit, structure, targets, incoming, block, scratch, {
          plsSum,
          meanSum,
        });
        // Linear-model benchmark: each target on the indicators outside its construct (with
        // intercept).
        trainLinearModels(fit.cov, fit.mean, p, groups, lm, solve);
        addLmPredictions(rows, test, lm, scratch.row, lmSum);
        for (const i of test) counts[i] = (counts[i] as number) + 1;
      }
    }
  }
  const items = targets.map(({ item, j }, t) => {
    let ssPls = 0;
    let absPls = 0;
    let ssLm = 0;
    let absLm = 0;
    let ssMean = 0;
    let used = 0;
    for (let i = 0; i < n; i++) {
      const c = counts[i] as number;
      if (c === 0) continue;
      const actual = valueAt(rows, i, item);
      const e = actual - (plsSum[i * targets.length + t] as number) / c;
      const l = actual - (lmSum[i * targets.length + t] as number) / c;
      const b = actual - (meanSum[i * targets.length + t] as number) / c;
      ssPls += e * e;
      absPls += Math.abs(e);
      ssLm += l * l;
      absLm += Math.abs(l);
      ssMean += b * b;
      used++;
    }
    return {
      item: structure.items[item] as string,
      construct: structure.constructs[j] as string,
      q2predict: 1 - ssPls / ssMean,
      plsRmse: Math.sqrt(ssPls / used),
      plsMae: absPls / used,
      lmRmse: Math.sqrt(ssLm / used),
      lmMae: absLm / used,
    };
  });
  const constructs = endogenous.map((j) => {
    const own = items.filter((it) => it.construct === structure.constructs[j]);
    return { id: structure.constructs[j] as string, verdict: verdictOf(own) };
  });
  return { folds: k, repetitions: reps, items, constructs, failed };
}

/**
 * Shmueli et al. (2019): Q²predict > 0 first, then the share of indicators where PLS beats the LM
 * (RMSE).
 */
export function verdictOf(
  items: ReadonlyArray<{ q2predict: number; plsRmse: number; lmRmse: number }>,
): PredictiveVerdict {
  if (items.length === 0 || items.some((it) => !(it.q2predict > 0))) return 'none';
  const better = items.filter((it) => it.plsRmse < it.lmRmse).length;
  if (better === items.length) return 'high';
  if (better === 0) return 'none';
  return better > items.length / 2 ? 'medium' : 'low';
}

/**
 * A fold's training fit from its covariance matrix `cov` (divisor N − 1) and means: the item SDs,
 * the correlation matrix and the PLS estimate on it (from the default starting weights); null when
 * an item is constant in the training rows or the estimate fails.
 */
function trainFold(
  cov: Float64Array,
  mean: Float64Array,
  size: number,
  structure: PlsStructure,
  pls: PlsOptions,
): { mean: Float64Array; sd: Float64Array; cov: Float64Array; estimate: PlsEstimate } | null {
  const p = structure.items.length;
  const r = size < 2 ? null : correlation(cov, p, new Float64Array(p * p));
  if (r === null) return null;
  const sd = Float64Array.from({ length: p }, (_, x) => Math.sqrt(cov[x * p + x] as number));
  const { initialWeights: _ignored, ...rest } = pls;
  const estimate = estimatePls(r, structure, rest);
  return estimate === null ? null : { mean, sd, cov, estimate };
}

/** Σᵢ xᵢ over the rows `at` (in that order), per item. */
function columnSums(rows: CompactRows, at: ArrayLike<number>): Float64Array {
  const sums = new Float64Array(rows.p);
  const row = new Float64Array(rows.p);
  for (let a = 0; a < at.length; a++) {
    readRow(rows, at[a] as number, row);
    for (let x = 0; x < rows.p; x++) sums[x] = (sums[x] as number) + (row[x] as number);
  }
  return sums;
}

/** The training means: (the whole sample's sums − the holdout's) / the training rows. */
function trainingMeans(totals: Float64Array, holdout: Float64Array, size: number): Float64Array {
  return totals.map((s, x) => (s - (holdout[x] as number)) / size);
}

/**
 * The linear-model benchmark's regressions, the same in every fold: for each construct with
 * targets, its predictors (every indicator outside the construct, ascending), its targets (item
 * and place in `targets`), and scratch for the normal equations and their right-hand sides.
 */
interface LinearModelGroup {
  readonly predictors: number[];
  readonly items: Int32Array;
  readonly indices: Int32Array;
  readonly a: Float64Array;
  readonly rhs: Float64Array;
}

function linearModelGroups(
  p: number,
  targets: ReadonlyArray<{ item: number; j: number }>,
  block: Int32Array,
): LinearModelGroup[] {
  return [...new Set(targets.map((t) => t.j))].map((j) => {
    const predictors = Array.from({ length: p }, (_, c) => c).filter((c) => block[c] !== j);
    const mine = targets.flatMap((t, index) => (t.j === j ? [{ item: t.item, index }] : []));
    const s = predictors.length;
    return {
      predictors,
      items: Int32Array.from(mine, (x) => x.item),
      indices: Int32Array.from(mine, (x) => x.index),
      a: new Float64Array(s * s),
      rhs: new Float64Array(s * mine.length),
    };
  });
}

/**
 * OLS of each target on the indicators outside its construct, with intercept, from the training
 * covariances and means: β = S_xx⁻¹·S_xy on the predictors' covariance matrix (the centred normal
 * equations), intercept = ȳ − Σ β_c·x̄_c. `beta` is [intercept, β…]; into `out` (one entry per
 * target). The targets of one construct share their predictors, so one elimination serves them
 * all (`solveMany`, or `solve` compiled: the same steps as a solve per target).
 */
function trainLinearModels(
  cov: Float64Array,
  mean: Float64Array,
  p: number,
  groups: readonly LinearModelGroup[],
  out: Array<{ predictors: number[]; beta: Float64Array } | null>,
  solve: typeof solveMany,
): void {
  out.fill(null);
  for (const { predictors, items, indices, a, rhs } of groups) {
    const s = predictors.length;
    const t = items.length;
    for (let ui = 0; ui < s; ui++) {
      const u = predictors[ui] as number;
      for (let y = 0; y < t; y++) rhs[ui * t + y] = cov[u * p + (items[y] as number)] as number;
      for (let vi = 0; vi < s; vi++)
        a[ui * s + vi] = cov[u * p + (predictors[vi] as number)] as number;
    }
    if (!solve(a, rhs, s, t)) continue;
    for (let y = 0; y < t; y++) {
      const beta = new Float64Array(s + 1);
      let intercept = mean[items[y] as number] as number;
      for (let ui = 0; ui < s; ui++) {
        const b = rhs[ui * t + y] as number;
        beta[ui + 1] = b;
        intercept -= b * (mean[predictors[ui] as number] as number);
      }
      beta[0] = intercept;
      out[indices[y] as number] = { predictors, beta };
    }
  }
}

/**
 * Adds each holdout respondent's PLS prediction of every target (ŷ = mean + λ·Σ b·Y·sd, see
 * `plsPredict`) to `plsSum` and the training mean to `meanSum` (both n × targets). A function of
 * its own so that V8 optimizes it after the first folds.
 */
function addPlsPredictions(
  rows: CompactRows,
  test: ArrayLike<number>,
  fit: { mean: Float64Array; sd: Float64Array; estimate: PlsEstimate },
  structure: PlsStructure,
  targets: ReadonlyArray<{ item: number; j: number }>,
  incoming: readonly (readonly number[])[],
  block: Int32Array,
  scratch: { row: Float64Array; z: Float64Array; y: Float64Array },
  sums: { plsSum: Float64Array; meanSum: Float64Array },
): void {
  const { mean, sd, estimate } = fit;
  const { row, z, y } = scratch;
  const { plsSum, meanSum } = sums;
  const p = rows.p;
  const tn = targets.length;
  for (let a = 0; a < test.length; a++) {
    const i = test[a] as number;
    readRow(rows, i, row);
    for (let x = 0; x < p; x++)
      z[x] = ((row[x] as number) - (mean[x] as number)) / (sd[x] as number);
    y.fill(0);
    for (let x = 0; x < p; x++)
      y[block[x] as number] =
        (y[block[x] as number] as number) + (estimate.weights[x] as number) * (z[x] as number);
    for (let t = 0; t < tn; t++) {
      const { item, j } = targets[t] as { item: number; j: number };
      let score = 0;
      for (const index of incoming[j] as number[]) {
        const from = (structure.paths[index] as readonly [number, number])[0];
        score += (estimate.paths[index] as number) * (y[from] as number);
      }
      const zhat = score * (estimate.loadings[item] as number);
      plsSum[i * tn + t] =
        (plsSum[i * tn + t] as number) + ((mean[item] as number) + zhat * (sd[item] as number));
      meanSum[i * tn + t] = (meanSum[i * tn + t] as number) + (mean[item] as number);
    }
  }
}

/** Adds each holdout respondent's linear-model prediction of every target to `lmSum`. */
function addLmPredictions(
  rows: CompactRows,
  test: ArrayLike<number>,
  lm: ReadonlyArray<{ predictors: number[]; beta: Float64Array } | null>,
  row: Float64Array,
  lmSum: Float64Array,
): void {
  const tn = lm.length;
  for (let a = 0; a < test.length; a++) {
    const i = test[a] as number;
    readRow(rows, i, row);
    for (let t = 0; t < tn; t++) {
      const coef = lm[t];
      let v = Number.NaN;
      if (coef !== null && coef !== undefined) {
        const { beta, predictors } = coef;
        v = beta[0] as number;
        for (let c = 0; c < predictors.length; c++)
          v += (beta[c + 1] as number) * (row[predictors[c] as number] as number);
      }
      lmSum[i * tn + t] = (lmSum[i * tn + t] as number) + v;
    }
  }
}
