import type { Instrument, Role } from '../instrument/types.js';
import { ROLES, allAttributes } from '../instrument/types.js';
import type { Problem } from '../problems.js';
import { closest } from '../text/closest.js';
import { isObject, jsonProblems, typeName } from '../text/json-shape.js';
import { PLATFORMS, type Platform } from './detect-platform.js';

/** Which attribute and role an export column holds. */
export interface ColumnAssignment {
  readonly attribute: string;
  readonly role: Role;
}

/** A mapping file (`servqual map --init` writes one; `--map FILE` reads it). */
export interface ColumnMap {
  readonly from: Platform | null;
  /** Export column name → what it holds; null: a column the analysis does not read. */
  readonly columns: ReadonlyMap<string, ColumnAssignment | null>;
  /** Columns whose guess is still marked `review`. */
  readonly unreviewed: readonly string[];
  /** Answer text → number, read before the built-in Likert labels. */
  readonly labels: ReadonlyMap<string, number>;
  /** Labels the file lists without a number yet. */
  readonly unnumbered: readonly string[];
  /** Cell values that mean "no rating" (e.g. "-99"). */
  readonly missing: readonly string[];
}

export const MAP_FORMAT = 'servqual-map/1';

/**
 * Checks a mapping file given as parsed JSON:
 *
 * ```json
 * { "format": "servqual-map/1", "from": "qualtrics",
 *   "columns": { "Q2_1": { "attribute": "tan1", "role": "importance", "text": "…", "review": "…" },
 *                "StartDate": null },
 *   "labels": { "Somewhat poor": 3 }, "missing": ["-99"] }
 * ```
 *
 * Every problem is returned with its JSON path: unknown attributes (with the closest id), roles
 * that are not rating roles or that the attribute does not take (loyalty items: performance only),
 * labels that are not numbers. A label with `null` is listed as not yet numbered (a warning when
 * used); `review` marks a guess not yet checked (a warning). `map` is null when any problem is an
 * error.
 */
export function parseColumnMap(
  raw: unknown,
  instrument: Instrument,
  file?: string,
): { map: ColumnMap | null; problems: Problem[] } {
  const { problems, problem } = jsonProblems(file);
  if (!isObject(raw)) {
    problem('wrong-type', '$', { expected: 'object', found: typeName(raw) });
    return { map: null, problems };
  }
  for (const key of Object.keys(raw)) {
    if (!['format', 'from', 'source', 'columns', 'labels', 'missing'].includes(key)) {
      problem('unknown-key', key, {
        found: key,
        expected: 'format, from, source, columns, labels, missing',
      });
    }
  }
  let from: Platform | null = null;
  if (raw['from'] !== undefined && raw['from'] !== null) {
    if (typeof raw['from'] === 'string' && (PLATFORMS as readonly string[]).includes(raw['from']))
      from = raw['from'] as Platform;
    else
      problem('wrong-type', 'from', {
        expected: PLATFORMS.join(', '),
        found: typeName(raw['from']),
      });
  }
  const attributes = new Map(allAttributes(instrument).map((a) => [a.id, a]));
  const columns = new Map<string, ColumnAssignment | null>();
  const unreviewed: string[] = [];
  const rawColumns = raw['columns'];
  if (!isObject(rawColumns)) {
    if (rawColumns === undefined)
      problem('missing-key', 'columns', {
        expected: 'an object: export column → {attribute, role}',
      });
    else problem('wrong-type', 'columns', { expected: 'object', found: typeName(rawColumns) });
  } else {
    for (const [name, entry] of Object.entries(rawColumns)) {
      const at = `columns[${JSON.stringify(name)}]`;
      if (entry === null) {
        columns.set(name, null);
        continue;
      }
      if (!isObject(entry)) {
        problem('wrong-type', at, {
          expected: 'null or {attribute, role}',
          found: typeName(entry),
        });
        continue;
      }
      const id = entry['attribute'];
      if (id === null || id === undefined) {
        columns.set(name, null);
        continue;
      }
      const attribute = typeof id === 'string' ? attributes.get(id) : undefined;
      if (attribute === undefined) {
        const suggestion = typeof id === 'string' ? closest(id, [...attributes.keys()]) : null;
        problem('unknown-attribute', `${at}.attribute`, {
          found: typeName(id),
          ...(suggestion === null ? {} : { suggestion }),
        });
        continue;
      }
      const role = entry['role'] ?? 'performance';
      if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
        problem('wrong-type', `${at}.role`, { expected: ROLES.join(', '), found: typeName(role) });
        continue;
      }
      if (attribute.outcome && role !== 'performance') {
        problem('wrong-type', `${at}.role`, {
          expected: `performance (${attribute.id} is a loyalty item, rated once)`,
          found: typeName(role),
        });
        continue;
      }
      if (typeof entry['review'] === 'string' && entry['review'] !== '') unreviewed.push(name);
      columns.set(name, { attribute: attribute.id, role: role as Role });
    }
  }
  const labels = new Map<string, number>();
  const unnumbered: string[] = [];
  const rawLabels = raw['labels'] ?? {};
  if (!isObject(rawLabels))
    problem('wrong-type', 'labels', {
      expected: 'an object: answer text → number',
      found: typeName(rawLabels),
    });
  else {
    for (const [text, value] of Object.entries(rawLabels)) {
      if (value === null) unnumbered.push(text);
      else if (typeof value === 'number' && Number.isFinite(value)) labels.set(text, value);
      else
        problem('wrong-type', `labels[${JSON.stringify(text)}]`, {
          expected: 'a number (or null while undecided)',
          found: typeName(value),
        });
    }
  }
  const missing: string[] = [];
  const rawMissing = raw['missing'] ?? [];
  if (!Array.isArray(rawMissing))
    problem('wrong-type', 'missing', {
      expected: 'an array of cell values',
      found: typeName(rawMissing),
    });
  else {
    rawMissing.forEach((value: unknown, i) => {
      if (typeof value === 'string' || typeof value === 'number') missing.push(String(value));
      else
        problem('wrong-type', `missing[${i}]`, {
          expected: 'a string or number',
          found: typeName(value),
        });
    });
  }
  return {
    map: problems.length > 0 ? null : { from, columns, unreviewed, labels, unnumbered, missing },
    problems,
  };
}
