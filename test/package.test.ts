import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/**
 * The README's CI recipe: the package is not on the npm registry, so a CI job installs the packed
 * tarball (or the git repository). This packs the project as `npm pack` does (dist/ is fresh from
 * the global setup; --ignore-scripts so that no second build rewrites dist/ under the other
 * tests), installs the tarball into an empty folder with its dependencies from the registry, and
 * runs the installed binary.
 */
describe('npm pack → npm install → servqual', () => {
  it('installs from the tarball and analyses the bundled sample', { timeout: 300_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'servqual-pack-'));
    try {
      const npm = (args: string[], cwd: string) =>
        spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 240_000 });
      const packed = npm(['pack', '--ignore-scripts', '--pack-destination', dir], ROOT);
      expect(packed.status, packed.stderr).toBe(0);
      const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
      expect(tarball).toMatch(/^servqual-\d+\.\d+\.\d+\.tgz$/);
      const app = join(dir, 'app');
      mkdirSync(app);
      const installed = npm(
        ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tarball as string)],
        app,
      );
      expect(installed.status, installed.stderr).toBe(0);
      const bin = join(app, 'node_modules', '.bin', 'servqual');
      const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
      expect(version.status).toBe(0);
      expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
      const sample = join(app, 'node_modules', 'servqual', 'fixtures', 'sample.csv');
      const run = spawnSync(bin, ['analyze', sample, '--bootstrap', '100', '--format', 'json'], {
        encoding: 'utf8',
        cwd: app,
      });
      expect(run.status, run.stderr).toBe(0);
      const doc = JSON.parse(run.stdout) as { meta: { respondents: number } };
      expect(doc.meta.respondents).toBe(300); // fixtures/sample.csv: 300 data rows (wc -l = 301)
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
