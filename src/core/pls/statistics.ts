import type { PlsFit, PlsStage } from './fit.js';
import { htmt } from './htmt.js';
import { totalEffects } from './effects.js';

/** Where each statistic sits in the vector `plsStatistics` returns. */
export interface StatisticsLayout {
  readonly paths: number;
  readonly loadings: number;
  readonly weights: number;
  readonly total: number;
  readonly htmt: number;
  readonly length: number;
  /** For each reported indicator: its stage (true = stage 1) and index there. */
  readonly indicators: ReadonlyArray<{ readonly stage1: boolean; readonly index: number }>;
}

/**
 * The stage whose first-order constructs measurement quality is judged on (stage 1 when there is
 * one).
 */
export function measurementStage(fit: PlsFit): PlsStage {
  return fit.stage1 ?? fit.final;
}

/**
 * Indicators reported with loadings and weights: stage-1 items, then the final stage's indicators
 * of higher-order constructs.
 */
export function indicatorList(
  fit: PlsFit,
): Array<{ stage: PlsStage; index: number; construct: number }> {
  const out: Array<{ stage: PlsStage; index: number; construct: number }> = [];
  const first = measurementStage(fit);
  first.structure.blocks.forEach((block, j) =>
    block.forEach((k) => out.push({ stage: first, index: k, construct: j })),
  );
  if (fit.stage1 !== null) {
    const stage1Ids = new Set(fit.stage1.structure.constructs);
    fit.final.structure.blocks.forEach((block, j) => {
      if (stage1Ids.has(fit.final.structure.constructs[j] as string)) return;
      block.forEach((k) => out.push({ stage: fit.final, index: k, construct: j }));
    });
  }
  return out;
}

export function statisticsLayout(fit: PlsFit): StatisticsLayout {
  const paths = 0;
  const indicators = indicatorList(fit).length;
  const loadings = paths + fit.final.structure.paths.length;
  const weights = loadings + indicators;
  const total = weights + indicators;
  const m = fit.final.structure.constructs.length;
  const htmtAt = total + m * m;
  const h = measurementStage(fit).structure.constructs.length;
  const list = indicatorList(fit).map(({ stage, index }) => ({
    stage1: stage === fit.stage1,
    index,
  }));
  return {
    paths,
    loadings,
    weights,
    total,
    htmt: htmtAt,
    length: htmtAt + h * h,
    indicators: list,
  };
}

/**
 * Every statistic the bootstrap resamples, in one flat vector: path coefficients, loadings, outer
 * weights, total effects (m×m) and HTMT (first-order constructs, h×h). The layout depends only on
 * the model, so vectors of resamples line up. Into `out` when given (a resample's row of the
 * bootstrap's table).
 */
export function plsStatistics(
  fit: PlsFit,
  layout: StatisticsLayout = statisticsLayout(fit),
  out: Float64Array = new Float64Array(layout.length),
): Float64Array | null {
  out.set(fit.final.estimate.paths, layout.paths);
  const stage1 = fit.stage1?.estimate;
  const final = fit.final.estimate;
  layout.indicators.forEach(({ stage1: first, index }, x) => {
    const estimate = first && stage1 !== undefined ? stage1 : final;
    out[layout.loadings + x] = estimate.loadings[index] as number;
    out[layout.weights + x] = estimate.weights[index] as number;
  });
  const m = fit.final.structure.constructs.length;
  const total = out.subarray(layout.total, layout.total + m * m);
  const effects = totalEffects(fit.final.structure, fit.final.estimate.paths, total);
  if (effects === null) return null;
  const first = measurementStage(fit);
  const h = first.structure.constructs.length;
  htmt(first.r, first.structure, out.subarray(layout.htmt, layout.htmt + h * h));
  return out;
}
