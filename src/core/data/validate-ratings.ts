import type { ProblemLog } from '../problem-log.js';
import type { ColumnPlan } from './map-columns.js';
import { parseRating } from './parse-rating.js';

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
}

/**
 * Validates ratings record by record against the column plan, reporting each problem with its
 * 1-based physical line and field number: non-numeric ratings, ratings outside the attribute's
 * scale, records with more or fewer fields than the header. Strict mode records errors; lenient
 * mode (`--lenient`) records warnings and turns the bad cells into missing values.
 */
export function createRatingsValidator(
  plan: ColumnPlan,
  log: ProblemLog,
  options: { readonly file: string; readonly lenient: boolean; readonly decimalComma: boolean },
): RatingsValidator {
  const { file, lenient, decimalComma } = options;
  const severity = lenient ? 'warning' : 'error';
  const width = plan.header.length;
  const count = plan.used.length;
  const index = Int32Array.from(plan.used, (u) => u.index);
  const min = Float64Array.from(plan.used, (u) => u.attribute.scale.min);
  const max = Float64Array.from(plan.used, (u) => u.attribute.scale.max);
  let cellsMadeMissing = 0;
  const values = new Float64Array(count);

  return {
    get cellsMadeMissing() {
      return cellsMadeMissing;
    },
    record(fields, endLine) {
      if (fields.length !== width) {
        log.add({
          code: 'ragged-row', severity, file, line: startLine(fields, endLine),
          column: Math.min(fields.length, width) + 1, expected: `${width} fields`, found: `${fields.length} fields`,
        });
        if (!lenient) return null;
      }
      for (let k = 0; k < count; k++) {
        const at = index[k] as number;
        const cell = fields[at];
        if (cell === undefined) {
          values[k] = Number.NaN;
          continue;
        }
        const lo = min[k] as number;
        const hi = max[k] as number;
        // Fast path: a single digit, the usual Likert cell.
        if (cell.length === 1) {
          const digit = cell.charCodeAt(0) - 48;
          if (digit >= 0 && digit <= 9 && digit >= lo && digit <= hi) {
            values[k] = digit;
            continue;
          }
        }
        const value = parseRating(cell, decimalComma);
        if (value === undefined || value < lo || value > hi) {
          log.add({
            code: value === undefined ? 'non-numeric' : 'out-of-range', severity, file,
            line: fieldLine(fields, at, endLine), column: at + 1, header: plan.used[k]?.header ?? '',
            expected: `a rating from ${lo} to ${hi}`, found: cell,
          });
          cellsMadeMissing++;
          values[k] = Number.NaN;
          continue;
        }
        values[k] = value;
      }
      return values;
    },
  };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  // A lone CR also ends a physical line (old Mac files).
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text[i + 1] !== '\n') n++;
  return n;
}

/** The physical line a record starts on, from the line it ends on and the line breaks inside quoted fields. */
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
