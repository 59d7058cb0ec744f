import type { RandomSource } from '../random/random-source.js';
import { quantile } from '../stats/quantile.js';
import {
  type CompactRows,
  createCompactRowsBuilder,
  MISSING_CODE,
  readRow,
} from './compact-rows.js';
import { createExactResampleMoments, exactPacking } from './exact-resample-moments.js';
import { createEstimateBuffers, estimatePls, type PlsOptions } from './estimate.js';
import { correlation } from './moments.js';
import { createResampleMoments, RESAMPLE_BATCH, type ResampleMoments } from './resample-moments.js';
import type { PlsStructure } from './structure.js';

export interface MicomConstruct {
  readonly id: string;
  /**
   * Step 2: c = cor(Z·w⁽¹⁾, Z·w⁽²⁾) on the pooled standardized data, and its permutation 5 %
   * quantile.
   */
  readonly c: number;
  readonly cQuantile05: number;
  readonly compositional: boolean;
  /**
   * Step 3a: mean of the pooled-weight scores, group 1 − group 2, with the permutation 2.5/97.5 %
   * quantiles.
   */
  readonly meanDifference: number;
  readonly meanInterval: readonly [number, number];
  /** Step 3b: log(var₁ / var₂) of the pooled-weight scores, with its permutation interval. */
  readonly logVarianceRatio: number;
  readonly varianceInterval: readonly [number, number];
  readonly equalMeans: boolean;
  readonly equalVariances: boolean;
}

export interface Micom {
  readonly permutations: number;
  readonly failed: number;
  readonly constructs: readonly MicomConstruct[];
  /** 'full': steps 2, 3a and 3b hold for every construct; 'partial': step 2 holds; 'none'. */
  readonly invariance: 'full' | 'partial' | 'none';
}

/** Permutations whose group correlations one pass of the kernel computes (two resamples each). */
const PER_PASS = RESAMPLE_BATCH / 2;

/**
 * Measurement invariance of composites, MICOM steps 2 and 3 (Henseler, Ringle & Sarstedt 2016,
 * International Marketing Review 33(3), 405–431), for two groups (`group[i]` 0 or 1):
 *
 * Step 2 (compositional invariance): the model is estimated in each group (its own
 * standardization);
 * c_j = cor(Z·w⁽¹⁾_j, Z·w⁽²⁾_j) with Z the pooled standardized data, i.e. w⁽¹⁾ᵀR_jj w⁽²⁾ /
 * √(w⁽¹⁾ᵀR_jj w⁽¹⁾ · w⁽²⁾ᵀR_jj w⁽²⁾) from the pooled correlations R. Group labels are permuted
 * (sizes kept) `permutations` times; invariance holds when c ≥ the 5 % quantile of the permuted c.
 * Step 3 (equal means and variances): scores Y = Z·w from the pooled estimate; the group difference
 * of means and log(var₁/var₂) (variances with divisor n_g − 1) lie within the permutation 2.5
 * %–97.5 %
 * quantiles. Quantiles are R's type 7. Permutations whose group estimate fails are left out.
 * Partial invariance (step 2) is the condition for comparing path coefficients across groups
 * (PLS-MGA).
 *
 * Each group's correlation matrix comes from the bootstrap's resample kernel with the group
 * memberships as 0/1 counts (exact integer sums for ratings), so one pass over the respondents
 * serves several permutations; it agrees with the two-pass centred computation used before to
 * 4.4e-16 on the consultant data (`c` and its quantile). The pooled rows keep each group's missing
 * ratings as the group's own item means; for byte-coded ratings the exact kernel takes them as two
 * classes of replacements (`pooledKernel`), so missing ratings no longer send MICOM to the centred
 * kernel (its `c` moved by at most 4.4e-16 on the consultant data with 2 % missing ratings).
 *
 * `groups`: the two groups' respondents as the bootstrap keeps them (compact rows, p values each in
 * `structure.items` order, missing values replaced as in each group's own bootstrap); the pooled
 * data are group 1's rows, then group 2's, read from them — no wide copy of the respondents.
 */
export function micom(
  groups: readonly [CompactRows, CompactRows],
  structure: PlsStructure,
  options: {
    readonly permutations: number;
    readonly random: RandomSource;
    readonly pls?: PlsOptions;
  },
): Micom | null {
  const p = structure.items.length;
  const m = structure.constructs.length;
  const [first, second] = groups;
  const n = first.n + second.n;
  const group = new Uint8Array(n).fill(1, first.n);
  /** Pooled respondent i's values into `out`. */
  const rowAt = (i: number, out: Float64Array): void =>
    i < first.n ? readRow(first, i, out) : readRow(second, i - first.n, out);
  const { initialWeights: _ignored, ...pls } = options.pls ?? {};
  const pooled = moments(n, p, rowAt);
  if (pooled === null) return null;
  const whole = estimatePls(pooled.r, structure, pls);
  if (whole === null) return null;
  // Pooled standardized data and the pooled-weight scores (step 3).
  const scores = new Float64Array(n * m);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    rowAt(i, row);
    structure.blocks.forEach((block, j) => {
      let s = 0;
      for (const k of block)
        s +=
          (whole.weights[k] as number) *
          (((row[k] as number) - (pooled.mean[k] as number)) / (pooled.sd[k] as number));
      scores[i * m + j] = s;
    });
  }

  // Step 2 needs each group's correlation matrix; with the labels as 0/1 counts, those are the
  // bootstrap kernel's "resamples" (`createResampleMoments`), so one pass over the respondents
  // serves several permutations: with exact sums, group 1 is a resample and group 2 its
  // complement (everyone's sums minus group 1's: `complementCovariances`), `RESAMPLE_BATCH`
  // permutations a pass; otherwise both groups are resamples, `PER_PASS` permutations a pass.
  const kernel = pooledKernel(first, second, rowAt, pooled.mean);
  const paired = kernel.complementCovariances !== undefined;
  const perPass = paired ? RESAMPLE_BATCH : PER_PASS;
  const counts = new Int32Array(n * RESAMPLE_BATCH);
  const covs = Array.from({ length: RESAMPLE_BATCH }, () => new Float64Array(p * p));
  const complements = Array.from({ length: RESAMPLE_BATCH }, () => new Float64Array(p * p));
  const rg = new Float64Array(p * p);
  const buffers = [createEstimateBuffers(structure), createEstimateBuffers(structure)] as const;
  /** Group g's covariance matrix under labelling x of the last `groupCovariances`. */
  const covarianceOf = (x: number, g: 0 | 1): Float64Array =>
    (paired ? (g === 0 ? covs[x] : complements[x]) : covs[2 * x + g]) as Float64Array;
  const groupCovariances = (labelings: readonly Uint8Array[]): void => {
    if (paired) {
      const batch = labelings.length;
      counts.fill(0, 0, n * batch);
      labelings.forEach((labels, x) => {
        for (let i = 0; i < n; i++) if (labels[i] === 0) counts[i * batch + x] = 1;
      });
      kernel.complementCovariances?.(counts, batch, covs, complements);
      return;
    }
    const batch = 2 * labelings.length;
    counts.fill(0, 0, n * batch);
    labelings.forEach((labels, x) => {
      for (let i = 0; i < n; i++) counts[i * batch + 2 * x + (labels[i] as number)] = 1;
    });
    kernel.covariances(counts, batch, covs);
  };
  const step2 = (labelings: readonly Uint8Array[]): Array<Float64Array | null> => {
    groupCovariances(labelings);
    return labelings.map((_, x) => {
      for (const g of [0, 1] as const) {
        // A permutation keeps the groups' sizes.
        const size = g === 0 ? first.n : second.n;
        const r = size < 3 ? null : correlation(covarianceOf(x, g), p, rg);
        if (r === null || estimatePls(r, structure, pls, buffers[g]) === null) return null;
      }
      const [w1, w2] = [buffers[0].weights, buffers[1].weights];
      const out = new Float64Array(m);
      structure.blocks.forEach((block, j) => {
        const quad = (a: Float64Array, b: Float64Array): number => {
          let s = 0;
          for (const k of block)
            for (const l of block)
              s += (a[k] as number) * (pooled.r[k * p + l] as number) * (b[l] as number);
          return s;
        };
        out[j] = quad(w1, w2) / Math.sqrt(quad(w1, w1) * quad(w2, w2));
      });
      return out;
    });
  };
  // Step 3's sums of each group's scores and squared scores (group g, construct j at g·m + j),
  // over the respondents in order: one pass over the scores for all constructs.
  const sums = new Float64Array(2 * m);
  const squares = new Float64Array(2 * m);
  const step3 = (labels: Uint8Array): { mean: Float64Array; logVar: Float64Array } => {
    sums.fill(0);
    squares.fill(0);
    for (let i = 0; i < n; i++) {
      const at = (labels[i] as number) * m;
      const row = i * m;
      for (let j = 0; j < m; j++) {
        const y = scores[row + j] as number;
        sums[at + j] = (sums[at + j] as number) + y;
        squares[at + j] = (squares[at + j] as number) + y * y;
      }
    }
    const mean = new Float64Array(m);
    const logVar = new Float64Array(m);
    const size = [first.n, second.n] as const;
    for (let j = 0; j < m; j++) {
      const mu = [0, 1].map((g) => (sums[g * m + j] as number) / size[g as 0 | 1]);
      const v = [0, 1].map(
        (g) =>
          ((squares[g * m + j] as number) - size[g as 0 | 1] * (mu[g] as number) ** 2) /
          (size[g as 0 | 1] - 1),
      );
      mean[j] = (mu[0] as number) - (mu[1] as number);
      logVar[j] = Math.log((v[0] as number) / (v[1] as number));
    }
    return { mean, logVar };
  };

  const c = step2([group])[0] ?? null;
  if (c === null) return null;
  const observed = step3(group);
  const permutedC: number[][] = structure.constructs.map(() => []);
  const permutedMean: number[][] = structure.constructs.map(() => []);
  const permutedVar: number[][] = structure.constructs.map(() => []);
  const labels = Uint8Array.from(group);
  let failed = 0;
  for (let start = 0; start < options.permutations; start += perPass) {
    const labelings: Uint8Array[] = [];
    for (let b = start; b < Math.min(options.permutations, start + perPass); b++) {
      // Each permutation shuffles the previous one's labels (Fisher–Yates), as drawn in order.
      for (let i = n - 1; i > 0; i--) {
        const j = options.random.int(i + 1);
        const t = labels[i] as number;
        labels[i] = labels[j] as number;
        labels[j] = t;
      }
      const s3 = step3(labels);
      for (let j = 0; j < m; j++) {
        permutedMean[j]?.push(s3.mean[j] as number);
        permutedVar[j]?.push(s3.logVar[j] as number);
      }
      labelings.push(Uint8Array.from(labels));
    }
    for (const cb of step2(labelings)) {
      if (cb === null) {
        failed++;
        continue;
      }
      for (let j = 0; j < m; j++) permutedC[j]?.push(cb[j] as number);
    }
  }
  const q = (xs: number[], level: number): number => quantile(Float64Array.from(xs).sort(), level);
  const constructs = structure.constructs.map((id, j) => {
    const cq = q(permutedC[j] as number[], 0.05);
    const meanInterval: [number, number] = [
      q(permutedMean[j] as number[], 0.025),
      q(permutedMean[j] as number[], 0.975),
    ];
    const varianceInterval: [number, number] = [
      q(permutedVar[j] as number[], 0.025),
      q(permutedVar[j] as number[], 0.975),
    ];
    const md = observed.mean[j] as number;
    const lv = observed.logVar[j] as number;
    return {
      id,
      c: c[j] as number,
      cQuantile05: cq,
      compositional: (c[j] as number) >= cq,
      meanDifference: md,
      meanInterval,
      logVarianceRatio: lv,
      varianceInterval,
      equalMeans: md >= meanInterval[0] && md <= meanInterval[1],
      equalVariances: lv >= varianceInterval[0] && lv <= varianceInterval[1],
    };
  });
  const partial = constructs.every((x) => x.compositional);
  const full = partial && constructs.every((x) => x.equalMeans && x.equalVariances);
  return {
    permutations: options.permutations,
    failed,
    constructs,
    invariance: full ? 'full' : partial ? 'partial' : 'none',
  };
}

/**
 * Means, SDs (n − 1) and correlation matrix of the n rows `rowAt` gives; null when an item is
 * constant.
 */
function moments(
  n: number,
  p: number,
  rowAt: (i: number, out: Float64Array) => void,
): { mean: Float64Array; sd: Float64Array; r: Float64Array } | null {
  if (n < 3) return null;
  const mean = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    rowAt(i, row);
    for (let k = 0; k < p; k++) mean[k] = (mean[k] as number) + (row[k] as number) / n;
  }
  const cov = new Float64Array(p * p);
  const d = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    rowAt(i, row);
    for (let k = 0; k < p; k++) d[k] = (row[k] as number) - (mean[k] as number);
    for (let k = 0; k < p; k++) {
      const dk = d[k] as number;
      for (let l = 0; l <= k; l++)
        cov[k * p + l] = (cov[k * p + l] as number) + dk * (d[l] as number);
    }
  }
  const sd = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const v = (cov[k * p + k] as number) / (n - 1);
    if (!(v > 0)) return null;
    sd[k] = Math.sqrt(v);
  }
  const r = new Float64Array(p * p);
  for (let k = 0; k < p; k++)
    for (let l = 0; l <= k; l++) {
      const v =
        k === l
          ? 1
          : (cov[k * p + l] as number) / (n - 1) / ((sd[k] as number) * (sd[l] as number));
      r[k * p + l] = v;
      r[l * p + k] = v;
    }
  return { mean, sd, r };
}

/**
 * The resample kernel of the pooled respondents (group 1's, then group 2's). When both groups keep
 * byte codes, their codes one after the other, each group's missing ratings standing for its own
 * means (the exact kernel's later replacements: exact integer sums, as the bootstrap's); else the
 * rows decoded into one compact copy (the centred kernel when they are not integer ratings).
 */
function pooledKernel(
  first: CompactRows,
  second: CompactRows,
  rowAt: (i: number, out: Float64Array) => void,
  mean: Float64Array,
): ResampleMoments {
  const p = first.p;
  const n = first.n + second.n;
  if (first.codes !== null && second.codes !== null && second.decode !== null) {
    const codes = new Uint8Array(n * p);
    codes.set(first.codes.subarray(0, first.n * p));
    codes.set(second.codes.subarray(0, second.n * p), first.n * p);
    const rows = { n, p, codes, decode: first.decode, values: null };
    const decode = second.decode;
    const later = {
      from: first.n,
      means: Float64Array.from({ length: p }, (_, j) => decode[j * 256 + MISSING_CODE] as number),
    };
    const packing = exactPacking(rows, later);
    if (packing !== null) return createExactResampleMoments(rows, packing);
  }
  const builder = createCompactRowsBuilder(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    rowAt(i, row);
    builder.add(row);
  }
  return createResampleMoments(builder.finish(mean));
}
