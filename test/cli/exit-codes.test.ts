import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, SIGNAL_EXIT } from '../../src/cli/main.js';
import { ROOT } from '../helpers.js';
import { servqual } from './run.js';

// The exit-code contract of README "Exit codes", one test per code, on the real binary.
const TINY = ['fixtures/tiny.csv', '--instrument', 'fixtures/tiny-instrument.json'];
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'servqual-exit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('exit codes (one place: src/cli/main.ts)', () => {
  it('the table: 0 1 2 70 74 129 130 143', () => {
    expect(EXIT).toEqual({
      ok: 0,
      rulesFailed: 1,
      badInput: 2,
      internal: 70,
      ioError: 74,
      hangup: 129,
      interrupt: 130,
      terminated: 143,
    });
    // 128 + the signal number (signal(7): SIGHUP 1, SIGINT 2, SIGTERM 15)
    expect(SIGNAL_EXIT).toEqual({ SIGHUP: 129, SIGINT: 130, SIGTERM: 143 });
  });

  it('0: a report was written', () => {
    const r = servqual(['analyze', ...TINY, '--bootstrap', '0', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('meta');
  });

  it('1: only for a --fail-on rule that tripped (the report is still written)', () => {
    const r = servqual(['analyze', ...TINY, '--bootstrap', '0', '--fail-on', 'gap < 5']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/servqual · 6 respondents/);
  });

  it('2: bad input or usage, one line each, no stack trace', () => {
    const missing = servqual(['analyze', 'no-such-file.csv']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('no-such-file.csv: cannot read the file: no such file\n');
    const usage = servqual(['analyze', ...TINY, '--bootstrap', 'many']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).not.toMatch(STACK);
  });

  it('70: an error that escapes every handler — short message, the stack only with --debug', () => {
    // An uncaught exception after main (the guards of bin/servqual.js), as from a worker callback.
    const script = (debug: boolean): string =>
      `import { installProcessGuards } from './dist/cli/main.js';
       installProcessGuards(${debug ? "['--debug']" : '[]'});
       setTimeout(() => { throw new RangeError('Invalid typed array length: 9e99'); }, 1);`;
    const run = (debug: boolean) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', script(debug)], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const quiet = run(false);
    expect(quiet.status).toBe(70);
    expect(quiet.stderr).toBe(
      'servqual: internal error: Invalid typed array length: 9e99\n' +
        'This is a bug in servqual; run again with --debug for details and report it.\n',
    );
    const debug = run(true);
    expect(debug.status).toBe(70);
    expect(debug.stderr).toMatch(STACK);
  });

  it('74: stdout that cannot be written (> /dev/full: ENOSPC), no stack trace', (context) => {
    if (!existsSync('/dev/full')) return context.skip('this machine has no /dev/full');
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(
        process.execPath,
        ['bin/servqual.js', 'analyze', ...TINY, '--bootstrap', '0'],
        {
          cwd: ROOT,
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
        },
      );
      expect(r.status).toBe(74);
      expect(r.stderr).toBe('servqual: <stdout>: cannot write: no space left on the device\n');
    } finally {
      closeSync(full);
    }
  });

  it('74: --out that cannot be written (no such folder), nothing left behind', () => {
    const r = servqual(['analyze', ...TINY, '--bootstrap', '0', '--out', join(dir, 'no/r.txt')]);
    expect(r.status).toBe(74);
    expect(r.stderr).toMatch(/r\.txt: cannot write: no such directory\n$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('2: --out naming an input is refused before any work; the input is kept', () => {
    const data = join(dir, 'data.csv');
    writeFileSync(data, readFileSync(join(ROOT, 'fixtures/tiny.csv')));
    const before = readFileSync(data, 'utf8');
    const r = servqual([
      'analyze',
      data,
      '--instrument',
      'fixtures/tiny-instrument.json',
      '--out',
      data,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `servqual: --out ${data}: that is the input ${data}; writing would replace it ` +
        '(choose another file)\n',
    );
    expect(readFileSync(data, 'utf8')).toBe(before);
    const instrument = join(dir, 'instrument.json');
    writeFileSync(instrument, readFileSync(join(ROOT, 'fixtures/tiny-instrument.json')));
    const s = servqual(['simulate', '--instrument', instrument, '--out', instrument]);
    expect(s.status).toBe(2);
    expect(readFileSync(instrument, 'utf8')).toBe(
      readFileSync(join(ROOT, 'fixtures/tiny-instrument.json'), 'utf8'),
    );
  });

  it('2: respondents but no usable rating is an error, not a report of no shortfalls', () => {
    // --lenient turns each non-numeric weight ("R1" … in the id column) into a weight of 0.
    const r = servqual(['analyze', ...TINY, '--bootstrap', '0', '--weight-by', 'id', '--lenient']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(
      'fixtures/tiny.csv: no usable ratings: 6 respondents read, but every performance rating ' +
        'is missing, invalid or weighted 0',
    );
  });

  it('2 stays 2 when stderr is a closed pipe (messages dropped, no crash)', async () => {
    const child = spawn(process.execPath, ['bin/servqual.js', 'analyze', 'x', '--top', '-1'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.destroy(); // closed before servqual writes its first message: EPIPE
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
  });

  it('0: a closed pipe (| head -c 10) ends quietly', () => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" bin/servqual.js simulate --n 200000 | head -c 10 >/dev/null; ` +
          `echo "\${PIPESTATUS[0]}"`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stdout).toBe('0\n');
    expect(r.stderr).toBe('');
  });

  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    const removes = 'removes the half-written --out temporary file';
    it(`${code}: ${signal} ends the run and ${removes}`, async () => {
      const out = join(dir, 'big.csv');
      const child = spawn(
        process.execPath,
        ['bin/servqual.js', 'simulate', '--n', '20000000', '--out', out],
        { cwd: ROOT, stdio: 'ignore' },
      );
      // Wait until the temporary file exists: the guards are installed and the write has begun.
      const started = Date.now();
      while (!readdirSync(dir).some((f) => f.endsWith('.tmp')) && Date.now() - started < 60_000)
        await new Promise((r) => setTimeout(r, 50));
      child.kill(signal as NodeJS.Signals);
      const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(status).toBe(code);
      expect(readdirSync(dir)).toEqual([]);
    }, 90_000);
  }
});
