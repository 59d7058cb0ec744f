import { spawn, spawnSync } from 'node:child_process';
import {
  linkSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  inputNamedByOut,
  OutputError,
  outputTarget,
  writeOutput,
} from '../../src/io/write-output.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'servqual-out-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A character device like /dev/full (major 1, minor 7) made in the temp folder, when allowed
 * (root).
 */
function privateFull(): string | null {
  const path = join(dir, 'full');
  const made = spawnSync('mknod', [path, 'c', '1', '7']);
  return made.status === 0 ? path : null;
}

describe('--out never names an input', () => {
  it('finds the input by its name, a link, a hard link or another spelling', async () => {
    const data = join(dir, 'data.csv');
    writeFileSync(data, 'id\n1\n');
    symlinkSync('data.csv', join(dir, 'link.csv'));
    linkSync(data, join(dir, 'hard.csv'));
    for (const out of [
      data,
      join(dir, 'link.csv'),
      join(dir, 'hard.csv'),
      join(dir, '.', 'data.csv'),
    ])
      expect(await inputNamedByOut(out, ['-', undefined, data])).toBe(data);
  });
  it('other files, files to be made, stdout and devices are not inputs', async () => {
    const data = join(dir, 'data.csv');
    writeFileSync(data, 'id\n1\n');
    writeFileSync(join(dir, 'report.txt'), 'old');
    expect(await inputNamedByOut(join(dir, 'report.txt'), [data])).toBeNull();
    expect(await inputNamedByOut(join(dir, 'new.txt'), [data])).toBeNull();
    expect(await inputNamedByOut(undefined, [data])).toBeNull();
    expect(await inputNamedByOut('-', [data, '-'])).toBeNull();
    // A terminal can be /dev/stdin and /dev/stdout at once: only regular files count.
    expect(await inputNamedByOut('/dev/null', ['/dev/null'])).toBeNull();
  });
});

describe('--out never clobbers what it writes into', () => {
  const atomic =
    'replaces a regular file atomically, keeps its permissions and leaves no temporary file';
  it(atomic, async () => {
    const file = join(dir, 'report.txt');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    await writeOutput('new report\n', file);
    expect(readFileSync(file, 'utf8')).toBe('new report\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('follows a symbolic link: the target gets the report, the link stays a link', async () => {
    writeFileSync(join(dir, 'real.txt'), 'old');
    symlinkSync('real.txt', join(dir, 'link.txt'));
    await writeOutput('through the link\n', join(dir, 'link.txt'));
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.txt'))).toBe('real.txt');
    expect(readFileSync(join(dir, 'real.txt'), 'utf8')).toBe('through the link\n');
    expect(readdirSync(dir).sort()).toEqual(['link.txt', 'real.txt']);
  });

  it('a dangling link names the file to create; the link stays', async () => {
    symlinkSync('made.txt', join(dir, 'link.txt'));
    await writeOutput('x\n', join(dir, 'link.txt'));
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'made.txt'), 'utf8')).toBe('x\n');
  });

  const intoFifo = 'writes into a FIFO in place (a reader gets the report; the FIFO stays a FIFO)';
  it(intoFifo, async (context) => {
    const fifo = join(dir, 'pipe');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return context.skip('mkfifo is not available');
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => {
      got += d.toString();
    });
    const closed = new Promise((resolve) => reader.on('close', resolve));
    await writeOutput('into the fifo\n', fifo);
    await closed;
    expect(got).toBe('into the fifo\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  const fullDevice =
    'a device is written in place: a full one fails with OutputError (exit 74) and stays a device';
  it(fullDevice, async (context) => {
    const full = privateFull();
    if (full === null)
      return context.skip('mknod is not allowed (not root): test/cli/exit-codes uses /dev/full');
    await expect(writeOutput('x'.repeat(10_000), full)).rejects.toThrow(
      /full: cannot write: no space left on the device/,
    );
    await expect(writeOutput('x', full)).rejects.toBeInstanceOf(OutputError);
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(['full']);
  });

  it('a link to a device is followed and the device written in place', async (context) => {
    const full = privateFull();
    if (full === null) return context.skip('mknod is not allowed (not root)');
    symlinkSync('full', join(dir, 'to-full'));
    expect(await outputTarget(join(dir, 'to-full'))).toEqual({ kind: 'in-place', path: full });
    await expect(writeOutput('x', join(dir, 'to-full'))).rejects.toBeInstanceOf(OutputError);
    expect(lstatSync(join(dir, 'to-full')).isSymbolicLink()).toBe(true);
  });

  const inPlace =
    '/dev and /proc paths (/dev/stdout) are always written in place, never renamed over';
  it(inPlace, async () => {
    expect(await outputTarget('/dev/stdout')).toEqual({ kind: 'in-place', path: '/dev/stdout' });
    expect(await outputTarget('/dev/null')).toEqual({ kind: 'in-place', path: '/dev/null' });
    await writeOutput('discarded\n', '/dev/null');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a folder that does not exist fails with OutputError and leaves nothing behind', async () => {
    await expect(writeOutput('x', join(dir, 'no', 'such', 'r.txt'))).rejects.toThrow(
      /cannot write: no such directory/,
    );
    await expect(writeOutput('x', dir)).rejects.toThrow(/is a directory/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
