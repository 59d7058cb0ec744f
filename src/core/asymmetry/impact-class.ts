import type { OlsCoefficient } from '../stats/ols.js';
import type { ImpactClass } from '../loyalty/types.js';

/**
 * The class of an attribute from its penalty and reward indices (Mikulić & Prebežac 2008,
 * Managing Service Quality 18(6), 559–576; after Brandt 1987), decided in this order:
 *
 * 1. **no-clear-effect** — neither RI nor PI is significant (two-sided p < `alpha`, default 0.05),
 *    or either could not be estimated;
 * 2. **irregular** — RI < 0 or PI < 0 (a high rating lowers satisfaction, or a low one raises it);
 * 3. from the impact asymmetry IA = SGP − DGP = (RI − PI)/(RI + PI): **basic** when IA < −0.2
 *    (penalty dominates: hurts when missing), **excitement** when IA > 0.2 (reward dominates),
 *    **performance** otherwise (both matter alike).
 */
export function classifyImpact(
  reward: OlsCoefficient | null,
  penalty: OlsCoefficient | null,
  alpha = 0.05,
): ImpactClass {
  if (reward === null || penalty === null) return 'no-clear-effect';
  if (!(reward.p < alpha) && !(penalty.p < alpha)) return 'no-clear-effect';
  if (reward.estimate < 0 || penalty.estimate < 0) return 'irregular';
  const ia = (reward.estimate - penalty.estimate) / (reward.estimate + penalty.estimate);
  if (ia < -0.2) return 'basic';
  if (ia > 0.2) return 'excitement';
  return 'performance';
}
