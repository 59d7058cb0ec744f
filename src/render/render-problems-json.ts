import type { ProblemLog } from '../core/problem-log.js';
import { describeProblem } from './messages.js';

/** `servqual validate --format json`: whether the file passed, and every problem kept. */
export function renderProblemsJson(input: {
  readonly file: string;
  readonly ok: boolean;
  readonly respondents: number;
  readonly log: ProblemLog;
}): string {
  const { log } = input;
  return `${JSON.stringify(
    {
      file: input.file,
      ok: input.ok,
      respondents: input.respondents,
      errors: log.errors,
      warnings: log.warnings,
      problems: log.problems.map((p) => ({
        file: p.file ?? null,
        line: p.line ?? null,
        column: p.column ?? null,
        ...(p.cell === undefined ? {} : { cell: p.cell }),
        code: p.code,
        severity: p.severity,
        ...(p.header === undefined ? {} : { header: p.header }),
        ...(p.path === undefined ? {} : { path: p.path }),
        message: describeProblem(p),
      })),
    },
    null,
    2,
  )}\n`;
}
