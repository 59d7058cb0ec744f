import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile } from '../../../src/core/stats/quantile.js';
import { selectQuantile, selectQuantiles } from '../../../src/core/stats/select-quantile.js';

describe('selectQuantile', () => {
  it('R: quantile(1:4, 0.25) = 1.75, quantile(c(3, 1, 2), 0.5) = 2', () => {
    expect(selectQuantile(Float64Array.of(4, 1, 3, 2), 0.25)).toBe(1.75);
    expect(selectQuantile(Float64Array.of(3, 1, 2), 0.5)).toBe(2);
  });
  const type7Bits =
    'has the bits of the type-7 quantile of the sorted data (ties, ±0, any level, reused array)';
  it(type7Bits, () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -0, 1, -1, 0.5),
      fc.integer({ min: -3, max: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (xs, levels) => {
          const sorted = Float64Array.from(xs).sort();
          const work = Float64Array.from(xs);
          for (const q of levels)
            expect(Object.is(selectQuantile(work, q), quantile(sorted, q))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
  // Beyond 600 values the selection first recurses on a sample-sized subrange (Floyd–Rivest):
  // long arrays, with ties and signed zeros, exercise it.
  it("several levels at once: the bits of the sorted data's type-7 quantiles, any order", () => {
    const value = fc.oneof(
      fc.double({ min: -5, max: 5, noNaN: true }),
      fc.constantFrom(0, -0, 1, -1),
      fc.integer({ min: -3, max: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 601, maxLength: 4000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (xs, levels) => {
          const sorted = Float64Array.from(xs).sort();
          const got = selectQuantiles(Float64Array.from(xs), levels);
          levels.forEach((q, i) => expect(Object.is(got[i], quantile(sorted, q))).toBe(true));
        },
      ),
      { numRuns: 200 },
    );
  });
  it('R: quantile(1:4, c(0.75, 0.25)) = 3.25, 1.75; a NaN level spoils no other', () => {
    expect(selectQuantiles(Float64Array.of(4, 1, 3, 2), [0.75, 0.25])).toEqual([3.25, 1.75]);
    expect(selectQuantiles(Float64Array.of(4, 1, 3, 2), [Number.NaN, 0.25])).toEqual([
      Number.NaN,
      1.75,
    ]);
  });
});
