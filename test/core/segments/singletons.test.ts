import { describe, expect, it } from 'vitest';
import { oneAttributeSet, tally } from './one-attribute-tallies.js';
import { compareSegments } from '../../../src/core/segments/compare-segments.js';
import { welchTTest } from '../../../src/core/stats/welch-t-test.js';

// Expected values: test/reference/stats/kruskal-singleton.R (output kept beside it, .out).
const close = (a: number | undefined, b: number, tol = 1e-12): void =>
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
const set = oneAttributeSet;
const segmentsOf = (groups: number[][]) =>
  groups.map((g, i) => ({ value: `s${i}`, tallies: set(tally(g)) }));

describe('compareSegments with one-respondent segments (R kruskal.test)', () => {
  it('four segments, one a singleton: df 3, as kruskal.test', () => {
    const [d] = compareSegments(segmentsOf([[1, 2, 2], [3, 4], [5], [2, 6, 6]]), ['a1'], {
      hasBaseline: true,
    });
    expect(d?.test).toBe('kruskal-wallis');
    expect(d?.df).toBe(3);
    close(d?.statistic, 4.7536231884057987);
    close(d?.p, 0.19075294396160192);
    expect(d?.means).toEqual([5 / 3, 3.5, 5, 14 / 3]);
  });
  it('three segments, one a singleton: Kruskal–Wallis over all three (not Welch over two)', () => {
    const [d] = compareSegments(segmentsOf([[2, 2, 3, 5], [3, 4, 4, 5, 6], [1]]), ['a1'], {
      hasBaseline: true,
    });
    expect(d?.test).toBe('kruskal-wallis');
    expect(d?.df).toBe(2);
    close(d?.statistic, 4.3267080745341584);
    close(d?.p, 0.11493896423842687);
  });
  it('two segments, one a singleton: Welch is impossible, Kruskal–Wallis runs', () => {
    const [d] = compareSegments(segmentsOf([[2, 2, 3, 5], [6]]), ['a1'], { hasBaseline: true });
    expect(d?.test).toBe('kruskal-wallis');
    expect(d?.df).toBe(1);
    close(d?.statistic, 2.1052631578947367);
    close(d?.p, 0.14679308730857074);
  });
  it('an empty segment is left out of the test, its mean NaN in segment order', () => {
    const [d] = compareSegments(segmentsOf([[2, 2, 3, 5], [], [6]]), ['a1'], { hasBaseline: true });
    expect(d?.df).toBe(1);
    close(d?.statistic, 2.1052631578947367);
    expect(Number.isNaN(d?.means[1])).toBe(true);
  });
});

describe('constant data (R: "data are essentially constant")', () => {
  it('Welch t with both segments constant is undefined', () => {
    const w = welchTTest({ n: 3, mean: 2, sd: 0 }, { n: 4, mean: 3, sd: 0 });
    expect(Number.isNaN(w.t)).toBe(true);
    expect(Number.isNaN(w.p)).toBe(true);
  });
});
