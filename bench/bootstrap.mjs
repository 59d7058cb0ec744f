#!/usr/bin/env node
// bench/bootstrap: whole `servqual analyze` wall time for the ECSI 12-path model on the bundled ECSI
// reference data (n = 250, 24 items) with 5000 bootstrap resamples, and peak memory of a
// 200 000-respondent path-model run without bootstrap (sufficient statistics only).
//
//   npm run build && node bench/bootstrap.mjs [--runs 5]
//
// Goal: ≤ 1 s on this 2-core machine. References measured on this machine by the author:
// seminr 79.8 s (2 cores), plspm 117.6 s.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const ecsi = join(root, 'test', 'reference', 'ecsi', 'ecsi_mobi.csv');
const rssFile = join(tmpdir(), `servqual-bench-rss-${process.pid}`);

function timed(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['--import', './bench/max-rss.mjs', 'bin/servqual.js', ...args],
    {
      cwd: root,
      env: { ...process.env, SERVQUAL_BENCH_RSS: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`servqual ${args.join(' ')} failed: ${r.stderr}`);
  const rss = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { seconds, rss };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (label, value) => console.log(`${label.padEnd(52)} ${value}`);

const args = [
  'analyze',
  ecsi,
  '--instrument',
  'fixtures/ecsi-instrument.json',
  '--format',
  'json',
  '--bootstrap',
  '5000',
];
const wall = Array.from({ length: runs }, () => timed(args).seconds);
const one = Array.from({ length: runs }, () => timed([...args, '--threads', '1']).seconds);
const zero = Array.from({ length: runs }, () => timed([...args.slice(0, -1), '0']).seconds);

const dataDir = join(root, 'bench', 'data');
mkdirSync(dataDir, { recursive: true });
const big = join(dataDir, 'ingest-200000.csv');
if (!existsSync(big))
  spawnSync(
    process.execPath,
    ['bin/servqual.js', 'simulate', '--n', '200000', '--seed', '1', '--out', big],
    { cwd: root, stdio: 'inherit' },
  );
const small = join(dataDir, 'ingest-50000.csv');
if (!existsSync(small))
  spawnSync(
    process.execPath,
    ['bin/servqual.js', 'simulate', '--n', '50000', '--seed', '1', '--out', small],
    { cwd: root, stdio: 'inherit' },
  );
const paths200 = timed(['analyze', big, '--format', 'json', '--bootstrap', '0']);
const paths50 = timed(['analyze', small, '--format', 'json', '--bootstrap', '0']);
const gaps200 = timed(['analyze', big, '--format', 'json', '--no-paths']);

console.log(
  `bench/bootstrap — node ${process.version}, ${availableParallelism()} cores, median of ${runs} runs`,
);
line(
  'ECSI 12 paths, 5000 resamples (default --threads)',
  `${median(wall).toFixed(2)} s  (goal ≤ 1 s; seminr 79.8 s, plspm 117.6 s)`,
);
line('ECSI 12 paths, 5000 resamples, --threads 1', `${median(one).toFixed(2)} s`);
line('ECSI 12 paths, --bootstrap 0', `${median(zero).toFixed(2)} s`);
line(
  '200 000 respondents, path model, --bootstrap 0',
  `${paths200.seconds.toFixed(2)} s, peak RSS ${(paths200.rss / 1024).toFixed(1)} MiB`,
);
line(
  '50 000 respondents, path model, --bootstrap 0',
  `${paths50.seconds.toFixed(2)} s, peak RSS ${(paths50.rss / 1024).toFixed(1)} MiB`,
);
line(
  '200 000 respondents, --no-paths (the ingest figure)',
  `peak RSS ${(gaps200.rss / 1024).toFixed(1)} MiB`,
);
