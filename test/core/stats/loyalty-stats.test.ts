import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { penaltyRewardContrast } from '../../../src/core/asymmetry/penalty-reward.js';
import { ols } from '../../../src/core/stats/ols.js';
import { spearman } from '../../../src/core/stats/spearman.js';
import { wilsonInterval } from '../../../src/core/stats/wilson-interval.js';
import { ROOT } from '../../helpers.js';

// Expected values: test/reference/loyalty-stats.R (R 4.x) → test/reference/loyalty-stats.json.
interface Coefs {
  estimate: number[];
  se: number[];
  t: number[];
  p: number[];
}
const reference = JSON.parse(readFileSync(`${ROOT}test/reference/loyalty-stats.json`, 'utf8')) as {
  ols: Coefs & { ratings: number[][]; y: number[]; df: number; sigma: number; rSquared: number };
  perAttribute: Coefs[];
  wilson: Array<{ x: number; n: number; lower: number; upper: number; propTest: number[] }>;
  spearman: Array<{ x: number[]; y: number[]; rho: number; p: number; S?: number }>;
};
const close = (actual: number, expected: number, tol = 1e-9): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
};

const { ratings, y } = reference.ols;
const low = [0, 1, 2].map((j) => ratings.map((r) => ((r[j] as number) <= 2 ? 1 : 0)));
const high = [0, 1, 2].map((j) => ratings.map((r) => ((r[j] as number) >= 6 ? 1 : 0)));

describe('ols (R: summary(lm()))', () => {
  it('coefficients, SE, t, p, df, sigma and R² of the dummy regression', () => {
    const fit = ols(
      y,
      [0, 1, 2].flatMap((j) => [low[j] as number[], high[j] as number[]]),
    );
    expect(fit).not.toBeNull();
    if (fit === null) return;
    expect(fit.df).toBe(reference.ols.df);
    close(fit.sigma, reference.ols.sigma);
    close(fit.rSquared, reference.ols.rSquared);
    fit.coefficients.forEach((c, i) => {
      close(c.estimate, reference.ols.estimate[i] as number);
      close(c.se, reference.ols.se[i] as number);
      close(c.t, reference.ols.t[i] as number);
      close(c.p, reference.ols.p[i] as number, 1e-8);
    });
  });
  it('is null for a constant regressor (R: NA) and without residual df', () => {
    expect(ols([1, 2, 3, 4], [[1, 1, 1, 1]])).toBeNull();
    expect(ols([1, 2], [[0, 1]])).toBeNull();
  });
  it('recovers an exact line (hand: y = 1 + 2x)', () => {
    const fit = ols([1, 3, 5, 7], [[0, 1, 2, 3]]);
    close(fit?.coefficients[0]?.estimate ?? Number.NaN, 1);
    close(fit?.coefficients[1]?.estimate ?? Number.NaN, 2);
  });
});

describe('penaltyRewardContrast against R', () => {
  const input = {
    target: y,
    attributes: [0, 1, 2].map((j) => ({
      id: `a${j}`,
      ratings: ratings.map((r) => r[j] as number),
    })),
    scale: { min: 1, max: 7 },
    targetId: 'y',
    group: 'SQ',
  };
  it('n = 120 < 10 × 6 regressors? no: joint regression; RI = β_high, PI = −β_low', () => {
    const r = penaltyRewardContrast(input);
    expect(r.method).toBe('joint');
    expect(r.lowCut).toBe(2.5); // 1 + 6/4
    expect(r.highCut).toBe(5.5);
    r.rows.forEach((row, j) => {
      close(row.reward?.estimate ?? Number.NaN, reference.ols.estimate[2 + 2 * j] as number);
      close(row.reward?.p ?? Number.NaN, reference.ols.p[2 + 2 * j] as number, 1e-8);
      close(row.penalty?.estimate ?? Number.NaN, -(reference.ols.estimate[1 + 2 * j] as number));
      close(row.penalty?.t ?? Number.NaN, -(reference.ols.t[1 + 2 * j] as number));
      close(row.penalty?.se ?? Number.NaN, reference.ols.se[1 + 2 * j] as number);
      const ri = reference.ols.estimate[2 + 2 * j] as number;
      const pi = -(reference.ols.estimate[1 + 2 * j] as number);
      close(row.asymmetry ?? Number.NaN, (ri - pi) / (ri + pi));
    });
    // Simulated truth in the R script: attribute 0 penalises (basic), attribute 1 rewards
    // (excitement).
    expect(r.rows[0]?.class).toBe('basic');
    expect(r.rows[1]?.class).toBe('excitement');
  });
  it('falls back to per-attribute regressions when dummies are collinear, matching R', () => {
    const r = penaltyRewardContrast({
      ...input,
      attributes: [...input.attributes, ...input.attributes.map((a) => ({ ...a, id: `${a.id}b` }))],
    });
    expect(r.method).toBe('per-attribute');
    // 120 = 10 × 12 regressors is enough, but each dummy appears twice: X'X is singular.
    expect(r.reason).toBe('collinear');
    [0, 1, 2].forEach((j) => {
      const ref = reference.perAttribute[j] as Coefs;
      const row = r.rows[j];
      close(row?.penalty?.estimate ?? Number.NaN, -(ref.estimate[1] as number));
      close(row?.reward?.estimate ?? Number.NaN, ref.estimate[2] as number);
      close(row?.reward?.se ?? Number.NaN, ref.se[2] as number);
      close(row?.reward?.p ?? Number.NaN, ref.p[2] as number, 1e-8);
    });
  });
});

describe('penaltyRewardContrast fallback rules', () => {
  it('per attribute when n < 10 × regressors (50 < 60)', () => {
    const r = penaltyRewardContrast({
      target: y.slice(0, 50),
      attributes: [0, 1, 2].map((j) => ({
        id: `a${j}`,
        ratings: ratings.slice(0, 50).map((x) => x[j] as number),
      })),
      scale: { min: 1, max: 7 },
      targetId: 'y',
      group: 'SQ',
    });
    expect(r.method).toBe('per-attribute');
    expect(r.reason).toBe('few-respondents');
  });
  it('a dummy that never occurs leaves its index undefined and the class no-clear-effect', () => {
    const target = Array.from({ length: 200 }, (_, i) => (i % 7) + 1);
    const r = penaltyRewardContrast({
      target,
      attributes: [{ id: 'mid', ratings: target.map((t) => (t > 3 ? 7 : 4)) }],
      scale: { min: 1, max: 7 },
      targetId: 't',
      group: 'SQ',
    });
    expect(r.reason).toBe('empty-dummy');
    expect(r.rows[0]?.penalty).toBeNull();
    expect(r.rows[0]?.reward).not.toBeNull();
    expect(r.rows[0]?.class).toBe('no-clear-effect');
  });
});

describe('wilsonInterval (by formula; R: prop.test(x, n, correct = FALSE))', () => {
  for (const w of reference.wilson) {
    it(`${w.x} of ${w.n}`, () => {
      const r = wilsonInterval(w.x, w.n);
      close(r.ci[0], w.lower, 1e-12);
      close(r.ci[1], w.upper, 1e-12);
      close(r.ci[0], w.propTest[0] as number, 1e-9);
      close(r.ci[1], w.propTest[1] as number, 1e-9);
    });
  }
  it('contains the share and stays in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f) => {
          const x = Math.round(f * n);
          const r = wilsonInterval(x, n);
          return (
            r.ci[0] >= 0 && r.ci[1] <= 1 && r.ci[0] <= r.share + 1e-12 && r.share <= r.ci[1] + 1e-12
          );
        },
      ),
    );
  });
  it('n = 0 is undefined', () => {
    expect(Number.isNaN(wilsonInterval(0, 0).share)).toBe(true);
  });
});

describe('spearman (R: cor.test(method = "spearman", exact = FALSE))', () => {
  reference.spearman.forEach((s, k) => {
    it(`case ${k + 1}: rho and p`, () => {
      const r = spearman(s.x, s.y);
      close(r.rho, s.rho, 1e-12);
      close(r.p, s.p, 1e-9);
      if (s.S !== undefined) close(r.s, s.S, 1e-9);
    });
  });
  it('hand: 1..5 vs 2,1,4,3,5 gives rho = 1 − 6·4/(5·24) = 0.8', () => {
    close(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]).rho, 0.8, 1e-12);
  });
});
