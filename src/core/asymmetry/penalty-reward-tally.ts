/**
 * The sufficient statistics of the penalty–reward regressions, accumulated one respondent at a time
 * in O(attributes²) memory: for the joint regression, X'X, X'y, y'y and n over respondents who
 * rated every attribute (X = [1, low₁, high₁, …, low_k, high_k]); per attribute, n, Σlow, Σhigh,
 * Σy, Σy², Σlow·y, Σhigh·y over respondents who rated it (low·high = 0: they exclude each other).
 *
 * Dummies: low = [x ≤ min + ¼(max − min)], high = [x ≥ max − ¼(max − min)].
 */
export class PenaltyRewardTally {
  readonly k: number;
  readonly lowCut: number;
  readonly highCut: number;
  /** Joint regression: p = 2k + 1. */
  readonly xtx: Float64Array;
  readonly xty: Float64Array;
  yty = 0;
  n = 0;
  /** Per attribute j at 7·j: n, Σlow, Σhigh, Σy, Σy², Σlow·y, Σhigh·y. */
  readonly single: Float64Array;
  private readonly on: Int32Array;

  constructor(k: number, scale: { readonly min: number; readonly max: number }) {
    this.k = k;
    this.lowCut = scale.min + (scale.max - scale.min) / 4;
    this.highCut = scale.max - (scale.max - scale.min) / 4;
    const p = 2 * k + 1;
    this.xtx = new Float64Array(p * p);
    this.xty = new Float64Array(p);
    this.single = new Float64Array(7 * k);
    this.on = new Int32Array(k + 1);
  }

  /** One respondent: the target y and the attributes' performance ratings (NaN = missing). */
  add(y: number, ratings: ArrayLike<number>): void {
    if (!Number.isFinite(y)) return;
    const { k, single, on } = this;
    let complete = true;
    let m = 0;
    on[m++] = 0;
    for (let j = 0; j < k; j++) {
      const x = ratings[j] as number;
      if (!Number.isFinite(x)) {
        complete = false;
        continue;
      }
      const low = x <= this.lowCut ? 1 : 0;
      const high = x >= this.highCut ? 1 : 0;
      const at = 7 * j;
      single[at] = (single[at] as number) + 1;
      single[at + 1] = (single[at + 1] as number) + low;
      single[at + 2] = (single[at + 2] as number) + high;
      single[at + 3] = (single[at + 3] as number) + y;
      single[at + 4] = (single[at + 4] as number) + y * y;
      single[at + 5] = (single[at + 5] as number) + low * y;
      single[at + 6] = (single[at + 6] as number) + high * y;
      if (low === 1) on[m++] = 1 + 2 * j;
      else if (high === 1) on[m++] = 2 + 2 * j;
    }
    if (!complete) return;
    // Joint: only the columns that are 1 contribute (the intercept and one dummy at most per
    // attribute).
    const p = 2 * k + 1;
    this.n++;
    this.yty += y * y;
    for (let a = 0; a < m; a++) {
      const ia = on[a] as number;
      this.xty[ia] = (this.xty[ia] as number) + y;
      for (let b = 0; b < m; b++) {
        const at = ia * p + (on[b] as number);
        this.xtx[at] = (this.xtx[at] as number) + 1;
      }
    }
  }
}
