import { Tally } from './tally.js';

/**
 * Joint frequency tables of (baseline, performance) rating pairs for a set of attributes, plus the
 * performance ratings given without a baseline. One increment per respondent and attribute; the
 * baseline, performance and difference tallies (and so every gap statistic) follow from them
 * exactly. Integer pairs on the attribute's scale are counted in one flat typed array; anything
 * else (half points) in a Map. Plain fields and one flat array keep the per-cell work to a few
 * instructions: this sits on the ingest hot path.
 */
export class PairTally {
  readonly min: Float64Array;
  readonly points: Int32Array;
  readonly offset: Int32Array;
  readonly pointOffset: Int32Array;
  /** Weight (count when unweighted) of each dense (baseline, performance) cell. */
  readonly counts: Float64Array;
  readonly performanceOnly: Float64Array;
  readonly otherPairs = new Map<
    string,
    { attribute: number; b: number; p: number; count: number }
  >();
  readonly otherPerformance: Tally[];
  /**
   * Weighted: respondents and Σw² per attribute, of the pairs and of the dense performance-only
   * cells (every weighted increment goes through `add`). Unweighted they equal the cells' sums.
   */
  readonly weighted: boolean;
  readonly #pairN: Float64Array;
  readonly #pairSquares: Float64Array;
  readonly #soloN: Float64Array;
  readonly #soloSquares: Float64Array;

  constructor(
    scales: ReadonlyArray<{ readonly min: number; readonly max: number }>,
    options: { readonly weighted?: boolean } = {},
  ) {
    this.min = Float64Array.from(scales, (s) => s.min);
    this.points = Int32Array.from(scales, (s) =>
      Number.isInteger(s.min) && Number.isInteger(s.max) && s.max - s.min <= 200
        ? s.max - s.min + 1
        : 0,
    );
    this.offset = new Int32Array(scales.length);
    this.pointOffset = new Int32Array(scales.length);
    let total = 0;
    let totalPoints = 0;
    scales.forEach((_, i) => {
      const k = this.points[i] as number;
      this.offset[i] = total;
      this.pointOffset[i] = totalPoints;
      total += k * k;
      totalPoints += k;
    });
    this.counts = new Float64Array(total);
    this.performanceOnly = new Float64Array(totalPoints);
    this.otherPerformance = scales.map(() => new Tally());
    this.weighted = options.weighted ?? false;
    const perAttribute = this.weighted ? scales.length : 0;
    this.#pairN = new Float64Array(perAttribute);
    this.#pairSquares = new Float64Array(perAttribute);
    this.#soloN = new Float64Array(perAttribute);
    this.#soloSquares = new Float64Array(perAttribute);
  }

  /**
   * Adds attribute `i`'s pair with the respondent's weight; `baseline` NaN means performance only;
   * `performance` NaN adds nothing.
   */
  add(i: number, baseline: number, performance: number, weight = 1): void {
    if (performance !== performance) return;
    const k = this.points[i] as number;
    const min = this.min[i] as number;
    const p = performance - min;
    const pDense = p >= 0 && p < k && Math.floor(p) === p;
    if (baseline !== baseline) {
      if (pDense) {
        const at = (this.pointOffset[i] as number) + p;
        this.performanceOnly[at] = (this.performanceOnly[at] as number) + weight;
        if (this.weighted) {
          this.#soloN[i] = (this.#soloN[i] as number) + 1;
          this.#soloSquares[i] = (this.#soloSquares[i] as number) + weight * weight;
        }
      } else (this.otherPerformance[i] as Tally).add(performance, weight);
      return;
    }
    if (this.weighted) {
      this.#pairN[i] = (this.#pairN[i] as number) + 1;
      this.#pairSquares[i] = (this.#pairSquares[i] as number) + weight * weight;
    }
    const b = baseline - min;
    if (pDense && b >= 0 && b < k && Math.floor(b) === b) {
      const at = (this.offset[i] as number) + b * k + p;
      this.counts[at] = (this.counts[at] as number) + weight;
      return;
    }
    const key = `${i},${baseline},${performance}`;
    const entry = this.otherPairs.get(key);
    if (entry === undefined)
      this.otherPairs.set(key, { attribute: i, b: baseline, p: performance, count: weight });
    else entry.count += weight;
  }

  /**
   * Tallies of attribute `i`'s paired respondents: baseline, performance and difference
   * (performance − baseline).
   */
  paired(i: number): { baseline: Tally; performance: Tally; difference: Tally } {
    const baseline: Array<readonly [number, number]> = [];
    const performance: Array<readonly [number, number]> = [];
    const difference: Array<readonly [number, number]> = [];
    let total = 0;
    const k = this.points[i] as number;
    const min = this.min[i] as number;
    const offset = this.offset[i] as number;
    const put = (b: number, p: number, w: number): void => {
      baseline.push([b, w]);
      performance.push([p, w]);
      difference.push([p - b, w]);
      total += w;
    };
    for (let b = 0; b < k; b++) {
      for (let p = 0; p < k; p++) {
        const count = this.counts[offset + b * k + p] as number;
        if (count !== 0) put(b + min, p + min, count);
      }
    }
    for (const e of this.otherPairs.values()) if (e.attribute === i) put(e.b, e.p, e.count);
    const n = this.weighted ? (this.#pairN[i] as number) : total;
    const squares = this.weighted ? (this.#pairSquares[i] as number) : total;
    return {
      baseline: Tally.fromPlain({ entries: baseline, n, squares }),
      performance: Tally.fromPlain({ entries: performance, n, squares }),
      difference: Tally.fromPlain({ entries: difference, n, squares }),
    };
  }

  /** Every performance rating of attribute `i`, paired or not. */
  performanceAll(i: number): Tally {
    const all = this.paired(i).performance;
    const k = this.points[i] as number;
    const start = this.pointOffset[i] as number;
    const solo: Array<readonly [number, number]> = [];
    let total = 0;
    for (let p = 0; p < k; p++) {
      const count = this.performanceOnly[start + p] as number;
      if (count > 0) solo.push([p + (this.min[i] as number), count]);
      total += count;
    }
    all.merge(
      Tally.fromPlain({
        entries: solo,
        n: this.weighted ? (this.#soloN[i] as number) : total,
        squares: this.weighted ? (this.#soloSquares[i] as number) : total,
      }),
    );
    all.merge(this.otherPerformance[i] as Tally);
    return all;
  }
}
