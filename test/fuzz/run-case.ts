import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers.js';
import type { CaseShape, RunResult } from './contract.js';

/**
 * A fuzz case: input files (written to a folder) and the arguments, `{name}` standing for a file.
 */
export interface FuzzCase extends CaseShape {
  readonly files: Readonly<Record<string, Buffer>>;
  readonly args: readonly string[];
  /** The mutations that made the inputs (for the regression record). */
  readonly applied: readonly string[];
}

const ENV = { NO_COLOR: '1', PATH: process.env['PATH'] ?? '' };

/** Writes the case's files into `dir` and returns its arguments with the file names resolved. */
export function materialize(c: FuzzCase, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(c.files)) writeFileSync(join(dir, name), data);
  return c.args.map((a) => a.replace(/\{([^}]+)\}/g, (_, name: string) => join(dir, name)));
}

/**
 * Runs `main` in this process, with stdout and stderr captured (no colour, no terminal). An error
 * that escapes `main` is recorded, not thrown.
 */
export async function runInProcess(args: readonly string[]): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const capture =
    (into: string[]) =>
    (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    };
  const stdout = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation(capture(out) as typeof process.stdout.write);
  const stderr = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation(capture(err) as typeof process.stderr.write);
  let code: number | null = null;
  let escaped: string | undefined;
  try {
    code = await main(args, ENV);
  } catch (e: unknown) {
    escaped = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return {
    code,
    stdout: out.join(''),
    stderr: err.join(''),
    ...(escaped === undefined ? {} : { escaped }),
  };
}

/** Runs the real binary (bin/servqual.js, built from src by `npm run build`) as a process. */
export function runSpawned(args: readonly string[]): RunResult {
  const r = spawnSync(process.execPath, ['bin/servqual.js', ...args], {
    cwd: ROOT,
    env: ENV,
    input: '',
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
