import { describe, expect, it } from 'vitest';
import { bootstrapPls } from '../../../src/core/pls/bootstrap.js';
import { fitPls } from '../../../src/core/pls/fit.js';
import { correlation, createMomentsAccumulator } from '../../../src/core/pls/moments.js';
import { createRandom } from '../../../src/core/random/random-source.js';
import type * as PoolModule from '../../../src/io/bootstrap-pool.js';
import { estimatePls } from '../../../src/core/pls/estimate.js';
import { ecsiCorrelation, ecsiModel, ecsiStructure, ecsiValues } from './ecsi-data.js';

const data = ecsiValues();
const model = ecsiModel;
const p = model.items.length;

/** The double layout of `CompactRows` around plain rows. */
const wide = (rows: Float64Array) => ({
  n: rows.length / p,
  p,
  codes: null,
  decode: null,
  values: rows,
});

function fitWith(transform: (item: number, x: number) => number) {
  const accumulator = createMomentsAccumulator(p, { missing: 'mean' });
  const rows = new Float64Array(data.length * p);
  data.forEach((row, i) => {
    const x = row.map((v, k) => transform(k, v));
    rows.set(x, i * p);
    accumulator.add(x);
  });
  const r = correlation(accumulator.moments().cov, p) as Float64Array;
  return { fit: fitPls(r, model)!, rows };
}

describe('PLS laws', () => {
  it('rescaling or shifting an item leaves every path, weight and loading unchanged', () => {
    const base = fitWith((_, x) => x).fit.final.estimate;
    // PERQ1 (item 5) × 2.5 + 3, CUSL2 shifted by −7, IMAG1 × 0.1 (a change of units)
    const moved = fitWith((k, x) =>
      k === 8 ? 2.5 * x + 3 : k === 22 ? x - 7 : k === 0 ? 0.1 * x : x,
    ).fit.final.estimate;
    for (let i = 0; i < base.paths.length; i++)
      expect(Math.abs((moved.paths[i] as number) - (base.paths[i] as number))).toBeLessThan(1e-12);
    for (let k = 0; k < p; k++) {
      expect(Math.abs((moved.weights[k] as number) - (base.weights[k] as number))).toBeLessThan(
        1e-12,
      );
      expect(Math.abs((moved.loadings[k] as number) - (base.loadings[k] as number))).toBeLessThan(
        1e-12,
      );
    }
  });
  it('a resample of all respondents once each is the full-sample estimate', () => {
    const { fit, rows } = fitWith((_, x) => x);
    // A "random source" that returns 0, 1, 2, … draws every respondent exactly once.
    let next = 0;
    const int = (): number => next++ % data.length;
    const identity = {
      next: () => 0,
      int,
      normal: () => 0,
      ints: (_n: number, out: Uint32Array) => out.forEach((_, i) => (out[i] = int())),
    };
    const chunk = bootstrapPls(wide(rows), model, fit, { from: 0, to: 1 }, () => identity);
    const paths = chunk.values.subarray(0, fit.final.structure.paths.length);
    paths.forEach((v, i) =>
      expect(Math.abs(v - (fit.final.estimate.paths[i] as number))).toBeLessThan(1e-7),
    );
  });
  it('the order of the items in R changes no bit of the estimate', () => {
    // The estimate sums each block's items in the block's order; listing the items of R in another
    // order (here the blocks from last to first) takes the general path of the iterations, listing
    // them block by block the direct one: the same sums in the same order, so the same doubles.
    const r = ecsiCorrelation();
    const structure = ecsiStructure();
    const q = structure.items.length;
    const order = [...structure.blocks].reverse().flat(); // new position → old item
    const moved = new Float64Array(q * q);
    order.forEach((a, x) => order.forEach((b, y) => (moved[x * q + y] = r[a * q + b] as number)));
    const position = new Map(order.map((old, x) => [old, x]));
    const reordered = {
      ...structure,
      items: order.map((k) => structure.items[k] as string),
      blocks: structure.blocks.map((b) => b.map((k) => position.get(k) as number)),
    };
    const base = estimatePls(r, structure)!;
    const other = estimatePls(moved, reordered)!;
    expect(Array.from(other.paths)).toEqual(Array.from(base.paths));
    expect(other.iterations).toBe(base.iterations);
    order.forEach((k, x) => {
      expect(other.weights[x]).toBe(base.weights[k]);
      expect(other.loadings[x]).toBe(base.loadings[k]);
    });
    expect(Array.from(other.constructCorrelation)).toEqual(Array.from(base.constructCorrelation));
  });
  const sameSeed =
    'the same seed gives the same bootstrap, bit for bit, on 1 and 2 threads and in any split';
  it(sameSeed, async () => {
    const { fit, rows } = fitWith((_, x) => x);
    const whole = bootstrapPls(wide(rows), model, fit, { from: 0, to: 300 }, (i) =>
      createRandom(7, i),
    );
    // Chunks written straight into the run's matrix (as the threads do), in any order, fill it as
    // one whole run does.
    const direct = new Float64Array(whole.values.length);
    for (const range of [
      { from: 137, to: 300 },
      { from: 0, to: 137 },
    ])
      bootstrapPls(wide(rows), model, fit, range, (i) => createRandom(7, i), {}, undefined, {
        values: direct,
        resamples: 300,
      });
    expect(direct).toEqual(whole.values);
    // Worker threads run compiled code: use the build in dist/ (`npm test` builds first).
    const dist = '../../../dist/io/bootstrap-pool.js';
    const { runBootstrap } = (await import(dist)) as typeof PoolModule;
    const run = (threads: number) =>
      runBootstrap(wide(rows), model, fit, {
        resamples: 300,
        seed: 7,
        threads,
        options: {},
        workThreshold: 0,
      });
    const [one, two] = await Promise.all([run(1), run(2)]);
    expect(two.threads).toBe(2);
    expect(two.values).toEqual(one.values);
    expect(one.values).toEqual(whole.values);
    expect(Number.isNaN(one.values[0])).toBe(false);
  });
});
