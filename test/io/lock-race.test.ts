import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/io/file-lock.js';
import { ROOT } from '../helpers.js';

/**
 * A pid no process has (a stale lock's owner, as after `kill -9`): Linux never assigns a pid above
 * PID_MAX_LIMIT = 2^22 (include/linux/threads.h), so 2^22 + 1 cannot be reused mid-test the way a
 * real dead process's pid could on a busy machine.
 */
const DEAD_PID = 4_194_305;

/** Runs `racers` processes over `trials` stale locks; the trials each racer won. */
async function race(dir: string, trials: number, racers: number): Promise<number[][]> {
  const runs = Array.from({ length: racers }, (_, id) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'test/io/lock-racer.mjs'), dir, String(trials), String(racers), String(id)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    return new Promise<number[]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0
          ? resolve(JSON.parse(out) as number[])
          : reject(new Error(`racer ${id}: ${code}`)),
      );
    });
  });
  return Promise.all(runs);
}

describe('acquireLock', () => {
  const takeOver =
    'takes a lock, refuses a second holder while the first lives, takes over once it is gone';
  it(takeOver, () => {
    const dir = mkdtempSync(join(tmpdir(), 'servqual-lock-'));
    const path = join(dir, 'a.csv.lock');
    const first = acquireLock(path);
    expect(first.held).toBe(false);
    expect(acquireLock(path)).toEqual({ held: true, pid: process.pid });
    if (!first.held) first.release();
    expect(existsSync(path)).toBe(false);
    // A chain of two dead links (two takeovers, each holder killed): followed to its end, taken
    // over.
    const dead = DEAD_PID;
    writeFileSync(path, `${dead} t0\n`);
    writeFileSync(`${path}.t0`, `${dead} t1\n`);
    // written by an older servqual: the pid only
    writeFileSync(join(dir, 'b.csv.lock'), `${dead}\n`);
    const taken = acquireLock(path);
    expect(taken.held).toBe(false);
    expect(readFileSync(`${path}.t1`, 'utf8')).toMatch(new RegExp(`^${process.pid} [0-9a-f]+\\n$`));
    expect(acquireLock(path)).toEqual({ held: true, pid: process.pid });
    if (!taken.held) taken.release();
    expect([path, `${path}.t0`, `${path}.t1`].map((p) => existsSync(p))).toEqual([
      false,
      false,
      false,
    ]);
    expect(acquireLock(join(dir, 'b.csv.lock')).held).toBe(false);
  });
  const staleLocks =
    'of 4 processes racing for each of 250 stale locks, exactly one takes it and writes';
  it(staleLocks, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'servqual-lock-race-'));
    const trials = 250;
    const racers = 4;
    const dead = DEAD_PID;
    for (let i = 0; i < trials; i++) {
      // Every third lock is a chain already taken over once (both holders gone).
      writeFileSync(join(dir, `race-${i}.csv.lock`), `${dead} s${i}\n`);
      if (i % 3 === 0) writeFileSync(join(dir, `race-${i}.csv.lock.s${i}`), `${dead} u${i}\n`);
    }
    const won = await race(dir, trials, racers);
    const winners = Array.from(
      { length: trials },
      (_, i) => won.filter((w) => w.includes(i)).length,
    );
    expect(winners.filter((n) => n !== 1)).toEqual([]); // every stale lock: exactly one winner
    const writers = Array.from({ length: trials }, (_, i) =>
      readFileSync(join(dir, `race-${i}.csv`), 'utf8')
        .trim()
        .split('\n'),
    );
    expect(writers.filter((w) => w.length !== 1)).toEqual([]); // every file: exactly one writer
    // Fair enough to be a race: more than one racer won some trials.
    expect(won.filter((w) => w.length > 0).length).toBeGreaterThan(1);
  }, 180_000);
});
