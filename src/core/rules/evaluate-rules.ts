import type { CompareReport } from '../compare/compare-waves.js';
import type { Report } from '../report/types.js';
import type { Operator, Rule } from './parse-rule.js';

export interface Violation {
  readonly rule: Rule;
  /** What tripped it: `id = value` for each offending attribute, construct or path. */
  readonly offenders: ReadonlyArray<{ readonly id: string; readonly value: number }>;
  /**
   * The rule names something the report does not have (unknown id, no path model), or whose
   * value the report leaves undefined everywhere (a gap without importance ratings, a path model
   * without usable data).
   */
  readonly missing: boolean;
}

const compare: Readonly<Record<Operator, (a: number, b: number) => boolean>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/**
 * The rules that trip on a report, each with the offending values. A rule over "any" row trips
 * when at least one row satisfies the comparison; `significant-shortfalls` counts attributes with a
 * negative gap whose Holm-adjusted p < 0.05. A rule naming an id the report lacks (or a path-model
 * metric without a path model), or whose rows all lack a value (every gap undefined because no
 * importance was rated), trips too, flagged `missing`: a gate must not pass silently. Rows without
 * a value beside rows with one are left out (an attribute nobody rated).
 */
export function evaluateRules(report: Report, rules: readonly Rule[]): Violation[] {
  return check(rules, (rule) => valuesFor(report, rule));
}

/**
 * `--fail-on` for `servqual compare`: the delta metrics over attributes (or a named
 * attribute/construct).
 */
export function evaluateCompareRules(report: CompareReport, rules: readonly Rule[]): Violation[] {
  return check(rules, (rule) => {
    if (rule.metric !== 'delta(gap)' && rule.metric !== 'delta(performance)') return null;
    const measure = rule.metric === 'delta(gap)' ? 'gap' : 'performance';
    const rows = report.rows
      .filter((r) => r.measure === measure)
      .map((r) => ({ id: r.id, value: r.delta.estimate, level: r.level }));
    if (rule.target === null)
      return rows.filter((r) => r.level === 'attribute').map(({ id, value }) => ({ id, value }));
    const row = rows.filter((r) => r.id === rule.target).map(({ id, value }) => ({ id, value }));
    return row.length === 0 ? null : row;
  });
}

function check(
  rules: readonly Rule[],
  valuesOf: (rule: Rule) => Array<{ id: string; value: number }> | null,
): Violation[] {
  const out: Violation[] = [];
  for (const rule of rules) {
    const candidates = valuesOf(rule);
    if (candidates === null || !candidates.some((c) => Number.isFinite(c.value))) {
      out.push({ rule, offenders: [], missing: true });
      continue;
    }
    const offenders = candidates.filter(
      (c) => Number.isFinite(c.value) && compare[rule.op](c.value, rule.value),
    );
    if (offenders.length > 0) out.push({ rule, offenders, missing: false });
  }
  return out;
}

function valuesFor(report: Report, rule: Rule): Array<{ id: string; value: number }> | null {
  const model = report.model;
  switch (rule.metric) {
    case 'delta(gap)':
    case 'delta(performance)':
      return null; // only `servqual compare` has changes between waves
    case 'gap': {
      const rows = [
        ...report.attributes.map((a) => ({ id: a.id, value: a.gap?.mean ?? Number.NaN })),
        ...report.constructs.map((c) => ({ id: c.id, value: c.gap?.mean ?? Number.NaN })),
      ];
      if (rule.target === null) return rows.slice(0, report.attributes.length);
      const row = rows.filter((r) => r.id === rule.target);
      return row.length === 0 ? null : row;
    }
    case 'share': {
      const t = report.loyalty?.typology ?? null;
      if (t === null || rule.target === null) return null;
      const row = t.types.find((x) => x.type === rule.target);
      return row === undefined ? null : [{ id: `share(${row.type})`, value: row.share.share }];
    }
    case 'silent-dissatisfied': {
      const c = report.loyalty?.complaints ?? null;
      return c === null ? null : [{ id: 'silent-dissatisfied', value: c.silentDissatisfied.share }];
    }
    case 'significant-shortfalls':
      // Without any gap (no importance rated) there is nothing to count: missing, not 0.
      if (report.attributes.every((a) => a.gap === null)) return null;
      return [
        {
          id: 'significant shortfalls',
          value: report.attributes.filter(
            (a) => a.gap !== null && a.gap.mean < 0 && a.gap.pAdjusted < 0.05,
          ).length,
        },
      ];
    case 'path': {
      if (model === null || rule.path === null) return null;
      const [from, to] = rule.path;
      const path = model.paths.find((p) => p.from === from && p.to === to);
      return path === undefined ? null : [{ id: `${from}->${to}`, value: path.estimate }];
    }
    case 'r2': {
      if (model === null) return null;
      const rows = Object.entries(model.rSquared).map(([id, value]) => ({ id, value }));
      return pick(rows, rule.target);
    }
    case 'srmr':
      return model?.fit === undefined ? null : [{ id: 'SRMR', value: model.fit.srmr }];
    case 'f2': {
      if (model === null) return null;
      const rows = model.paths.map((p) => ({ id: `${p.from}->${p.to}`, value: p.f2 }));
      if (rule.path === null) return rows;
      const row = rows.filter((r) => r.id === `${rule.path?.[0]}->${rule.path?.[1]}`);
      return row.length === 0 ? null : row;
    }
    case 'q2predict': {
      if (model?.predict === undefined || model.predict === null) return null;
      return pick(
        model.predict.items.map((i) => ({ id: i.item, value: i.q2predict })),
        rule.target,
      );
    }
    case 'htmt':
      return model === null
        ? null
        : model.htmt.map((h) => ({ id: `${h.a}/${h.b}`, value: h.value }));
    default: {
      if (model === null) return null;
      const key = rule.metric === 'rhoa' ? 'rhoA' : rule.metric === 'rhoc' ? 'rhoC' : rule.metric;
      return pick(
        model.constructs.map((c) => ({ id: c.id, value: c[key] })),
        rule.target,
      );
    }
  }
}

function pick(
  rows: Array<{ id: string; value: number }>,
  target: string | null,
): Array<{ id: string; value: number }> | null {
  if (target === null) return rows;
  const row = rows.filter((r) => r.id === target);
  return row.length === 0 ? null : row;
}
