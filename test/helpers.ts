import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRatingsIngest } from '../src/core/data/ingest-ratings.js';
import type { Baseline } from '../src/core/data/map-columns.js';
import { parseInstrument } from '../src/core/instrument/parse-instrument.js';
import type { Instrument } from '../src/core/instrument/types.js';
import { DEFAULT_INSTRUMENT_SOURCE } from '../src/core/instrument/default-instrument.js';
import { buildReport } from '../src/core/report/build-report.js';
import { createGapAccumulator, type GapAccumulator } from '../src/core/gaps/tally-gaps.js';
import type { RankBy, Report } from '../src/core/report/types.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
export const readFixture = (name: string): string => readFileSync(fixture(name), 'utf8');

export function instrumentFrom(raw: unknown): Instrument {
  const { instrument, problems } = parseInstrument(raw);
  if (instrument === null) throw new Error(`test instrument invalid: ${JSON.stringify(problems)}`);
  return instrument;
}

export const tinyInstrument = (): Instrument =>
  instrumentFrom(JSON.parse(readFixture('tiny-instrument.json')));
export const defaultInstrument = (): Instrument => instrumentFrom(DEFAULT_INSTRUMENT_SOURCE);

/** Splits simple CSV text (no quoted fields) into records with their line numbers. */
export function simpleRecords(text: string): Array<{ fields: string[]; line: number }> {
  return text
    .split('\n')
    .map((l, i) => ({ fields: l.replace(/\r$/, '').split(','), line: i + 1 }))
    .filter((r) => r.fields.join('') !== '');
}

/** Runs the core pipeline (map → validate → score → report) on simple CSV text. */
export function analyzeRecords(
  records: ReadonlyArray<{ fields: readonly string[]; line: number }>,
  instrument: Instrument,
  options: {
    baseline?: Baseline;
    lenient?: boolean;
    crosshair?: 'mean' | 'midpoint';
    rankBy?: RankBy;
    weightBy?: string;
  } = {},
): Report {
  let accumulator: GapAccumulator | null = null;
  const ingest = createRatingsIngest(
    instrument,
    {
      file: 'test.csv',
      lenient: options.lenient ?? false,
      ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
      ...(options.weightBy === undefined ? {} : { weightBy: options.weightBy }),
    },
    (plan) => {
      const created = createGapAccumulator(plan, instrument);
      accumulator = created;
      return {
        add: (values: Float64Array, _record: readonly string[], weight: number) =>
          created.add(values, 0, weight),
      };
    },
  );
  const [head, ...rows] = records;
  if (head === undefined) throw new Error('no header');
  ingest.header(head.fields, { delimiter: ',' });
  for (const r of rows) ingest.record(r.fields, r.line);
  const result = ingest.finish();
  if (result === null || accumulator === null) throw new Error('no result');
  return buildReport(
    instrument,
    result.plan,
    (accumulator as GapAccumulator).tallies(),
    result.log,
    {
      file: 'test.csv',
      version: 'test',
      crosshair: options.crosshair ?? 'mean',
      rankBy: options.rankBy ?? 'priority',
      lenientCells: result.cellsMadeMissing,
    },
  );
}
