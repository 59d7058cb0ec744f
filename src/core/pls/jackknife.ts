import { createFitBuffers, fitPls, type PlsFit } from './fit.js';
import type { PlsModel } from './model.js';
import { readRow } from './compact-rows.js';
import { correlation } from './moments.js';
import { plsStatistics, statisticsLayout } from './statistics.js';
import { scatterRow, warmStart, type BootstrapData } from './bootstrap.js';
import type { PlsOptions } from './estimate.js';

/** Largest number of jackknife groups: above it, respondents are deleted in consecutive groups. */
export const MAX_JACKKNIFE_GROUPS = 2000;

/**
 * Jackknife estimates of every resampled statistic, for the BCa acceleration: statistic θ₍ᵢ₎ with
 * respondent i left out (Efron 1987; Efron & Tibshirani 1993, §14.3). With more than 2 000
 * respondents, consecutive groups of respondents are left out instead (the grouped jackknife),
 * which keeps the cost bounded. Returns width × G values, statistic-major as the bootstrap's
 * (statistic k of group g at k·G + g; NaN for every statistic of a fit that fails).
 */
export function jackknifePls(
  data: BootstrapData,
  model: PlsModel,
  full: PlsFit,
  options: PlsOptions = {},
): { values: Float64Array; groups: number; width: number } {
  const { n, p } = data;
  const x = new Float64Array(p);
  const layout = statisticsLayout(full);
  const groups = Math.min(n, MAX_JACKKNIFE_GROUPS);
  const sum = new Float64Array(p);
  const cross = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    readRow(data, i, x);
    for (let j = 0; j < p; j++) {
      const xj = x[j] as number;
      sum[j] = (sum[j] as number) + xj;
      for (let k = j; k < p; k++)
        cross[j * p + k] = (cross[j * p + k] as number) + xj * (x[k] as number);
    }
  }
  const values = new Float64Array(groups * layout.length);
  const row = new Float64Array(layout.length);
  const gSum = new Float64Array(p);
  const gCross = new Float64Array(p * p);
  const cov = new Float64Array(p * p);
  const rg = new Float64Array(p * p);
  const warm = warmStart(full, options);
  const buffers = createFitBuffers(model);
  for (let g = 0; g < groups; g++) {
    const from = Math.floor((g * n) / groups);
    const to = Math.floor(((g + 1) * n) / groups);
    gSum.fill(0);
    gCross.fill(0);
    for (let i = from; i < to; i++) {
      readRow(data, i, x);
      for (let j = 0; j < p; j++) {
        const xj = x[j] as number;
        gSum[j] = (gSum[j] as number) + xj;
        for (let k = j; k < p; k++)
          gCross[j * p + k] = (gCross[j * p + k] as number) + xj * (x[k] as number);
      }
    }
    const m = n - (to - from);
    for (let j = 0; j < p; j++) {
      for (let k = j; k < p; k++) {
        const sj = (sum[j] as number) - (gSum[j] as number);
        const sk = (sum[k] as number) - (gSum[k] as number);
        const v =
          ((cross[j * p + k] as number) - (gCross[j * p + k] as number) - (sj * sk) / m) / (m - 1);
        cov[j * p + k] = v;
        cov[k * p + j] = v;
      }
    }
    const r = correlation(cov, p, rg);
    const fit = r === null ? null : fitPls(r, model, warm, buffers);
    const ok = fit !== null && plsStatistics(fit, layout, row.fill(0)) !== null;
    scatterRow(values, groups, g, ok ? row : null, layout.length);
  }
  return { values, groups, width: layout.length };
}
