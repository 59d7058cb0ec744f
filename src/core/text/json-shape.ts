import type { Problem, ProblemCode } from '../problems.js';

/** True for a JSON object (not an array, not null). */
export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A JSON value's kind for messages: `null`, `array`, the string itself quoted, or its type. */
export function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'string') return JSON.stringify(x);
  return typeof x;
}

/** Collects the errors found in a JSON file (instrument, mapping file), each at its JSON path. */
export function jsonProblems(file?: string): {
  readonly problems: Problem[];
  problem(code: ProblemCode, path: string, extra?: Partial<Problem>): void;
} {
  const problems: Problem[] = [];
  return {
    problems,
    problem(code, path, extra = {}) {
      problems.push({
        code,
        severity: 'error',
        path,
        ...(file === undefined ? {} : { file }),
        ...extra,
      });
    },
  };
}
