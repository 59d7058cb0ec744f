import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

// The bundle scripts/bundle.mjs makes (dist/bundle/, built by test/global-setup.ts): what loading
// the command costs. commander's child_process (for subcommands that are programs of their own,
// which servqual has none of) is loaded on the first `spawn` only — ≈ 4 ms of every run before —
// and zlib only for a workbook (≈ 3 ms of every CSV analysis before).
describe('the bundle', () => {
  it('loads without node:child_process, and --help still works', () => {
    const script =
      "await import('./dist/bundle/servqual.js');" +
      "console.log(process.moduleLoadList.some((m) => m.includes('child_process')));";
    const loaded = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout.trim()).toBe('false');
    const help = spawnSync(process.execPath, ['bin/servqual.js', '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: servqual');
  });

  it('analyzes a CSV file without loading zlib', () => {
    const args = ['analyze', 'fixtures/tiny.csv', '--instrument', 'fixtures/tiny-instrument.json'];
    const script =
      "const { main } = await import('./dist/bundle/servqual.js');" +
      `const code = await main(${JSON.stringify([...args, '--format', 'json'])});` +
      'const zlib = process.moduleLoadList.some((m) => m.includes("zlib"));' +
      'process.stderr.write("exit " + code + " zlib " + zlib + "\\n");';
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr.trim().split('\n').at(-1)).toBe('exit 0 zlib false');
    expect(JSON.parse(run.stdout).meta).toBeDefined();
  });
});
