import type { Instrument } from '../instrument/types.js';
import { ProblemLog } from '../problem-log.js';
import { MISSING_CODES, type ExportLayout, type Platform } from '../platform/detect-platform.js';
import { createExportHead, type ExportHead } from '../platform/export-head.js';
import { guessMapping } from '../platform/guess-mapping.js';
import { createLabelReader } from '../platform/likert-labels.js';
import type { ColumnAssignment, ColumnMap } from '../platform/parse-column-map.js';
import { closest } from '../text/closest.js';
import { mapColumns, type Baseline, type ColumnPlan } from './map-columns.js';
import { createRatingsValidator, type RatingsValidator } from './validate-ratings.js';

export interface IngestOptions {
  readonly file: string;
  readonly lenient: boolean;
  readonly baseline?: Baseline;
  /** The platform the file was exported from (`--from`); detected when absent. */
  readonly from?: Platform;
  /** A mapping file (`--map`): export column → attribute and role, answer labels, missing codes. */
  readonly map?: ColumnMap;
  /** The column of respondent weights (`--weight-by`). */
  readonly weightBy?: string;
  /** Leave out rows whose `completion` column says `partial` (`--complete-only`). */
  readonly completeOnly?: boolean;
}

/** Where validated respondents go (the gap tallies, in this thread or a worker). */
export interface RowSink {
  /**
   * One respondent's ratings in `plan.used` order (NaN = missing; the array is reused afterwards),
   * the raw record, and the respondent's weight (1 unless the plan has a weight column), and the
   * record's last physical line in the file (for problems found later).
   */
  add(values: Float64Array, record: readonly string[], weight: number, line?: number): void;
  /** Back-pressure: a promise to wait for before more records come, or null. */
  drain?(): Promise<void> | null;
}

/** How the file's columns were read: its platform and what tied columns to attributes. */
export interface SourceLayout extends ExportLayout {
  /**
   * `names`: the instrument's column names; `map`: a mapping file; `wording`: the export's question
   * text.
   */
  readonly mappedBy: 'names' | 'map' | 'wording';
}

export interface IngestResult {
  readonly plan: ColumnPlan;
  readonly layout: SourceLayout;
  readonly log: ProblemLog;
  readonly respondents: number;
  readonly cellsMadeMissing: number;
  /**
   * Rows marked `partial` in a `completion` column (written by `servqual survey`), and whether they
   * were left out (`--complete-only`); null when the file has no such column.
   */
  readonly partial: { readonly rows: number; readonly excluded: boolean } | null;
}

export interface RatingsIngest {
  header(fields: readonly string[], format: { readonly delimiter: string }): void;
  record(fields: readonly string[], endLine: number): void;
  drain(): Promise<void> | null;
  /** The plan and counts; null when no header was seen. */
  finish(): IngestResult | null;
}

/**
 * The streaming half of the pipeline, record by record: recognise the export's layout (its platform
 * and header rows), map the columns to the instrument, validate each record, hand its ratings to
 * the sink that `makeSink` builds for the plan. Pure: the caller feeds records from any source.
 * With `;` or tab as the delimiter, decimal commas (`4,5`) are read as decimals.
 *
 * Columns are tied to attributes by the mapping file when one is given; else by the instrument's
 * column names; in a platform export, columns those leave unmapped are guessed from the wording,
 * and only the certain guesses are used (`servqual map --init` writes all of them for review).
 */
export function createRatingsIngest(
  instrument: Instrument,
  options: IngestOptions,
  makeSink: (plan: ColumnPlan) => RowSink,
  log = new ProblemLog(),
): RatingsIngest {
  let state: {
    plan: ColumnPlan;
    layout: SourceLayout;
    validator: RatingsValidator;
    sink: RowSink;
  } | null = null;
  let respondents = 0;
  let delimiter = ',';
  let completionIndex = -1;
  let partialRows = 0;
  const head = createExportHead(options.from ?? options.map?.from ?? undefined);

  const start = ({ layout, columns, rest }: ExportHead): void => {
    const names = columns.map((c) => c.name);
    completionIndex = names.findIndex((n) => n.trim() === 'completion');
    let assigned: Array<ColumnAssignment | null | undefined> | undefined;
    let mappedBy: SourceLayout['mappedBy'] = 'names';
    if (options.map !== undefined) {
      const map = options.map;
      assigned = names.map((name) => map.columns.get(name));
      mappedBy = 'map';
      const present = new Set(names);
      for (const name of map.columns.keys()) {
        if (present.has(name)) continue;
        const suggestion = closest(name, names);
        log.add({
          code: 'unknown-map-column',
          severity: 'warning',
          file: options.file,
          line: 1,
          found: name,
          ...(suggestion === null ? {} : { suggestion }),
        });
      }
      if (map.unreviewed.length > 0) {
        // "1 column (…) is", "3 columns (…) are": the verb after the list.
        const [columns, verb] =
          map.unreviewed.length === 1
            ? ['1 column', 'is']
            : [`${map.unreviewed.length} columns`, 'are'];
        log.add({
          code: 'unreviewed-map',
          severity: 'warning',
          file: options.file,
          found: `${columns} (${listed(map.unreviewed)}) ${verb}`,
        });
      }
      if (map.unnumbered.length > 0) {
        log.add({
          code: 'unnumbered-label',
          severity: 'warning',
          file: options.file,
          found: listed(map.unnumbered.map((l) => JSON.stringify(l))),
        });
      }
    } else if (layout.platform !== null) {
      const byName = mapColumns(names, instrument);
      if (byName.problems.some((p) => p.code === 'missing-column')) {
        assigned = guessMapping(columns, instrument).map((g) =>
          g.attribute !== null && g.role !== null && g.review === null
            ? { attribute: g.attribute, role: g.role }
            : undefined,
        );
        mappedBy = 'wording';
      }
    }
    const { plan, problems } = mapColumns(names, instrument, {
      file: options.file,
      ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
      ...(assigned === undefined ? {} : { assigned }),
      ...(options.weightBy === undefined ? {} : { weightBy: options.weightBy }),
    });
    log.addAll(problems);
    const missing = new Set([
      ...(layout.platform === null ? [] : (MISSING_CODES[layout.platform] ?? [])),
      ...(options.map?.missing ?? []),
    ]);
    state = {
      plan,
      // A platform named rather than detected: say by whom.
      layout: {
        ...layout,
        mappedBy,
        evidence:
          layout.evidence ??
          (options.from !== undefined
            ? '--from'
            : layout.platform === null
              ? null
              : 'named in the mapping file'),
      },
      validator: createRatingsValidator(plan, log, {
        file: options.file,
        lenient: options.lenient,
        decimalComma: delimiter !== ',',
        labels: createLabelReader(options.map?.labels),
        missing,
      }),
      sink: makeSink(plan),
    };
    for (const row of rest) take(row.fields, row.endLine);
  };
  const take = (fields: readonly string[], endLine: number): void => {
    if (state === null) return;
    if (completionIndex >= 0 && (fields[completionIndex] ?? '').trim() === 'partial') {
      partialRows++;
      if (options.completeOnly === true) return;
    }
    const values = state.validator.record(fields, endLine);
    if (values !== null) {
      respondents++;
      state.sink.add(values, fields, state.validator.weight, endLine);
    }
  };
  return {
    header(fields, format) {
      delimiter = format.delimiter;
      const ready = head.push(fields, 1);
      if (ready !== null) start(ready);
    },
    record(fields, endLine) {
      if (state !== null) {
        take(fields, endLine);
        return;
      }
      const ready = head.push(fields, endLine);
      if (ready !== null) start(ready);
    },
    drain() {
      return state?.sink.drain?.() ?? null;
    },
    finish() {
      if (state === null) {
        const ready = head.flush();
        if (ready !== null) start(ready);
      }
      if (state === null) return null;
      const s = state as { plan: ColumnPlan; layout: SourceLayout; validator: RatingsValidator };
      return {
        plan: s.plan,
        layout: s.layout,
        log,
        respondents,
        cellsMadeMissing: s.validator.cellsMadeMissing,
        partial:
          completionIndex < 0
            ? null
            : { rows: partialRows, excluded: options.completeOnly === true },
      };
    },
  };
}

/** The first five names of a list, then an ellipsis. */
function listed(names: readonly string[]): string {
  return `${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}`;
}
