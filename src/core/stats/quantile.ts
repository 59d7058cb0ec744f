/**
 * Sample quantile of sorted data by linear interpolation between order statistics — R's default
 * `quantile(x, q, type = 7)` (Hyndman & Fan 1996, definition 7): h = (n − 1)·q,
 * Q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), 0-based.
 *
 * @example quantile([1, 2, 3, 4], 0.25) // 1.75 (R: quantile(1:4, 0.25))
 */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}
