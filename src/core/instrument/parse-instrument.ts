import { closest } from '../text/closest.js';
import { isObject, jsonProblems, typeName } from '../text/json-shape.js';
import type { Problem, ProblemCode } from '../problems.js';
import type {
  Attribute,
  Construct,
  Instrument,
  RespondentField,
  Role,
  Scale,
  Text,
} from './types.js';
import { FIELD_MEANINGS, ITEM_KINDS, LOYALTY_KINDS, ROLES, type ItemKind } from './types.js';
import type { FieldMeaning, LoyaltyKind } from './types.js';
import { LIMITS } from '../limits.js';

export interface ParsedInstrument {
  readonly instrument: Instrument | null;
  readonly problems: readonly Problem[];
}

/**
 * Checks an instrument given as parsed JSON and returns it typed, with every problem found
 * (each naming its JSON path, e.g. `constructs[3].attributes[1].id`). `instrument` is null when
 * any problem is an error.
 *
 * Rules: constructs have unique ids and either `attributes` (first-order) or `dimensions`
 * (higher-order, naming first-order constructs, each used by one parent at most); attribute ids are
 * unique across the instrument; scales need min < max (an attribute's `scale` overrides the
 * instrument's, default 1–7); `columns` keys are rating roles; `paths` are [from, to] pairs between
 * known constructs and must not form a cycle. A construct in group "CL", or with `"outcome": true`,
 * is an outcome: rated once, as agreement. `kind` ("feature" or "statement", on a construct as the
 * default of its attributes, or on an attribute) says how the survey asks an item (outcomes default
 * to statements, others to features); a statement may carry a `topic` (its importance question).
 * An outcome item may say `"loyalty": "behavioural"` or `"attitudinal"` (Dick & Basu's typology);
 * a respondent field may say `"meaning": "complained"`, `"resolved"` or `"response-hours"` (the
 * complaint analysis).
 */
export function parseInstrument(raw: unknown, file?: string): ParsedInstrument {
  const { problems, problem } = jsonProblems(file);

  if (!isObject(raw)) {
    problem('wrong-type', '$', { expected: 'object', found: typeName(raw) });
    return { instrument: null, problems };
  }
  const name = parseText(raw['name'], 'name', 'custom instrument', problem);
  const rootScale =
    raw['scale'] === undefined ? { min: 1, max: 7 } : parseScale(raw['scale'], 'scale', problem);

  const rawConstructs = raw['constructs'];
  if (!Array.isArray(rawConstructs) || rawConstructs.length === 0) {
    if (rawConstructs === undefined)
      problem('missing-key', 'constructs', { expected: 'an array of constructs' });
    else
      problem('wrong-type', 'constructs', {
        expected: 'a non-empty array',
        found: typeName(rawConstructs),
      });
    return { instrument: null, problems };
  }

  const attributeCount = rawConstructs.reduce(
    (sum: number, c: unknown) =>
      sum + (isObject(c) && Array.isArray(c['attributes']) ? c['attributes'].length : 0),
    0,
  );
  if (rawConstructs.length > LIMITS.constructs || attributeCount > LIMITS.attributes) {
    problem('input-too-large', 'constructs', {
      found: `${rawConstructs.length} constructs, ${attributeCount} attributes`,
      expected: `at most ${LIMITS.constructs} constructs and ${LIMITS.attributes} attributes`,
    });
    return { instrument: null, problems };
  }

  const constructIds = new Map<string, number>();
  // Ids refused by their form (reported once): not reported again where paths or dimensions name
  // them.
  const refused = new Set<string>();
  const attributeIds = new Map<string, { at: string; construct: number }>();
  const constructs: Construct[] = [];
  rawConstructs.forEach((rc: unknown, ci) => {
    const at = `constructs[${ci}]`;
    if (!isObject(rc)) {
      problem('wrong-type', at, { expected: 'object', found: typeName(rc) });
      return;
    }
    const id = requireId(rc['id'], `${at}.id`, problem);
    if (id === null && typeof rc['id'] === 'string') refused.add(rc['id']);
    if (id !== null) {
      if (constructIds.has(id)) problem('duplicate-id', `${at}.id`, { found: id });
      constructIds.set(id, ci);
    }
    const group = typeof rc['group'] === 'string' && rc['group'] !== '' ? rc['group'] : (id ?? '');
    if (rc['group'] !== undefined && typeof rc['group'] !== 'string') {
      problem('wrong-type', `${at}.group`, { expected: 'string', found: typeName(rc['group']) });
    }
    const outcome = rc['outcome'] === true || group === 'CL';
    const kind = parseKind(rc['kind'], `${at}.kind`, outcome ? 'statement' : 'feature', problem);
    const label = parseText(rc['label'], `${at}.label`, id ?? '', problem);
    const description =
      rc['description'] === undefined
        ? undefined
        : parseText(rc['description'], `${at}.description`, '', problem);
    const scale =
      rc['scale'] === undefined ? rootScale : parseScale(rc['scale'], `${at}.scale`, problem);
    const hasAttributes = rc['attributes'] !== undefined;
    const hasDimensions = rc['dimensions'] !== undefined;
    if (hasAttributes === hasDimensions) {
      problem(hasAttributes ? 'wrong-type' : 'missing-key', at, {
        expected:
          'either "attributes" (a first-order construct) or "dimensions" (a higher-order one)',
      });
    }
    const attributes: Attribute[] = [];
    if (hasAttributes) {
      const list = rc['attributes'];
      if (!Array.isArray(list) || list.length === 0) {
        problem('empty-construct', `${at}.attributes`, {
          expected: 'a non-empty array',
          found: typeName(list),
        });
      } else {
        list.forEach((ra: unknown, ai) => {
          const attribute = parseAttribute(
            ra,
            `${at}.attributes[${ai}]`,
            { construct: id ?? '', group, outcome, scale, kind },
            problem,
          );
          if (attribute === null) return;
          if (attributeIds.has(attribute.id) || constructIds.has(attribute.id)) {
            problem('duplicate-id', `${at}.attributes[${ai}].id`, { found: attribute.id });
          }
          attributeIds.set(attribute.id, { at: `${at}.attributes[${ai}]`, construct: ci });
          attributes.push(attribute);
        });
      }
    }
    let dimensions: string[] = [];
    if (hasDimensions) {
      const list = rc['dimensions'];
      if (!Array.isArray(list) || list.length === 0 || !list.every((d) => typeof d === 'string')) {
        problem('wrong-type', `${at}.dimensions`, {
          expected: 'a non-empty array of construct ids',
          found: typeName(list),
        });
      } else {
        dimensions = list as string[];
      }
    }
    const mode = rc['mode'];
    if (mode !== undefined && mode !== 'A' && mode !== 'B')
      problem('wrong-type', `${at}.mode`, {
        expected: '"A" (reflective) or "B" (formative)',
        found: JSON.stringify(mode) ?? typeName(mode),
      });
    constructs.push({
      id: id ?? `#${ci}`,
      group,
      label,
      ...(description === undefined ? {} : { description }),
      attributes,
      dimensions,
      outcome,
      ...(mode === 'B' ? { mode: 'B' as const } : {}),
    });
  });
  // Attribute ids may not shadow construct ids declared later either (earlier ones were reported
  // in the loop, so each clash is reported once).
  for (const [attributeId, { at, construct }] of attributeIds) {
    if ((constructIds.get(attributeId) ?? -1) > construct)
      problem('duplicate-id', `${at}.id`, { found: attributeId });
  }

  // Higher-order constructs: dimensions must be known first-order constructs, one parent each.
  const parentOf = new Map<string, string>();
  constructs.forEach((c, ci) => {
    c.dimensions.forEach((d, di) => {
      const target = constructs.find((k) => k.id === d);
      const at = `constructs[${ci}].dimensions[${di}]`;
      const cycle = target === undefined ? null : dimensionCycle(c.id, constructs);
      if (target === undefined && refused.has(d)) return;
      if (target === undefined)
        problem('unknown-construct', at, { found: d, ...suggest(d, [...constructIds.keys()]) });
      else if (cycle !== null) problem('dimension-cycle', at, { found: cycle.join(' → ') });
      else if (target.attributes.length === 0)
        problem('wrong-type', at, { expected: 'a construct with attributes', found: d });
      else if (parentOf.has(d))
        problem('dimension-reused', at, { found: d, expected: `only in "${parentOf.get(d)}"` });
      else parentOf.set(d, c.id);
    });
  });

  checkScales(constructs, attributeIds, parentOf, problem);

  const paths =
    raw['paths'] === undefined ? null : parsePaths(raw['paths'], constructIds, refused, problem);
  const respondentFields =
    raw['respondentFields'] === undefined
      ? DEFAULT_RESPONDENT_FIELDS
      : parseRespondentFields(raw['respondentFields'], problem);
  if (raw['zotImportance'] !== undefined && typeof raw['zotImportance'] !== 'boolean')
    problem('wrong-type', 'zotImportance', {
      expected: 'true or false',
      found: typeName(raw['zotImportance']),
    });
  const zotImportance = raw['zotImportance'] === true;
  if (problems.some((p) => p.severity === 'error')) return { instrument: null, problems };
  return {
    instrument: { name, scale: rootScale, respondentFields, constructs, paths, zotImportance },
    problems,
  };
}

/**
 * The cycle through `start` among the constructs' dimensions (A's dimensions name B, B's name A),
 * as ids with `start` repeated at the end; null when `start` is on no cycle. Iterative (a stack),
 * so a long chain cannot overflow the call stack.
 */
function dimensionCycle(start: string, constructs: readonly Construct[]): string[] | null {
  const byId = new Map(constructs.map((c) => [c.id, c]));
  const stack: Array<{ id: string; path: string[] }> = [{ id: start, path: [start] }];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const { id, path } = stack.pop() as { id: string; path: string[] };
    for (const d of byId.get(id)?.dimensions ?? []) {
      if (d === start) return [...path, start];
      if (seen.has(d)) continue;
      seen.add(d);
      stack.push({ id: d, path: [...path, d] });
    }
  }
  return null;
}

type Report = (code: ProblemCode, path: string, extra?: Partial<Problem>) => void;

/**
 * Ratings are averaged (construct means, the IPA crosshair) only on one scale: servqual refuses to
 * mix scales where it combines raw ratings instead of converting them. Every non-outcome attribute
 * (they share the gap analysis and the crosshair) must use the same scale, and so must the items of
 * each outcome construct (with its higher-order parent, if any). The path model is unaffected
 * (indicators are standardized; IPMA rescales each item to 0–100 by its own scale). Within a group
 * the scale most attributes use is the reference (the first one's on a tie), and each attribute on
 * another scale is the problem — not the many that agree with each other.
 */
function checkScales(
  constructs: readonly Construct[],
  attributeIds: ReadonlyMap<string, { readonly at: string }>,
  parentOf: ReadonlyMap<string, string>,
  problem: Report,
): void {
  const groups = new Map<string, Attribute[]>();
  for (const c of constructs) {
    const key = c.outcome ? `outcome:${parentOf.get(c.id) ?? c.id}` : 'servqual';
    groups.set(key, [...(groups.get(key) ?? []), ...c.attributes]);
  }
  const scaleOf = (a: Attribute): string => `${a.scale.min}–${a.scale.max}`;
  for (const attributes of groups.values()) {
    const counts = new Map<string, number>();
    for (const a of attributes) counts.set(scaleOf(a), (counts.get(scaleOf(a)) ?? 0) + 1);
    const most = Math.max(...counts.values());
    // The first attribute on the most used scale (a Map keeps first-seen order).
    const reference = attributes.find((a) => counts.get(scaleOf(a)) === most) as Attribute;
    for (const a of attributes)
      if (scaleOf(a) !== scaleOf(reference))
        problem('mixed-scales', `${attributeIds.get(a.id)?.at ?? a.id}.scale`, {
          expected: `${scaleOf(reference)} like "${reference.id}"`,
          found: scaleOf(a),
        });
  }
}

/**
 * Asked by default before the ratings: a segment and a customer-value tier, both optional free
 * text.
 */
export const DEFAULT_RESPONDENT_FIELDS: readonly RespondentField[] = [
  {
    id: 'segment',
    label: { en: 'Customer segment (optional)', zh: '客户细分（可选）' },
    choices: null,
  },
  {
    id: 'tier',
    label: { en: 'Customer-value tier (optional)', zh: '客户价值等级（可选）' },
    choices: null,
  },
];

function parseRespondentFields(raw: unknown, problem: Report): RespondentField[] {
  if (!Array.isArray(raw)) {
    problem('wrong-type', 'respondentFields', {
      expected: 'an array of {"id", "label", "choices"?}',
      found: typeName(raw),
    });
    return [];
  }
  const fields: RespondentField[] = [];
  raw.forEach((f: unknown, i) => {
    const at = `respondentFields[${i}]`;
    if (!isObject(f)) {
      problem('wrong-type', at, { expected: 'object', found: typeName(f) });
      return;
    }
    const id = requireId(f['id'], `${at}.id`, problem);
    if (id === null) return;
    if (id === 'respondent_id' || id === 'completion' || fields.some((x) => x.id === id))
      problem('duplicate-id', `${at}.id`, { found: id });
    const choices = f['choices'];
    if (
      choices !== undefined &&
      (!Array.isArray(choices) || !choices.every((c) => typeof c === 'string'))
    ) {
      problem('wrong-type', `${at}.choices`, {
        expected: 'an array of strings',
        found: typeName(choices),
      });
    }
    const meaning = f['meaning'];
    if (meaning !== undefined && !(FIELD_MEANINGS as readonly unknown[]).includes(meaning)) {
      problem('wrong-type', `${at}.meaning`, {
        expected: FIELD_MEANINGS.join(', '),
        found: typeof meaning === 'string' ? meaning : typeName(meaning),
      });
    } else if (meaning !== undefined && fields.some((x) => x.meaning === meaning)) {
      problem('duplicate-id', `${at}.meaning`, { found: String(meaning) });
    }
    fields.push({
      id,
      label: parseText(f['label'], `${at}.label`, id, problem),
      choices: Array.isArray(choices) ? (choices as string[]) : null,
      ...((FIELD_MEANINGS as readonly unknown[]).includes(meaning)
        ? { meaning: meaning as FieldMeaning }
        : {}),
    });
  });
  return fields;
}

function parseAttribute(
  ra: unknown,
  at: string,
  parent: { construct: string; group: string; outcome: boolean; scale: Scale; kind: ItemKind },
  problem: Report,
): Attribute | null {
  if (!isObject(ra)) {
    problem('wrong-type', at, { expected: 'object', found: typeName(ra) });
    return null;
  }
  const id = requireId(ra['id'], `${at}.id`, problem);
  if (id === null) return null;
  const label = parseText(ra['label'], `${at}.label`, id, problem);
  if (ra['reverse'] !== undefined && typeof ra['reverse'] !== 'boolean') {
    problem('wrong-type', `${at}.reverse`, {
      expected: 'true or false',
      found: typeName(ra['reverse']),
    });
  }
  const scale =
    ra['scale'] === undefined ? parent.scale : parseScale(ra['scale'], `${at}.scale`, problem);
  const loyalty = ra['loyalty'];
  if (loyalty !== undefined && !(LOYALTY_KINDS as readonly unknown[]).includes(loyalty)) {
    problem('wrong-type', `${at}.loyalty`, {
      expected: LOYALTY_KINDS.join(' or '),
      found: typeof loyalty === 'string' ? loyalty : typeName(loyalty),
    });
  } else if (loyalty !== undefined && !parent.outcome) {
    problem('wrong-type', `${at}.loyalty`, {
      expected: 'only on outcome items (a construct in group "CL" or with "outcome": true)',
      found: String(loyalty),
    });
  }
  const columns: Partial<Record<Role, string>> = {};
  const rc = ra['columns'];
  if (rc !== undefined) {
    if (!isObject(rc)) {
      problem('wrong-type', `${at}.columns`, { expected: 'object', found: typeName(rc) });
    } else {
      for (const [key, value] of Object.entries(rc)) {
        if (!(ROLES as readonly string[]).includes(key)) {
          problem('unknown-key', `${at}.columns.${key}`, {
            expected: ROLES.join(', '),
            found: key,
          });
        } else if (typeof value !== 'string' || value === '') {
          problem('wrong-type', `${at}.columns.${key}`, {
            expected: 'a column name',
            found: typeName(value),
          });
        } else {
          columns[key as Role] = value;
        }
      }
    }
  }
  const kind = parseKind(ra['kind'], `${at}.kind`, parent.kind, problem);
  let topic: Text | null = null;
  if (ra['topic'] !== undefined) {
    if (kind !== 'statement')
      problem('wrong-type', `${at}.topic`, {
        expected: 'a topic only on a statement ("kind": "statement")',
        found: 'a topic on a feature',
      });
    else if (parent.outcome)
      problem('wrong-type', `${at}.topic`, {
        expected: 'no topic on an outcome item (outcomes have no importance question)',
        found: 'a topic',
      });
    else topic = parseText(ra['topic'], `${at}.topic`, '', problem);
  }
  return {
    id,
    label,
    reverse: ra['reverse'] === true,
    scale,
    columns,
    construct: parent.construct,
    group: parent.group,
    outcome: parent.outcome,
    kind,
    topic,
    ...(parent.outcome && (LOYALTY_KINDS as readonly unknown[]).includes(loyalty)
      ? { loyalty: loyalty as LoyaltyKind }
      : {}),
  };
}

function parseKind(raw: unknown, at: string, fallback: ItemKind, problem: Report): ItemKind {
  if (raw === undefined) return fallback;
  if (typeof raw === 'string' && (ITEM_KINDS as readonly string[]).includes(raw))
    return raw as ItemKind;
  problem('wrong-type', at, {
    expected: ITEM_KINDS.map((k) => `"${k}"`).join(' or '),
    found: JSON.stringify(raw) ?? 'undefined',
  });
  return fallback;
}

function parsePaths(
  raw: unknown,
  constructIds: ReadonlyMap<string, number>,
  refused: ReadonlySet<string>,
  problem: Report,
): Array<readonly [string, string]> {
  if (!Array.isArray(raw)) {
    problem('wrong-type', 'paths', {
      expected: 'an array of [from, to] pairs',
      found: typeName(raw),
    });
    return [];
  }
  const paths: Array<readonly [string, string]> = [];
  raw.forEach((p: unknown, i) => {
    if (
      !Array.isArray(p) ||
      p.length !== 2 ||
      typeof p[0] !== 'string' ||
      typeof p[1] !== 'string'
    ) {
      problem('wrong-type', `paths[${i}]`, {
        expected: '[from, to] with two construct ids',
        found: typeName(p),
      });
      return;
    }
    const [from, to] = p as [string, string];
    let ok = true;
    ([from, to] as const).forEach((id, k) => {
      if (!constructIds.has(id)) {
        ok = false;
        if (refused.has(id)) return;
        problem('unknown-construct', `paths[${i}][${k}]`, {
          found: id,
          ...suggest(id, [...constructIds.keys()]),
        });
        ok = false;
      }
    });
    if (ok) paths.push([from, to]);
  });
  const cycle = findCycle(paths);
  if (cycle !== null) problem('path-cycle', 'paths', { found: cycle.join(' → ') });
  return paths;
}

/** A directed cycle among the paths (as a list of ids, first repeated at the end), or null. */
function findCycle(paths: ReadonlyArray<readonly [string, string]>): string[] | null {
  const next = new Map<string, string[]>();
  for (const [from, to] of paths) next.set(from, [...(next.get(from) ?? []), to]);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (state.get(to) === 'open') return [...stack.slice(stack.indexOf(to)), to];
      if (state.get(to) === undefined) {
        const found = visit(to);
        if (found !== null) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of next.keys()) {
    if (state.get(node) === undefined) {
      const found = visit(node);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Ids (constructs, attributes, respondent fields) name columns, rules (`r2(RQ)`) and report keys:
 * a letter, digit or `_` (any script), then letters, digits, `_` and `.`, at most LIMITS.idLength
 * characters; the words JavaScript objects reserve (`__proto__`, `constructor`, `prototype`) are
 * refused, so no id can shadow an object's own machinery anywhere in a report.
 */
export const ID_PATTERN = /^[\p{L}\p{N}_][\p{L}\p{N}_.]*$/u;
export const RESERVED_IDS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Why an id is refused (for the message's "expected"), or null when it is fine. */
export function idProblem(id: string): string | null {
  if (RESERVED_IDS.includes(id)) return `an id other than ${RESERVED_IDS.join(', ')} (reserved)`;
  if (id.length > LIMITS.idLength) return `an id of at most ${LIMITS.idLength} characters`;
  if (!ID_PATTERN.test(id))
    return 'letters, digits, "_" and "." only, starting with a letter, digit or "_"';
  return null;
}

function requireId(raw: unknown, at: string, problem: Report): string | null {
  if (raw === undefined) {
    problem('missing-key', at, { expected: 'an id' });
    return null;
  }
  if (typeof raw !== 'string' || raw.trim() === '') {
    problem('wrong-type', at, { expected: 'a non-empty string', found: typeName(raw) });
    return null;
  }
  const bad = idProblem(raw);
  if (bad !== null) {
    problem('bad-id', at, { found: JSON.stringify(raw.slice(0, 80)), expected: bad });
    return null;
  }
  return raw;
}

function parseText(raw: unknown, at: string, fallback: string, problem: Report): Text {
  if (raw === undefined) return { en: fallback };
  if (typeof raw === 'string') return { en: raw };
  if (isObject(raw) && typeof raw['en'] === 'string') {
    if (raw['zh'] !== undefined && typeof raw['zh'] !== 'string') {
      problem('wrong-type', `${at}.zh`, { expected: 'string', found: typeName(raw['zh']) });
      return { en: raw['en'] };
    }
    return typeof raw['zh'] === 'string' ? { en: raw['en'], zh: raw['zh'] } : { en: raw['en'] };
  }
  problem('wrong-type', at, { expected: 'a string or {"en": …, "zh": …}', found: typeName(raw) });
  return { en: fallback };
}

function parseScale(raw: unknown, at: string, problem: Report): Scale {
  if (
    isObject(raw) &&
    typeof raw['min'] === 'number' &&
    typeof raw['max'] === 'number' &&
    Number.isFinite(raw['min']) &&
    Number.isFinite(raw['max']) &&
    raw['min'] < raw['max']
  ) {
    return { min: raw['min'], max: raw['max'] };
  }
  problem('bad-scale', at, {
    expected: '{"min": number, "max": number} with min < max',
    found: JSON.stringify(raw) ?? 'undefined',
  });
  return { min: 1, max: 7 };
}

function suggest(name: string, candidates: readonly string[]): { suggestion?: string } {
  const best = closest(name, candidates);
  return best === null ? {} : { suggestion: best };
}
