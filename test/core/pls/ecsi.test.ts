import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../../src/core/instrument/parse-instrument.js';
import { fitPls } from '../../../src/core/pls/fit.js';
import { plsModel, type PlsModel } from '../../../src/core/pls/model.js';
import { correlation, createMomentsAccumulator } from '../../../src/core/pls/moments.js';
import { constructScores } from '../../../src/core/pls/scores.js';
import { summarizePls } from '../../../src/core/pls/summarize-pls.js';
import { readFixture } from '../../helpers.js';

/*
 * test/reference/ecsi/ecsi_mobi_reference.json: values computed by seminr 2.3.1 (R 4.2.2) on the
 * ECSI mobile-phone data (seminr::mobi, n = 250), cross-checked with plspm 0.4.9 to 1e-12. The
 * tolerance is the reference README's: 1e-5 (1e-3 for IPMA performance on the 0–100 scale; we hold
 * IPMA importance to 1e-4 as the issue asks).
 */
const shared = (name: string): string =>
  fileURLToPath(new URL(`../../reference/ecsi/${name}`, import.meta.url));
interface RefModel {
  constructs: Record<string, string | string[]>;
  outer_weights: Record<string, number>;
  loadings: Record<string, number>;
  path_coefficients: Array<{ from: string; to: string; estimate: number }>;
  r_squared: Record<string, number>;
  r_squared_adjusted: Record<string, number>;
  cronbach_alpha: Record<string, number>;
  rho_a: Record<string, number>;
  rho_c: Record<string, number>;
  ave: Record<string, number>;
  htmt: Array<{ construct_1: string; construct_2: string; htmt: number }>;
  total_effects: Array<{
    from: string;
    to: string;
    direct: number;
    indirect: number;
    total: number;
  }>;
  construct_scores_first5: Array<Record<string, number>>;
  ipma: {
    target: string;
    constructs: Array<{ construct: string; importance: number | null; performance: number }>;
    target_performance: number;
    rescaled_outer_weights: Record<string, number>;
  };
}
const reference = JSON.parse(readFileSync(shared('ecsi_mobi_reference.json'), 'utf8')) as {
  models: Record<string, RefModel>;
};
const lines = readFileSync(shared('ecsi_mobi.csv'), 'utf8').trim().split(/\r?\n/);
const header = (lines[0] as string).split(',').map((h) => h.replace(/"/g, ''));
const data = lines.slice(1).map((l) => l.split(',').map(Number));

function estimate(instrumentFile: string) {
  const { instrument } = parseInstrument(JSON.parse(readFixture(instrumentFile)));
  const model = plsModel(instrument!).model as PlsModel;
  const p = model.items.length;
  const columns = model.items.map((it) => header.indexOf(it.id));
  const accumulator = createMomentsAccumulator(p, {
    missing: 'mean',
    shift: model.items.map(() => 5.5),
  });
  const rows = new Float64Array(data.length * p);
  data.forEach((row, i) => {
    const x = columns.map((c) => row[c] as number);
    rows.set(x, i * p);
    accumulator.add(x);
  });
  const moments = accumulator.moments();
  const r = correlation(moments.cov, p) as Float64Array;
  const fit = fitPls(r, model)!;
  const sd = model.items.map((_, k) => Math.sqrt(moments.cov[k * p + k] as number));
  const summary = summarizePls(
    fit,
    model,
    {
      n: moments.n,
      missing: 'mean',
      missingShare: new Float64Array(p),
      scheme: 'path',
      means: moments.means,
      sd,
      ipmaTarget: 'LOY',
    },
    null,
  );
  return { model, fit, moments, rows, summary };
}

const close = (actual: number | undefined, expected: number, tol: number, what: string): void => {
  expect(actual, what).toBeDefined();
  expect(
    Math.abs((actual as number) - expected),
    `${what}: ${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(tol);
};

for (const [name, file] of [
  ['ecsi_full', 'ecsi-instrument.json'],
  ['chain', 'ecsi-chain-instrument.json'],
] as const) {
  describe(`PLS on the ECSI data, model "${name}" (seminr 2.3.1 reference)`, () => {
    const ref = reference.models[name] as RefModel;
    const { summary, fit, moments, rows } = estimate(file);
    it('converges at Σ|Δw| < 1e-7', () => {
      expect(summary.converged).toBe(true);
    });
    it('outer weights and loadings', () => {
      for (const l of summary.loadings) {
        close(l.weight, ref.outer_weights[l.item] as number, 1e-5, `weight ${l.item}`);
        close(l.loading, ref.loadings[l.item] as number, 1e-5, `loading ${l.item}`);
      }
      expect(summary.loadings).toHaveLength(Object.keys(ref.loadings).length);
    });
    it('path coefficients, R² and adjusted R²', () => {
      for (const p of ref.path_coefficients) {
        close(
          summary.paths.find((x) => x.from === p.from && x.to === p.to)?.estimate,
          p.estimate,
          1e-5,
          `path ${p.from}->${p.to}`,
        );
      }
      for (const [id, r2] of Object.entries(ref.r_squared))
        close(summary.rSquared[id], r2, 1e-5, `R² ${id}`);
      for (const [id, r2] of Object.entries(ref.r_squared_adjusted))
        close(summary.adjustedRSquared[id], r2, 1e-5, `adj R² ${id}`);
    });
    it('Cronbach α (standardized), ρA, ρC, AVE', () => {
      for (const c of summary.constructs) {
        close(c.alpha, ref.cronbach_alpha[c.id] as number, 1e-5, `alpha ${c.id}`);
        close(c.rhoA, ref.rho_a[c.id] as number, 1e-5, `rhoA ${c.id}`);
        close(c.rhoC, ref.rho_c[c.id] as number, 1e-5, `rhoC ${c.id}`);
        close(c.ave, ref.ave[c.id] as number, 1e-5, `AVE ${c.id}`);
      }
    });
    it('HTMT', () => {
      for (const h of ref.htmt) {
        const row = summary.htmt.find(
          (x) =>
            (x.a === h.construct_1 && x.b === h.construct_2) ||
            (x.a === h.construct_2 && x.b === h.construct_1),
        );
        close(row?.value, h.htmt, 1e-5, `HTMT ${h.construct_1}-${h.construct_2}`);
      }
    });
    it('total effects', () => {
      for (const e of ref.total_effects) {
        close(
          summary.effects.total.find((x) => x.from === e.from && x.to === e.to)?.estimate,
          e.total,
          1e-5,
          `total ${e.from}->${e.to}`,
        );
        if (e.indirect !== 0)
          close(
            summary.effects.indirect.find((x) => x.from === e.from && x.to === e.to)?.estimate,
            e.indirect,
            1e-5,
            `indirect ${e.from}->${e.to}`,
          );
      }
      expect(summary.effects.total).toHaveLength(ref.total_effects.length);
    });
    it('construct scores of the first 5 respondents', () => {
      const scores = constructScores(fit, moments, rows, 5);
      const ids = fit.final.structure.constructs;
      ref.construct_scores_first5.forEach((row, i) => {
        for (const [id, value] of Object.entries(row))
          close(scores[i]?.[ids.indexOf(id)], value, 1e-5, `score ${i} ${id}`);
      });
    });
    it('IPMA with LOY as the target', () => {
      const ipma = summary.ipma!;
      for (const c of ref.ipma.constructs) {
        if (c.construct === ref.ipma.target) continue;
        const row = ipma.constructs.find((x) => x.id === c.construct);
        close(row?.importance, c.importance as number, 1e-4, `IPMA importance ${c.construct}`);
        close(row?.performance, c.performance, 1e-3, `IPMA performance ${c.construct}`);
      }
      close(ipma.targetPerformance, ref.ipma.target_performance, 1e-3, 'IPMA target performance');
    });
  });
}
