import { parse } from 'csv-parse/sync';

/** One run of the command line: its exit code and what it wrote. */
export interface RunResult {
  /** The exit code; null when the process died of a signal (spawned runs only). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** An error that escaped `main` (in-process runs only): always a violation. */
  readonly escaped?: string;
}

export interface CaseShape {
  readonly command: 'analyze' | 'validate' | 'map' | 'compare';
  /** The report format on stdout (`json` for validate --format json and for map). */
  readonly format: 'text' | 'json' | 'markdown' | 'csv' | 'html' | 'none';
  /** Whether a --fail-on rule was given (the only way exit 1 is allowed). */
  readonly failOn: boolean;
}

/**
 * True when the text holds a character that must never be written raw: C0 (but line feed), DEL,
 * C1, the bidi formatting characters and the line/paragraph separators (an implementation of its
 * own, independent of src/core/text/safe-text.ts, which it checks).
 */
export function hasRawControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) return true;
    if ([0x061c, 0x200e, 0x200f, 0x2028, 0x2029].includes(c)) return true;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}
const UNSAFE = { test: hasRawControl };

/** A JavaScript stack frame: `    at fn (file.js:1:2)`. */
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

/**
 * The contract every run must keep (README "Exit codes", "Safe text"), as a list of what it broke:
 * exit 0 or 2 (1 only with --fail-on; 70 is a bug, 74 cannot happen when output goes to a pipe or
 * buffer; a signal death never); no stack trace; messages and reports free of raw control and bidi
 * characters; JSON that parses; CSV without formula cells; HTML without script, NaN or Infinity.
 */
export function violations(run: RunResult, shape: CaseShape): string[] {
  const broken: string[] = [];
  if (run.escaped !== undefined) broken.push(`an error escaped main: ${run.escaped}`);
  const allowed = shape.failOn ? [0, 1, 2] : [0, 2];
  if (run.code === null) broken.push('died of a signal');
  else if (!allowed.includes(run.code)) broken.push(`exit code ${run.code}`);
  if (STACK.test(run.stderr)) broken.push('stack trace on stderr');
  if (UNSAFE.test(run.stderr)) broken.push('raw control character on stderr');
  if (run.stderr.split('\n').some((l) => l.length > 20_000))
    broken.push('a message line over 20 000 characters');
  const out = run.stdout;
  if (out === '') return broken;
  switch (shape.format) {
    case 'json':
      try {
        JSON.parse(out);
      } catch {
        broken.push('stdout is not JSON');
      }
      break;
    case 'csv': {
      try {
        const rows = parse(out, { relax_column_count: true }) as string[][];
        for (const row of rows)
          for (const cell of row)
            if (/^[=+\-@\t\r]/.test(cell) && !Number.isFinite(Number(cell))) {
              broken.push(`formula cell ${JSON.stringify(cell.slice(0, 40))}`);
              break;
            }
      } catch {
        broken.push('stdout is not CSV');
      }
      if (UNSAFE.test(out.replace(/\r\n/g, '\n'))) broken.push('raw control character in CSV');
      break;
    }
    case 'html':
      if (/<script/i.test(out)) broken.push('<script> in HTML');
      if (/\bNaN\b/.test(out)) broken.push('NaN in HTML');
      if (/"-?Infinity"/.test(out)) broken.push('Infinity in an HTML attribute');
      if (/<[a-z][^<>]*\son[a-z]+\s*=/i.test(out)) broken.push('event-handler attribute in HTML');
      if (UNSAFE.test(out)) broken.push('raw control character in HTML');
      break;
    case 'text':
    case 'markdown':
      if (UNSAFE.test(out)) broken.push(`raw control character in ${shape.format}`);
      break;
    case 'none':
      break;
  }
  return broken;
}
