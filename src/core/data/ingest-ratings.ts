import type { Instrument } from '../instrument/types.js';
import { createGapAccumulator, type GapAccumulator } from '../gaps/tally-gaps.js';
import { ProblemLog } from '../problem-log.js';
import { mapColumns, type Baseline, type ColumnPlan } from './map-columns.js';
import { createRatingsValidator, type RatingsValidator } from './validate-ratings.js';

export interface IngestOptions {
  readonly file: string;
  readonly lenient: boolean;
  readonly baseline?: Baseline;
}

export interface IngestResult {
  readonly plan: ColumnPlan;
  readonly accumulator: GapAccumulator;
  readonly log: ProblemLog;
  readonly cellsMadeMissing: number;
}

export interface RatingsIngest {
  header(fields: readonly string[], format: { readonly delimiter: string }): void;
  record(fields: readonly string[], endLine: number): void;
  /** The plan, tallies and problems; null when no header was seen. */
  finish(): IngestResult | null;
}

/**
 * The streaming half of the pipeline, record by record: map the header to the instrument, validate
 * each record, score it into the gap tallies. Pure: the caller feeds records from any source.
 * With `;` or tab as the delimiter, decimal commas (`4,5`) are read as decimals.
 */
export function createRatingsIngest(instrument: Instrument, options: IngestOptions, log = new ProblemLog()): RatingsIngest {
  let state: { plan: ColumnPlan; validator: RatingsValidator; accumulator: GapAccumulator } | null = null;
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
        accumulator: createGapAccumulator(plan, instrument),
      };
    },
    record(fields, endLine) {
      if (state === null) return;
      const values = state.validator.record(fields, { endLine });
      if (values !== null) state.accumulator.add(values);
    },
    finish() {
      if (state === null) return null;
      return { plan: state.plan, accumulator: state.accumulator, log, cellsMadeMissing: state.validator.cellsMadeMissing };
    },
  };
}
