import { describe, expect, it } from 'vitest';
import {
  type CompiledEstimate,
  type CompiledSrmr,
  type CompiledStatistics,
  compileEstimate,
} from '../../../src/core/pls/compiled-estimate.js';
import {
  COMPILE_AFTER,
  createEstimateBuffers,
  estimatePls,
  type PlsEstimate,
  type PlsOptions,
  planOf,
} from '../../../src/core/pls/estimate.js';
import { correlation, createMomentsAccumulator } from '../../../src/core/pls/moments.js';
import {
  impliedConstructCorrelation,
  impliedIndicatorCorrelation,
  srmr,
} from '../../../src/core/pls/srmr.js';
import { plsStatistics, statisticsLayout } from '../../../src/core/pls/statistics.js';
import type { PlsStructure } from '../../../src/core/pls/structure.js';
import { createRandom, type RandomSource } from '../../../src/core/random/random-source.js';
import { ecsiStructure, ecsiValues } from './ecsi-data.js';

// The compiled estimate must give the JavaScript estimate's bits: every weight, loading, construct
// correlation, path and R², the iterations and convergence, and failure where it fails. No value
// here is typed in: each case compares the two implementations of the same algorithm
// (compiled-estimate.ts and `iterate` in estimate.ts) on the same input. `toEqual` compares numbers
// with Object.is, so +0 and −0 differ and NaN equals NaN.

let copies = 0;
/**
 * The JavaScript estimate: a structure's first `COMPILE_AFTER` estimates run in JavaScript, so a
 * copy with fresh construct names (a plan of its own) gives it on its first estimate.
 */
function javascriptEstimate(
  structure: PlsStructure,
  r: Float64Array,
  options: PlsOptions,
): PlsEstimate | null {
  copies++;
  const copy = { ...structure, constructs: structure.constructs.map((c) => `${c}#${copies}`) };
  return estimatePls(r, copy, options);
}

/** The compiled estimate of `structure` (failing the test when it does not compile). */
function compiledEstimate(
  structure: PlsStructure,
  r: Float64Array,
  options: PlsOptions,
): PlsEstimate | null {
  const compiled = compileEstimate(planOf(structure));
  expect(compiled).not.toBeNull();
  const out = createEstimateBuffers(structure);
  const status = (compiled as NonNullable<typeof compiled>).run(
    r,
    options.initialWeights,
    options.tolerance ?? 1e-7,
    options.maxIterations ?? 300,
    out,
  );
  if (status < 0) return null;
  return { ...out, iterations: status >> 1, converged: (status & 1) === 1 };
}

const plain = (e: PlsEstimate | null) =>
  e === null
    ? null
    : {
        weights: Array.from(e.weights),
        loadings: Array.from(e.loadings),
        constructCorrelation: Array.from(e.constructCorrelation),
        paths: Array.from(e.paths),
        rSquared: Array.from(e.rSquared),
        iterations: e.iterations,
        converged: e.converged,
      };

function expectSameBits(structure: PlsStructure, r: Float64Array, options: PlsOptions = {}) {
  const js = plain(javascriptEstimate(structure, r, options));
  expect(plain(compiledEstimate(structure, r, options))).toEqual(js);
  return js;
}

/** Covariances of n rows drawn with replacement from `rows` (a bootstrap resample). */
function resampleCovariance(rows: number[][], random: RandomSource): Float64Array {
  const p = (rows[0] as number[]).length;
  const accumulator = createMomentsAccumulator(p, { missing: 'mean' });
  for (let i = 0; i < rows.length; i++) accumulator.add(rows[random.int(rows.length)] as number[]);
  return accumulator.moments().cov;
}

/** Correlations of n rows drawn with replacement from `rows` (a bootstrap resample). */
function resampleCorrelation(rows: number[][], random: RandomSource): Float64Array | null {
  return correlation(resampleCovariance(rows, random), (rows[0] as number[]).length);
}

/** A random structure: m constructs, blocks of 1–5 items in shuffled item order, forward paths. */
function randomStructure(random: RandomSource): PlsStructure {
  const m = 2 + random.int(6);
  const sizes = Array.from({ length: m }, () => 1 + random.int(5));
  const p = sizes.reduce((a, b) => a + b, 0);
  const order = Array.from({ length: p }, (_, k) => k);
  if (random.next() < 0.5)
    for (let k = p - 1; k > 0; k--) {
      const x = random.int(k + 1);
      [order[k], order[x]] = [order[x] as number, order[k] as number];
    }
  const starts = sizes.map((_, j) => sizes.slice(0, j).reduce((a, b) => a + b, 0));
  const blocks = sizes.map((size, j) => order.slice(starts[j], (starts[j] as number) + size));
  const paths: Array<[number, number]> = [];
  for (let to = 1; to < m; to++) {
    paths.push([random.int(to), to]); // every construct after the first has a predecessor
    for (let from = 0; from < to; from++)
      if (random.next() < 0.3 && !paths.some(([f, t]) => f === from && t === to))
        paths.push([from, to]);
  }
  return {
    constructs: sizes.map((_, j) => `C${j}`),
    items: order.map((k) => `i${k}`),
    blocks,
    paths,
  };
}

/** Correlations of n rows from a one-factor model per block, with cross-block factor links. */
function randomCorrelation(structure: PlsStructure, random: RandomSource, n = 60): Float64Array {
  const p = structure.items.length;
  const m = structure.blocks.length;
  const accumulator = createMomentsAccumulator(p, { missing: 'mean' });
  for (let i = 0; i < n; i++) {
    const factors: number[] = [];
    for (let j = 0; j < m; j++)
      factors.push((j > 0 ? 0.6 * (factors[j - 1] as number) : 0) + random.normal());
    const row = new Array<number>(p).fill(0);
    structure.blocks.forEach((items, j) => {
      for (const k of items) row[k] = (factors[j] as number) + 0.8 * random.normal();
    });
    accumulator.add(row);
  }
  return correlation(accumulator.moments().cov, p) as Float64Array;
}

/** A symmetric p × p matrix with a unit diagonal and entries in [−2, 2): no correlation matrix. */
function wildMatrix(p: number, random: RandomSource): Float64Array {
  const r = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = a; b < p; b++) {
      const v = a === b ? 1 : 4 * random.next() - 2;
      r[a * p + b] = v;
      r[b * p + a] = v;
    }
  return r;
}

describe('compiled PLS estimate', () => {
  it('runs in JavaScript for the first estimates of a structure, then compiled', () => {
    expect(COMPILE_AFTER).toBeGreaterThanOrEqual(1);
  });

  it('gives the JavaScript bits on 200 bootstrap resamples of the ECSI data', () => {
    const structure = ecsiStructure();
    const rows = ecsiValues();
    const random = createRandom(16, 0);
    const full = javascriptEstimate(structure, resampleCorrelation(rows, createRandom(1))!, {});
    expect(full).not.toBeNull();
    let compared = 0;
    for (let b = 0; b < 200; b++) {
      const r = resampleCorrelation(rows, random);
      if (r === null) continue;
      // Warm starts from the full-sample weights (the bootstrap's) and cold starts alternate.
      const options = b % 2 === 0 ? { initialWeights: full!.weights } : {};
      expect(expectSameBits(structure, r, options)).not.toBeNull();
      compared++;
    }
    expect(compared).toBeGreaterThan(190);
  });

  it('gives the JavaScript bits on 300 random structures, in and out of item order', () => {
    const random = createRandom(2026, 16);
    const seen = { converged: 0, notConverged: 0, failed: 0 };
    for (let c = 0; c < 300; c++) {
      const structure = randomStructure(random);
      const r = randomCorrelation(structure, random);
      const maxIterations = [300, 1, 2, 0][c % 4] as number;
      const result = expectSameBits(structure, r, { maxIterations });
      if (result === null) seen.failed++;
      else if (result.converged) seen.converged++;
      else seen.notConverged++;
    }
    // Both outcomes of the iterations were exercised: a quarter of the cases may iterate 300
    // times, the rest stop after 0, 1 or 2 (failures come from the cases below).
    expect(seen.converged).toBeGreaterThan(60);
    expect(seen.notConverged).toBeGreaterThan(150);
  });

  it('gives the JavaScript bits where the elimination swaps rows (R no correlation matrix)', () => {
    // |r| up to 2: the inner regressions' C_pp lose diagonal dominance, so partial pivoting swaps
    // rows; many of these fail (a composite without variance), in both implementations alike.
    const random = createRandom(99, 5);
    let estimated = 0;
    for (let c = 0; c < 200; c++) {
      const structure = randomStructure(random);
      const r = wildMatrix(structure.items.length, random);
      if (expectSameBits(structure, r, { maxIterations: 5 }) !== null) estimated++;
    }
    expect(estimated).toBeGreaterThan(20);
  });

  it('draws the line of singularity where the JavaScript does (pivot < 1e-13 of largest)', () => {
    // X1 and X2 (one item each) predict Y; cor(X1, X2) = ρ, so the second pivot is 1 − ρ²:
    // 5·10⁻¹³ (estimable, barely) and 5·10⁻¹⁴ (singular).
    const structure: PlsStructure = {
      constructs: ['X1', 'X2', 'Y'],
      items: ['x1', 'x2', 'y1', 'y2'],
      blocks: [[0], [1], [2, 3]],
      paths: [
        [0, 2],
        [1, 2],
      ],
    };
    const withRho = (rho: number) =>
      Float64Array.from([1, rho, 0.5, 0.4, rho, 1, 0.45, 0.4, 0.5, 0.45, 1, 0.6, 0.4, 0.4, 0.6, 1]);
    expect(expectSameBits(structure, withRho(1 - 2.5e-13))).not.toBeNull();
    expect(expectSameBits(structure, withRho(1 - 2.5e-14))).toBeNull();
  });

  it('fails where the JavaScript fails: a singular regression, an isolated construct', () => {
    // Two one-item constructs with the same item values predict a third: C_pp is singular.
    const twins: PlsStructure = {
      constructs: ['A', 'B', 'Y'],
      items: ['a', 'b', 'y1', 'y2'],
      blocks: [[0], [1], [2, 3]],
      paths: [
        [0, 2],
        [1, 2],
      ],
    };
    const r = Float64Array.from([
      1, 1, 0.5, 0.4, 1, 1, 0.5, 0.4, 0.5, 0.5, 1, 0.6, 0.4, 0.4, 0.6, 1,
    ]);
    expect(expectSameBits(twins, r)).toBeNull();
    // Z has no path: its inner proxy is 0, so its composite has no variance.
    const isolated: PlsStructure = { ...twins, constructs: ['A', 'B', 'Z'], paths: [[0, 1]] };
    const r2 = Float64Array.from([
      1, 0.3, 0.2, 0.2, 0.3, 1, 0.2, 0.2, 0.2, 0.2, 1, 0.6, 0.2, 0.2, 0.6, 1,
    ]);
    expect(expectSameBits(isolated, r2)).toBeNull();
  });

  it('keeps the full-sample estimate of a structure unchanged once it runs compiled', () => {
    // The same structure and matrix through `estimatePls`: the first estimates in JavaScript, the
    // later ones compiled, all equal.
    const structure = randomStructure(createRandom(7));
    const r = randomCorrelation(structure, createRandom(8));
    const runs = Array.from({ length: COMPILE_AFTER + 3 }, () =>
      plain(estimatePls(r, structure, {}, createEstimateBuffers(structure))),
    );
    for (const run of runs) expect(run).toEqual(runs[0]);
  });
});

/**
 * A resample's statistics the JavaScript way (the bootstrap's route for models that do not run
 * compiled): `correlation`, the JavaScript estimate, `plsStatistics` of the single-stage fit.
 */
function javascriptStatistics(
  structure: PlsStructure,
  cov: Float64Array,
  options: PlsOptions,
): number[] | null {
  const r = correlation(cov, structure.items.length);
  const estimate = r === null ? null : javascriptEstimate(structure, r, options);
  if (r === null || estimate === null) return null;
  const fit = { final: { structure, r, estimate }, stage1: null };
  const layout = statisticsLayout(fit);
  const row = plsStatistics(fit, layout, new Float64Array(layout.length));
  return row === null ? null : Array.from(row);
}

/** A resample's SRMR the JavaScript way (the SRMR test's route for a consistent estimate). */
function javascriptSrmr(
  structure: PlsStructure,
  cov: Float64Array,
  options: PlsOptions,
): number | null {
  const r = correlation(cov, structure.items.length);
  const estimate = r === null ? null : javascriptEstimate(structure, r, options);
  if (r === null || estimate === null) return null;
  const phi = impliedConstructCorrelation(structure, estimate);
  return srmr(r, impliedIndicatorCorrelation(r, structure, estimate, phi), structure.items.length);
}

/** The structure's compiled estimate (failing the test when there is none). */
function compiled(structure: PlsStructure): CompiledEstimate {
  const estimate = compileEstimate(planOf(structure));
  expect(estimate).not.toBeNull();
  return estimate as CompiledEstimate;
}

function expectSameSrmr(structure: PlsStructure, cov: Float64Array, options: PlsOptions = {}) {
  const js = javascriptSrmr(structure, cov, options);
  const run = compiled(structure).resampleSrmr();
  expect(run).not.toBeNull();
  const value = (run as CompiledSrmr)(
    cov,
    options.initialWeights,
    options.tolerance ?? 1e-7,
    options.maxIterations ?? 300,
  );
  expect(value).toEqual(js);
  return js;
}

/** The same through the structure's compiled statistics (failing the test when there are none). */
function compiledStatistics(
  structure: PlsStructure,
  cov: Float64Array,
  options: PlsOptions,
): number[] | null {
  const statistics = compiled(structure).resampleStatistics();
  expect(statistics).not.toBeNull();
  const row = (statistics as CompiledStatistics).run(
    cov,
    options.initialWeights,
    options.tolerance ?? 1e-7,
    options.maxIterations ?? 300,
  );
  return row === null ? null : Array.from(row);
}

function expectSameStatistics(
  structure: PlsStructure,
  cov: Float64Array,
  options: PlsOptions = {},
): number[] | null {
  const js = javascriptStatistics(structure, cov, options);
  expect(compiledStatistics(structure, cov, options)).toEqual(js);
  return js;
}

/** `structure` with its constructs relabelled in a random order (paths may then run backwards). */
function shuffledConstructs(structure: PlsStructure, random: RandomSource): PlsStructure {
  const m = structure.constructs.length;
  const to = Array.from({ length: m }, (_, j) => j);
  for (let j = m - 1; j > 0; j--) {
    const x = random.int(j + 1);
    [to[j], to[x]] = [to[x] as number, to[j] as number];
  }
  const blocks = new Array<readonly number[]>(m);
  structure.blocks.forEach((block, j) => (blocks[to[j] as number] = block));
  return {
    ...structure,
    blocks,
    paths: structure.paths.map(([a, b]) => [to[a] as number, to[b] as number] as const),
  };
}

/** A covariance matrix: `r` with item k scaled by s_k (s_k from 0.5 to 3). */
function scaled(r: Float64Array, p: number, random: RandomSource): Float64Array {
  const s = Array.from({ length: p }, () => 0.5 + 2.5 * random.next());
  return r.map((v, x) => v * (s[Math.floor(x / p)] as number) * (s[x % p] as number));
}

// The compiled resample (correlation, estimate, total effects, HTMT; and the SRMR test's
// correlation, estimate, implied correlations, SRMR) against the bootstrap's and the test's
// JavaScript routes on the same covariance matrix: every statistic, bit for bit, and failure where
// it fails. As above, nothing here is typed in.
describe('compiled bootstrap resample', () => {
  it('gives the JavaScript statistics and SRMR on 200 ECSI bootstrap resamples', () => {
    const structure = ecsiStructure();
    const rows = ecsiValues();
    const random = createRandom(17, 0);
    const full = javascriptEstimate(structure, resampleCorrelation(rows, createRandom(1))!, {});
    let compared = 0;
    for (let b = 0; b < 200; b++) {
      const options = b % 2 === 0 ? { initialWeights: full!.weights } : {};
      const cov = resampleCovariance(rows, random);
      if (expectSameStatistics(structure, cov, options) !== null) compared++;
      expectSameSrmr(structure, cov, options);
    }
    expect(compared).toBeGreaterThan(190);
  });

  it('gives the JavaScript statistics and SRMR on 300 random structures, paths both ways', () => {
    const random = createRandom(2026, 17);
    let compared = 0;
    for (let c = 0; c < 300; c++) {
      const drawn = randomStructure(random);
      const structure = c % 2 === 0 ? drawn : shuffledConstructs(drawn, random);
      const p = structure.items.length;
      const cov = scaled(randomCorrelation(structure, random), p, random);
      const maxIterations = [300, 1, 2, 0][c % 4] as number;
      if (expectSameStatistics(structure, cov, { maxIterations }) !== null) compared++;
      expectSameSrmr(structure, cov, { maxIterations });
    }
    expect(compared).toBeGreaterThan(250);
  });

  it('gives the JavaScript statistics where I − B is inverted with row swaps', () => {
    // |r| up to 2 gives path coefficients beyond ±1; with the constructs relabelled, paths run
    // from later constructs to earlier ones, so I − B has entries below its diagonal larger than
    // 1 and the elimination swaps rows.
    const random = createRandom(99, 6);
    let estimated = 0;
    for (let c = 0; c < 300; c++) {
      const structure = shuffledConstructs(randomStructure(random), random);
      const p = structure.items.length;
      const r = wildMatrix(p, random);
      if (expectSameStatistics(structure, scaled(r, p, random), { maxIterations: 5 }) !== null)
        estimated++;
    }
    expect(estimated).toBeGreaterThan(20);
  });

  it('fails where the JavaScript fails: an item without variance, a singular I − B', () => {
    const structure = ecsiStructure();
    const p = structure.items.length;
    const cov = resampleCovariance(ecsiValues(), createRandom(3));
    for (const v of [0, -1e-300, Number.NaN]) {
      const broken = Float64Array.from(cov);
      broken[5 * p + 5] = v;
      expect(expectSameStatistics(structure, broken)).toBeNull();
    }
    // A → B and B → A, each coefficient 1 (one-item constructs, r = 1 between them): I − B is
    // [[1, −1], [−1, 1]], singular, so the total effects do not exist.
    const loop: PlsStructure = {
      constructs: ['A', 'B'],
      items: ['a', 'b'],
      blocks: [[0], [1]],
      paths: [
        [0, 1],
        [1, 0],
      ],
    };
    const ones = Float64Array.from([1, 1, 1, 1]);
    expect(javascriptEstimate(loop, ones, {})).not.toBeNull();
    expect(expectSameStatistics(loop, ones)).toBeNull();
    // Nor has it a causal order, so no implied correlations: the SRMR is left to the JavaScript
    // (which the instrument parser never reaches: it refuses cycles).
    expect(compiled(loop).resampleSrmr()).toBeNull();
    for (const v of [0, Number.NaN]) {
      const broken = Float64Array.from(cov);
      broken[2 * p + 2] = v;
      expect(expectSameSrmr(structure, broken)).toBeNull();
    }
  });
});
