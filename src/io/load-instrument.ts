import { readFile } from 'node:fs/promises';
import { DEFAULT_INSTRUMENT_SOURCE } from '../core/instrument/default-instrument.js';
import { parseInstrument, type ParsedInstrument } from '../core/instrument/parse-instrument.js';

/**
 * The instrument to analyse with: the built-in default, or a JSON file (`--instrument FILE`).
 * A file that cannot be read or is not JSON comes back as a problem with its position.
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
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    const { line, column } = jsonErrorPosition(text, message);
    return { instrument: null, problems: [{ code: 'invalid-json', severity: 'error', file: path, line, column, found: message.split('\n')[0] ?? message }] };
  }
  return parseInstrument(raw, path);
}

/** 1-based line and column of a JSON.parse error, from "position N" or "(line L column C)" in V8's message. */
export function jsonErrorPosition(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc !== null) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  const offset = pos === null ? text.length : Number(pos[1]);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
