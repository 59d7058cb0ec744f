import type { Problem } from '../problems.js';
import type { Attribute, Instrument, Role } from '../instrument/types.js';
import { ROLE_SUFFIX, ROLES, allAttributes } from '../instrument/types.js';
import { closest } from '../text/closest.js';
import type { ColumnAssignment } from '../platform/parse-column-map.js';

export type Baseline = 'importance' | 'expectation';

/** One file column that the instrument reads. */
export interface UsedColumn {
  /** 0-based field index in the record. */
  readonly index: number;
  readonly header: string;
  readonly attribute: Attribute;
  readonly role: Role;
}

/** Where each attribute's ratings are, as positions in the `used` list (−1 when absent). */
export interface AttributeSlots {
  readonly attribute: Attribute;
  readonly slot: Readonly<Record<Role, number>>;
}

export interface ColumnPlan {
  readonly header: readonly string[];
  /** Roles found in the file. */
  readonly roles: ReadonlySet<Role>;
  /** The role gaps are measured against; null when the file has performance ratings only. */
  readonly baseline: Baseline | null;
  readonly used: readonly UsedColumn[];
  readonly attributes: readonly AttributeSlots[];
  /** 0-based indices of columns the instrument does not read (ids, segments…), carried along. */
  readonly extras: readonly number[];
  /** The column of each respondent's weight (`--weight-by`), or null: unweighted. */
  readonly weight: { readonly index: number; readonly header: string } | null;
}

/**
 * Maps a file's header to the instrument: which column holds which attribute's rating in which
 * role. Column names are the instrument's `columns` or the defaults `<id>_imp`, `<id>_perf`,
 * `<id>_exp`, `<id>_adeq`, `<id>_des` (an outcome item may also be plain `<id>`); an exact match
 * wins, else a unique case-insensitive match on the trimmed name.
 *
 * A role counts as present when any attribute has a column for it; then every attribute that
 * takes that role must have one (outcome items take performance only). Performance is always
 * required. Problems: missing columns (with the closest unused header as a suggestion), duplicate
 * headers (an error when the instrument reads that name, a warning otherwise), a requested
 * baseline that the file lacks.
 *
 * With `assigned` (a survey-platform export, mapped by a mapping file or by the columns' wording),
 * column i holds `assigned[i]`; `null` marks a column the analysis must not read, `undefined` one
 * left to the name rules. Required attributes that nothing maps are one error that lists them all.
 * `weightBy` names the column of respondent weights (not a rating column).
 */
export function mapColumns(
  header: readonly string[],
  instrument: Instrument,
  options: {
    readonly baseline?: Baseline;
    readonly file?: string;
    readonly assigned?: ReadonlyArray<ColumnAssignment | null | undefined>;
    /** The weight column's name (`--weight-by`): exact, else a unique case-insensitive match. */
    readonly weightBy?: string;
  } = {},
): { plan: ColumnPlan; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = options.file === undefined ? {} : { file: options.file };
  const names = header.map((h) => h.trim());
  const exact = new Map<string, number>();
  const folded = new Map<string, number[]>();
  names.forEach((name, i) => {
    if (!exact.has(name)) exact.set(name, i);
    const key = name.toLowerCase();
    // appended in place: a copy per column would be quadratic in a header of repeated names
    const same = folded.get(key);
    if (same === undefined) folded.set(key, [i]);
    else same.push(i);
  });
  const assigned = options.assigned;
  const byAssignment = new Map<string, number>();
  assigned?.forEach((a, i) => {
    if (a !== null && a !== undefined && !byAssignment.has(`${a.attribute}\u0000${a.role}`))
      byAssignment.set(`${a.attribute}\u0000${a.role}`, i);
  });
  const nameRuled = (i: number | undefined): i is number =>
    i !== undefined && (assigned === undefined || assigned[i] === undefined);
  const find = (candidates: readonly string[]): number => {
    for (const c of candidates) {
      const i = exact.get(c);
      if (nameRuled(i)) return i;
    }
    for (const c of candidates) {
      const hits = folded.get(c.toLowerCase());
      if (hits !== undefined && hits.length === 1 && nameRuled(hits[0])) return hits[0];
    }
    return -1;
  };
  const candidatesFor = (attribute: Attribute, role: Role): string[] => {
    const explicit = attribute.columns[role];
    if (explicit !== undefined) return [explicit];
    const base = [`${attribute.id}_${ROLE_SUFFIX[role]}`];
    return attribute.outcome && role === 'performance' ? [...base, attribute.id] : base;
  };
  const takes = (attribute: Attribute, role: Role): boolean =>
    role === 'performance' || !attribute.outcome;

  const attributes = allAttributes(instrument);
  const found = attributes.map((attribute) => {
    const slot = {} as Record<Role, number>;
    for (const role of ROLES) {
      slot[role] = takes(attribute, role)
        ? (byAssignment.get(`${attribute.id}\u0000${role}`) ?? find(candidatesFor(attribute, role)))
        : -1;
    }
    return slot;
  });
  const roles = new Set<Role>(['performance']);
  for (const role of ROLES) {
    if (found.some((slot) => slot[role] >= 0)) roles.add(role);
  }

  const usedNames = new Set<number>();
  found.forEach((slot) => ROLES.forEach((role) => slot[role] >= 0 && usedNames.add(slot[role])));
  const unused = names.filter((_, i) => !usedNames.has(i));

  const unmapped: string[] = [];
  attributes.forEach((attribute, k) => {
    const slot = found[k] as Record<Role, number>;
    for (const role of roles) {
      if (!takes(attribute, role) || slot[role] >= 0) continue;
      if (assigned !== undefined) {
        unmapped.push(`${attribute.id} (${role})`);
        continue;
      }
      const wanted = candidatesFor(attribute, role)[0] as string;
      const suggestion = closest(wanted, unused);
      problems.push({
        code: 'missing-column',
        severity: 'error',
        ...at,
        line: 1,
        expected: wanted,
        found: `${attribute.id} (${role})`,
        ...(suggestion === null ? {} : { suggestion }),
      });
    }
  });

  if (unmapped.length > 0) {
    problems.push({
      code: 'unmapped-attributes',
      severity: 'error',
      ...at,
      line: 1,
      found: unmapped.join(', '),
    });
  }

  // Duplicate headers: ambiguous when the instrument reads that name.
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, i);
      return;
    }
    problems.push({
      code: 'duplicate-header',
      severity: usedNames.has(first) ? 'error' : 'warning',
      ...at,
      line: 1,
      column: i + 1,
      header: name,
      found: `also column ${first + 1}`,
    });
  });

  let baseline: Baseline | null;
  if (options.baseline !== undefined) {
    baseline = options.baseline;
    if (!roles.has(baseline)) {
      problems.push({
        code: 'missing-baseline',
        severity: 'error',
        ...at,
        line: 1,
        expected: baseline,
      });
    }
  } else {
    baseline = roles.has('importance')
      ? 'importance'
      : roles.has('expectation')
        ? 'expectation'
        : null;
  }

  const used: UsedColumn[] = [];
  const slots: AttributeSlots[] = attributes.map((attribute, k) => {
    const slot = {} as Record<Role, number>;
    for (const role of ROLES) {
      const index = (found[k] as Record<Role, number>)[role];
      if (index >= 0 && roles.has(role)) {
        slot[role] = used.length;
        used.push({ index, header: names[index] as string, attribute, role });
      } else {
        slot[role] = -1;
      }
    }
    return { attribute, slot };
  });
  const extras = names.map((_, i) => i).filter((i) => !usedNames.has(i));
  let weight: ColumnPlan['weight'] = null;
  if (options.weightBy !== undefined) {
    const wanted = options.weightBy.trim();
    const hits = folded.get(wanted.toLowerCase()) ?? [];
    const index = exact.get(wanted) ?? (hits.length === 1 ? hits[0] : undefined);
    if (index === undefined || usedNames.has(index)) {
      const suggestion = closest(wanted, unused);
      problems.push({
        code: 'missing-column',
        severity: 'error',
        ...at,
        line: 1,
        expected: wanted,
        found: '--weight-by',
        ...(suggestion === null ? {} : { suggestion }),
      });
    } else {
      weight = { index, header: names[index] as string };
    }
  }
  return {
    plan: { header: names, roles, baseline, used, attributes: slots, extras, weight },
    problems,
  };
}
