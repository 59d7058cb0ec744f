import { stringify } from 'csv-stringify/sync';
import { textIn, type Language } from '../core/instrument/types.js';
import type { Report } from '../core/report/types.js';
import { csvHeaders } from './csv-headers.js';
import { survivalReason } from './messages.js';
import { safeText } from '../core/text/safe-text.js';
import { impactOf, loyaltyCsvTable } from './loyalty-sections.js';

/**
 * The attribute table (or, with `table: 'survival'`, the survival factors) as CSV, one row per
 * attribute, with its survival rank and priority when it is a survival factor, and its IPMA derived
 * importance and 0–100 performance when there is a path model. Full precision. Text cells that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a leading
 * apostrophe (OWASP "CSV injection"); numbers are written as numbers.
 */
export function renderCsv(
  report: Report,
  options: {
    readonly lang: Language;
    readonly table?: 'attributes' | 'survival' | 'typology' | 'asymmetry' | 'complaints';
  },
): string {
  if (options.table === 'survival') return survivalCsv(report, options.lang);
  if (
    options.table === 'typology' ||
    options.table === 'asymmetry' ||
    options.table === 'complaints'
  ) {
    const t = loyaltyCsvTable(report, options.table, options.lang);
    return stringify([
      csvHeaders(t.head, options.lang),
      ...t.rows.map((r) => r.map((x) => (typeof x === 'string' ? text(x) : (x ?? '')))),
    ]);
  }
  const b = report.meta.baseline ?? 'baseline';
  const rank = new Map(report.survivalFactors.map((f) => [f.id, f]));
  const header = [
    'id',
    'construct',
    'group',
    'label',
    'reverse',
    'n',
    `${b}_mean`,
    `${b}_sd`,
    'performance_mean',
    'performance_sd',
    'gap_mean',
    'gap_sd',
    'gap_se',
    'gap_ci_low',
    'gap_ci_high',
    't',
    'df',
    'p',
    'p_holm',
    'wilcoxon_p',
    'quadrant',
    'important_share',
    'survival_rank',
    'priority',
    'derived_importance',
    'ipma_performance',
  ];
  const ipma = new Map((report.model?.ipma?.items ?? []).map((i) => [i.id, i]));
  const rows = report.attributes.map((a) => {
    const f = rank.get(a.id);
    return [
      text(a.id),
      text(a.construct),
      text(a.group),
      text(textIn(a.label, options.lang)),
      a.reverse,
      a.n,
      num(a.baseline?.mean),
      num(a.baseline?.sd),
      num(a.performance.mean),
      num(a.performance.sd),
      num(a.gap?.mean),
      num(a.gap?.sd),
      num(a.gap?.se),
      num(a.gap?.ci[0]),
      num(a.gap?.ci[1]),
      num(a.gap?.t),
      num(a.gap?.df),
      num(a.gap?.p),
      num(a.gap?.pAdjusted),
      num(a.gap?.wilcoxonP),
      a.quadrant ?? '',
      num(a.importantShare),
      f?.rank ?? '',
      num(f?.priority),
      num(ipma.get(a.id)?.importance),
      num(ipma.get(a.id)?.performance),
    ];
  });
  return stringify([csvHeaders(header, options.lang), ...rows], {
    cast: { boolean: (v) => (v ? 'true' : 'false') },
  });
}

/** The survival factors, one row each, in rank order, with the reason in words. */
function survivalCsv(report: Report, lang: Language): string {
  const header = [
    'rank',
    'id',
    'construct',
    'label',
    'priority',
    'importance',
    'performance',
    'gap',
    'gap_ci_low',
    'gap_ci_high',
    'p_holm',
    'significant',
    'quadrant',
    'important_share',
    'reason',
    'impact_class',
    'impact_advice',
  ];
  const rows = report.survivalFactors.map((f) => {
    const a = report.attributes.find((x) => x.id === f.id);
    return [
      f.rank,
      text(f.id),
      text(f.construct),
      text(textIn(f.label, lang)),
      num(f.priority),
      num(f.importance),
      num(f.performance),
      num(f.gap),
      num(a?.gap?.ci[0]),
      num(a?.gap?.ci[1]),
      num(a?.gap?.pAdjusted),
      f.significant,
      f.quadrant ?? '',
      num(f.importantShare),
      text(survivalReason(f, report.meta.baseline, lang)),
      impactOf(report, f.id, lang)?.class ?? '',
      text(impactOf(report, f.id, lang)?.advice ?? ''),
    ];
  });
  return stringify([csvHeaders(header, lang), ...rows], {
    cast: { boolean: (v) => (v ? 'true' : 'false') },
  });
}

function num(x: number | null | undefined): string | number {
  return x === null || x === undefined || !Number.isFinite(x) ? '' : x;
}

/** Neutralises spreadsheet formulas in a text cell. */
export function text(raw: string): string {
  const value = safeText(raw);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
