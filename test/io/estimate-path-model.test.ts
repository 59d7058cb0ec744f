import { describe, expect, it } from 'vitest';
import { micomNotice } from '../../src/io/estimate-path-model.js';

describe('MICOM stated up front', () => {
  it('announces a long MICOM with its figures and the options', () => {
    // 200 000 respondents × 42 items with missing ratings: micomSeconds gives 235.5 s (centred
    // kernel; test/core/pls/bootstrap-budget.test.ts), 33.2 s with the exact sums.
    const line = micomNotice('data.csv', { n: 200_000, p: 42, exact: false, vector: true });
    expect(line).toBe(
      'data.csv: MICOM: 1000 permutations × 200000 respondents × 42 items: about 4 min beside ' +
        'the bootstraps (missing ratings take the slow sums; --missing listwise ≤ 33 s; ' +
        '--bootstrap 0: no multigroup comparison)',
    );
    // Exact sums: 33.2 s, still above the 30 s announced.
    expect(micomNotice('data.csv', { n: 200_000, p: 42, exact: true, vector: true })).toBe(
      'data.csv: MICOM: 1000 permutations × 200000 respondents × 42 items: about 33 s beside ' +
        'the bootstraps (--bootstrap 0: no multigroup comparison)',
    );
  });
  it('says nothing below 30 s (the consultant run: 500 respondents, well under a second)', () => {
    expect(micomNotice('data.csv', { n: 500, p: 42, exact: false, vector: true })).toBeNull();
    // 150 000 exact: 1000 · (2·150 000·903·0.09e-9 + 7.056e-4) = 25.1 s
    expect(micomNotice('data.csv', { n: 150_000, p: 42, exact: true, vector: true })).toBeNull();
  });
});
