import { solveMany } from '../linear/solve.js';
import type { RandomSource } from '../random/random-source.js';
import { estimatePls, type PlsEstimate, type PlsOptions } from './estimate.js';
import { predecessors, type PlsStructure } from './structure.js';

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
 * `rows`: n × p item values in `structure.items` order (no missing values).
 */
export function plsPredict(
  rows: Float64Array,
  n: number,
  structure: PlsStructure,
  options: {
    readonly folds?: number;
    readonly repetitions?: number;
    readonly random: RandomSource;
    readonly pls?: PlsOptions;
  },
): PlsPredict | null {
  const k = Math.min(options.folds ?? 10, n);
  const reps = options.repetitions ?? 10;
  const p = structure.items.length;
  const m = structure.constructs.length;
  const pred = predecessors(structure);
  const endogenous = structure.constructs.map((_, j) => j).filter((j) => pred[j]?.length);
  const targets = endogenous.flatMap((j) =>
    (structure.blocks[j] as number[]).map((item) => ({ item, j })),
  );
  if (targets.length === 0 || k < 2) return null;
  const block = new Int32Array(p);
  structure.blocks.forEach((items, j) => items.forEach((x) => (block[x] = j)));

  const plsSum = new Float64Array(n * targets.length);
  const lmSum = new Float64Array(n * targets.length);
  const meanSum = new Float64Array(n * targets.length);
  const counts = new Float64Array(n);
  // The paths into each construct, in path order (the prediction sums them in that order).
  const incoming = structure.constructs.map((_, j) =>
    structure.paths.flatMap(([, to], index) => (to === j ? [index] : [])),
  );
  const z = new Float64Array(p);
  const y = new Float64Array(m);
  let failed = 0;
  const order = new Int32Array(n);
  // With integer ratings every cross-product sum is an exact integer, so a training fold's sums
  // are the whole sample's minus the holdout's (the same bits as summing the training rows).
  const totalXtx = exactSums(rows, n) ? crossProducts(rows, p, allRows(n)) : null;
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = options.random.int(i + 1);
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (let f = 0; f < k; f++) {
      // Fold f: positions [f·n/k, (f+1)·n/k) of the shuffled order (equal-sized, as R's cut()).
      const lo = Math.floor((f * n) / k);
      const hi = Math.floor(((f + 1) * n) / k);
      const test = Array.from(order.subarray(lo, hi));
      const train = [...Array.from(order.subarray(0, lo)), ...Array.from(order.subarray(hi))];
      const fit = trainFold(rows, p, train, structure, options.pls ?? {});
      if (fit === null) {
        failed++;
        continue;
      }
      addPlsPredictions(
        rows,
        p,
        test,
        fit,
        structure,
        targets,
        incoming,
        block,
        z,
        y,
        plsSum,
        meanSum,
      );
      // Linear-model benchmark: each target on the indicators outside its construct (with
      // intercept).
      const xtx = trainingCrossProducts(rows, p, train, test, totalXtx);
      addLmPredictions(rows, p, test, trainLinearModels(xtx, p, targets, block), lmSum);
      for (const i of test) counts[i] = (counts[i] as number) + 1;
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
      const actual = rows[i * p + item] as number;
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

function trainFold(
  rows: Float64Array,
  p: number,
  train: readonly number[],
  structure: PlsStructure,
  pls: PlsOptions,
): {
  mean: Float64Array;
  sd: Float64Array;
  estimate: NonNullable<ReturnType<typeof estimatePls>>;
} | null {
  const n = train.length;
  const mean = trainingMeans(rows, p, train);
  const cov = centredCrossProducts(rows, p, train, mean);
  const sd = new Float64Array(p);
  for (let x = 0; x < p; x++) {
    const v = (cov[x * p + x] as number) / (n - 1);
    if (!(v > 0)) return null;
    sd[x] = Math.sqrt(v);
  }
  const r = new Float64Array(p * p);
  for (let x = 0; x < p; x++)
    for (let y = 0; y <= x; y++) {
      const v = (cov[x * p + y] as number) / (n - 1) / ((sd[x] as number) * (sd[y] as number));
      r[x * p + y] = x === y ? 1 : v;
      r[y * p + x] = x === y ? 1 : v;
    }
  const { initialWeights: _ignored, ...rest } = pls;
  const estimate = estimatePls(r, structure, rest);
  return estimate === null ? null : { mean, sd, estimate };
}

/** The items' means over the training rows (each a sum in row order, then divided by n). */
function trainingMeans(rows: Float64Array, p: number, train: readonly number[]): Float64Array {
  const mean = new Float64Array(p);
  for (const i of train)
    for (let x = 0; x < p; x++) mean[x] = (mean[x] as number) + (rows[i * p + x] as number);
  for (let x = 0; x < p; x++) mean[x] = (mean[x] as number) / train.length;
  return mean;
}

/**
 * The lower triangle of Σ dᵢdᵢᵀ over the training rows, dᵢ = xᵢ − mean (in row order). Like
 * `trainingMeans`, a function of its own: code after a hot loop in the same function has no type
 * feedback when V8 optimizes the loop on the stack, and deoptimizes on its first run.
 */
function centredCrossProducts(
  rows: Float64Array,
  p: number,
  train: readonly number[],
  mean: Float64Array,
): Float64Array {
  const cov = new Float64Array(p * p);
  const d = new Float64Array(p);
  for (const i of train) {
    for (let x = 0; x < p; x++) d[x] = (rows[i * p + x] as number) - (mean[x] as number);
    for (let x = 0; x < p; x++)
      for (let y = 0; y <= x; y++)
        cov[x * p + y] = (cov[x * p + y] as number) + (d[x] as number) * (d[y] as number);
  }
  return cov;
}

/**
 * Whether every value is an integer and n·max|x|² < 2⁵³, so that every partial sum of products of
 * two values over the n rows (and of the values themselves) is an integer a double holds exactly.
 */
function exactSums(rows: Float64Array, n: number): boolean {
  let max = 1;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i] as number;
    if (!Number.isInteger(v)) return false;
    max = Math.max(max, Math.abs(v));
  }
  return n * max * max < 2 ** 53;
}

const allRows = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * The lower triangle of XᵀX over `rows` (in the order given) with an intercept column:
 * X = [1, items], (p+1)×(p+1); the upper triangle is left 0.
 */
function crossProducts(rows: Float64Array, p: number, at: readonly number[]): Float64Array {
  const q = p + 1;
  const xtx = new Float64Array(q * q);
  const x = new Float64Array(q);
  for (const i of at) {
    x[0] = 1;
    for (let c = 0; c < p; c++) x[c + 1] = rows[i * p + c] as number;
    for (let a = 0; a < q; a++) {
      const xa = x[a] as number;
      for (let b = 0; b <= a; b++)
        xtx[a * q + b] = (xtx[a * q + b] as number) + xa * (x[b] as number);
    }
  }
  return xtx;
}

/**
 * XᵀX (with the intercept column) over the training rows, mirrored from the lower triangle
 * (x_a·x_b = x_b·x_a exactly, so the same sums as the full square). With `total` (the exact
 * integer sums over all rows, see `exactSums`) it is `total` minus the holdout's sums: exact
 * integers, so the same bits as summing the training rows, for a tenth of the work.
 */
function trainingCrossProducts(
  rows: Float64Array,
  p: number,
  train: readonly number[],
  test: readonly number[],
  total: Float64Array | null,
): Float64Array {
  const q = p + 1;
  let xtx: Float64Array;
  if (total === null) xtx = crossProducts(rows, p, train);
  else {
    xtx = crossProducts(rows, p, test);
    for (let a = 0; a < q; a++)
      for (let b = 0; b <= a; b++)
        xtx[a * q + b] = (total[a * q + b] as number) - (xtx[a * q + b] as number);
  }
  for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) xtx[b * q + a] = xtx[a * q + b] as number;
  return xtx;
}

/**
 * OLS of each target on the indicators outside its construct, with intercept, from the training
 * folds' XᵀX (`trainingCrossProducts`).
 */
function trainLinearModels(
  xtx: Float64Array,
  p: number,
  targets: ReadonlyArray<{ item: number; j: number }>,
  block: Int32Array,
): Array<{ predictors: number[]; beta: Float64Array } | null> {
  const q = p + 1;
  // The targets of one construct share their predictors (every indicator outside the construct),
  // so one elimination serves them all (`solveMany`: the same steps as a solve per target).
  const out: Array<{ predictors: number[]; beta: Float64Array } | null> = targets.map(() => null);
  for (const j of new Set(targets.map((t) => t.j))) {
    const predictors = Array.from({ length: p }, (_, c) => c).filter((c) => block[c] !== j);
    const mine = targets.flatMap((t, index) => (t.j === j ? [{ item: t.item, index }] : []));
    const cols = [0, ...predictors.map((c) => c + 1)];
    const s = cols.length;
    const t = mine.length;
    const a = new Float64Array(s * s);
    const rhs = new Float64Array(s * t);
    cols.forEach((u, ui) => {
      mine.forEach(({ item }, y) => (rhs[ui * t + y] = xtx[u * q + item + 1] as number));
      cols.forEach((v, vi) => (a[ui * s + vi] = xtx[u * q + v] as number));
    });
    if (!solveMany(a, rhs, s, t)) continue;
    mine.forEach(({ index }, y) => {
      const beta = Float64Array.from({ length: s }, (_, ui) => rhs[ui * t + y] as number);
      out[index] = { predictors, beta };
    });
  }
  return out;
}

/**
 * Adds each holdout respondent's PLS prediction of every target (ŷ = mean + λ·Σ b·Y·sd, see
 * `plsPredict`) to `plsSum` and the training mean to `meanSum` (both n × targets). A function of
 * its own so that V8 optimizes it after the first folds.
 */
function addPlsPredictions(
  rows: Float64Array,
  p: number,
  test: readonly number[],
  fit: { mean: Float64Array; sd: Float64Array; estimate: PlsEstimate },
  structure: PlsStructure,
  targets: ReadonlyArray<{ item: number; j: number }>,
  incoming: readonly (readonly number[])[],
  block: Int32Array,
  z: Float64Array,
  y: Float64Array,
  plsSum: Float64Array,
  meanSum: Float64Array,
): void {
  const { mean, sd, estimate } = fit;
  const tn = targets.length;
  for (const i of test) {
    for (let x = 0; x < p; x++)
      z[x] = ((rows[i * p + x] as number) - (mean[x] as number)) / (sd[x] as number);
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
  rows: Float64Array,
  p: number,
  test: readonly number[],
  lm: ReadonlyArray<{ predictors: number[]; beta: Float64Array } | null>,
  lmSum: Float64Array,
): void {
  const tn = lm.length;
  for (const i of test)
    for (let t = 0; t < tn; t++) {
      const coef = lm[t];
      let v = Number.NaN;
      if (coef !== null && coef !== undefined) {
        const { beta, predictors } = coef;
        v = beta[0] as number;
        for (let c = 0; c < predictors.length; c++)
          v += (beta[c + 1] as number) * (rows[i * p + (predictors[c] as number)] as number);
      }
      lmSum[i * tn + t] = (lmSum[i * tn + t] as number) + v;
    }
}
