import type { GapTallySet } from '../../../src/core/gaps/tally-gaps.js';
import { Tally } from '../../../src/core/stats/tally.js';

/** A frequency table of the given values. */
export const tally = (xs: readonly number[]): Tally => {
  const t = new Tally();
  for (const x of xs) t.add(x);
  return t;
};

/** A segment's tallies with one attribute, `a1`, whose gap differences are `difference`. */
export const oneAttributeSet = (difference: Tally): GapTallySet => ({
  respondents: difference.n,
  missing: [],
  attributes: new Map([
    [
      'a1',
      { baseline: new Tally(), performance: new Tally(), difference, performanceAll: new Tally() },
    ],
  ]),
  constructs: new Map(),
});
