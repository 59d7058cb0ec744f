/**
 * Holm's step-down adjustment of p-values for multiple comparisons (family-wise error rate).
 *
 * Sort the m defined p-values ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎; adjusted
 * p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎). Undefined entries (NaN) stay NaN and do not count
 * towards m — as R's `p.adjust(p, "holm")`, which drops NAs before taking n.
 *
 * Reference: Holm (1979), Scandinavian Journal of Statistics 6(2), 65–70.
 *
 * @example holm([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06] (R: p.adjust(c(.01,.04,.03), "holm"))
 */
export function holm(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter((e) => !Number.isNaN(e.p))
    .sort((a, b) => a.p - b.p || a.i - b.i);
  const m = order.length;
  const out = pValues.map(() => Number.NaN);
  let running = 0;
  order.forEach((e, j) => {
    running = Math.max(running, Math.min(1, (m - j) * e.p));
    out[e.i] = running;
  });
  return out;
}
