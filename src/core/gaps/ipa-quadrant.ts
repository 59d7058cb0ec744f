import type { Quadrant } from '../report/types.js';

/**
 * Importance-performance analysis (Martilla & James 1977, Journal of Marketing 41(1), 77–79):
 * with the crosshair at (importance c_I, performance c_P),
 *
 * | importance ≥ c_I | performance < c_P → `concentrate` (important, performing below: fix first)
 * | importance ≥ c_I | performance ≥ c_P → `keep-up` (keep up the good work)
 * | importance < c_I | performance < c_P → `low-priority`
 * | importance < c_I | performance ≥ c_P → `overkill` (possible overkill)
 *
 * A point on a crosshair line counts as high.
 */
export function ipaQuadrant(
  point: { readonly importance: number; readonly performance: number },
  crosshair: { readonly importance: number; readonly performance: number },
): Quadrant {
  const important = point.importance >= crosshair.importance;
  const performing = point.performance >= crosshair.performance;
  if (important) return performing ? 'keep-up' : 'concentrate';
  return performing ? 'overkill' : 'low-priority';
}
