import { textIn, type Language } from '../core/instrument/types.js';
import type {
  EffectRow,
  Inference,
  Moments,
  PathModelReport,
  Report,
} from '../core/report/types.js';
import { describeNote, describeProblem, mediationSentence, survivalReason } from './messages.js';
import { impactOf, loyaltyJson } from './loyalty-sections.js';

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
      respondents: m.respondents,
      file: m.file,
      instrument: textIn(m.instrument, lang),
      baseline: m.baseline,
      scale: m.scale,
      version: m.version,
      crosshair: m.crosshair,
      rankBy: m.rankBy,
      ...(m.source === undefined || m.source === null ? {} : { source: m.source }),
      ...(m.weight === undefined || m.weight === null ? {} : { weight: m.weight }),
      ...(m.partial === undefined ? {} : { partial: m.partial }),
    },
    attributes: report.attributes.map((a) => ({
      id: a.id,
      construct: a.construct,
      group: a.group,
      label: textIn(a.label, lang),
      reverse: a.reverse,
      outcome: a.outcome,
      n: a.n,
      ...(a.outcome ? {} : { [baselineKey]: moments(a.baseline) }),
      performance: moments(a.performance),
      gap: a.gap,
      quadrant: a.quadrant,
      importantShare: a.importantShare,
      ...(a.zone === null ? {} : { zone: a.zone }),
    })),
    constructs: report.constructs.map((k) => ({
      id: k.id,
      group: k.group,
      label: textIn(k.label, lang),
      level: k.level,
      n: k.n,
      [baselineKey]: moments(k.baseline),
      performance: moments(k.performance),
      gap: k.gap,
      ...(k.zone === null ? {} : { zone: k.zone }),
    })),
    survivalFactors: report.survivalFactors.map((f) => ({
      rank: f.rank,
      id: f.id,
      construct: f.construct,
      label: textIn(f.label, lang),
      priority: f.priority,
      importance: f.importance,
      performance: f.performance,
      gap: f.gap,
      quadrant: f.quadrant,
      significant: f.significant,
      importantShare: f.importantShare,
      belowZone: f.belowZone,
      reason: survivalReason(f, m.baseline, lang),
      ...(report.loyalty == null ? {} : { impact: impactOf(report, f.id, lang) }),
    })),
    problems: report.problems.map((p) => ({
      file: p.file ?? null,
      line: p.line ?? null,
      column: p.column ?? null,
      ...(p.cell === undefined ? {} : { cell: p.cell }),
      code: p.code,
      severity: p.severity,
      ...(p.header === undefined ? {} : { header: p.header }),
      message: describeProblem(p),
    })),
    notes: report.notes.map((n) => ({ ...n, message: describeNote(n, lang, m.scale) })),
    model: report.model === null ? null : modelJson(report.model, lang),
    ...(report.loyalty == null ? {} : { loyalty: loyaltyJson(report, lang) }),
    ...(report.segments === undefined || report.segments === null
      ? {}
      : {
          segments: {
            column: report.segments.column,
            segments: report.segments.segments.map((s) => ({
              value: s.value,
              respondents: s.respondents,
              attributes: s.attributes,
              survivalFactors: s.survivalFactors.map((f) => ({
                rank: f.rank,
                id: f.id,
                priority: f.priority,
                importance: f.importance,
                performance: f.performance,
                gap: f.gap,
                significant: f.significant,
                reason: survivalReason(f, m.baseline, lang),
              })),
            })),
            differences: report.segments.differences,
            ...(report.segments.multigroup === undefined || report.segments.multigroup === null
              ? {}
              : { multigroup: report.segments.multigroup }),
          },
        }),
  };
  return `${JSON.stringify(document, finite, 2)}\n`;
}

/** The path model as the JSON contract documents it (`model` in the README). */
function modelJson(model: PathModelReport, lang: Language) {
  const inf = (i: Inference | null) =>
    i === null ? { sd: null, t: null, p: null, ci: null } : { sd: i.sd, t: i.t, p: i.p, ci: i.ci };
  const effect = (e: EffectRow) => ({
    from: e.from,
    via: e.via,
    to: e.to,
    estimate: e.estimate,
    ci: e.inference?.ci ?? null,
    p: e.inference?.p ?? null,
  });
  return {
    respondents: model.respondents,
    missing: model.missing,
    scheme: model.scheme,
    paths: model.paths.map((p) => ({
      from: p.from,
      to: p.to,
      estimate: p.estimate,
      ...inf(p.inference),
      f2: p.f2,
      vif: p.vif,
    })),
    rSquared: model.rSquared,
    adjustedRSquared: model.adjustedRSquared,
    loadings: model.loadings.map((l) => ({
      construct: l.construct,
      item: l.item,
      loading: l.loading,
      weight: l.weight,
      loadingCi: l.loadingInference?.ci ?? null,
      weightCi: l.weightInference?.ci ?? null,
      weightP: l.weightInference?.p ?? null,
      loadingP: l.loadingInference?.p ?? null,
      vif: l.vif ?? null,
    })),
    constructs: model.constructs,
    htmt: model.htmt.map((h) => ({ a: h.a, b: h.b, value: h.value, ci: h.inference?.ci ?? null })),
    fornellLarcker: model.fornellLarcker,
    effects: {
      total: model.effects.total.map(effect),
      indirect: model.effects.indirect.map(effect),
    },
    mediation:
      model.mediation === null
        ? null
        : {
            from: model.mediation.from,
            to: model.mediation.to,
            via: model.mediation.via,
            indirect: effect(model.mediation.indirect),
            direct: effect(model.mediation.direct),
            verdict: model.mediation.verdict,
            message: mediationSentence(model.mediation, lang),
          },
    ipmaTarget: model.ipma?.target ?? null,
    ipmaTargetPerformance: model.ipma?.targetPerformance ?? null,
    ipma:
      model.ipma === null
        ? []
        : [
            ...model.ipma.constructs.map((c) => ({
              id: c.id,
              level: 'construct',
              importance: c.importance,
              performance: c.performance,
            })),
            ...model.ipma.items.map((i) => ({
              id: i.id,
              level: 'attribute',
              importance: i.importance,
              performance: i.performance,
              stated: i.stated,
            })),
          ],
    bootstrap: model.bootstrap,
    fit: model.fit ?? null,
    consistent: model.consistent === true,
    predict: model.predict ?? null,
    iterations: model.iterations,
    converged: model.converged,
  };
}

/** JSON has no NaN or Infinity: write null. */
function finite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
