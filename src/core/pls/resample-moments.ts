import type { CompactRows } from './compact-rows.js';
import { createExactResampleMoments, exactPacking } from './exact-resample-moments.js';

/**
 * Resamples whose cross-products one pass over the data computes (see `createResampleMoments`): a
 * multiple of 1–4, the resamples the exact kernel packs into one double.
 */
export const RESAMPLE_BATCH = 12;

export interface ResampleMoments {
  /**
   * Covariance matrices (p × p, row-major, divisor N_b − 1) of `batch` resamples at once, from
   * `counts[i · batch + b]`: how often resample b drew respondent i, N_b = Σᵢ counts (≥ 2): n for
   * a bootstrap resample, a group's size when the counts are 0/1 group memberships (MICOM's
   * permutations). Writes resample b's matrix into `out[b]`.
   */
  covariances(counts: Int32Array, batch: number, out: readonly Float64Array[]): void;
  /**
   * For 0/1 counts (groups of respondents): `covariances` into `out`, and into `complements[b]`
   * those of the respondents resample b left out — from the sums of everyone minus the group's,
   * which only exact integer sums allow (the exact kernel; the same bits as summing the
   * complement itself). Absent from kernels that cannot.
   */
  complementCovariances?(
    counts: Int32Array,
    batch: number,
    out: readonly Float64Array[],
    complements: readonly Float64Array[],
  ): void;
}

/**
 * The item covariance matrices of bootstrap resamples, computed from the respondents' compact rows
 * without any per-respondent product table (memory O(n · p) bytes for the data plus O(batch · p²)).
 *
 * Integer ratings whose sums stay below 2⁵³ (Likert data without fractional mean-replaced values:
 * the common case) take the exact kernel, `createExactResampleMoments`: exact integer sums (with
 * WebAssembly's 16-bit integer vectors where the runtime has them, else several resamples packed
 * into one double), the covariance rounded once. Other data take the centred
 * floating-point kernel below, `createCentredResampleMoments`.
 */
export function createResampleMoments(rows: CompactRows): ResampleMoments {
  const packing = exactPacking(rows);
  return packing === null
    ? createCentredResampleMoments(rows)
    : createExactResampleMoments(rows, packing);
}

/**
 * Resample covariances in floating point, for data the exact kernel cannot take.
 *
 * With the data centred on the full-sample means x̄ (dᵢ = xᵢ − x̄) and cᵢ the times resample b drew
 * respondent i (Σcᵢ = N, n for a bootstrap resample):
 *   mean_j = Σᵢ cᵢ dᵢⱼ / N,   cov_jk = (Σᵢ cᵢ dᵢⱼ dᵢₖ − N · mean_j · mean_k) / (N − 1)
 * (the usual unbiased covariance of the resample, Efron & Tibshirani 1993 §6; centring first keeps
 * the sums small). One pass over the respondents serves up to `RESAMPLE_BATCH` resamples: each
 * drawn row's centred values are formed once, the products dᵢⱼ dᵢₖ (upper triangle) once per group
 * of four, and added with each resample's count. Rows no resample of the batch drew are skipped.
 *
 * Every resample's sums run over the respondents in row order and each term is cᵢ · (dᵢⱼ · dᵢₖ), so
 * the result has the same bits as summing a precomputed table of products one resample at a time
 * (servqual ≤ 0.1) — whatever the batch size and the byte or double layout of the rows.
 */
export function createCentredResampleMoments(rows: CompactRows): ResampleMoments {
  const { n, p, codes, decode, values } = rows;
  const t = (p * (p + 1)) / 2;
  const centre = new Float64Array(p);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) {
      const x =
        codes !== null && decode !== null
          ? (decode[j * 256 + (codes[i * p + j] as number)] as number)
          : ((values as Float64Array)[i * p + j] as number);
      centre[j] = (centre[j] as number) + x / n;
    }
  // Byte layout: the centred value of each code of each item, looked up (the same double as x −
  // x̄).
  const centred =
    codes !== null && decode !== null
      ? Float64Array.from({ length: p * 256 }, (_, k) => {
          const j = (k / 256) | 0;
          return (decode[k] as number) - (centre[j] as number);
        })
      : null;
  let cross = new Float64Array(RESAMPLE_BATCH * t);
  let mean = new Float64Array(RESAMPLE_BATCH * p);
  const d = new Float64Array(p);
  // Each resample's size N_b = Σᵢcᵢ (integers: exact).
  const size = new Float64Array(64);
  const active = new Int32Array(64);
  const weight = new Float64Array(64);

  /** cross[o0 …] += c0 · dⱼdₖ … for `k` (1–4) resamples at offsets o and counts c. */
  const addProducts = (
    k: number,
    o0: number,
    c0: number,
    o1: number,
    c1: number,
    o2: number,
    c2: number,
    o3: number,
    c3: number,
  ): void => {
    const y = cross;
    let at = 0;
    if (k === 1) {
      for (let j = 0; j < p; j++) {
        const dj = d[j] as number;
        for (let l = j; l < p; l++, at++)
          y[o0 + at] = (y[o0 + at] as number) + c0 * (dj * (d[l] as number));
      }
    } else if (k === 2) {
      for (let j = 0; j < p; j++) {
        const dj = d[j] as number;
        for (let l = j; l < p; l++, at++) {
          const q = dj * (d[l] as number);
          y[o0 + at] = (y[o0 + at] as number) + c0 * q;
          y[o1 + at] = (y[o1 + at] as number) + c1 * q;
        }
      }
    } else if (k === 3) {
      for (let j = 0; j < p; j++) {
        const dj = d[j] as number;
        for (let l = j; l < p; l++, at++) {
          const q = dj * (d[l] as number);
          y[o0 + at] = (y[o0 + at] as number) + c0 * q;
          y[o1 + at] = (y[o1 + at] as number) + c1 * q;
          y[o2 + at] = (y[o2 + at] as number) + c2 * q;
        }
      }
    } else {
      for (let j = 0; j < p; j++) {
        const dj = d[j] as number;
        for (let l = j; l < p; l++, at++) {
          const q = dj * (d[l] as number);
          y[o0 + at] = (y[o0 + at] as number) + c0 * q;
          y[o1 + at] = (y[o1 + at] as number) + c1 * q;
          y[o2 + at] = (y[o2 + at] as number) + c2 * q;
          y[o3 + at] = (y[o3 + at] as number) + c3 * q;
        }
      }
    }
  };

  return {
    covariances(counts, batch, out) {
      if (batch * t > cross.length) {
        cross = new Float64Array(batch * t);
        mean = new Float64Array(batch * p);
      }
      cross.fill(0, 0, batch * t);
      mean.fill(0, 0, batch * p);
      size.fill(0);
      for (let i = 0; i < n; i++) {
        let k = 0;
        const base = i * batch;
        for (let b = 0; b < batch; b++) {
          const c = counts[base + b] as number;
          if (c !== 0) {
            active[k] = b;
            weight[k] = c;
            k++;
          }
        }
        if (k === 0) continue;
        const row = i * p;
        if (centred !== null) {
          const cs = codes as Uint8Array;
          for (let j = 0; j < p; j++) d[j] = centred[j * 256 + (cs[row + j] as number)] as number;
        } else {
          const v = values as Float64Array;
          for (let j = 0; j < p; j++) d[j] = (v[row + j] as number) - (centre[j] as number);
        }
        for (let a = 0; a < k; a++) {
          const c = weight[a] as number;
          size[active[a] as number] = (size[active[a] as number] as number) + c;
          const o = (active[a] as number) * p;
          for (let j = 0; j < p; j++) mean[o + j] = (mean[o + j] as number) + c * (d[j] as number);
        }
        for (let a = 0; a < k; a += 4) {
          const g = Math.min(4, k - a);
          addProducts(
            g,
            (active[a] as number) * t,
            weight[a] as number,
            g > 1 ? (active[a + 1] as number) * t : 0,
            g > 1 ? (weight[a + 1] as number) : 0,
            g > 2 ? (active[a + 2] as number) * t : 0,
            g > 2 ? (weight[a + 2] as number) : 0,
            g > 3 ? (active[a + 3] as number) * t : 0,
            g > 3 ? (weight[a + 3] as number) : 0,
          );
        }
      }
      for (let b = 0; b < batch; b++) {
        const cov = out[b] as Float64Array;
        const o = b * p;
        const nb = size[b] as number;
        for (let j = 0; j < p; j++) mean[o + j] = (mean[o + j] as number) / nb;
        let at = b * t;
        for (let j = 0; j < p; j++) {
          const mj = mean[o + j] as number;
          for (let l = j; l < p; l++) {
            const v = ((cross[at++] as number) - nb * mj * (mean[o + l] as number)) / (nb - 1);
            cov[j * p + l] = v;
            cov[l * p + j] = v;
          }
        }
      }
    },
  };
}
