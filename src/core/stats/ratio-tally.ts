import { Tally } from './tally.js';

/**
 * Frequency table of values given as ratios numerator/denominator — a respondent's construct
 * mean ΣX/k — counted by (numerator, k) so that the hot path needs no division and no hashing.
 *
 * For ratings on an integer scale the numerator of a k-item mean lies in [k·unitMin, k·unitMax],
 * so the dense table is triangular: row k holds k·(unitMax − unitMin) + 1 cells (about 1 500 cells
 * for 22 items on a 1–7 scale, small enough to stay in cache on the ingest hot path). Numerators
 * off that grid go to a Map. `toTally()` turns the counts into values (2/4 and 1/2 become one value
 * 0.5).
 */
export class RatioTally {
  /** Dense layout, public so that a hot loop can inline the fast path of `add`. */
  readonly unitMin: number;
  readonly span: number;
  readonly maxDenominator: number;
  /** Start of row k in `dense`. */
  readonly rowStart: Int32Array;
  /** Weight (count when unweighted) of each dense cell. */
  readonly dense: Float64Array;
  private readonly other = new Tally();
  /**
   * Weighted: respondents and Σw² of the dense cells (every weighted increment goes through `add`).
   */
  readonly weighted: boolean;
  #denseN = 0;
  #denseSquares = 0;

  constructor(options: {
    readonly maxDenominator: number;
    readonly unitMin: number;
    readonly unitMax: number;
    readonly weighted?: boolean;
  }) {
    const span = options.unitMax - options.unitMin;
    const integer = Number.isInteger(options.unitMin) && Number.isInteger(span) && span >= 0;
    const maxDenominator = integer ? options.maxDenominator : 0;
    let cells = 0;
    const rowStart = new Int32Array(maxDenominator + 1);
    for (let k = 1; k <= maxDenominator; k++) {
      rowStart[k] = cells;
      cells += k * span + 1;
    }
    const dense = cells <= 1 << 20;
    this.unitMin = options.unitMin;
    this.span = span;
    this.maxDenominator = dense ? maxDenominator : 0;
    this.rowStart = rowStart;
    this.dense = new Float64Array(dense ? cells : 0);
    this.weighted = options.weighted ?? false;
  }

  /** Index of numerator/denominator in `dense`, or −1 when it is off the dense grid. */
  cell(numerator: number, denominator: number): number {
    if (!(denominator >= 1 && denominator <= this.maxDenominator)) return -1;
    const at = numerator - denominator * this.unitMin;
    if (!(at >= 0 && at <= denominator * this.span) || Math.floor(at) !== at) return -1;
    return (this.rowStart[denominator] as number) + at;
  }

  add(numerator: number, denominator: number, weight = 1): void {
    const cell = this.cell(numerator, denominator);
    if (cell < 0) {
      this.other.add(numerator / denominator, weight);
      return;
    }
    this.dense[cell] = (this.dense[cell] as number) + weight;
    if (this.weighted) {
      this.#denseN++;
      this.#denseSquares += weight * weight;
    }
  }

  toTally(): Tally {
    const entries: Array<readonly [number, number]> = [];
    let total = 0;
    for (let k = 1; k <= this.maxDenominator; k++) {
      const start = this.rowStart[k] as number;
      for (let at = 0; at <= k * this.span; at++) {
        const count = this.dense[start + at] as number;
        if (count > 0) entries.push([(at + k * this.unitMin) / k, count]);
        total += count;
      }
    }
    const tally = Tally.fromPlain({
      entries,
      n: this.weighted ? this.#denseN : total,
      squares: this.weighted ? this.#denseSquares : total,
    });
    tally.merge(this.other);
    return tally;
  }
}
