// One racer of test/io/lock-race.test.ts: for trial i = 0 … n−1, wait until every racer has
// arrived at trial i (a file barrier, so the racers start each takeover within microseconds of each
// other), then try to take the stale lock of race-i.csv; on success write one line to race-i.csv.
// Holds every lock it wins until all racers are done. Prints the trials it won as JSON.
// Usage: node lock-racer.mjs DIR TRIALS RACERS ID [naive]
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock } from '../../dist/io/file-lock.js';

const [dir, trialsText, racersText, id, mode] = process.argv.slice(2);
const trials = Number(trialsText);
const racers = Number(racersText);

const barrier = (name) => {
  writeFileSync(join(dir, `${name}-${id}`), '');
  for (;;) {
    let all = true;
    for (let r = 0; r < racers && all; r++) all = existsSync(join(dir, `${name}-${r}`));
    if (all) return;
  }
};

/** The scheme servqual used before: read the pid, delete a stale lock, create with O_EXCL. */
const naive = (path) => {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return { held: false };
    } catch {
      const pid = Number(readFileSync(path, 'utf8').split(' ')[0]);
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {}
      if (alive) return { held: true, pid };
      rmSync(path, { force: true });
    }
  }
  return { held: true, pid: 0 };
};

const won = [];
for (let i = 0; i < trials; i++) {
  barrier(`arrive-${i}`);
  const file = join(dir, `race-${i}.csv`);
  let got;
  try {
    got = mode === 'naive' ? naive(`${file}.lock`) : acquireLock(`${file}.lock`);
  } catch {
    got = { held: true, pid: -1 };
  }
  if (!got.held) {
    appendFileSync(file, `${id}\n`);
    won.push(i);
  }
}
barrier('done');
process.stdout.write(JSON.stringify(won));
