import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Instrument } from '../core/instrument/types.js';
import { parseRating } from '../core/data/parse-rating.js';
import type { AnswerProblem } from '../core/survey/survey-messages.js';
import { surveyPlan } from '../core/survey/survey-plan.js';
import { SurveyFile } from './survey-file.js';

/**
 * `servqual survey --answers FILE`: scripted respondents for automation (no terminal needed). FILE
 * is a CSV with exactly the survey's header (a refusal names the first column that differs);
 * every rating is checked against its scale, and all problems are returned as data with
 * line:column (the survey prints them in its language) before anything is written. Valid rows
 * are appended like interactive ones: one fsynced row each.
 */
export function importAnswers(
  source: string,
  instrument: Instrument,
  options: { readonly out: string; readonly zot: boolean },
): { problems: LocatedAnswerProblem[]; appended: number } {
  const plan = surveyPlan(instrument, { zot: options.zot });
  const problems: LocatedAnswerProblem[] = [];
  const at = (line: number, column: number, problem: AnswerProblem): void => {
    problems.push({ line, column, problem });
  };
  let records: string[][];
  try {
    records = parse(readFileSync(source, 'utf8'), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (e: unknown) {
    const code = (e as { code?: unknown }).code;
    problems.push({ problem: { kind: 'unreadable', code: String(code ?? 'unknown') } });
    return { problems, appended: 0 };
  }
  const [header = [], ...rows] = records;
  // The first column where the header differs from the survey's (or where one of them ends).
  const differs = Array.from(
    { length: Math.max(header.length, plan.header.length) },
    (_, k) => k,
  ).find((k) => header[k] !== plan.header[k]);
  if (differs !== undefined) {
    at(1, differs + 1, {
      kind: 'header',
      found: header[differs] ?? null,
      expected: plan.header[differs] ?? null,
      columns: plan.header.length,
    });
    return { problems, appended: 0 };
  }
  rows.forEach((row, r) => {
    const line = r + 2;
    if (row.length !== plan.header.length) {
      at(line, Math.min(row.length, plan.header.length) + 1, {
        kind: 'fields',
        found: row.length,
        expected: plan.header.length,
      });
      return;
    }
    const completion = row[1] as string;
    if (completion !== 'complete' && completion !== 'partial')
      at(line, 2, { kind: 'completion', found: completion });
    // Response hours: empty or a number ≥ 0, as the survey accepts them.
    plan.fields.forEach((f, k) => {
      const cell = (row[2 + k] as string).trim();
      const hours = Number(cell);
      if (f.meaning === 'response-hours' && cell !== '' && !(Number.isFinite(hours) && hours >= 0))
        at(line, 3 + k, { kind: 'hours', column: f.id, found: cell });
    });
    // Zone of tolerance: the desired level may not be below the adequate one (as in the survey).
    for (const q of plan.questions) {
      if (q.role !== 'desired') continue;
      const adequate = plan.questions.find(
        (a) => a.attribute.id === q.attribute.id && a.role === 'adequate',
      );
      const low = adequate === undefined ? undefined : parseRating(row[adequate.cell] as string);
      const desired = parseRating(row[q.cell] as string);
      if (typeof low === 'number' && typeof desired === 'number' && desired < low)
        at(line, q.cell + 1, { kind: 'desired-below', column: q.column, desired, adequate: low });
    }
    for (const q of plan.questions) {
      const cell = row[q.cell] as string;
      const value = parseRating(cell);
      const { min, max } = q.attribute.scale;
      if (value === undefined || value < min || value > max)
        at(line, q.cell + 1, { kind: 'rating', column: q.column, found: cell, min, max });
    }
  });
  if (problems.length > 0) return { problems, appended: 0 };
  const file = SurveyFile.open(options.out, plan.header);
  try {
    for (const row of rows) file.append(row);
  } finally {
    file.release();
  }
  return { problems, appended: rows.length };
}

/** A problem of the answers file and where it is (1-based; none for an unreadable file). */
export interface LocatedAnswerProblem {
  readonly line?: number;
  readonly column?: number;
  readonly problem: AnswerProblem;
}
