import { readFile } from 'node:fs/promises';
import { DEFAULT_INSTRUMENT_SOURCE } from '../core/instrument/default-instrument.js';
import { parseInstrument, type ParsedInstrument } from '../core/instrument/parse-instrument.js';
import { jsonErrorOffset } from '../core/text/json-error-offset.js';

/**
 * The instrument to analyse with: the built-in default, or a JSON file (`--instrument FILE`).
 * A file that cannot be read or is not JSON comes back as a problem (with the line and column
 * where the JSON breaks).
 */
export async function loadInstrument(path: string | undefined): Promise<ParsedInstrument> {
  if (path === undefined) return parseInstrument(DEFAULT_INSTRUMENT_SOURCE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e: unknown) {
    const code = (e as { code?: unknown }).code;
    return {
      instrument: null,
      problems: [{ code: 'unreadable-file', severity: 'error', file: path, found: code === 'ENOENT' ? 'no such file' : String(code ?? e) }],
    };
  }
  const body = text.replace(/^\uFEFF/, '');
  const broken = jsonErrorOffset(body);
  if (broken !== null) {
    const before = body.slice(0, broken.offset).split('\n');
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    return { instrument: null, problems: [{ code: 'invalid-json', severity: 'error', file: path, line, column, found: broken.reason }] };
  }
  const raw: unknown = JSON.parse(body);
  return parseInstrument(raw, path);
}

