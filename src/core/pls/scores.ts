import type { PlsFit } from './fit.js';
import type { Moments } from './moments.js';

/**
 * Construct scores of respondents (first-order constructs of the measurement stage): each
 * indicator z-scored with the sample mean and SD (divisor n − 1), then Y = Z·W. Scores have mean 0
 * and sample variance 1 over the estimation sample (seminr's scaling; multiply by √(n/(n − 1)) for
 * population variance 1).
 */
export function constructScores(
  fit: PlsFit,
  moments: Moments,
  rows: ArrayLike<number>,
  count: number,
): Float64Array[] {
  const stage = fit.stage1 ?? fit.final;
  const p = stage.structure.items.length;
  const sd = Float64Array.from({ length: p }, (_, k) =>
    Math.sqrt(moments.cov[k * p + k] as number),
  );
  return Array.from({ length: count }, (_, i) =>
    Float64Array.from(stage.structure.blocks, (block) => {
      let s = 0;
      for (const k of block)
        s +=
          (stage.estimate.weights[k] as number) *
          (((rows[i * p + k] as number) - (moments.means[k] as number)) / (sd[k] as number));
      return s;
    }),
  );
}
