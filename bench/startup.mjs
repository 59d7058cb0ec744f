#!/usr/bin/env node
// bench/startup: how long `servqual --help` takes as a whole process, next to `node` doing nothing
// (the floor), median of --runs (default 21) alternating runs. Wall time on a shared machine is
// noisy; the CPU time (user + system of the child) is the steadier figure.
//
//   npm run build && node bench/startup.mjs [--runs 21] [--bin path/to/servqual.js]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const runs = Number(arg('--runs', 21));
const bin = arg('--bin', 'bin/servqual.js');

/** Wall milliseconds of one child process. */
function once(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return { wall };
}
/** CPU milliseconds (user + system) of one child process, as bash's `time` reports them. */
function cpuOf(args) {
  const r = spawnSync(
    'bash',
    ['-c', `TIMEFORMAT='%U %S'; time ( "${process.execPath}" ${args.join(' ')} >/dev/null 2>&1 )`],
    { cwd: root, encoding: 'utf8' },
  );
  const [user, system] = r.stderr.trim().split(/\s+/).map(Number);
  return (user + system) * 1000;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = { help: { wall: [], cpu: [] }, node: { wall: [], cpu: [] } };
for (let i = 0; i < runs; i++) {
  rows.help.wall.push(once([bin, '--help']).wall);
  rows.node.wall.push(once(['-e', '0']).wall);
  rows.help.cpu.push(cpuOf([bin, '--help']));
  rows.node.cpu.push(cpuOf(['-e', '0']));
}
console.log(`bench/startup — node ${process.version}, median of ${runs} runs`);
const times = (r) => `${median(r.wall).toFixed(0)} ms wall, ${median(r.cpu).toFixed(0)} ms CPU`;
console.log(`servqual --help   ${times(rows.help)}  (goal ≤ 100 ms)`);
console.log(`node -e 0         ${times(rows.node)}  (the floor)`);
