#!/usr/bin/env node
// bench/plspredict-micom: CPU and wall time of PLSpredict (10 folds × 10 repetitions) and MICOM
// (1 000 permutations) on the ECSI model (n = 250, 24 items), in-process from dist/.
//
//   npm run build && node bench/plspredict-micom.mjs [--runs 3]
//
// Reference (this machine, shared by other jobs): seminr 2.3.1 predict_pls(noFolds = 10, reps = 10,
// cores = 1) took 33–43 s elapsed per run (test/reference/ecsi/ecsi_plspredict_reference.json).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { plsPredict } = await import(`${root}dist/core/pls/predict.js`);
const { createRandom } = await import(`${root}dist/core/random/random-source.js`);
const { createCompactRowsBuilder } = await import(`${root}dist/core/pls/compact-rows.js`);
let micom = null;
try {
  ({ micom } = await import(`${root}dist/core/pls/micom.js`));
} catch {
  // MICOM not built
}
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

const lines = readFileSync(`${root}test/reference/ecsi/ecsi_mobi.csv`, 'utf8')
  .trim()
  .split(/\r?\n/);
const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
const data = lines.slice(1).map((l) => l.split(',').map(Number));
const BLOCKS = {
  IMAG: ['IMAG1', 'IMAG2', 'IMAG3', 'IMAG4', 'IMAG5'],
  EXPE: ['CUEX1', 'CUEX2', 'CUEX3'],
  QUAL: ['PERQ1', 'PERQ2', 'PERQ3', 'PERQ4', 'PERQ5', 'PERQ6', 'PERQ7'],
  VAL: ['PERV1', 'PERV2'],
  SAT: ['CUSA1', 'CUSA2', 'CUSA3'],
  COM: ['CUSCO'],
  LOY: ['CUSL1', 'CUSL2', 'CUSL3'],
};
const constructs = Object.keys(BLOCKS);
const items = constructs.flatMap((c) => BLOCKS[c]);
let offset = 0;
const PATHS = [
  ['IMAG', 'EXPE'],
  ['IMAG', 'SAT'],
  ['IMAG', 'LOY'],
  ['EXPE', 'QUAL'],
  ['EXPE', 'VAL'],
  ['EXPE', 'SAT'],
  ['QUAL', 'VAL'],
  ['QUAL', 'SAT'],
  ['VAL', 'SAT'],
  ['SAT', 'COM'],
  ['SAT', 'LOY'],
  ['COM', 'LOY'],
];
const structure = {
  constructs,
  items,
  blocks: constructs.map((c) => BLOCKS[c].map(() => offset++)),
  paths: PATHS.map(([a, b]) => [constructs.indexOf(a), constructs.indexOf(b)]),
};
const cols = items.map((id) => header.indexOf(id));
const n = data.length;
// PLSpredict and MICOM read compact rows (the integer ratings as byte codes), as `analyze` gives
// them: the whole file, and its two halves as MICOM's groups (ECSI has no missing ratings).
const compactOf = (rows) => {
  const builder = createCompactRowsBuilder(items.length);
  for (const row of rows) builder.add(cols.map((c) => row[c]));
  return builder.finish(new Float64Array(items.length));
};
const compact = compactOf(data);

function time(label, f) {
  for (let r = 0; r < runs; r++) {
    const cpu = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    f(r);
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    process.stdout.write(
      `${label} run ${r + 1}: ${wall.toFixed(3)} s wall, ${cpuSeconds.toFixed(3)} s CPU\n`,
    );
  }
}
time('PLSpredict 10×10', (r) => plsPredict(compact, structure, { random: createRandom(100 + r) }));
if (micom !== null) {
  // Two groups: the first and the second half of the file.
  const groups = [compactOf(data.slice(0, n / 2)), compactOf(data.slice(n / 2))];
  time('MICOM 1000 permutations', (r) =>
    micom(groups, structure, { permutations: 1000, random: createRandom(200 + r) }),
  );
}
