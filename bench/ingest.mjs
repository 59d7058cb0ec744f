#!/usr/bin/env node
// bench/ingest: throughput of `servqual analyze --no-paths --format json` beside bare csv-parse
// (array mode) on the same file, in the same run, and peak memory at 50 000 vs 200 000 rows.
//
//   npm run build && node bench/ingest.mjs [--runs 5]
//
// Data: `servqual simulate --seed 1` files of the default instrument (59 rating columns + 3 extra),
// made once under bench/data/. Each figure is the median of the runs, measured as whole-process
// wall time (node start-up included for both), runs interleaved so that machine noise hits both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const dataDir = join(root, 'bench', 'data');
mkdirSync(dataDir, { recursive: true });

function dataFile(n) {
  const file = join(dataDir, `ingest-${n}.csv`);
  if (!existsSync(file)) {
    const r = spawnSync(
      process.execPath,
      ['bin/servqual.js', 'simulate', '--n', String(n), '--seed', '1', '--out', file],
      { cwd: root, stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error('simulate failed');
  }
  return file;
}

function timed(args, env = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return seconds;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rssFile = join(tmpdir(), `servqual-bench-rss-${process.pid}`);
function analyze(file) {
  const seconds = timed(
    [
      '--import',
      './bench/max-rss.mjs',
      'bin/servqual.js',
      'analyze',
      file,
      '--no-paths',
      '--format',
      'json',
    ],
    { SERVQUAL_BENCH_RSS: rssFile },
  );
  const rss = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { seconds, rss };
}

const big = dataFile(200_000);
const small = dataFile(50_000);
const mb = statSync(big).size / 1e6;
const bare = [];
const ours = [];
for (let i = 0; i < runs; i++) {
  bare.push(timed(['bench/bare-csv-parse.mjs', big]));
  ours.push(analyze(big).seconds);
}
const rssSmall = median(Array.from({ length: 3 }, () => analyze(small).rss));
const rssBig = median(Array.from({ length: 3 }, () => analyze(big).rss));

const bareRate = mb / median(bare);
const ourRate = mb / median(ours);
const line = (label, value) => console.log(`${label.padEnd(44)} ${value}`);
console.log(`bench/ingest — node ${process.version}, ${runs} runs each, median`);
line('file (200 000 respondents, 62 columns)', `${mb.toFixed(1)} MB`);
line('bare csv-parse (array mode)', `${bareRate.toFixed(1)} MB/s  (${median(bare).toFixed(2)} s)`);
line(
  'servqual analyze --no-paths --format json',
  `${ourRate.toFixed(1)} MB/s  (${median(ours).toFixed(2)} s)`,
);
line('analyze / bare csv-parse', `${((ourRate / bareRate) * 100).toFixed(1)} %  (goal ≥ 90 %)`);
line('peak RSS, 50 000 rows', `${(rssSmall / 1024).toFixed(1)} MiB`);
line(
  'peak RSS, 200 000 rows',
  `${(rssBig / 1024).toFixed(1)} MiB  (×${(rssBig / rssSmall).toFixed(2)} for 4× the rows)`,
);
