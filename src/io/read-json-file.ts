import { readFile, stat } from 'node:fs/promises';
import { LIMITS } from '../core/limits.js';
import type { Problem } from '../core/problems.js';
import { jsonErrorOffset } from '../core/text/json-error-offset.js';
import { unreadableFile } from './read-csv.js';

/**
 * Reads a JSON file (UTF-8, BOM allowed). A file that cannot be read, or is not JSON, comes back
 * as a problem — for broken JSON with the line and column where it breaks.
 */
export async function readJsonFile(
  path: string,
): Promise<{ readonly value: unknown } | { readonly problem: Problem }> {
  let text: string;
  try {
    const size = (await stat(path)).size;
    if (size > LIMITS.jsonBytes)
      return {
        problem: {
          code: 'input-too-large',
          severity: 'error',
          file: path,
          found: `${size} bytes`,
          expected: `at most ${LIMITS.jsonBytes / (1 << 20)} MiB`,
        },
      };
    text = await readFile(path, 'utf8');
  } catch (e: unknown) {
    return { problem: unreadableFile(path, e) };
  }
  const body = text.replace(/^\uFEFF/, '');
  const broken = jsonErrorOffset(body);
  if (broken !== null) {
    const before = body.slice(0, broken.offset).split('\n');
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    return {
      problem: {
        code: 'invalid-json',
        severity: 'error',
        file: path,
        line,
        column,
        found: broken.reason,
      },
    };
  }
  return { value: JSON.parse(body) as unknown };
}
