/**
 * A frequency table of observed values: the sufficient statistic behind every mean, SD, share and
 * rank-based test that servqual reports for rating data.
 *
 * Why a tally and not a running sum: ratings take few distinct values, so the table stays small
 * however many respondents stream past (memory does not grow with rows), and every statistic is
 * computed from the values in sorted order — the result does not depend on the order in which
 * respondents arrive (shuffling a file changes nothing, to the last bit), and the variance is the
 * numerically stable two-pass formula s² = Σ cᵥ·(v − x̄)² / (n − 1) (Chan, Golub & LeVeque 1983).
 *
 * Integers in [−1024, 1024] are counted in a typed array; other values (halves, decimals) in a Map.
 */
const RANGE = 1024;

export class Tally {
  #small = new Float64Array(2 * RANGE + 1);
  #other = new Map<number, number>();
  #n = 0;

  add(value: number, count = 1): void {
    const index = value + RANGE;
    if (Number.isInteger(value) && index >= 0 && index <= 2 * RANGE) {
      this.#small[index] = (this.#small[index] as number) + count;
    } else {
      // +0 and −0 share one key (Map uses SameValueZero).
      this.#other.set(value, (this.#other.get(value) ?? 0) + count);
    }
    this.#n += count;
  }

  get n(): number {
    return this.#n;
  }

  /** Distinct values with their counts, in ascending order of value. */
  entries(): Array<readonly [value: number, count: number]> {
    const out: Array<readonly [number, number]> = [];
    for (const [v, c] of this.#other) out.push([v, c]);
    for (let i = 0; i < this.#small.length; i++) {
      const c = this.#small[i] as number;
      if (c > 0) out.push([i - RANGE, c]);
    }
    out.sort((a, b) => a[0] - b[0]);
    return out;
  }

  /** Number of observations strictly greater than `threshold`. */
  countAbove(threshold: number): number {
    let k = 0;
    for (const [v, c] of this.entries()) if (v > threshold) k += c;
    return k;
  }

  /** A tally from `entries()` output (e.g. after crossing a thread boundary as plain data). */
  static fromEntries(entries: Iterable<readonly [value: number, count: number]>): Tally {
    const tally = new Tally();
    for (const [v, c] of entries) tally.add(v, c);
    return tally;
  }

  /** Adds every observation of `other` to this tally. */
  merge(other: Tally): void {
    for (const [v, c] of other.entries()) this.add(v, c);
  }
}

/** Arithmetic mean x̄ = Σ cᵥ·v / n of a tally; NaN when empty. */
export function tallyMean(tally: Tally): number {
  const n = tally.n;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (const [v, c] of tally.entries()) sum += v * c;
  return sum / n;
}

/**
 * Sample standard deviation s = √(Σ cᵥ·(v − x̄)² / (n − 1)) (divisor n − 1, as R's `sd`);
 * NaN when n < 2.
 */
export function tallySd(tally: Tally): number {
  const n = tally.n;
  if (n < 2) return Number.NaN;
  const mean = tallyMean(tally);
  let ss = 0;
  for (const [v, c] of tally.entries()) ss += c * (v - mean) * (v - mean);
  return Math.sqrt(ss / (n - 1));
}
