import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/core/random/random-source.js';
import { createDrawKernel } from '../../../src/core/stats/draw-kernel.js';
import { quantile } from '../../../src/core/stats/quantile.js';
import { selectQuantiles } from '../../../src/core/stats/select-quantile.js';

// The kernel's passes against their definitions written here in JavaScript (sums from 0 in
// ascending order, counts, and the type-7 quantiles of the sorted data), bit for bit: toEqual and
// Object.is tell +0 from −0.

const sumOf = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const value = fc.oneof(
  fc.double({ min: -5, max: 5, noNaN: true }),
  fc.constantFrom(0, -0, 1, -1, 0.5),
  fc.integer({ min: -3, max: 3 }),
);

describe('createDrawKernel', () => {
  const kernel = createDrawKernel(5000);
  // Few rounds: the JavaScript selection finishes what the WebAssembly one started.
  const impatient = createDrawKernel(5000, 1);

  it('sums, squares and counts as the JavaScript passes do', () => {
    expect(kernel).not.toBeNull();
    const k = kernel as NonNullable<typeof kernel>;
    fc.assert(
      fc.property(fc.array(value, { minLength: 0, maxLength: 700 }), value, (xs, v) => {
        k.column.set(xs);
        const n = xs.length;
        const sum = sumOf(xs);
        const mean = sum / n;
        const squares = xs.reduce((s, x) => s + (x - mean) * (x - mean), 0);
        expect(k.moments(n)).toEqual({ sum, squares });
        expect(k.countAtMost(n, v)).toBe(xs.filter((x) => x <= v).length);
        expect(k.countBelow(n, v)).toBe(xs.filter((x) => x < v).length);
      }),
      { numRuns: 300 },
    );
  });

  it('selects the type-7 quantiles of the sorted data (ties, ±0, levels), also if stopped', () => {
    for (const k of [kernel, impatient]) {
      expect(k).not.toBeNull();
      const { column, selection } = k as NonNullable<typeof k>;
      fc.assert(
        fc.property(
          fc.array(value, { minLength: 1, maxLength: 5000 }),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
          (xs, levels) => {
            const sorted = Float64Array.from(xs).sort();
            column.set(xs);
            const got = selectQuantiles(column.subarray(0, xs.length), levels, selection);
            levels.forEach((q, i) => expect(Object.is(got[i], quantile(sorted, q))).toBe(true));
          },
        ),
        { numRuns: 150 },
      );
    }
  });

  it("selects a bootstrap's interval ends in 5 000 draws: smooth, tied, constant, sorted", () => {
    const random = createRandom(5, 7);
    const columns = [
      Float64Array.from({ length: 5000 }, () => random.normal()),
      Float64Array.from({ length: 5000 }, () => Math.round(random.normal() * 2) / 2),
      new Float64Array(5000).fill(1),
      Float64Array.from({ length: 5000 }, (_, i) => i / 5000),
      Float64Array.from({ length: 5000 }, (_, i) => -i),
    ];
    for (const k of [kernel, impatient]) {
      const { column, selection } = k as NonNullable<typeof k>;
      for (const xs of columns) {
        const sorted = Float64Array.from(xs).sort();
        column.set(xs);
        const got = selectQuantiles(column, [0.025, 0.975], selection);
        expect(got).toEqual([quantile(sorted, 0.025), quantile(sorted, 0.975)]);
      }
    }
  });
});
