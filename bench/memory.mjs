#!/usr/bin/env node
// bench/memory: peak resident memory of `servqual analyze` with the path model and the default
// bootstrap (5 000 resamples) at 50 000, 200 000 and 1 000 000 simulated respondents (default
// instrument: 42 items, second-order SQ/RQ), data made with `servqual simulate` into bench/data/.
//
//   npm run build && node bench/memory.mjs [--seconds 25] [--max 300] [--sizes
// 50000,200000,1000000]
//                                          [--bin path/to/servqual.js] [--args "--threads 1"]
//
// A default bootstrap of 200 000 respondents runs for minutes, so each run is watched for
// --seconds after the bootstrap has started (every buffer is allocated before the first resample:
// the compact rows, the shared result matrix, each thread's counts) and then stopped; the figure is
// the process's high-water mark (VmHWM, all threads) read from /proc. Runs that finish sooner are
// measured to the end. Linux only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const seconds = Number(arg('--seconds', 25));
const maxSeconds = Number(arg('--max', 300));
const sizes = arg('--sizes', '50000,200000,1000000').split(',').map(Number);
const bin = arg('--bin', 'bin/servqual.js');
const extra = arg('--args', '').split(' ').filter(Boolean);
const dataDir = join(root, 'bench', 'data');
mkdirSync(dataDir, { recursive: true });

const hwm = (pid) => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? 0 : Number(m[1]);
  } catch {
    return 0;
  }
};

async function peak(file) {
  const child = spawn(process.execPath, [bin, 'analyze', file, '--format', 'json', ...extra], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let started = null;
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  let high = 0;
  const start = Date.now();
  const done = new Promise((resolve) => child.on('exit', resolve));
  let finished = false;
  void done.then(() => {
    finished = true;
  });
  while (!finished) {
    high = Math.max(high, hwm(child.pid));
    // servqual announces a long bootstrap just before starting it: watch `seconds` from there.
    if (started === null && /bootstrap/.test(stderr)) started = Date.now();
    // Without a notice (a build that prints none), stop `--max` seconds after the start.
    if (
      (started !== null && Date.now() - started > seconds * 1000) ||
      Date.now() - start > maxSeconds * 1000
    ) {
      child.kill();
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await done;
  return {
    kib: high,
    stopped: !finished || child.exitCode === null,
    seconds: (Date.now() - start) / 1000,
    stderr,
  };
}

console.log(`bench/memory — node ${process.version}; analyze, default instrument and bootstrap`);
for (const n of sizes) {
  const file = join(dataDir, `ingest-${n}.csv`);
  if (!existsSync(file))
    spawnSync(process.execPath, [bin, 'simulate', '--n', String(n), '--seed', '1', '--out', file], {
      cwd: root,
      stdio: 'inherit',
    });
  const r = await peak(file);
  const mib = (r.kib / 1024).toFixed(0).padStart(5);
  const perRespondent = ((r.kib * 1024) / n).toFixed(0);
  const seconds = `${r.stopped ? 'stopped after' : 'finished in'} ${r.seconds.toFixed(0)} s`;
  console.log(
    `${String(n).padStart(9)} respondents  peak RSS ${mib} MiB  ` +
      `(${perRespondent} bytes a respondent; ${seconds})  goal ≤ 300 MiB at 200 000`,
  );
}
