import type { ProblemLog } from '../core/problem-log.js';
import { formatProblem } from '../render/messages.js';

/** `n word`, with an s when n is not 1: `1 warning`, `3 warnings`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Prints up to `limit` problems (errors first), one line each, then the totals when more were
 * found.
 */
export function printProblems(say: (line: string) => void, log: ProblemLog, limit = 20): void {
  const errors = log.problems.filter((p) => p.severity === 'error');
  const shown = [...errors, ...log.problems.filter((p) => p.severity !== 'error')].slice(0, limit);
  for (const p of shown) say(formatProblem(p));
  if (log.total > shown.length) {
    const totals = `${plural(log.errors, 'error')}, ${plural(log.warnings, 'warning')}`;
    say(`… and ${log.total - shown.length} more: ${totals} in all`);
  }
}
