import { createRatingsIngest, type IngestOptions, type IngestResult } from '../core/data/ingest-ratings.js';
import type { Instrument } from '../core/instrument/types.js';
import { ProblemLog } from '../core/problem-log.js';
import { readCsv } from './read-csv.js';

/**
 * Reads a ratings file (path or `-`) through the streaming pipeline: read → map columns →
 * validate → score. All problems, of the file and of its ratings, end up in `log`.
 */
export async function ingestFile(
  source: string,
  instrument: Instrument,
  options: Omit<IngestOptions, 'file'>,
): Promise<{ readonly result: IngestResult | null; readonly log: ProblemLog; readonly file: string; readonly bytes: number }> {
  const file = source === '-' ? '<stdin>' : source;
  const log = new ProblemLog();
  const ingest = createRatingsIngest(instrument, { ...options, file }, log);
  const read = await readCsv(source, ingest, { label: file });
  log.addAll(read.problems);
  const result = ingest.finish();
  if (result !== null && result.accumulator.respondents === 0 && read.problems.length === 0) {
    log.add({ code: 'no-respondents', severity: 'error', file, line: 2 });
  }
  return { result, log, file, bytes: read.bytes };
}
