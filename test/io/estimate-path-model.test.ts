import { describe, expect, it } from 'vitest';
import { micomNotice } from '../../src/io/estimate-path-model.js';

describe('MICOM stated up front', () => {
  it('announces a long MICOM with its figures and the option', () => {
    // 200 000 respondents × 42 items: micomSeconds gives 33.0 s on the exact kernel and 251.5 s
    // on the centred one (test/core/pls/bootstrap-budget.test.ts).
    const shape = { n: 200_000, p: 42, vector: true };
    expect(micomNotice('data.csv', { ...shape, exact: true })).toBe(
      'data.csv: MICOM: 1000 permutations × 200000 respondents × 42 items: about 33 s beside ' +
        'the bootstraps (--bootstrap 0: no multigroup comparison)',
    );
    expect(micomNotice('data.csv', { ...shape, exact: false })).toBe(
      'data.csv: MICOM: 1000 permutations × 200000 respondents × 42 items: about 4 min beside ' +
        'the bootstraps (ratings that are not whole numbers take the slower sums; ' +
        '--bootstrap 0: no multigroup comparison)',
    );
  });
  it('says nothing below 30 s (the consultant run: 500 respondents, well under a second)', () => {
    const shape = { p: 42, exact: true, vector: true };
    expect(micomNotice('data.csv', { ...shape, n: 500 })).toBeNull();
    // 120 000 exact: 1000 · (120 000·903·0.09e-9 + 120 000·8e-8 + 7.056e-4) = 20.1 s
    expect(micomNotice('data.csv', { ...shape, n: 120_000 })).toBeNull();
  });
});
