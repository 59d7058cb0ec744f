import { describe, expect, it } from 'vitest';
import { logBeta, logGamma } from '../../../src/core/stats/log-gamma.js';
import { normalCdf, normalUpperTail } from '../../../src/core/stats/normal-distribution.js';
import { tCdf, tQuantile, tTwoSidedP } from '../../../src/core/stats/student-t.js';
import { incompleteBeta } from '../../../src/core/stats/incomplete-beta.js';

/** Relative closeness: |a − b| ≤ tol · max(|b|, tiny). */
const rel = (actual: number, expected: number, tol: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tol * Math.max(Math.abs(expected), 1e-300),
  );
};

describe('logGamma', () => {
  it('matches R lgamma() to 1e-13 relative', () => {
    // R 4.2.2: options(digits=17); lgamma(c(0.5, 1.5, 3.7, 9.99, 10, 123.4, 1e5))
    const cases: Array<[number, number]> = [
      [0.5, 0.57236494292470008],
      [1.5, -0.12078223763524518],
      [3.7, 1.4280723266653881],
      [9.99, 12.779315214350193],
      [10, 12.801827480081469],
      [123.4, 469.33609744219063],
      [1e5, 1051287.7089736569],
      // lgamma(c(1e-5, 0.1, 25.5, 1e10))
      [1e-5, 11.512919692895826],
      [0.1, 2.252712651734206],
      [25.5, 56.389167643719929],
      [1e10, 2.2025850928881058e11],
    ];
    for (const [x, expected] of cases) rel(logGamma(x), expected, 1e-13);
    expect(logGamma(2)).toBeCloseTo(0, 14); // Γ(2) = 1! = 1 (hand)
  });
  it('logBeta matches R lbeta()', () => {
    // R: lbeta(1e5, 0.5) = -5.1840965395604135; lbeta(12, 15) = -18.568172732389435
    rel(logBeta(1e5, 0.5), -5.1840965395604135, 1e-13);
    rel(logBeta(12, 15), -18.568172732389435, 1e-13);
  });
});

describe('incompleteBeta', () => {
  it('I_0.5(2, 3) = 11/16', () => {
    // Hand: I_x(2,3) = Σ_{j=2}^{4} C(4,j) x^j (1−x)^{4−j} = (6 + 4 + 1)/16 = 11/16. R: pbeta(0.5,
    // 2, 3) = 0.6875
    rel(incompleteBeta(0.5, 0.5, 2, 3), 0.6875, 1e-14);
  });
});

describe('Student t', () => {
  it('quantiles match R qt() to 1e-12', () => {
    // R: qt(c(.975,.975,.975,.975,.999,.025), c(9,1,2,49,3.5,30)); qt(0.995, 2.5)
    const cases: Array<[number, number, number]> = [
      [0.975, 9, 2.2621571627982049],
      [0.975, 1, 12.706204736174694],
      [0.975, 2, 4.3026527297494619],
      [0.975, 49, 2.0095752371292397],
      [0.999, 3.5, 8.3155676045161133],
      [0.025, 30, -2.0422724563012382],
      [0.995, 2.5, 7.1637281389488026],
    ];
    for (const [p, df, expected] of cases) rel(tQuantile(p, df), expected, 1e-12);
    // Very large df tends to the normal quantile: R qt(0.975, 199999) = 1.9599758460260754 (R's own
    // large-df approximation is good to ~1e-12 there).
    rel(tQuantile(0.975, 199999), 1.9599758460260754, 1e-11);
  });
  it('two-sided p-values match R 2*pt(-|t|, df) to 1e-12 relative, deep in the tail too', () => {
    // R: 2*pt(-abs(c(2.5,-8,0.3,40,1.2)), c(9,3,199999,100,1))
    const cases: Array<[number, number, number]> = [
      [2.5, 9, 0.033861827682985707],
      [-8, 3, 0.0040765775877854666],
      [0.3, 199999, 0.76417746740798398],
      [40, 100, 2.4621076021400736e-63],
      [1.2, 1, 0.44228412324739086],
    ];
    for (const [t, df, expected] of cases) rel(tTwoSidedP(t, df), expected, 1e-12);
    // R: pt(-2.5, 3.5) = 0.037847321904745025
    rel(tCdf(-2.5, 3.5), 0.037847321904745025, 1e-12);
    rel(tCdf(2.5, 3.5), 1 - 0.037847321904745025, 1e-14);
  });
  it('is symmetric and monotone', () => {
    for (const df of [1, 4.5, 30]) {
      expect(tQuantile(0.5, df)).toBe(0);
      rel(tQuantile(0.1, df), -tQuantile(0.9, df), 1e-13);
      rel(tCdf(tQuantile(0.8, df), df), 0.8, 1e-12);
    }
  });
});

describe('normal distribution', () => {
  it('matches R pnorm() in both tails', () => {
    // R: pnorm(c(0, 1.96, 3, 8, 20, -1.5), lower.tail = FALSE)
    const cases: Array<[number, number]> = [
      [0, 0.5],
      [1.96, 0.024997895148220428],
      [3, 0.0013498980316300946],
      [8, 6.2209605742717849e-16],
      [20, 2.7536241186062337e-89],
      [-1.5, 0.93319279873114191],
    ];
    for (const [z, expected] of cases) rel(normalUpperTail(z), expected, 1e-13);
    // R: pnorm(-37.5) = 4.6053530095819552e-308
    rel(normalCdf(-37.5), 4.6053530095819552e-308, 1e-10);
  });
});
