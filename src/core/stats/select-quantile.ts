/**
 * R's type-7 quantile (see `quantile`) of unsorted data, found by selection instead of a full sort:
 * the two order statistics x₍⌊h⌋₎ and x₍⌊h⌋+1₎ (h = (n − 1)·q, 0-based) by quickselect (Hoare 1961,
 * "Algorithm 65: FIND"), O(n) on average, then the same interpolation
 * Q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). The order statistics are the values a sort would put
 * at those places, zeros' signs included (−0 sorts before +0, as `Float64Array.prototype.sort`), so
 * the result has the same bits as `quantile(Float64Array.from(x).sort(), q)`.
 *
 * `values` (no NaN) is reordered in place; it may be passed again for another level.
 *
 * @example selectQuantile(Float64Array.of(4, 1, 3, 2), 0.25) // 1.75 (R: quantile(1:4, 0.25))
 */
export function selectQuantile(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = orderStatistic(values, lo);
  let b = a;
  if (hi !== lo) {
    // After selecting rank lo, everything beyond it is ≥ it: rank lo + 1 is their minimum.
    b = values[hi] as number;
    for (let i = hi + 1; i < n; i++) if ((values[i] as number) < b) b = values[i] as number;
    b = signedZero(values, hi, b);
  }
  return a + (h - lo) * (b - a);
}

/** The value of rank k (0-based) of `values`, which is partially reordered around it. */
function orderStatistic(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    // Median of three as the pivot, then Hoare partitioning.
    const mid = left + ((right - left) >> 1);
    const x = values[left] as number;
    const y = values[mid] as number;
    const z = values[right] as number;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return signedZero(values, k, values[k] as number);
}

/**
 * A zero of rank k gets the sign a sort gives it: −0 while k is below the count of negatives and
 * −0s.
 */
function signedZero(values: Float64Array, k: number, v: number): number {
  if (v !== 0) return v;
  let below = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (x < 0 || Object.is(x, -0)) below++;
  }
  return k < below ? -0 : 0;
}
