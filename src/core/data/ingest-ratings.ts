import type { Instrument } from '../instrument/types.js';
import { ProblemLog } from '../problem-log.js';
import { mapColumns, type Baseline, type ColumnPlan } from './map-columns.js';
import { createRatingsValidator, type RatingsValidator } from './validate-ratings.js';

export interface IngestOptions {
  readonly file: string;
  readonly lenient: boolean;
  readonly baseline?: Baseline;
}

/** Where validated respondents go (the gap tallies, in this thread or a worker). */
export interface RowSink {
  /** One respondent's ratings in `plan.used` order (NaN = missing; the array is reused afterwards) and the raw record. */
  add(values: Float64Array, record: readonly string[]): void;
  /** Back-pressure: a promise to wait for before more records come, or null. */
  drain?(): Promise<void> | null;
}

export interface IngestResult {
  readonly plan: ColumnPlan;
  readonly log: ProblemLog;
  readonly respondents: number;
  readonly cellsMadeMissing: number;
}

export interface RatingsIngest {
  header(fields: readonly string[], format: { readonly delimiter: string }): void;
  record(fields: readonly string[], endLine: number): void;
  drain(): Promise<void> | null;
  /** The plan and counts; null when no header was seen. */
  finish(): IngestResult | null;
}

/**
 * The streaming half of the pipeline, record by record: map the header to the instrument, validate
 * each record, hand its ratings to the sink that `makeSink` builds for the plan. Pure: the caller
 * feeds records from any source. With `;` or tab as the delimiter, decimal commas (`4,5`) are read
 * as decimals.
 */
export function createRatingsIngest(
  instrument: Instrument,
  options: IngestOptions,
  makeSink: (plan: ColumnPlan) => RowSink,
  log = new ProblemLog(),
): RatingsIngest {
  let state: { plan: ColumnPlan; validator: RatingsValidator; sink: RowSink } | null = null;
  let respondents = 0;
  return {
    header(fields, format) {
      const { plan, problems } = mapColumns(fields, instrument, {
        file: options.file,
        ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
      });
      log.addAll(problems);
      state = {
        plan,
        validator: createRatingsValidator(plan, log, { file: options.file, lenient: options.lenient, decimalComma: format.delimiter !== ',' }),
        sink: makeSink(plan),
      };
    },
    record(fields, endLine) {
      if (state === null) return;
      const values = state.validator.record(fields, endLine);
      if (values !== null) {
        respondents++;
        state.sink.add(values, fields);
      }
    },
    drain() {
      return state?.sink.drain?.() ?? null;
    },
    finish() {
      if (state === null) return null;
      return { plan: state.plan, log, respondents, cellsMadeMissing: state.validator.cellsMadeMissing };
    },
  };
}
