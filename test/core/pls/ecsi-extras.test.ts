import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { consistentEstimate } from '../../../src/core/pls/consistent.js';
import { estimatePls } from '../../../src/core/pls/estimate.js';
import { fSquared } from '../../../src/core/pls/f-squared.js';
import { outerVif } from '../../../src/core/pls/outer-vif.js';
import { ecsiCorrelation, ecsiStructure, constructs, items } from './ecsi-data.js';

/*
 * Expected values: test/reference/ecsi/ecsi_extras_reference.json, written by
 * test/reference/ecsi/seminr_extras.R (seminr 2.3.1, R 4.2.2, stopCriterion 1e-12) on the ECSI
 * data.
 */
const file = (name: string): string =>
  fileURLToPath(new URL(`../../reference/ecsi/${name}`, import.meta.url));
interface PathRef {
  from: string;
  to: string;
  estimate: number;
}
const ref = JSON.parse(readFileSync(file('ecsi_extras_reference.json'), 'utf8')) as {
  f_squared: { paths: Array<{ from: string; to: string; f2: number }> };
  mode_b: {
    outer_weights: Record<string, number>;
    loadings: Record<string, number>;
    path_coefficients: PathRef[];
    r_squared: Record<string, number>;
    outer_vif: Record<string, number>;
  };
  plsc: {
    loadings: Record<string, number>;
    path_coefficients: PathRef[];
    r_squared: Record<string, number>;
  };
};

const r = ecsiCorrelation();
const tight = { tolerance: 1e-12, maxIterations: 1000 } as const;
const maxDiff = (pairs: Array<[number, number]>): number =>
  Math.max(...pairs.map(([a, b]) => Math.abs(a - b)));

const byRefit =
  'f² by re-estimating the model without the path (seminr fSquared, Hair et al. 2017)';
describe(byRefit, () => {
  it('matches seminr on all 12 ECSI paths to 1e-8', () => {
    const structure = ecsiStructure();
    const estimate = estimatePls(r, structure, tight)!;
    const f2 = fSquared({ final: { structure, r, estimate }, stage1: null }, tight);
    const diff = maxDiff(ref.f_squared.paths.map((p, k) => [f2[k] as number, p.f2]));
    expect(diff).toBeLessThan(1e-8);
  });
  it(
    'a path that is the target’s only predecessor: f² = R²/(1 − R²) ' +
      '(hand algebra: R²_excluded = 0)',
    () => {
      const structure = ecsiStructure();
      const estimate = estimatePls(r, structure, tight)!;
      const f2 = fSquared({ final: { structure, r, estimate }, stage1: null }, tight);
      const expe = estimate.rSquared[1] as number;
      expect(f2[0]).toBeCloseTo(expe / (1 - expe), 14);
    },
  );
});

const modeB = 'Mode B (formative) constructs: IMAG and QUAL composite(weights = mode_B) in seminr';
describe(modeB, () => {
  const modes = constructs.map((c) => (c === 'IMAG' || c === 'QUAL' ? 'B' : 'A'));
  const structure = ecsiStructure(modes);
  const estimate = estimatePls(r, structure, tight)!;
  it('weights, loadings, paths and R² match seminr to 1e-8', () => {
    expect(estimate.converged).toBe(true);
    const pairs: Array<[number, number]> = [];
    items.forEach((id, k) => {
      pairs.push([estimate.weights[k] as number, ref.mode_b.outer_weights[id] as number]);
      pairs.push([estimate.loadings[k] as number, ref.mode_b.loadings[id] as number]);
    });
    ref.mode_b.path_coefficients.forEach((p, k) =>
      pairs.push([estimate.paths[k] as number, p.estimate]),
    );
    constructs.forEach((c, j) => {
      const r2 = ref.mode_b.r_squared[c];
      if (r2 !== undefined) pairs.push([estimate.rSquared[j] as number, r2]);
    });
    expect(maxDiff(pairs)).toBeLessThan(1e-8);
  });
  it('outer VIF matches seminr vif_items', () => {
    const vif = outerVif(r, structure);
    const pairs = Object.entries(ref.mode_b.outer_vif).map(
      ([id, v]) => [vif[items.indexOf(id)] as number, v] as [number, number],
    );
    expect(pairs.length).toBe(12);
    expect(maxDiff(pairs)).toBeLessThan(1e-10);
  });
  it(
    'law: at convergence, Mode B weights ∝ OLS weights of the inner proxy on the block ' +
      '(R_jj w_j ∝ cov(z_j, Ẑ_j))',
    () => {
      // The Mode B fixed point: R_jj·w_j is proportional to the block's covariances with its inner
      // proxy.
      const p = items.length;
      const m = constructs.length;
      // IMAG: inner proxy = path-weighting sum over EXPE, SAT, LOY (its successors), e_ij = cor
      const j = 0;
      const block = structure.blocks[j] as number[];
      const rw = (k: number, c: number): number =>
        (structure.blocks[c] as number[]).reduce(
          (s, l) => s + (r[k * p + l] as number) * (estimate.weights[l] as number),
          0,
        );
      const succ = [1, 4, 6];
      const corr = (a: number, b: number): number =>
        estimate.constructCorrelation[a * m + b] as number;
      const target = block.map((k) => succ.reduce((s, c) => s + corr(j, c) * rw(k, c), 0));
      const rjjw = block.map((k) =>
        block.reduce((s, l) => s + (r[k * p + l] as number) * (estimate.weights[l] as number), 0),
      );
      const ratio = rjjw.map((v, x) => v / (target[x] as number));
      for (const q of ratio) expect(q).toBeCloseTo(ratio[0] as number, 9);
    },
  );
});

describe('Consistent PLS (PLSc; seminr reflective(), Dijkstra & Henseler 2015)', () => {
  const structure = ecsiStructure();
  const estimate = estimatePls(r, structure, tight)!;
  const plsc = consistentEstimate(r, structure, estimate)!;
  it('loadings, paths and R² match seminr to 1e-8', () => {
    const pairs: Array<[number, number]> = [];
    items.forEach((id, k) =>
      pairs.push([plsc.loadings[k] as number, ref.plsc.loadings[id] as number]),
    );
    ref.plsc.path_coefficients.forEach((p, k) => pairs.push([plsc.paths[k] as number, p.estimate]));
    constructs.forEach((c, j) => {
      const r2 = ref.plsc.r_squared[c];
      if (r2 !== undefined) pairs.push([plsc.rSquared[j] as number, r2]);
    });
    expect(maxDiff(pairs)).toBeLessThan(1e-8);
  });
  it('law: with every reliability 1 (single items), PLSc equals PLS', () => {
    const single = {
      constructs: ['A', 'B', 'C'],
      items: ['a', 'b', 'c'],
      blocks: [[0], [1], [2]],
      paths: [
        [0, 1],
        [1, 2],
        [0, 2],
      ] as Array<[number, number]>,
    };
    const rr = [1, 0.5, 0.3, 0.5, 1, 0.45, 0.3, 0.45, 1];
    const e = estimatePls(rr, single, tight)!;
    const c = consistentEstimate(rr, single, e)!;
    for (let k = 0; k < 3; k++) {
      expect(c.paths[k]).toBeCloseTo(e.paths[k] as number, 14);
      expect(c.loadings[k]).toBeCloseTo(e.loadings[k] as number, 14);
    }
  });
});
