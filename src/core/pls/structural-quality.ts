import { regress } from './estimate.js';
import { predecessors, type PlsStructure } from './structure.js';

export interface PathQuality {
  /** Cohen's f² = (R²_incl − R²_excl) / (1 − R²_incl) for the path's predictor (Cohen 1988). */
  readonly f2: number;
  /**
   * Inner VIF of the predictor among the target's predictors: 1 / (1 − R²) of the predictor on the
   * others.
   */
  readonly vif: number;
}

/** f² and inner VIF for every path, from the construct correlation matrix C. */
export function pathQuality(
  c: ArrayLike<number>,
  structure: PlsStructure,
  rSquared: ArrayLike<number>,
): PathQuality[] {
  const m = structure.constructs.length;
  const pred = predecessors(structure);
  return structure.paths.map(([from, to]) => {
    const others = (pred[to] as number[]).filter((i) => i !== from);
    const included = rSquared[to] as number;
    const excluded = others.length === 0 ? 0 : (regress(c, m, others, to)?.rSquared ?? Number.NaN);
    const collinear =
      others.length === 0 ? 0 : (regress(c, m, others, from)?.rSquared ?? Number.NaN);
    return { f2: (included - excluded) / (1 - included), vif: 1 / (1 - collinear) };
  });
}

/** Adjusted R² = 1 − (1 − R²)(n − 1)/(n − k − 1), k the number of predictors (Wherry 1931). */
export function adjustedRSquared(rSquared: number, n: number, k: number): number {
  return 1 - ((1 - rSquared) * (n - 1)) / (n - k - 1);
}
