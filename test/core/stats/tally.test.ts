import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tally, tallyMean } from '../../../src/core/stats/tally.js';

/** The entries a tally must report: a plain Map of value → summed weight, sorted by value. */
function naiveEntries(values: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sums = new Map<number, number>();
  for (const [v, w] of values) sums.set(v === 0 ? 0 : v, (sums.get(v === 0 ? 0 : v) ?? 0) + w);
  return [...sums].filter(([, w]) => w > 0).sort((a, b) => a[0] - b[0]);
}

describe('Tally', () => {
  it('counts like a plain map, whatever order and range the values come in', () => {
    // The counts array grows as values outside it arrive (both ends, far jumps, the ±1024 edges,
    // values beyond them and halves going to the map); the entries must not depend on that.
    const value = fc.oneof(
      fc.integer({ min: 1, max: 7 }),
      fc.integer({ min: -1030, max: 1030 }),
      fc.constantFrom(-1024, 1024, -1025, 1025, 0.5, -2.5),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, fc.integer({ min: 1, max: 5 })), { maxLength: 60 }),
        (values) => {
          const tally = new Tally();
          for (const [v, w] of values) tally.add(v, w);
          expect(tally.entries()).toEqual(naiveEntries(values));
          expect(tally.n).toBe(values.length);
          expect(Tally.fromPlain(tally.toPlain()).entries()).toEqual(tally.entries());
        },
      ),
      { seed: 16, numRuns: 300 },
    );
  });

  it('gives the same mean when filled low-to-high or high-to-low', () => {
    // Hand arithmetic: (1 + 2 + 7 + 7) / 4 = 4.25, in either order.
    const up = new Tally();
    const down = new Tally();
    for (const v of [1, 2, 7, 7]) up.add(v);
    for (const v of [7, 7, 2, 1]) down.add(v);
    expect(tallyMean(up)).toBe(4.25);
    expect(tallyMean(down)).toBe(4.25);
  });
});
