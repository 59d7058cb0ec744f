import { describe, expect, it } from 'vitest';
import { bootstrapBudget, micomSeconds } from '../../../src/core/pls/bootstrap-budget.js';

describe('bootstrap budget', () => {
  it('adds the rows, the result matrix and each thread’s buffers (hand arithmetic)', () => {
    const shape = {
      n: 1000,
      p: 10,
      bytesPerValue: 1,
      resamples: 100,
      width: 50,
      threads: 2,
      vector: false,
    };
    const budget = bootstrapBudget(shape);
    // rows 1000·10·1 = 10 000; results 100·50·8 = 40 000; per thread 48·1000 (counts: 48 000
    // bytes, within 256 KiB, so the draws' scratch is 4·1000) + 4 000 + 8·(15·55 + 45·100)
    //   = 48 000 + 4 000 + 42 600 = 94 600, two threads 189 200.
    expect(budget.bytes).toBe(239_200);
    // Byte-coded rows, scalar packing: 100 · (1000·55/4·1.4e-9 + 1000·6e-9 + 100·2e-7)
    //   = 100 · (1.925e-5 + 6e-6 + 2e-5) = 4.525e-3 s; on two threads ÷ 1.25 = 3.62e-3 s
    expect(budget.cpuSeconds).toBeCloseTo(4.525e-3, 8);
    expect(budget.seconds).toBeCloseTo(3.62e-3, 8);
    // With the vector sums: 100 · (1000·55·0.09e-9 + 6e-6 + 2e-5) = 100 · 3.095e-5
    //   = 3.095e-3 s
    const vector = bootstrapBudget({ ...shape, vector: true });
    expect(vector.cpuSeconds).toBeCloseTo(3.095e-3, 8);
    // … whose module keeps the 16-bit columns on each thread: 11 columns with the constant,
    // padded to 12, 2·1000·12 = 24 000 bytes a thread.
    expect(vector.bytes).toBe(budget.bytes + 2 * 24_000);
    // With the SRMR test's 50 resamples and PLSpredict (100 resamples' kernel work):
    //   150 · 3.095e-5 + 100 · 4.95e-6 = 4.6425e-3 + 4.95e-4 = 5.1375e-3 s
    const checks = bootstrapBudget({ ...shape, vector: true, srmrResamples: 50, predict: true });
    expect(checks.cpuSeconds).toBeCloseTo(5.1375e-3, 8);
    // Double rows (centred kernel): 100 · ((1 − e⁻¹)·1000·55·1.3e-9 + 6e-6 + 2e-5)
    //   = 100 · (4.51966e-5 + 2.6e-5) = 7.11966e-3 s
    const wide = bootstrapBudget({ ...shape, bytesPerValue: 8, vector: true });
    expect(wide.cpuSeconds).toBeCloseTo(7.11966e-3, 8);
  });
  it('counts the dearer draws and the grouping scratch when the counts leave the caches', () => {
    const shape = {
      n: 2_000_000,
      p: 10,
      bytesPerValue: 1,
      resamples: 10,
      width: 50,
      threads: 1,
      vector: true,
    };
    // Beyond 1 000 000 respondents a draw is taken as 35 ns; the scratch is capped at 2²² places:
    // cpu = 10 · (2e6·55·0.09e-9 + 2e6·3.5e-8 + 100·2e-7) = 10 · (9.9e-3 + 7e-2 + 2e-5)
    //     = 0.79920 s;
    // bytes = 2e6·10 + 10·50·8 + 48·2e6 + 8·2²² + 8·(15·55 + 45·100) + 2·2e6·12 (the vector
    //         module's 16-bit columns, within 64 MiB)
    //       = 20 000 000 + 4 000 + 96 000 000 + 33 554 432 + 42 600 + 48 000 000 = 197 601 032.
    const budget = bootstrapBudget(shape);
    expect(budget.cpuSeconds).toBeCloseTo(0.7992, 8);
    expect(budget.bytes).toBe(197_601_032);
    // Beyond 64 MiB of columns (3 000 000 respondents: 72 000 000 bytes) the module keeps one
    // block's: 3e6·10 + 4 000 + 48·3e6 + 8·2²² + 42 600 = 207 601 032.
    expect(bootstrapBudget({ ...shape, n: 3_000_000 }).bytes).toBe(207_601_032);
  });
  it('grows linearly in respondents with bytes, not with their squared item count', () => {
    const at = (n: number) =>
      bootstrapBudget({
        n,
        p: 42,
        bytesPerValue: 1,
        resamples: 5000,
        width: 300,
        threads: 2,
        vector: true,
      }).bytes;
    // 200 000 more respondents cost 42 bytes of rows, 2·48 bytes of counts and 2·88 bytes of the
    // vector module's 16-bit columns (44 with the constant) each (the draws' scratch is at its
    // cap of 2²² places from 350 000 respondents on; the columns fit 64 MiB up to 762 600).
    expect(at(600_000) - at(400_000)).toBe(200_000 * (42 + 96 + 176));
  });
  it('times MICOM by its kernel: centred, exact with vector sums, exact packed', () => {
    const shape = { n: 200_000, p: 42, permutations: 1000, exact: false, vector: true };
    // t = 42·43/2 = 903; a permutation's fits 2·42²·2e-7 = 7.056e-4 s and its passes over the
    // respondents 200 000·8e-8 = 0.016 s.
    // Centred: 1000 · (200 000·903·1.3e-9 + 0.016 + 7.056e-4) = 1000 · 0.2514856 = 251.4856 s
    // (a measured run: about 4 min).
    expect(micomSeconds(shape)).toBeCloseTo(251.4856, 6);
    // Exact, vector sums: 1000 · (200 000·903·0.09e-9 + 0.016 + 7.056e-4)
    //   = 1000 · 0.0329596 = 32.9596 s (measured ≈ 33 s, with 2 % of the ratings missing)
    expect(micomSeconds({ ...shape, exact: true })).toBeCloseTo(32.9596, 6);
    // Exact, packed: 1000 · (200 000·903/4·1.4e-9 + 0.016 + 7.056e-4) = 79.9156 s
    expect(micomSeconds({ ...shape, exact: true, vector: false })).toBeCloseTo(79.9156, 6);
  });
});
