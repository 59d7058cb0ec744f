import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareGroupPaths, henselerP, pathDraws } from '../../../src/core/pls/multigroup.js';

/** Henseler's formula written out pair by pair, as seminr's estimate_pls_mga computes it. */
function naive(first: readonly number[], second: readonly number[]): number {
  const m1 = first.reduce((s, x) => s + x, 0) / first.length;
  const m2 = second.reduce((s, x) => s + x, 0) / second.length;
  let positive = 0;
  for (const b1 of first) for (const b2 of second) if (2 * m1 - b1 - 2 * m2 + b2 > 0) positive++;
  return 1 - positive / (first.length * second.length);
}

describe('PLS-MGA (Henseler, Ringle & Sinkovics 2009)', () => {
  it('a hand-worked example', () => {
    // β̄¹ = 2, β̄² = 0.5; 2β̄¹ − β¹ = [3, 2, 1], 2β̄² − β² = [1, 0]; pairs with a > c: 2 + 2 + 1 =
    // 5 of 6.
    expect(henselerP([1, 2, 3], [0, 1])).toBeCloseTo(1 / 6, 15);
    expect(henselerP([], [1])).toBeNaN();
  });
  it('counts the same pairs as the formula written out, ties included', () => {
    // Values k/64 in power-of-two numbers keep every sum, mean and difference exact in floating
    // point, so the two ways of writing the comparison agree even on exact ties.
    const draws = fc.integer({ min: 0, max: 5 }).chain((e) =>
      fc.array(
        fc.integer({ min: -64, max: 64 }).map((k) => k / 64),
        { minLength: 2 ** e, maxLength: 2 ** e },
      ),
    );
    fc.assert(
      fc.property(draws, draws, (a, b) => {
        expect(henselerP(a, b)).toBe(naive(a, b));
      }),
      { numRuns: 300 },
    );
  });
  it('swapping the groups turns p into 1 − p (no ties)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 40 }),
        (a, b) => {
          // Offsets by 1/4096 keep every comparison away from exact ties.
          const x = a.map((v) => v / 1000);
          const y = b.map((v) => v / 1000 + 1 / 4096);
          expect(henselerP(x, y) + henselerP(y, x)).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('compares every path: estimates, difference (second − first), two-sided p and Holm', () => {
    const first = {
      paths: [
        { from: 'SQ', to: 'RQ', estimate: 0.5 },
        { from: 'RQ', to: 'CL', estimate: 0.4 },
      ],
      draws: [Float64Array.of(0.4, 0.5, 0.6), Float64Array.of(0.3, 0.4, 0.5)],
    };
    const second = {
      paths: [
        { from: 'SQ', to: 'RQ', estimate: 0.1 },
        { from: 'RQ', to: 'CL', estimate: 0.45 },
      ],
      draws: [Float64Array.of(0.0, 0.1, 0.2), Float64Array.of(0.35, 0.45, 0.55)],
    };
    const rows = compareGroupPaths(first, second);
    expect(rows.map((r) => [r.from, r.to, r.estimates, r.difference])).toEqual([
      ['SQ', 'RQ', [0.5, 0.1], 0.1 - 0.5],
      ['RQ', 'CL', [0.4, 0.45], 0.45 - 0.4],
    ]);
    // SQ → RQ: 2β̄¹ − β¹ = [0.6, 0.5, 0.4] lies above every 2β̄² − β² = [0.2, 0.1, 0.0]: p = 1 −
    // 9/9 = 0; two-sided 0.
    expect(rows[0]?.pFirstGreater).toBeCloseTo(0, 15);
    // RQ → CL: a = [0.5, 0.4, 0.3], c = [0.55, 0.45, 0.35]; a > c for 0.5 > {0.45, 0.35} and
    // 0.4 > {0.35}: 3 of 9 pairs, p = 1 − 3/9 = 2/3; two-sided 2·min(2/3, 1/3) = 2/3.
    expect(rows[1]?.pFirstGreater).toBeCloseTo(2 / 3, 12);
    expect(rows[1]?.p).toBeCloseTo(2 / 3, 12);
    // Holm over (0, 2/3): 2·0 = 0 and max(0, 1·2/3) = 2/3.
    expect(rows[0]?.pAdjusted).toBe(0);
    expect(rows[1]?.pAdjusted).toBeCloseTo(2 / 3, 12);
  });
  it("takes each path's bootstrap draws and leaves failed resamples out", () => {
    // Width 3 × 3 resamples, statistic-major (one statistic a row), the second resample failed:
    // resample 1 = (1, 2, 9), resample 3 = (3, 4, 9).
    const values = Float64Array.of(1, Number.NaN, 3, 2, Number.NaN, 4, 9, Number.NaN, 9);
    expect(pathDraws({ values, width: 3, resamples: 3 }, 2)).toEqual([
      Float64Array.of(1, 3),
      Float64Array.of(2, 4),
    ]);
  });
});
