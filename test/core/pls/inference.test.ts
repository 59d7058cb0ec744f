import { describe, expect, it } from 'vitest';
import { inference } from '../../../src/core/pls/bootstrap-inference.js';
import { normalQuantile } from '../../../src/core/stats/normal-distribution.js';
import { quantile } from '../../../src/core/stats/quantile.js';

// A skewed, deterministic "bootstrap distribution": t <- ((1:200 * 37) %% 101)^1.5 / 100 in R.
const samples = Array.from({ length: 200 }, (_, i) => (((i + 1) * 37) % 101) ** 1.5 / 100);
const close = (a: number, b: number, tol = 1e-12): void =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe('bootstrap inference', () => {
  it('percentile interval = R quantile(type = 7); SD (n − 1); seminr p', () => {
    const r = inference(4.1, samples);
    // R: quantile(t, c(.025, .975), type = 7) = 0.051369592902576221, 9.701505037879432081; sd(t) =
    // 3.0365689175566346
    close(r.ci[0], 0.051369592902576221);
    close(r.ci[1], 9.701505037879432081);
    close(r.sd, 3.0365689175566346);
    close(r.t, 4.1 / 3.0365689175566346);
    // seminr: 2·min(mean(t <= 0), mean(t > 0)); one value (i = 101) is 0 → 2 · 1/200
    expect(r.p).toBe(0.01);
    expect(inference(0, [-1, -0.5, 0.5, 1, 2]).p).toBe(0.8); // 2·min(2/5, 3/5) (hand)
  });
  it('BCa interval matches the formula of Efron & Tibshirani (1993, §14.3) evaluated in R', () => {
    // R: z0 <- qnorm(mean(t < 4.1)); L <- c(.61,.75,.92,.55,.83,.71,.99,.68); a <-
    // sum((mean(L)-L)^3)/(6*sum((mean(L)-L)^2)^1.5)
    //    adj <- pnorm(z0 + (z0 + qnorm(c(.025,.975)))/(1 - a*(z0 + qnorm(c(.025,.975)))));
    // quantile(t, adj, type = 7)
    //    → z0 = 0.138304207961404635, a = −0.015051827663732446; 0.087562218260616942,
    // 9.850375627355537844
    const r = inference(4.1, samples, 0, [0.61, 0.75, 0.92, 0.55, 0.83, 0.71, 0.99, 0.68]);
    close(r.ci[0], 0.087562218260616942, 1e-10);
    close(r.ci[1], 9.850375627355537844, 1e-10);
  });
  it('normal quantile matches R qnorm', () => {
    // R: qnorm(c(0.975, 1e-10, 0.3))
    close(normalQuantile(0.975), 1.95996398454005361, 1e-14);
    close(normalQuantile(1e-10), -6.3613409024040557, 1e-13);
    close(normalQuantile(0.3), -0.52440051270804067, 1e-14);
  });
  it('quantile type 7 (hand: quantile(1:4, 0.25) = 1.75)', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([5], 0.9)).toBe(5);
  });
});
