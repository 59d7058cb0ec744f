import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../../src/core/instrument/parse-instrument.js';
import { bootstrapPls } from '../../../src/core/pls/bootstrap.js';
import {
  createCompactRowsBuilder,
  valueAt,
  widenRows,
  type CompactRows,
} from '../../../src/core/pls/compact-rows.js';
import { fitPls } from '../../../src/core/pls/fit.js';
import { plsModel, type PlsModel } from '../../../src/core/pls/model.js';
import { correlation, createMomentsAccumulator } from '../../../src/core/pls/moments.js';
import { plsStatistics, statisticsLayout } from '../../../src/core/pls/statistics.js';
import { createResampleMoments } from '../../../src/core/pls/resample-moments.js';
import { createRandom } from '../../../src/core/random/random-source.js';
import type * as PoolModule from '../../../src/io/bootstrap-pool.js';
import { readFixture } from '../../helpers.js';

const ecsi = fileURLToPath(new URL('../../reference/ecsi/ecsi_mobi.csv', import.meta.url));
const lines = readFileSync(ecsi, 'utf8').trim().split(/\r?\n/);
const header = (lines[0] as string).split(',').map((h) => h.replace(/"/g, ''));
const data = lines.slice(1).map((l) => l.split(',').map(Number));
const model = plsModel(parseInstrument(JSON.parse(readFixture('ecsi-instrument.json'))).instrument!)
  .model as PlsModel;
const p = model.items.length;
const n = data.length;

/** ECSI rows (integers 1–10), with every 37th value missing (mean-replaced), in both layouts. */
function layouts(): { bytes: CompactRows; doubles: CompactRows; r: Float64Array } {
  const accumulator = createMomentsAccumulator(p, { missing: 'mean' });
  const builder = createCompactRowsBuilder(p);
  const raw: number[][] = [];
  data.forEach((row, i) => {
    const x = model.items.map((it, k) =>
      (i * p + k) % 37 === 0 ? Number.NaN : (row[header.indexOf(it.id)] as number),
    );
    raw.push(x);
    accumulator.add(x);
    builder.add(x);
  });
  const moments = accumulator.moments();
  const bytes = builder.finish(moments.means);
  // The same values with one non-integer cell force the double layout; put it back afterwards.
  const wideBuilder = createCompactRowsBuilder(p);
  raw.forEach((x, i) => wideBuilder.add(i === 3 ? x.map((v, k) => (k === 0 ? v + 0.5 : v)) : x));
  const doubles = wideBuilder.finish(moments.means);
  (doubles.values as Float64Array)[3 * p] = raw[3]?.[0] as number;
  return { bytes, doubles, r: correlation(moments.cov, p) as Float64Array };
}

/**
 * The resample covariances as servqual 0.1 computed them (kept here as the "before" of the
 * one-pass kernel): a table of every respondent's centred products, summed one resample at a time.
 */
function productTableCovariance(rows: Float64Array, counts: Int32Array): Float64Array {
  const centre = new Float64Array(p);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) centre[j] = (centre[j] as number) + (rows[i * p + j] as number) / n;
  const t = (p * (p + 1)) / 2;
  const products = new Float64Array(n * t);
  const centred = rows.map((v, k) => v - (centre[k % p] as number));
  for (let i = 0; i < n; i++) {
    let at = i * t;
    for (let j = 0; j < p; j++)
      for (let k = j; k < p; k++)
        products[at++] = (centred[i * p + j] as number) * (centred[i * p + k] as number);
  }
  const cross = new Float64Array(t);
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const c = counts[i] as number;
    if (c === 0) continue;
    for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) + c * (centred[i * p + j] as number);
    for (let k = 0; k < t; k++)
      cross[k] = (cross[k] as number) + c * (products[i * t + k] as number);
  }
  for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) / n;
  const cov = new Float64Array(p * p);
  let at = 0;
  for (let j = 0; j < p; j++)
    for (let k = j; k < p; k++) {
      const v = ((cross[at++] as number) - n * (mean[j] as number) * (mean[k] as number)) / (n - 1);
      cov[j * p + k] = v;
      cov[k * p + j] = v;
    }
  return cov;
}

describe('compact rows', () => {
  it('keeps Likert values as bytes, missing ones as the item mean, and widens to the same doubles', () => {
    const builder = createCompactRowsBuilder(2);
    builder.add([1, 7]);
    builder.add([Number.NaN, 0]);
    builder.add([254, 3]);
    const rows = builder.finish([2.5, 3.25]);
    expect(rows.codes).not.toBeNull();
    expect(rows.codes?.length).toBe(6); // one byte a value
    expect(Array.from(widenRows(rows))).toEqual([1, 7, 2.5, 0, 254, 3]);
    expect(valueAt(rows, 1, 0)).toBe(2.5);
  });
  it('switches to doubles for a value that does not fit a byte code', () => {
    for (const odd of [255, -1, 2.5]) {
      const builder = createCompactRowsBuilder(2);
      builder.add([1, Number.NaN]);
      builder.add([odd, 4]);
      const rows = builder.finish([0, 9]);
      expect(rows.codes).toBeNull();
      expect(Array.from(widenRows(rows))).toEqual([1, 9, odd, 4]);
    }
  });
});

describe('resample moments', () => {
  const { bytes, doubles } = layouts();
  it('equal, bit for bit, the product-table covariances of servqual 0.1, in any batch and layout', () => {
    const wide = widenRows(bytes);
    expect(widenRows(doubles)).toEqual(wide);
    for (const batch of [1, 3, 4, 7]) {
      const counts = new Int32Array(n * batch);
      const singles: Int32Array[] = [];
      for (let b = 0; b < batch; b++) {
        const random = createRandom(11, 100 * batch + b);
        const c = new Int32Array(n);
        for (let d = 0; d < n; d++) {
          const i = random.int(n);
          c[i] = (c[i] as number) + 1;
        }
        singles.push(c);
        for (let i = 0; i < n; i++) counts[i * batch + b] = c[i] as number;
      }
      for (const rows of [bytes, doubles]) {
        const out = Array.from({ length: batch }, () => new Float64Array(p * p));
        createResampleMoments(rows).covariances(counts, batch, out);
        for (let b = 0; b < batch; b++)
          expect(out[b]).toEqual(productTableCovariance(wide, singles[b] as Int32Array));
      }
    }
  });
  it('a resample drawing everyone once has the full-sample covariances (to rounding)', () => {
    const accumulator = createMomentsAccumulator(p, { missing: 'mean' });
    const wide = widenRows(bytes);
    for (let i = 0; i < n; i++) accumulator.add(wide.subarray(i * p, (i + 1) * p));
    const cov = accumulator.moments().cov;
    const out = [new Float64Array(p * p)];
    createResampleMoments(bytes).covariances(new Int32Array(n).fill(1), 1, out);
    for (let k = 0; k < p * p; k++)
      expect(Math.abs((out[0]?.[k] as number) - (cov[k] as number))).toBeLessThan(1e-12);
  });
});

describe('bootstrap on compact rows', () => {
  const { bytes, doubles, r } = layouts();
  const fit = fitPls(r, model)!;
  it('gives the same statistics from bytes and doubles, and resample 0 matches a direct fit', () => {
    const stream = (i: number) => createRandom(5, i);
    const a = bootstrapPls(bytes, model, fit, { from: 0, to: 9 }, stream);
    const b = bootstrapPls(doubles, model, fit, { from: 0, to: 9 }, stream);
    expect(a.values).toEqual(b.values);
    // Resample 0 by hand: its draws, the servqual 0.1 covariance, a fit from the same warm start.
    const random = createRandom(5, 0);
    const counts = new Int32Array(n);
    for (let d = 0; d < n; d++) {
      const i = random.int(n);
      counts[i] = (counts[i] as number) + 1;
    }
    const r0 = correlation(productTableCovariance(widenRows(bytes), counts), p) as Float64Array;
    const direct = fitPls(r0, model, { initialWeights: fit.final.estimate.weights })!;
    const layout = statisticsLayout(fit);
    expect(a.values.subarray(0, layout.length)).toEqual(plsStatistics(direct, layout));
  });
  it('is bit-identical on 1, 2 and 4 threads (workers share the rows)', async () => {
    // Worker threads run compiled code: use the build in dist/ (`npm test` builds first).
    const dist = '../../../dist/io/bootstrap-pool.js';
    const { runBootstrap } = (await import(dist)) as typeof PoolModule;
    const run = (threads: number) =>
      runBootstrap(bytes, model, fit, {
        resamples: 203,
        seed: 3,
        threads,
        options: {},
        workThreshold: 0,
      });
    const one = await run(1);
    const two = await run(2);
    const four = await run(4);
    expect(four.threads).toBe(4);
    expect(two.values).toEqual(one.values);
    expect(four.values).toEqual(one.values);
    expect(four.failed).toBe(one.failed);
    const direct = bootstrapPls(bytes, model, fit, { from: 0, to: 203 }, (i) => createRandom(3, i));
    expect(one.values).toEqual(direct.values);
  });
});
