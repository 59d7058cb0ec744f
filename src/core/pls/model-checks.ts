import type { CompactRows } from './compact-rows.js';
import type { PlsOptions } from './estimate.js';
import type { PlsFit } from './fit.js';
import type { PlsModel } from './model.js';
import { type PlsPredict, plsPredict } from './predict.js';
import { createResampleMoments } from './resample-moments.js';
import { modelFit, srmrBootstrapQuantile } from './srmr.js';
import { measurementStage } from './statistics.js';
import { createRandom } from '../random/random-source.js';

/** What `modelChecks` adds to the report's path model. */
export interface ModelChecks {
  /** The Bollen–Stine bootstrap 95 % quantile of SRMR and its resamples (null: not estimable). */
  readonly srmr: { readonly quantile95: number | null; readonly resamples: number } | null;
  /** PLSpredict; null for models with higher-order constructs. */
  readonly predict: PlsPredict | null;
}

/**
 * The checks of the main run's model that resample the respondents but not the path bootstrap:
 *
 * - the Bollen–Stine bootstrap 95 % quantile of SRMR on the measurement stage
 *   (`srmrBootstrapQuantile`; Bollen & Stine 1992, as seminr and SmartPLS report it):
 *   min(`resamples`, 1 000) resamples drawn from stream −1 of `seed` (the path bootstrap uses
 *   streams 0 … B − 1);
 * - PLSpredict (`plsPredict`: 10 folds × 10 repetitions; Shmueli et al. 2019)
 *   from stream −2 of `seed`. Models with higher-order constructs have no published PLSpredict
 *   procedure (seminr refuses them too): `predict` is null there.
 *
 * Each depends only on the data, the full-sample fit and its own stream, so it gives the same
 * numbers whether it runs before, after or beside the path bootstrap, on any thread.
 */
export function modelChecks(
  sample: CompactRows,
  model: PlsModel,
  fit: PlsFit,
  options: {
    readonly resamples: number;
    readonly seed: number;
    readonly pls: PlsOptions;
  },
): ModelChecks {
  const { resamples, seed, pls } = options;
  // One resample kernel of the rows serves both (built once: for ratings, their 16-bit columns).
  const kernel = createResampleMoments(sample);
  let srmr: ModelChecks['srmr'] = null;
  // No resamples: no quantile (the report says 0 resamples), as without a bootstrap.
  if (resamples > 0) {
    const stage = measurementStage(fit);
    const { sigma } = modelFit(stage.r, stage.structure, stage.estimate, pls.consistent === true);
    const b = Math.min(resamples, 1000);
    const q = srmrBootstrapQuantile(sample, stage.r, stage.structure, stage.estimate, sigma, {
      resamples: b,
      random: createRandom(seed, -1),
      pls,
      kernel,
    });
    srmr = { quantile95: q?.quantile ?? null, resamples: b };
  }
  if (!plsPredictApplies(model, fit)) return { srmr, predict: null };
  const predict = plsPredict(sample, fit.final.structure, {
    random: createRandom(seed, -2),
    pls,
    kernel,
  });
  return { srmr, predict };
}

/**
 * Whether `modelChecks` runs PLSpredict on a model: not with higher-order constructs (no published
 * procedure; seminr refuses them too).
 */
export function plsPredictApplies(model: PlsModel, fit: PlsFit): boolean {
  return model.higherOrder.length === 0 && fit.stage1 === null;
}
