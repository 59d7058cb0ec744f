import { DEFAULT_INSTRUMENT_SOURCE } from '../core/instrument/default-instrument.js';
import { parseInstrument, type ParsedInstrument } from '../core/instrument/parse-instrument.js';
import { readJsonFile } from './read-json-file.js';

/**
 * The instrument to analyse with: the built-in default, or a JSON file (`--instrument FILE`).
 * A file that cannot be read or is not JSON comes back as a problem (with the line and column
 * where the JSON breaks).
 */
export async function loadInstrument(path: string | undefined): Promise<ParsedInstrument> {
  if (path === undefined) return parseInstrument(DEFAULT_INSTRUMENT_SOURCE);
  const read = await readJsonFile(path);
  if ('problem' in read) return { instrument: null, problems: [read.problem] };
  return parseInstrument(read.value, path);
}
