import type { ProblemLog } from '../core/problem-log.js';
import { formatProblem } from '../render/messages.js';

/**
 * Prints up to `limit` problems (errors first), one line each, then the totals when more were
 * found.
 */
export function printProblems(say: (line: string) => void, log: ProblemLog, limit = 20): void {
  const errors = log.problems.filter((p) => p.severity === 'error');
  const shown = [...errors, ...log.problems.filter((p) => p.severity !== 'error')].slice(0, limit);
  for (const p of shown) say(formatProblem(p));
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (log.total > shown.length) {
    say(
      `… and ${log.total - shown.length} more: ${plural(log.errors, 'error')}, ${plural(log.warnings, 'warning')} in all`,
    );
  }
}
