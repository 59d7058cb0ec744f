/**
 * R's type-7 quantile (see `quantile`) of unsorted data, found by selection instead of a full sort:
 * the two order statistics x₍⌊h⌋₎ and x₍⌊h⌋+1₎ (h = (n − 1)·q, 0-based) by Floyd & Rivest's
 * selection (1975, "Algorithm 489: SELECT", Communications of the ACM 18(3)), O(n) on average
 * with about n + min(k, n − k) comparisons, then the same interpolation
 * Q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). The order statistics are the values a sort would put
 * at those places, zeros' signs included (−0 sorts before +0, as `Float64Array.prototype.sort`), so
 * the result has the same bits as `quantile(Float64Array.from(x).sort(), q)`.
 *
 * `values` (no NaN) is reordered in place; it may be passed again for another level.
 *
 * @example selectQuantile(Float64Array.of(4, 1, 3, 2), 0.25) // 1.75 (R: quantile(1:4, 0.25))
 */
export function selectQuantile(values: Float64Array, q: number): number {
  return typeSeven(values, q, 0).value;
}

/**
 * Another implementation of the two steps `selectQuantiles` takes over `values` (e.g. WebAssembly
 * working on the same memory, `createDrawKernel`): a selection of rank k among values[left …
 * right] (false: it stopped early, and this module's selection finishes), and the minimum of
 * values[from … n − 1], the first of equal ones.
 */
export interface Selection {
  select(left: number, right: number, k: number): boolean;
  minFrom(from: number, n: number): number;
}

/**
 * `selectQuantile` at several levels of the same data (e.g. both ends of a percentile interval),
 * in the order given: the levels are taken in ascending order, each selection searching only
 * beyond the previous one's rank (a selection of rank k leaves every value before index k no
 * larger than every value after it), so the second end costs a fraction of the first.
 *
 * @example selectQuantiles(Float64Array.of(4, 1, 3, 2), [0.75, 0.25]) // [3.25, 1.75]
 */
export function selectQuantiles(
  values: Float64Array,
  levels: readonly number[],
  selection?: Selection,
): number[] {
  const out = levels.map(() => Number.NaN);
  const ascending = levels
    .map((_, i) => i)
    .sort((a, b) => (levels[a] as number) - (levels[b] as number));
  let from = 0;
  for (const i of ascending) {
    const { value, rank } = typeSeven(values, levels[i] as number, from, selection);
    out[i] = value;
    from = Math.max(from, rank);
  }
  return out;
}

/**
 * The type-7 quantile at level q, its lower order statistic selected among the indices `from` …
 * n − 1 (every value before `from` is no larger than every value from it on); `rank` = ⌊h⌋.
 */
function typeSeven(
  values: Float64Array,
  q: number,
  from: number,
  selection?: Selection,
): { value: number; rank: number } {
  const n = values.length;
  const h = (n - 1) * q;
  // No data, or no level (NaN): NaN, and the next level searches from where this one started.
  if (n === 0 || Number.isNaN(h)) return { value: Number.NaN, rank: from };
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  if (selection?.select(Math.min(from, lo), n - 1, lo) !== true)
    select(values, Math.min(from, lo), n - 1, lo);
  const a = signedZero(values, lo, values[lo] as number);
  let b = a;
  if (hi !== lo) {
    // After selecting rank lo, everything beyond it is ≥ it: rank lo + 1 is their minimum.
    if (selection === undefined) {
      b = values[hi] as number;
      for (let i = hi + 1; i < n; i++) if ((values[i] as number) < b) b = values[i] as number;
    } else b = selection.minFrom(hi, n);
    b = signedZero(values, hi, b);
  }
  return { value: a + (h - lo) * (b - a), rank: lo };
}

/**
 * Reorders values[left … right] so that index k holds the value of rank k among them, those
 * before it no larger and those after it no smaller (Floyd & Rivest 1975): on a range of more than
 * 600 values, first the same selection on a sample-sized subrange around k, whose k-th value is
 * then (with high probability) a pivot close to rank k; then one partition around values[k], and
 * the side holding k is searched again.
 */
function select(values: Float64Array, left: number, right: number, k: number): void {
  let l = left;
  let r = right;
  while (r > l) {
    if (r - l > 600) {
      const size = r - l + 1;
      const i = k - l + 1;
      const z = Math.log(size);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (size - s)) / size) * (i < size / 2 ? -1 : 1);
      const from = Math.max(l, Math.floor(k - (i * s) / size + sd));
      const to = Math.min(r, Math.floor(k + ((size - i) * s) / size + sd));
      select(values, from, to, k);
    }
    const t = values[k] as number;
    let i = l;
    let j = r;
    swap(values, l, k);
    if ((values[r] as number) > t) swap(values, r, l);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while ((values[i] as number) < t) i++;
      while ((values[j] as number) > t) j--;
    }
    if ((values[l] as number) === t) swap(values, l, j);
    else {
      j++;
      swap(values, j, r);
    }
    if (j <= k) l = j + 1;
    if (k <= j) r = j - 1;
  }
}

function swap(values: Float64Array, i: number, j: number): void {
  const v = values[i] as number;
  values[i] = values[j] as number;
  values[j] = v;
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
