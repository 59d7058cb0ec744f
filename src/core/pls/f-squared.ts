import { consistentEstimate } from './consistent.js';
import { estimatePls, type PlsOptions } from './estimate.js';
import type { PlsFit } from './fit.js';
import { predecessors } from './structure.js';

/**
 * Cohen's f² effect size of every structural path, as SmartPLS and seminr (`fSquared`) compute it
 * (Hair, Hult, Ringle & Sarstedt 2017, *A Primer on PLS-SEM*, 2nd ed., §6.6; Cohen 1988):
 *
 *   f² = (R²_included − R²_excluded) / (1 − R²_included)
 *
 * where R²_included is the target's R² in the estimated model and R²_excluded its R² when the whole
 * model is re-estimated without that one path (outer weights re-converge, so the target's scores
 * change too — not merely a regression on the full model's scores). When the path was the target's
 * only predecessor, R²_excluded = 0. With higher-order constructs the final (stage-2) model is
 * re-estimated on its stage-2 indicators; the stage-1 scores are kept. With `consistent` (PLSc)
 * both
 * R² are the consistent ones.
 *
 * Returns one value per path in `fit.final.structure.paths` order; NaN when the reduced model
 * cannot
 * be estimated (e.g. removing the path leaves a construct without neighbours).
 */
export function fSquared(fit: PlsFit, options: PlsOptions = {}): Float64Array {
  const { structure, r, estimate } = fit.final;
  const pred = predecessors(structure);
  const out = new Float64Array(structure.paths.length);
  structure.paths.forEach(([from, to], index) => {
    const included = estimate.rSquared[to] as number;
    let excluded = 0;
    if ((pred[to] as number[]).some((i) => i !== from)) {
      const reduced = { ...structure, paths: structure.paths.filter((_, k) => k !== index) };
      const { initialWeights: _start, ...rest } = options;
      const pls = estimatePls(r, reduced, rest);
      const without =
        pls === null || options.consistent !== true ? pls : consistentEstimate(r, reduced, pls);
      excluded = without === null ? Number.NaN : (without.rSquared[to] as number);
    }
    out[index] = (included - excluded) / (1 - included);
  });
  return out;
}
