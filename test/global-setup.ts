import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Runs once before the suite: a fresh build as `npm run build` makes it (dist/ removed first; `tsc`
 * compiles src/ into dist/, scripts/bundle.mjs bundles it into dist/bundle/, which bin/servqual.js
 * runs), so that tests of the real binary never run an outdated build.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  rmSync(`${root}/dist`, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`tsc build of src/ failed:\n${r.stdout}${r.stderr}`);
  const b = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`bundling dist/ failed:\n${b.stdout}${b.stderr}`);
}
