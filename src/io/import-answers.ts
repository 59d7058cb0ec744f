import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Instrument } from '../core/instrument/types.js';
import { ProblemLog } from '../core/problem-log.js';
import { parseRating } from '../core/data/parse-rating.js';
import { COMPLETION_COLUMN, surveyPlan } from '../core/survey/survey-plan.js';
import { SurveyFile } from './survey-file.js';

/**
 * `servqual survey --answers FILE`: scripted respondents for automation (no terminal needed). FILE
 * is a CSV with exactly the survey's header (`servqual survey` prints it in the refusal message
 * when it differs); every rating is checked against its scale and all problems are reported with
 * line:column before anything is written. Valid rows are appended like interactive ones: one
 * fsynced row each.
 */
export function importAnswers(
  source: string,
  instrument: Instrument,
  options: { readonly out: string; readonly zot: boolean },
): { log: ProblemLog; appended: number } {
  const plan = surveyPlan(instrument, { zot: options.zot });
  const log = new ProblemLog();
  let records: string[][];
  try {
    records = parse(readFileSync(source, 'utf8'), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (e: unknown) {
    const code = (e as { code?: unknown }).code;
    log.add({
      code: code === 'ENOENT' ? 'unreadable-file' : 'unterminated-quote',
      severity: 'error',
      file: source,
      found: code === 'ENOENT' ? 'no such file' : String(code ?? e),
    });
    return { log, appended: 0 };
  }
  const [header = [], ...rows] = records;
  if (header.join(',') !== plan.header.join(',')) {
    log.add({
      code: 'missing-column',
      severity: 'error',
      file: source,
      line: 1,
      expected: plan.header.join(','),
      found: 'a different header',
    });
    return { log, appended: 0 };
  }
  rows.forEach((row, r) => {
    if (row.length !== plan.header.length) {
      log.add({
        code: 'ragged-row',
        severity: 'error',
        file: source,
        line: r + 2,
        column: Math.min(row.length, plan.header.length) + 1,
        expected: `${plan.header.length} fields`,
        found: `${row.length} fields`,
      });
      return;
    }
    const completion = row[1] as string;
    if (completion !== 'complete' && completion !== 'partial') {
      log.add({
        code: 'wrong-type',
        severity: 'error',
        file: source,
        line: r + 2,
        column: 2,
        header: COMPLETION_COLUMN,
        expected: '"complete" or "partial"',
        found: JSON.stringify(completion),
      });
    }
    // Zone of tolerance: the desired level may not be below the adequate one (as in the survey).
    for (const q of plan.questions) {
      if (q.role !== 'desired') continue;
      const adequate = plan.questions.find(
        (a) => a.attribute.id === q.attribute.id && a.role === 'adequate',
      );
      const low = adequate === undefined ? undefined : parseRating(row[adequate.cell] as string);
      const desired = parseRating(row[q.cell] as string);
      if (typeof low === 'number' && typeof desired === 'number' && desired < low)
        log.add({
          code: 'wrong-type',
          severity: 'error',
          file: source,
          line: r + 2,
          column: q.cell + 1,
          expected: `a desired level (${q.column}) at least the adequate level (${low})`,
          found: String(desired),
        });
    }
    plan.questions.forEach((q) => {
      const cell = row[q.cell] as string;
      const value = parseRating(cell);
      const { min, max } = q.attribute.scale;
      if (value === undefined || value < min || value > max) {
        log.add({
          code: value === undefined ? 'non-numeric' : 'out-of-range',
          severity: 'error',
          file: source,
          line: r + 2,
          column: q.cell + 1,
          header: q.column,
          expected: `a rating from ${min} to ${max}`,
          found: cell,
        });
      }
    });
  });
  if (log.errors > 0) return { log, appended: 0 };
  const file = SurveyFile.open(options.out, plan.header);
  try {
    for (const row of rows) file.append(row);
  } finally {
    file.release();
  }
  return { log, appended: rows.length };
}
