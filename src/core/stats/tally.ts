/**
 * A frequency table of observed values: the sufficient statistic behind every mean, SD, share and
 * rank-based test that servqual reports for rating data.
 *
 * Why a tally and not a running sum: ratings take few distinct values, so the table stays small
 * however many respondents stream past (memory does not grow with rows), and every statistic is
 * computed from the values in sorted order — the result does not depend on the order in which
 * respondents arrive (shuffling a file changes nothing, to the last bit), and the variance is the
 * numerically stable two-pass formula (Chan, Golub & LeVeque 1983).
 *
 * Weights (`--weight-by`, e.g. customer value): each value holds the sum of its observations'
 * weights; the tally also keeps the number of observations n and Σw². Unweighted, every weight is
 * 1, so Σw = Σw² = n and every weighted formula below reduces exactly (to the last bit) to the
 * usual one.
 *
 * Integers in [−1024, 1024] are counted in a typed array; other values (halves, decimals) in a Map.
 * The array covers only the values seen so far (plus a margin) and grows when a value outside it
 * arrives: a report holds thousands of tallies, most of a 5- or 7-point scale, and a full
 * 2 049-slot array for each cost more time to allocate and zero than the counting itself.
 */
const RANGE = 1024;
/** Slots added beyond the values seen when the array grows. */
const MARGIN = 8;
const NO_BINS = new Float64Array(0);

export class Tally {
  /** Counts of the integers with index (value + RANGE) #start … #start + #small.length − 1. */
  #small = NO_BINS;
  #start = 0;
  /** The lowest and highest index (value + RANGE) ever added to (empty: lo > hi). */
  #lo = 2 * RANGE + 1;
  #hi = -1;
  #other = new Map<number, number>();
  #weight = 0;
  #n = 0;
  #squares = 0;

  /**
   * Adds `value` with weight `weight` standing for `observations` observations whose squared
   * weights sum to `squares`: one respondent by default; `add(v, c, c, c)` adds c unweighted ones.
   */
  add(value: number, weight = 1, observations = 1, squares = weight * weight): void {
    const index = value + RANGE;
    if (Number.isInteger(value) && index >= 0 && index <= 2 * RANGE) {
      let at = index - this.#start;
      if (at < 0 || at >= this.#small.length) at = this.#cover(index);
      this.#small[at] = (this.#small[at] as number) + weight;
      if (index < this.#lo) this.#lo = index;
      if (index > this.#hi) this.#hi = index;
    } else {
      // +0 and −0 share one key (Map uses SameValueZero).
      this.#other.set(value, (this.#other.get(value) ?? 0) + weight);
    }
    this.#weight += weight;
    this.#n += observations;
    this.#squares += squares;
  }

  /**
   * Grows the counts to cover index `index` as well as every index seen (with `MARGIN` spare slots
   * on either side, within 0 … 2·RANGE); returns the slot of `index`.
   */
  #cover(index: number): number {
    const empty = this.#hi < this.#lo;
    const from = Math.max(0, Math.min(index, empty ? index : this.#lo) - MARGIN);
    const to = Math.min(2 * RANGE, Math.max(index, empty ? index : this.#hi) + MARGIN);
    const bins = new Float64Array(to - from + 1);
    if (!empty)
      bins.set(
        this.#small.subarray(this.#lo - this.#start, this.#hi - this.#start + 1),
        this.#lo - from,
      );
    this.#small = bins;
    this.#start = from;
    return index - from;
  }

  /** Number of observations (respondents). */
  get n(): number {
    return this.#n;
  }

  /** Σw, the total weight (n when unweighted). */
  get weight(): number {
    return this.#weight;
  }

  /** Σw² (n when unweighted). */
  get squares(): number {
    return this.#squares;
  }

  /** Kish's effective sample size of the observations (`kishEffectiveN`); n when unweighted. */
  get effectiveN(): number {
    return kishEffectiveN(this.#weight, this.#squares);
  }

  /** Every weight is 1 (Σw = Σw² = n holds only then, for positive weights, by Cauchy–Schwarz). */
  get unitWeights(): boolean {
    return this.#weight === this.#n && this.#squares === this.#n;
  }

  /** Distinct values with their weights (counts when unweighted), in ascending order of value. */
  entries(): Array<readonly [value: number, weight: number]> {
    const out: Array<readonly [number, number]> = [];
    for (const [v, c] of this.#other) out.push([v, c]);
    for (let i = this.#lo; i <= this.#hi; i++) {
      const c = this.#small[i - this.#start] as number;
      if (c > 0) out.push([i - RANGE, c]);
    }
    out.sort((a, b) => a[0] - b[0]);
    return out;
  }

  /** Weight (count when unweighted) of the observations strictly greater than `threshold`. */
  countAbove(threshold: number): number {
    let k = 0;
    for (const [v, c] of this.entries()) if (v > threshold) k += c;
    return k;
  }

  /** The tally as plain data (to cross a thread boundary). */
  toPlain(): PlainTally {
    return { entries: this.entries(), n: this.#n, squares: this.#squares };
  }

  /** A tally from `toPlain()` output. */
  static fromPlain(plain: PlainTally): Tally {
    const tally = new Tally();
    for (const [v, w] of plain.entries) tally.add(v, w, 0, 0);
    tally.#n = plain.n;
    tally.#squares = plain.squares;
    return tally;
  }

  /** Adds every observation of `other` to this tally. */
  merge(other: Tally): void {
    for (const [v, w] of other.entries()) this.add(v, w, 0, 0);
    this.#n += other.#n;
    this.#squares += other.#squares;
  }
}

/**
 * Kish's effective sample size n_eff = (Σw)² / Σw² (Kish 1965, *Survey Sampling*, §11.7): the
 * number of unweighted observations that would give a mean the same variance; 0 without weight.
 */
export function kishEffectiveN(sum: number, squares: number): number {
  return squares === 0 ? 0 : (sum * sum) / squares;
}

export interface PlainTally {
  readonly entries: ReadonlyArray<readonly [value: number, weight: number]>;
  readonly n: number;
  readonly squares: number;
}

/** Mean x̄ = Σ wᵥ·v / Σw of a tally (wᵥ: the weight, or count, of value v); NaN when empty. */
export function tallyMean(tally: Tally): number {
  const total = tally.weight;
  if (total === 0) return Number.NaN;
  let sum = 0;
  for (const [v, w] of tally.entries()) sum += v * w;
  return sum / total;
}

/**
 * Sample standard deviation s = √(Σ wᵥ·(v − x̄)² / (Σw − Σw²/Σw)); unweighted (Σw = Σw² = n) this
 * is √(Σ cᵥ·(v − x̄)² / (n − 1)), R's `sd`. Weighted, it is the unbiased estimator for reliability
 * weights, R's `cov.wt(x, wt, method = "unbiased")` (the weights normalised to sum 1 there). NaN
 * when n < 2.
 */
export function tallySd(tally: Tally): number {
  if (tally.n < 2) return Number.NaN;
  const total = tally.weight;
  const mean = tallyMean(tally);
  let ss = 0;
  for (const [v, w] of tally.entries()) ss += w * (v - mean) * (v - mean);
  return Math.sqrt(ss / (total - tally.squares / total));
}
