import { describe, expect, it } from 'vitest';
import { bootstrapBudget } from '../../../src/core/pls/bootstrap-budget.js';

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
    // rows 1000·10·1 = 10 000; results 100·50·8 = 40 000;
    // per thread 48·1000 + 8·(15·55 + 45·100) = 48 000 + 42 600 = 90 600, two threads 181 200.
    expect(budget.bytes).toBe(231_200);
    // Byte-coded rows, scalar packing: 100 · (1000·55/4·1.4e-9 + 1000·2e-8 + 100·2e-7)
    //   = 100 · (1.925e-5 + 2e-5 + 2e-5) = 5.925e-3 s; on two threads ÷ 1.25 = 4.74e-3 s
    expect(budget.cpuSeconds).toBeCloseTo(5.925e-3, 8);
    expect(budget.seconds).toBeCloseTo(4.74e-3, 8);
    // With the vector sums: 100 · (1000·55·0.09e-9 + 2e-5 + 2e-5) = 100 · 4.495e-5
    //   = 4.495e-3 s
    const vector = bootstrapBudget({ ...shape, vector: true });
    expect(vector.cpuSeconds).toBeCloseTo(4.495e-3, 8);
    expect(vector.bytes).toBe(budget.bytes);
    // With the SRMR test's 50 resamples and PLSpredict: 150 · 4.495e-5 + 90·1000·55·1e-9
    //   = 6.7425e-3 + 4.95e-3 = 1.16925e-2 s
    const checks = bootstrapBudget({ ...shape, vector: true, srmrResamples: 50, predict: true });
    expect(checks.cpuSeconds).toBeCloseTo(1.16925e-2, 8);
    // Double rows (centred kernel): 100 · ((1 − e⁻¹)·1000·55·1.3e-9 + 2e-5 + 2e-5)
    //   = 100 · (4.51966e-5 + 4e-5) = 8.51966e-3 s
    const wide = bootstrapBudget({ ...shape, bytesPerValue: 8, vector: true });
    expect(wide.cpuSeconds).toBeCloseTo(8.51966e-3, 8);
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
    // 200 000 more respondents cost 42 bytes of rows and 2·48 bytes of counts each.
    expect(at(400_000) - at(200_000)).toBe(200_000 * (42 + 96));
  });
});
