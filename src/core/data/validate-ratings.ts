import type { ProblemLog } from '../problem-log.js';
import type { ColumnPlan } from './map-columns.js';
import { parseRating } from './parse-rating.js';
import type { LabelReader } from '../platform/likert-labels.js';

export interface RatingsValidator {
  /**
   * Checks one data record (`endLine`: the physical line it ends on; records may span lines) and
   * returns its ratings in `plan.used` order (NaN = missing), or null
   * when the record is unusable (strict mode and a ragged row). The array is reused for the next
   * record: copy it to keep it.
   */
  record(fields: readonly string[], endLine: number): Float64Array | null;
  /** Number of bad cells turned into missing values (lenient mode). */
  readonly cellsMadeMissing: number;
  /**
   * The last record's weight (`plan.weight`; 1 without a weight column): a number ≥ 0; a missing
   * or bad weight is a problem, and the respondent then weighs 0 (lenient mode).
   */
  readonly weight: number;
}

/**
 * Validates ratings record by record against the column plan, reporting each problem with its
 * 1-based physical line and field number: non-numeric ratings, ratings outside the attribute's
 * scale, records with more or fewer fields than the header. Strict mode records errors; lenient
 * mode (`--lenient`) records warnings and turns the bad cells into missing values.
 *
 * A cell that is not a number goes to `labels` (answer text such as "Strongly agree"); a cell in
 * `missing` (the platform's codes for "skipped", e.g. 问卷星's -2 and -3) is a missing value.
 * The weight column, when the plan has one, must hold a finite number ≥ 0 in every record.
 */
export function createRatingsValidator(
  plan: ColumnPlan,
  log: ProblemLog,
  options: {
    readonly file: string;
    readonly lenient: boolean;
    readonly decimalComma: boolean;
    readonly labels?: LabelReader;
    readonly missing?: ReadonlySet<string>;
  },
): RatingsValidator {
  const { file, lenient, decimalComma, labels, missing } = options;
  const severity = lenient ? 'warning' : 'error';
  const width = plan.header.length;
  const count = plan.used.length;
  const index = Int32Array.from(plan.used, (u) => u.index);
  const min = Float64Array.from(plan.used, (u) => u.attribute.scale.min);
  const max = Float64Array.from(plan.used, (u) => u.attribute.scale.max);
  let cellsMadeMissing = 0;
  const values = new Float64Array(count);
  // When every column shares one scale (the usual case), the fast path needs no per-column bounds.
  const uniform = plan.used.every(
    (u) => u.attribute.scale.min === min[0] && u.attribute.scale.max === max[0],
  );
  const digitLo = uniform ? Math.max(0, min[0] ?? 0) : 10; // 10: never take the shared fast path
  const digitHi = uniform ? Math.min(9, max[0] ?? 0) : -1;
  let fields: readonly string[] = [];
  let endLine = 0;
  let weight = 1;
  const weightAt = plan.weight?.index ?? -1;
  const readWeight = (): number => {
    const cell = fields[weightAt] ?? '';
    const value = parseRating(cell, decimalComma);
    if (value !== undefined && value >= 0 && Number.isFinite(value)) return value;
    log.add({
      code: 'bad-weight',
      severity,
      file,
      line: fieldLine(fields, weightAt, endLine),
      column: weightAt + 1,
      header: plan.weight?.header ?? '',
      found: cell,
    });
    return 0;
  };

  /** Every cell the single-digit fast path does not settle: missing, decimals, errors. */
  const slow = (k: number, cell: string | undefined): number => {
    if (cell === undefined) return Number.NaN;
    const at = index[k] as number;
    const lo = min[k] as number;
    const hi = max[k] as number;
    if (cell.length === 1) {
      const digit = cell.charCodeAt(0) - 48;
      if (digit >= 0 && digit <= 9 && digit >= lo && digit <= hi) return digit;
    }
    if (missing?.has(cell.trim())) return Number.NaN;
    const scale = plan.used[k]?.attribute.scale;
    const value =
      parseRating(cell, decimalComma) ??
      (labels === undefined || scale === undefined ? undefined : labels(cell, scale));
    if (value !== value) return Number.NaN;
    if (value === undefined || value < lo || value > hi) {
      log.add({
        code: value === undefined ? 'non-numeric' : 'out-of-range',
        severity,
        file,
        line: fieldLine(fields, at, endLine),
        column: at + 1,
        header: plan.used[k]?.header ?? '',
        expected: `a rating from ${lo} to ${hi}`,
        found: cell,
      });
      cellsMadeMissing++;
      return Number.NaN;
    }
    return value;
  };

  return {
    get cellsMadeMissing() {
      return cellsMadeMissing;
    },
    get weight() {
      return weight;
    },
    record(record, line) {
      fields = record;
      endLine = line;
      if (record.length !== width) {
        log.add({
          code: 'ragged-row',
          severity,
          file,
          line: startLine(record, line),
          column: Math.min(record.length, width) + 1,
          expected: `${width} fields`,
          found: `${record.length} fields`,
        });
        if (!lenient) return null;
      }
      readDigits(record, index, values, digitLo, digitHi, slow);
      if (weightAt >= 0) weight = readWeight();
      return values;
    },
  };
}

/**
 * The ingest hot loop: a cell that is one digit within [lo, hi] is read in place; anything else
 * goes to `slow`. A small function of its own so that the engine optimizes it well (per-column
 * bounds here cost half the validation time).
 */
function readDigits(
  fields: readonly string[],
  index: Int32Array,
  values: Float64Array,
  lo: number,
  hi: number,
  slow: (k: number, cell: string | undefined) => number,
): void {
  const count = index.length;
  for (let k = 0; k < count; k++) {
    const cell = fields[index[k] as number];
    if (cell !== undefined && cell.length === 1) {
      const digit = cell.charCodeAt(0) - 48;
      if (digit >= lo && digit <= hi) {
        values[k] = digit;
        continue;
      }
    }
    values[k] = slow(k, cell);
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  // A lone CR also ends a physical line (old Mac files).
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1))
    if (text[i + 1] !== '\n') n++;
  return n;
}

/**
 * The physical line a record starts on, from the line it ends on and the line breaks inside quoted
 * fields.
 */
function startLine(fields: readonly string[], endLine: number): number {
  let breaks = 0;
  for (const f of fields) breaks += countNewlines(f);
  return endLine - breaks;
}

/** The physical line on which field `index` starts. */
function fieldLine(fields: readonly string[], index: number, endLine: number): number {
  let line = startLine(fields, endLine);
  for (let i = 0; i < index; i++) line += countNewlines(fields[i] as string);
  return line;
}
