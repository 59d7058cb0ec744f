#!/usr/bin/env node
// bench/wide: `servqual map --init` on wide files (issue 15, finding 4: linear in the width).
//
//   npm run build && node bench/wide.mjs [--runs 3] [--widths 10000,20000]
//
// Files (made under bench/data/, 5 respondents each): a plain CSV with columns `col0 … colN` and a
// Qualtrics-style export (three header rows; question texts "Question k - thing" that are similar
// to no attribute label, so every column goes through the label-similarity search). Figures: the
// median over the runs of the child's CPU time (user + system, from its own process.cpuUsage) and
// of its wall time; CPU time is the steadier figure on a shared machine. Linear means the 20 000
// figure is about twice the 10 000 one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('--runs', '3'));
const widths = arg('--widths', '10000,20000').split(',').map(Number);
const dataDir = join(root, 'bench', 'data');
mkdirSync(dataDir, { recursive: true });

function plain(n) {
  const file = join(dataDir, `wide-plain-${n}.csv`);
  if (existsSync(file)) return file;
  const rows = [['id', ...Array.from({ length: n }, (_, i) => `col${i}`)].join(',')];
  for (let r = 0; r < 5; r++)
    rows.push(
      [`R${r}`, ...Array.from({ length: n }, (_, i) => String(1 + ((i + r) % 7)))].join(','),
    );
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

function qualtrics(n) {
  const file = join(dataDir, `wide-qualtrics-${n}.csv`);
  if (existsSync(file)) return file;
  const tags = ['StartDate', 'ResponseId', ...Array.from({ length: n }, (_, i) => `Q${i}`)];
  const texts = [
    'Start Date',
    'Response ID',
    ...Array.from({ length: n }, (_, i) => `Question ${i} - thing`),
  ];
  const ids = ['startDate', '_recordId', ...Array.from({ length: n }, (_, i) => `QID${i}`)].map(
    (id) => `"{""ImportId"":""${id}""}"`,
  );
  const rows = [tags.join(','), texts.join(','), ids.join(',')];
  for (let r = 0; r < 5; r++)
    rows.push(
      [
        '2020-01-01',
        `R_${r}`,
        ...Array.from({ length: n }, (_, i) => String(1 + ((i + r) % 7))),
      ].join(','),
    );
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

const cpuOnExit = [
  'data:text/javascript,',
  'process.on("exit",()=>{',
  'const u=process.cpuUsage();',
  'process.stderr.write("\\ncpu-ms "+((u.user+u.system)/1000).toFixed(0)+"\\n")',
  '})',
].join('');

function measure(file) {
  const cpu = [];
  const wall = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      ['--import', cpuOnExit, 'bin/servqual.js', 'map', '--init', file, '--out', '/dev/null'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    wall.push(performance.now() - t0);
    const m = /cpu-ms (\d+)/.exec(r.stderr);
    if (r.status !== 0 || m === null) throw new Error(`map --init failed: ${r.stderr}`);
    cpu.push(Number(m[1]));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { cpu: median(cpu) / 1000, wall: median(wall) / 1000 };
}

console.log(`map --init, median of ${runs} runs (seconds)`);
console.log('file                      columns   cpu    wall');
for (const n of widths) {
  for (const [name, make] of [
    ['plain CSV', plain],
    ['Qualtrics export', qualtrics],
  ]) {
    const { cpu, wall } = measure(make(n));
    const columns = String(n).padStart(8);
    console.log(
      `${name.padEnd(24)} ${columns} ${cpu.toFixed(2).padStart(6)} ${wall.toFixed(2).padStart(7)}`,
    );
  }
}
