import { textIn, type Language } from '../core/instrument/types.js';
import type { Moments, Report } from '../core/report/types.js';
import { describeNote, describeProblem, survivalReason } from './messages.js';

/**
 * The JSON report (the public contract documented in the README): full precision, no rounding;
 * undefined statistics (NaN, ±Infinity: e.g. a t statistic when every difference is equal) are
 * `null`. Labels, reasons and messages are in `lang`.
 */
export function renderJson(report: Report, options: { readonly lang: Language }): string {
  const { lang } = options;
  const m = report.meta;
  const baselineKey = m.baseline ?? 'baseline';
  const moments = (x: Moments | null) => (x === null ? null : { mean: x.mean, sd: x.sd });
  const document = {
    meta: {
      respondents: m.respondents, file: m.file, instrument: m.instrument, baseline: m.baseline,
      scale: m.scale, version: m.version, crosshair: m.crosshair, rankBy: m.rankBy,
    },
    attributes: report.attributes.map((a) => ({
      id: a.id, construct: a.construct, group: a.group, label: textIn(a.label, lang), reverse: a.reverse,
      outcome: a.outcome, n: a.n,
      ...(a.outcome ? {} : { [baselineKey]: moments(a.baseline) }),
      performance: moments(a.performance),
      gap: a.gap, quadrant: a.quadrant, importantShare: a.importantShare,
    })),
    constructs: report.constructs.map((k) => ({
      id: k.id, group: k.group, label: textIn(k.label, lang), level: k.level, n: k.n,
      [baselineKey]: moments(k.baseline), performance: moments(k.performance), gap: k.gap,
    })),
    survivalFactors: report.survivalFactors.map((f) => ({
      rank: f.rank, id: f.id, construct: f.construct, label: textIn(f.label, lang), priority: f.priority,
      importance: f.importance, performance: f.performance, gap: f.gap, quadrant: f.quadrant,
      significant: f.significant, importantShare: f.importantShare, reason: survivalReason(f, m.baseline, lang),
    })),
    problems: report.problems.map((p) => ({
      file: p.file ?? null, line: p.line ?? null, column: p.column ?? null, code: p.code,
      severity: p.severity, ...(p.header === undefined ? {} : { header: p.header }), message: describeProblem(p),
    })),
    notes: report.notes.map((n) => ({ ...n, message: describeNote(n, lang, m.scale) })),
  };
  return `${JSON.stringify(document, finite, 2)}\n`;
}

/** JSON has no NaN or Infinity: write null. */
function finite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
