import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers.js';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real binary (bin/servqual.js, built by the vitest global setup, test/global-setup.ts)
 * in the project root.
 */
export function servqual(
  args: readonly string[],
  options: { input?: string | Buffer; env?: Record<string, string> } = {},
): Run {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', ...options.env };
  const r = spawnSync(process.execPath, ['bin/servqual.js', ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
