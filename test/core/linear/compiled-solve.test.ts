import { describe, expect, it } from 'vitest';
import { createCompiledSolve } from '../../../src/core/linear/compiled-solve.js';
import { solveMany } from '../../../src/core/linear/solve.js';
import { createRandom } from '../../../src/core/random/random-source.js';

/** Both solvers on copies of the same system: their results and arrays, bit for bit. */
function expectSameAsJavaScript(
  solve: NonNullable<ReturnType<typeof createCompiledSolve>>,
  m: Float64Array,
  x: Float64Array,
  k: number,
  t: number,
): boolean {
  const [m1, x1, m2, x2] = [m.slice(), x.slice(), m.slice(), x.slice()];
  const expected = solveMany(m1, x1, k, t);
  expect(solve(m2, x2, k, t)).toBe(expected);
  // toEqual tells −0 from +0 and compares NaN with NaN: the same doubles.
  expect(m2).toEqual(m1);
  expect(x2).toEqual(x1);
  return expected;
}

describe('createCompiledSolve', () => {
  const solve = createCompiledSolve();

  it('solves a 2 × 2 system by hand', () => {
    // 2a + b = 5, a + 3b = 10 → a = 1, b = 3 (|2| > |1|: row 0 stays the first pivot).
    const x = Float64Array.of(5, 10);
    expect(solve?.(Float64Array.of(2, 1, 1, 3), x, 2, 1)).toBe(true);
    expect(Array.from(x)).toEqual([1, 3]);
  });

  it("gives solveMany's bits on random systems, with pivoting, several right-hand sides", () => {
    const random = createRandom(20261203);
    let solved = 0;
    for (let run = 0; run < 300; run++) {
      const k = 1 + random.int(24);
      const t = random.int(5);
      // Entries from a few values (ties in |pivot|, zero factors) or continuous ones.
      const discrete = random.next() < 0.3;
      const m = Float64Array.from({ length: k * k }, () =>
        discrete ? random.int(5) - 2 : 2 * random.next() - 1,
      );
      const x = Float64Array.from({ length: k * t }, () => 2 * random.next() - 1);
      if (expectSameAsJavaScript(solve as NonNullable<typeof solve>, m, x, k, t)) solved++;
    }
    // Most random systems are regular; some of the discrete ones are singular.
    expect(solved).toBeGreaterThan(200);
  });

  it('fails where solveMany does: singular, zero, NaN; an empty system is solved', () => {
    const s = solve as NonNullable<typeof solve>;
    // Rank 1; all zeros; a NaN entry; a pivot just below 1e-13 of the largest entry.
    expect(
      expectSameAsJavaScript(s, Float64Array.of(1, 2, 2, 4), Float64Array.of(1, 1), 2, 1),
    ).toBe(false);
    expect(expectSameAsJavaScript(s, new Float64Array(4), Float64Array.of(1, 1), 2, 1)).toBe(false);
    expectSameAsJavaScript(s, Float64Array.of(1, Number.NaN, 2, 1), Float64Array.of(1, 1), 2, 1);
    expect(
      expectSameAsJavaScript(s, Float64Array.of(1, 0, 0, 0.9e-13), Float64Array.of(1, 1), 2, 1),
    ).toBe(false);
    // … and one just above it (5e-13 ≥ 1e-13 · 1): solved.
    expect(
      expectSameAsJavaScript(s, Float64Array.of(1, 0, 0, 5e-13), Float64Array.of(1, 1), 2, 1),
    ).toBe(true);
    expect(expectSameAsJavaScript(s, new Float64Array(0), new Float64Array(0), 0, 1)).toBe(true);
  });

  it('grows its memory for a larger system', () => {
    const s = solve as NonNullable<typeof solve>;
    const random = createRandom(5);
    for (const k of [3, 60, 4]) {
      const m = Float64Array.from({ length: k * k }, (_, i) =>
        i % (k + 1) === 0 ? k + random.next() : random.next(),
      );
      expect(
        expectSameAsJavaScript(
          s,
          m,
          Float64Array.from({ length: 2 * k }, () => 1),
          k,
          2,
        ),
      ).toBe(true);
    }
  });
});
