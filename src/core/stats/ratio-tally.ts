import { Tally } from './tally.js';

/**
 * Frequency table of values given as ratios numerator/denominator — a respondent's construct
 * mean ΣX/k — counted by (numerator, k) so that the hot path needs no division and no hashing.
 * Integer numerators within ±`maxNumerator` and k ≤ `maxDenominator` go to a dense array; others
 * to a Map. `toTally()` turns the counts into values (2/4 and 1/2 become the same value 0.5).
 */
export class RatioTally {
  /** Dense layout, public so that a hot loop can inline the fast path of `add`. */
  readonly width: number;
  readonly offset: number;
  readonly maxDenominator: number;
  readonly dense: Float64Array;
  private readonly other = new Tally();

  constructor(options: { readonly maxDenominator: number; readonly maxNumerator: number }) {
    const width = 2 * Math.ceil(options.maxNumerator) + 1;
    const cells = (options.maxDenominator + 1) * width;
    const dense = Number.isFinite(cells) && cells <= 1 << 20;
    this.width = dense ? width : 0;
    this.offset = dense ? Math.ceil(options.maxNumerator) : 0;
    this.maxDenominator = dense ? options.maxDenominator : 0;
    this.dense = new Float64Array(dense ? cells : 0);
  }

  add(numerator: number, denominator: number): void {
    const index = numerator + this.offset;
    if (denominator <= this.maxDenominator && index >= 0 && index < this.width && (index | 0) === index) {
      const at = denominator * this.width + index;
      this.dense[at] = (this.dense[at] as number) + 1;
    } else {
      this.other.add(numerator / denominator);
    }
  }

  toTally(): Tally {
    const tally = new Tally();
    for (let d = 1; d <= this.maxDenominator; d++) {
      for (let i = 0; i < this.width; i++) {
        const count = this.dense[d * this.width + i] as number;
        if (count > 0) tally.add((i - this.offset) / d, count);
      }
    }
    tally.merge(this.other);
    return tally;
  }
}
