#!/usr/bin/env node
// bench/kernel: the resample cross-product kernels alone, in one process, on the same rows:
// the exact kernel (integer ratings; exact-resample-moments.ts) with WebAssembly's 16-bit integer
// vectors (simd-cross-products.ts, the default where the runtime has them) and with its scalar
// packing (four resamples per double, the fallback), against the centred floating-point kernel
// (resample-moments.ts, for data that are not integer ratings), for 5 000 resamples of
//   - the ECSI data (n = 250, 24 items, ratings 1–10, test/reference/ecsi), and
//   - simulated ratings like the consultant run (n = 500, 42 items, 1–7, 2 % missing ratings
//     replaced by the item mean: the exact kernel's sparse missing terms at work).
// Prints CPU seconds (this thread) of each, interleaved over --runs runs (median), and ratios.
//
//   npm run build && node bench/kernel.mjs [--runs 3]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCompactRowsBuilder } from '../dist/core/pls/compact-rows.js';
import { createMomentsAccumulator } from '../dist/core/pls/moments.js';
import {
  createCentredResampleMoments,
  createResampleMoments,
  RESAMPLE_BATCH,
} from '../dist/core/pls/resample-moments.js';
import {
  createExactResampleMoments,
  exactPacking,
} from '../dist/core/pls/exact-resample-moments.js';
import { createRandom } from '../dist/core/random/random-source.js';

const at = process.argv.indexOf('--runs');
const runs = at > 0 ? Number(process.argv[at + 1]) : 3;
const resamples = 5000;

function rowsOf(data) {
  const p = data[0].length;
  const accumulator = createMomentsAccumulator(p, { missing: 'mean' });
  const builder = createCompactRowsBuilder(p);
  for (const x of data) {
    accumulator.add(x);
    builder.add(x);
  }
  return builder.finish(accumulator.moments().means);
}

/** Each batch's counts for `resamples` resamples of n rows (drawn once, outside the timing). */
function drawAll(n) {
  const batch = RESAMPLE_BATCH;
  const all = [];
  for (let first = 0; first < resamples; first += batch) {
    const counts = new Int32Array(n * batch);
    for (let b = 0; b < batch; b++) {
      const random = createRandom(1, first + b);
      for (let d = 0; d < n; d++) counts[random.int(n) * batch + b]++;
    }
    all.push(counts);
  }
  return all;
}

/** CPU seconds of `resamples` resamples' covariances with `kernel` (the kernel alone). */
function time(rows, kernel, all) {
  const out = Array.from({ length: RESAMPLE_BATCH }, () => new Float64Array(rows.p * rows.p));
  const start = process.cpuUsage();
  for (const counts of all) kernel.covariances(counts, RESAMPLE_BATCH, out);
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ecsiFile = fileURLToPath(new URL('../test/reference/ecsi/ecsi_mobi.csv', import.meta.url));
const ecsi = readFileSync(ecsiFile, 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l) => l.split(',').map(Number));
const random = createRandom(99);
const consultant = Array.from({ length: 500 }, () =>
  Array.from({ length: 42 }, () => (random.next() < 0.02 ? Number.NaN : 1 + random.int(7))),
);

console.log(
  `bench/kernel — node ${process.version}, ${resamples} resamples, median of ${runs} runs`,
);
for (const [label, data] of [
  ['ECSI 250 × 24 (1–10)', ecsi],
  ['500 × 42 (1–7, 2 % missing)', consultant],
]) {
  const rows = rowsOf(data);
  const packing = exactPacking(rows);
  const all = drawAll(rows.n);
  const vector = [];
  const scalar = [];
  const centred = [];
  for (let r = 0; r < runs; r++) {
    vector.push(time(rows, createResampleMoments(rows), all));
    scalar.push(time(rows, createExactResampleMoments(rows, packing, { simd: false }), all));
    centred.push(time(rows, createCentredResampleMoments(rows), all));
  }
  const v = median(vector);
  const e = median(scalar);
  const c = median(centred);
  const packed = `${packing.fields} a double, unpacked every ${packing.cap} draws`;
  console.log(
    `${label.padEnd(30)} exact, vectors ${v.toFixed(3)} CPU-s   ` +
      `exact, scalar ${e.toFixed(3)} CPU-s (${packed})   centred ${c.toFixed(3)} CPU-s   ` +
      `vectors ${(e / v).toFixed(1)} × faster than scalar, ${(c / v).toFixed(1)} × than centred`,
  );
}
