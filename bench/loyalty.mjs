// What the loyalty analyses (typology, penalty–reward contrast, complaints) cost `servqual
// analyze`: CPU seconds (user + system, the main thread's process) and peak RSS of the same run
// with and without --no-loyalty, on a file from `servqual simulate --loyalty`; median of 3 runs
// each. Usage: npm run build && node bench/loyalty.mjs [respondents, default 50000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const n = Number(process.argv[2] ?? 50000);
const dir = mkdtempSync(join(tmpdir(), 'servqual-loyalty-'));
const file = join(dir, 'loyalty.csv');
const usage = join(dir, 'usage.json');
spawnSync(process.execPath, [
  'bin/servqual.js',
  'simulate',
  '--loyalty',
  '--n',
  String(n),
  '--seed',
  '1',
  '--out',
  file,
]);

function run(extra) {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      './bench/usage.mjs',
      'bin/servqual.js',
      'analyze',
      file,
      '--no-paths',
      '--threads',
      '1',
      '--format',
      'json',
      ...extra,
    ],
    { env: { ...process.env, SERVQUAL_BENCH_USAGE: usage }, maxBuffer: 1 << 30 },
  );
  if (r.status !== 0) throw new Error(String(r.stderr));
  return JSON.parse(readFileSync(usage, 'utf8'));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [
  ['with loyalty', []],
  ['--no-loyalty', ['--no-loyalty']],
].map(([label, extra]) => {
  const runs = [run(extra), run(extra), run(extra)];
  return { label, cpu: median(runs.map((r) => r.cpu)), rss: median(runs.map((r) => r.rss)) };
});
process.stdout.write(
  `servqual analyze on ${n} respondents (simulate --loyalty), --no-paths --threads 1\n`,
);
for (const r of rows) {
  const mib = (r.rss / 1024).toFixed(0);
  process.stdout.write(`  ${r.label.padEnd(13)} ${r.cpu.toFixed(2)} CPU s, peak RSS ${mib} MiB\n`);
}
const ratio = (key) => (rows[0][key] / rows[1][key]).toFixed(2);
process.stdout.write(`  loyalty costs ${ratio('cpu')}× CPU, ${ratio('rss')}× memory\n`);
rmSync(dir, { recursive: true, force: true });
