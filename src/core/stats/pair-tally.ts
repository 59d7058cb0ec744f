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
  readonly counts: Float64Array;
  readonly performanceOnly: Float64Array;
  readonly otherPairs = new Map<string, { attribute: number; b: number; p: number; count: number }>();
  readonly otherPerformance: Tally[];

  constructor(scales: ReadonlyArray<{ readonly min: number; readonly max: number }>) {
    this.min = Float64Array.from(scales, (s) => s.min);
    this.points = Int32Array.from(scales, (s) =>
      Number.isInteger(s.min) && Number.isInteger(s.max) && s.max - s.min <= 200 ? s.max - s.min + 1 : 0,
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
  }

  /** Adds attribute `i`'s pair; `baseline` NaN means performance only; `performance` NaN adds nothing. */
  add(i: number, baseline: number, performance: number): void {
    if (performance !== performance) return;
    const k = this.points[i] as number;
    const min = this.min[i] as number;
    const p = performance - min;
    const pDense = p >= 0 && p < k && Math.floor(p) === p;
    if (baseline !== baseline) {
      if (pDense) {
        const at = (this.pointOffset[i] as number) + p;
        this.performanceOnly[at] = (this.performanceOnly[at] as number) + 1;
      }
      else (this.otherPerformance[i] as Tally).add(performance);
      return;
    }
    const b = baseline - min;
    if (pDense && b >= 0 && b < k && Math.floor(b) === b) {
      const at = (this.offset[i] as number) + b * k + p;
      this.counts[at] = (this.counts[at] as number) + 1;
      return;
    }
    const key = `${i},${baseline},${performance}`;
    const entry = this.otherPairs.get(key);
    if (entry === undefined) this.otherPairs.set(key, { attribute: i, b: baseline, p: performance, count: 1 });
    else entry.count++;
  }

  /** Tallies of attribute `i`'s paired respondents: baseline, performance and difference (performance − baseline). */
  paired(i: number): { baseline: Tally; performance: Tally; difference: Tally } {
    const baseline = new Tally();
    const performance = new Tally();
    const difference = new Tally();
    const k = this.points[i] as number;
    const min = this.min[i] as number;
    const offset = this.offset[i] as number;
    for (let b = 0; b < k; b++) {
      for (let p = 0; p < k; p++) {
        const count = this.counts[offset + b * k + p] as number;
        if (count === 0) continue;
        baseline.add(b + min, count);
        performance.add(p + min, count);
        difference.add(p - b, count);
      }
    }
    for (const e of this.otherPairs.values()) {
      if (e.attribute !== i) continue;
      baseline.add(e.b, e.count);
      performance.add(e.p, e.count);
      difference.add(e.p - e.b, e.count);
    }
    return { baseline, performance, difference };
  }

  /** Every performance rating of attribute `i`, paired or not. */
  performanceAll(i: number): Tally {
    const all = this.paired(i).performance;
    const k = this.points[i] as number;
    const start = this.pointOffset[i] as number;
    for (let p = 0; p < k; p++) {
      const count = this.performanceOnly[start + p] as number;
      if (count > 0) all.add(p + (this.min[i] as number), count);
    }
    all.merge(this.otherPerformance[i] as Tally);
    return all;
  }
}
