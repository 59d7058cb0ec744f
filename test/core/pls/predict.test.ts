import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCompactRowsBuilder } from '../../../src/core/pls/compact-rows.js';
import { plsPredict, verdictOf } from '../../../src/core/pls/predict.js';
import { createRandom } from '../../../src/core/random/random-source.js';
import { ecsiFile, ecsiStructure } from './ecsi-data.js';

/*
 * seminr 2.3.1 predict_pls(technique = predict_DA, noFolds = 10, reps = 10) on ECSI, five seeds:
 * test/reference/ecsi/plspredict.R → ecsi_plspredict_reference.json. Folds are random, so servqual
 * must agree within Monte-Carlo error: within 4 SDs of seminr's five runs (plus 1 % of the value).
 */
type Metrics = Record<string, number>;
const ref = JSON.parse(readFileSync(ecsiFile('ecsi_plspredict_reference.json'), 'utf8')) as {
  runs: Array<{ pls_rmse: Metrics; pls_mae: Metrics; lm_rmse: Metrics; lm_mae: Metrics }>;
};

describe('PLSpredict on ECSI (10 folds × 10 repetitions) against seminr predict_pls', () => {
  const structure = ecsiStructure();
  const lines = readFileSync(ecsiFile('ecsi_mobi.csv'), 'utf8').trim().split(/\r?\n/);
  const header = (lines[0] as string).split(',').map((h) => h.replace(/"/g, ''));
  const data = lines.slice(1).map((l) => l.split(',').map(Number));
  const cols = structure.items.map((id) => header.indexOf(id));
  const builder = createCompactRowsBuilder(cols.length);
  for (const row of data) builder.add(cols.map((c) => row[c] as number));
  const rows = builder.finish(new Float64Array(cols.length)); // no missing values to replace
  const result = plsPredict(rows, structure, { random: createRandom(11) })!;
  it('RMSE and MAE of PLS and of the LM benchmark agree within Monte-Carlo error', () => {
    expect(result.items).toHaveLength(19);
    expect(result.failed).toBe(0);
    const check = (got: number, key: keyof (typeof ref.runs)[number], item: string) => {
      const values = ref.runs.map((r) => r[key][item] as number);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
      expect(Math.abs(got - mean), `${key} ${item}: ${got} vs ${mean} ± ${sd}`).toBeLessThan(
        4 * sd + 0.01 * mean,
      );
    };
    for (const it of result.items) {
      check(it.plsRmse, 'pls_rmse', it.item);
      check(it.plsMae, 'pls_mae', it.item);
      check(it.lmRmse, 'lm_rmse', it.item);
      check(it.lmMae, 'lm_mae', it.item);
    }
  });
  it('is fixed by the seed', () => {
    const again = plsPredict(rows, structure, { random: createRandom(11) })!;
    expect(again.items).toEqual(result.items);
  });
  it('the same from byte-coded rows (exact kernel) as from the same values as doubles', () => {
    // Two routes to a fold's training covariances: exact integer sums rounded once, and centred
    // floating-point sums; they agree to rounding (a law: the data are the same numbers).
    const doubles = {
      n: rows.n,
      p: rows.p,
      codes: null,
      decode: null,
      values: Float64Array.from(data.flatMap((row) => cols.map((c) => row[c] as number))),
    };
    const wide = plsPredict(doubles, structure, { random: createRandom(11) })!;
    wide.items.forEach((it, x) => {
      const exact = result.items[x]!;
      for (const key of ['q2predict', 'plsRmse', 'plsMae', 'lmRmse', 'lmMae'] as const)
        expect(Math.abs(it[key] - exact[key]), `${it.item} ${key}`).toBeLessThan(1e-12);
    });
  });
  it('Q²predict is positive for every ECSI indicator (PLS beats the training mean)', () => {
    for (const it of result.items) expect(it.q2predict, it.item).toBeGreaterThan(0);
  });
});

describe('verdictOf (Shmueli et al. 2019)', () => {
  const row = (q2: number, pls: number, lm: number) => ({
    q2predict: q2,
    plsRmse: pls,
    lmRmse: lm,
  });
  it('all, most, few or none of the indicators beat the LM', () => {
    expect(verdictOf([row(0.2, 1, 2), row(0.2, 1, 2)])).toBe('high');
    expect(verdictOf([row(0.2, 1, 2), row(0.2, 1, 2), row(0.2, 3, 2)])).toBe('medium');
    expect(verdictOf([row(0.2, 1, 2), row(0.2, 3, 2), row(0.2, 3, 2)])).toBe('low');
    expect(verdictOf([row(0.2, 3, 2)])).toBe('none');
  });
  it('a Q²predict at or below 0 means no predictive power', () => {
    expect(verdictOf([row(0, 1, 2), row(0.3, 1, 2)])).toBe('none');
  });
});
