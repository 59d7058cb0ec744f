import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers.js';

/** What `writeSav` builds a file from (see fixtures/exports/write-sav.mjs). */
export interface SavSpec {
  readonly variables: Array<Record<string, unknown>>;
  readonly cases: unknown[][];
  readonly compress?: boolean;
  readonly encoding?: string;
  readonly codePage?: number;
  readonly encode?: (s: string) => Buffer;
}

/**
 * The SPSS writer the committed .sav fixtures are built with (fixtures/exports/write-sav.mjs),
 * typed once for every test that makes a .sav file of its own.
 */
export const { writeSav } = (await import(
  pathToFileURL(join(ROOT, 'fixtures/exports/write-sav.mjs')).href
)) as { writeSav(spec: SavSpec): Buffer };
