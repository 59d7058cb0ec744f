import { normalQuantile } from './normal-distribution.js';

export interface Proportion {
  /** Successes x. */
  readonly count: number;
  /** Trials n. */
  readonly n: number;
  /** x / n (NaN when n = 0). */
  readonly share: number;
  /** Wilson score interval; [NaN, NaN] when n = 0. */
  readonly ci: readonly [number, number];
}

/**
 * A proportion with its Wilson score interval (Wilson 1927, JASA 22, 209–212; recommended by
 * Brown, Cai & DasGupta 2001, Statistical Science 16, 101–133):
 *
 *   p̂ = x/n, z = Φ⁻¹(1 − α/2),
 *   centre = (p̂ + z²/(2n)) / (1 + z²/n),
 *   half   = z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/(4n²)),
 *   CI = [centre − half, centre + half]   (no continuity correction).
 *
 * The same as R's `prop.test(x, n, correct = FALSE)$conf.int` and `binom::binom.wilson`.
 *
 * @example wilsonInterval(3, 10) // share 0.3, ci ≈ [0.1078, 0.6032]
 */
export function wilsonInterval(count: number, n: number, confidence = 0.95): Proportion {
  if (!(n > 0)) return { count, n, share: Number.NaN, ci: [Number.NaN, Number.NaN] };
  const p = count / n;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    count,
    n,
    share: p,
    ci: [Math.max(0, centre - half), Math.min(1, centre + half)],
  };
}
