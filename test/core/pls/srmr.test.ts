import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimatePls, type PlsEstimate } from '../../../src/core/pls/estimate.js';
import {
  impliedConstructCorrelation,
  modelFit,
  srmr,
  srmrBootstrapQuantile,
  symmetricPower,
} from '../../../src/core/pls/srmr.js';
import type { PlsStructure } from '../../../src/core/pls/structure.js';
import { createRandom } from '../../../src/core/random/random-source.js';
import { createCompactRowsBuilder } from '../../../src/core/pls/compact-rows.js';
import { ecsiCorrelation, ecsiFile, ecsiStructure } from './ecsi-data.js';

describe('SRMR (hand arithmetic)', () => {
  it('three indicators: √(Σ residual² / 6)', () => {
    // r12 = .5, r13 = .4, r23 = .3; implied .45, .4, .2 → residuals .05, 0, .1;
    // SRMR = √((.0025 + 0 + .01) / 6) = √(0.0125 / 6) = 0.045643546458763846
    const r = [1, 0.5, 0.4, 0.5, 1, 0.3, 0.4, 0.3, 1];
    const s = [1, 0.45, 0.4, 0.45, 1, 0.2, 0.4, 0.2, 1];
    expect(srmr(r, s, 3)).toBeCloseTo(Math.sqrt(0.0125 / 6), 15);
  });
  it('implied construct correlations of a chain A → B → C', () => {
    // b_AB = .5, b_BC = .4, R²_B = .25, R²_C = .16: Φ_AB = .5, Φ_AC = .4·.5 = .2, Φ_BC = .4·1 = .4,
    // Φ_BB = .25 + .75 = 1, Φ_CC = .16 + .84 = 1 (hand algebra of the recursive model).
    const structure: PlsStructure = {
      constructs: ['A', 'B', 'C'],
      items: ['a', 'b', 'c'],
      blocks: [[0], [1], [2]],
      paths: [
        [0, 1],
        [1, 2],
      ],
    };
    const estimate = {
      paths: Float64Array.from([0.5, 0.4]),
      rSquared: Float64Array.from([Number.NaN, 0.25, 0.16]),
      constructCorrelation: Float64Array.from([1, 0.5, 0.3, 0.5, 1, 0.4, 0.3, 0.4, 1]),
    } as unknown as PlsEstimate;
    const phi = impliedConstructCorrelation(structure, estimate);
    const expected = [1, 0.5, 0.2, 0.5, 1, 0.4, 0.2, 0.4, 1];
    expected.forEach((v, i) => expect(phi[i]).toBeCloseTo(v, 14));
  });
  it('law: matrix powers compose, A^{1/2}·A^{1/2} = A and A^{-1/2}·A·A^{-1/2} = I', () => {
    const a = [4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2];
    const h = symmetricPower(a, 3, 0.5)!;
    const g = symmetricPower(a, 3, -0.5)!;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let hh = 0;
        let gag = 0;
        for (let k = 0; k < 3; k++) {
          hh += (h[i * 3 + k] as number) * (h[k * 3 + j] as number);
          for (let l = 0; l < 3; l++)
            gag += (g[i * 3 + k] as number) * (a[k * 3 + l] as number) * (g[l * 3 + j] as number);
        }
        expect(hh).toBeCloseTo(a[i * 3 + j] as number, 12);
        expect(gag).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });
});

const ecsiSrmr =
  'SRMR of the ECSI model (R formula on seminr estimates: test/reference/ecsi/srmr.R)';
describe(ecsiSrmr, () => {
  const ref = JSON.parse(readFileSync(ecsiFile('ecsi_srmr_reference.json'), 'utf8')) as {
    srmr_estimated: number;
    srmr_saturated: number;
  };
  const r = ecsiCorrelation();
  const structure = ecsiStructure();
  const estimate = estimatePls(r, structure, { tolerance: 1e-12, maxIterations: 1000 })!;
  it('estimated and saturated SRMR match to 1e-10', () => {
    const fit = modelFit(r, structure, estimate);
    expect(Math.abs(fit.estimated - ref.srmr_estimated)).toBeLessThan(1e-10);
    expect(Math.abs(fit.saturated - ref.srmr_saturated)).toBeLessThan(1e-10);
  });
  const lines = readFileSync(ecsiFile('ecsi_mobi.csv'), 'utf8').trim().split(/\r?\n/);
  const header = (lines[0] as string).split(',').map((h) => h.replace(/"/g, ''));
  const data = lines.slice(1).map((l) => l.split(',').map(Number));
  const cols = structure.items.map((id) => header.indexOf(id));
  const rows = Float64Array.from(data.flatMap((row) => cols.map((c) => row[c] as number)));
  const builder = createCompactRowsBuilder(structure.items.length);
  for (const row of data) builder.add(cols.map((c) => row[c] as number));
  const compact = builder.finish(new Float64Array(structure.items.length));
  const fit = modelFit(r, structure, estimate);
  const bollenStine =
    'the Bollen–Stine bootstrap is seeded and its quantile lies above the typical resample';
  it(bollenStine, () => {
    const run = () =>
      srmrBootstrapQuantile(compact, r, structure, estimate, fit.sigma, {
        resamples: 60,
        random: createRandom(5),
      });
    const a = run();
    expect(a).not.toBeNull();
    expect(a).toEqual(run());
    // Under the model the resampled SRMR is sampling noise only: well below the observed 0.124.
    expect(a!.quantile).toBeGreaterThan(0);
    expect(a!.quantile).toBeLessThan(fit.estimated);
  });
  it('equals the textbook procedure: rotate the data to Z*, resample rows of Z*, correlate', () => {
    // Reference written out as Bollen & Stine (1992) describe it, forming Z* explicitly; the
    // module instead maps each resample's item covariance (U·S_b·Uᵀ). Same draws, so the
    // quantiles agree up to rounding.
    const n = data.length;
    const p = structure.items.length;
    const transform = product(symmetricPower(r, p, -0.5)!, symmetricPower(fit.sigma, p, 0.5)!, p);
    const mean = Array.from(
      { length: p },
      (_, k) => data.reduce((s, _r, i) => s + rows[i * p + k]!, 0) / n,
    );
    const sd = mean.map((m, k) =>
      Math.sqrt(data.reduce((s, _r, i) => s + (rows[i * p + k]! - m) ** 2, 0) / (n - 1)),
    );
    const z = new Float64Array(n * p);
    for (let i = 0; i < n; i++)
      for (let l = 0; l < p; l++)
        for (let k = 0; k < p; k++)
          z[i * p + l]! += ((rows[i * p + k]! - mean[k]!) / sd[k]!) * transform[k * p + l]!;
    const random = createRandom(9);
    const srmrs: number[] = [];
    for (let b = 0; b < 40; b++) {
      const pick = Array.from({ length: n }, () => random.int(n));
      const rb = correlationOfRows(z, pick, p);
      const eb = estimatePls(rb, structure, { initialWeights: estimate.weights })!;
      srmrs.push(modelFit(rb, structure, eb).estimated);
    }
    srmrs.sort((x, y) => x - y);
    // R's type-7 quantile at 0.95 of 40 sorted values: h = (40 − 1) · 0.95 = 37.05, so
    // x[37] + 0.05 · (x[38] − x[37]) (0-based).
    const expected = srmrs[37]! + 0.05 * (srmrs[38]! - srmrs[37]!);
    const got = srmrBootstrapQuantile(compact, r, structure, estimate, fit.sigma, {
      resamples: 40,
      random: createRandom(9),
    })!;
    expect(Math.abs(got.quantile - expected)).toBeLessThan(1e-12);
  });
});

/** p × p product a·b. */
function product(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++)
      for (let k = 0; k < p; k++) out[i * p + j]! += a[i * p + k]! * b[k * p + j]!;
  return out;
}

/** Pearson correlation matrix of the picked rows (two-pass: means, then centred products). */
function correlationOfRows(z: Float64Array, pick: number[], p: number): Float64Array {
  const mean = new Float64Array(p);
  for (const i of pick) for (let k = 0; k < p; k++) mean[k]! += z[i * p + k]! / pick.length;
  const cov = new Float64Array(p * p);
  for (const i of pick)
    for (let k = 0; k < p; k++)
      for (let l = 0; l < p; l++)
        cov[k * p + l]! += (z[i * p + k]! - mean[k]!) * (z[i * p + l]! - mean[l]!);
  return cov.map(
    (v, at) => v / Math.sqrt(cov[((at / p) | 0) * (p + 1)]! * cov[(at % p) * (p + 1)]!),
  );
}
