import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/**
 * True when the run was started with `UPDATE_GOLDENS=1` (the only way a golden file is written).
 */
export const updatingGoldens = (): boolean => process.env['UPDATE_GOLDENS'] === '1';

/**
 * Compares `actual` with the golden file `test/golden/<name>`. Goldens change only on purpose:
 * `UPDATE_GOLDENS=1 npm test` rewrites them, and the diff is reviewed before committing. A
 * missing golden is a failure, never a file written on the fly, so a deleted or misnamed golden
 * cannot make the suite pass by comparing the output with itself.
 */
export function expectGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
  if (updatingGoldens()) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path))
    throw new Error(
      `golden file test/golden/${name} is missing: ` +
        'create it on purpose with UPDATE_GOLDENS=1 npm test and review it',
    );
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
