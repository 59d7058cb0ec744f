/**
 * Sections shared by the text, Markdown (and HTML) renderers: the path model, the zone of
 * tolerance, segments — as rows of cells.
 */
import { textIn, type Language } from '../core/instrument/types.js';
import type { PathModelReport, Report } from '../core/report/types.js';
import { fixed, interval, pStatement, pValue } from './format.js';
import { LABELS, mediationSentence } from './messages.js';

/** The path model as rows of cells, shared by the text and Markdown renderers. */
export interface ModelTables {
  readonly title: string;
  readonly meta: string;
  readonly mediation: string | null;
  readonly paths: { readonly head: string[]; readonly rows: string[][] };
  readonly measurement: { readonly head: string[]; readonly rows: string[][] };
  readonly htmt: string | null;
  readonly ipma: {
    readonly title: string;
    readonly head: string[];
    readonly rows: string[][];
  } | null;
  /** Significant paths (p < 0.05), by row index, for highlighting. */
  readonly significant: readonly boolean[];
}

export function modelTables(model: PathModelReport, lang: Language): ModelTables {
  const L = LABELS[lang];
  const paths = model.paths.map((p) => [
    `${p.from} → ${p.to}`,
    fixed(p.estimate, 3),
    interval(p.inference?.ci, 3),
    pValue(p.inference?.p),
    fixed(p.f2, 3),
    fixed(model.rSquared[p.to], 3),
  ]);
  const measurement = model.constructs.map((c) =>
    c.mode === 'B'
      ? formativeCells(model, c.id)
      : [c.id, fixed(c.alpha, 3), fixed(c.rhoA, 3), fixed(c.rhoC, 3), fixed(c.ave, 3)],
  );
  const worst = [...model.htmt].sort((a, b) => b.value - a.value)[0];
  const ipma =
    model.ipma === null
      ? null
      : {
          title: L.ipma(model.ipma.target),
          head: [L.construct, L.importanceShort, L.performanceShort],
          rows: [...model.ipma.constructs]
            .sort((a, b) => b.importance - a.importance)
            .map((c) => [c.id, fixed(c.importance, 3), fixed(c.performance, 1)]),
        };
  return {
    title: L.pathModel,
    meta: L.pathModelMeta(model.respondents, model.bootstrap, model.scheme),
    mediation: model.mediation === null ? null : mediationSentence(model.mediation, lang),
    paths: { head: [L.path, L.estimate, L.ci, 'p', L.f2, L.rSquaredTo], rows: paths },
    measurement: { head: [L.construct, 'α', 'ρA', 'ρC', 'AVE'], rows: measurement },
    htmt: worst === undefined ? null : L.htmtWorst(worst.a, worst.b, fixed(worst.value, 3)),
    ipma,
    significant: model.paths.map((p) => p.inference !== null && p.inference.p < 0.05),
  };
}

/**
 * A formative (Mode B) construct in the measurement table: α, ρ and AVE assume reflective items and
 * do not apply, so the row shows what reviewers check instead (Hair et al. 2019): the largest outer
 * VIF (collinearity; critical above 5, doubtful above 3) and how many outer weights are significant
 * (bootstrap p < 0.05) — a non-significant weight is kept when its loading is at least 0.5.
 */
export function formativeCells(model: PathModelReport, id: string): string[] {
  const items = model.loadings.filter((l) => l.construct === id);
  const vif = Math.max(...items.map((l) => l.vif ?? Number.NaN));
  const tested = items.filter((l) => l.weightInference !== null);
  const significant = tested.filter((l) => (l.weightInference?.p ?? 1) < 0.05).length;
  return [
    `${id} (Mode B)`,
    `VIF ≤ ${fixed(vif, 2)}`,
    tested.length === 0 ? '—' : `${significant}/${items.length} w p<.05`,
    '—',
    '—',
  ];
}

/**
 * The zone-of-tolerance table (constructs, then attributes below the zone), shared by text and
 * Markdown.
 */
export function zoneTable(
  report: Report,
  lang: Language,
): { title: string; head: string[]; rows: string[][] } | null {
  const rows = [...report.constructs, ...report.attributes].filter((r) => r.zone !== null);
  if (rows.length === 0) return null;
  const L = LABELS[lang];
  const status = L.zoneStatus;
  return {
    title: L.zoneTitle,
    head: [
      '',
      lang === 'zh' ? 'MSA = P − 可接受' : 'MSA = P − adequate',
      lang === 'zh' ? 'MSS = P − 期望' : 'MSS = P − desired',
      L.zoneWidth,
      L.zoneStatusHead,
    ],
    rows: rows
      .filter((r) => !('construct' in r) || r.zone?.status === 'below')
      .map((r) => {
        const z = r.zone as NonNullable<typeof r.zone>;
        return [
          r.id,
          `${fixed(z.msa.mean)} ${interval(z.msa.ci)}`,
          `${fixed(z.mss.mean)} ${interval(z.mss.ci)}`,
          `${fixed(z.width.mean)} ${interval(z.width.ci)}`,
          status[z.status],
        ];
      }),
  };
}

/**
 * Per-segment survival factors (top 3), the attributes that differ between segments, and the paths
 * compared (PLS-MGA), as lines.
 */
export function segmentLines(
  report: Report,
  lang: Language,
): { title: string; lines: string[] } | null {
  const seg = report.segments;
  if (seg === undefined || seg === null) return null;
  const zh = lang === 'zh';
  const lines = seg.segments.map((s) => {
    const top = s.survivalFactors
      .slice(0, 3)
      .map((f) => `${f.id} (${fixed(f.gap)})`)
      .join(', ');
    return `${s.value} (n = ${s.respondents}): ${top === '' ? '—' : top}`;
  });
  const significant = seg.differences.filter((d) => d.pAdjusted < 0.05);
  const L = LABELS[lang];
  lines.push(
    `${L.segmentsDiffer}${significant.length === 0 ? `${zh ? '' : ' '}${L.noneWord}` : ''}`,
  );
  for (const d of significant) {
    const test =
      d.test === 'welch'
        ? `Welch t = ${fixed(d.statistic)}, df = ${fixed(d.df, 1)}`
        : `Kruskal–Wallis H = ${fixed(d.statistic)}, df = ${d.df}`;
    const measure = L.compare.measures[d.measure] ?? d.measure;
    const means = d.means.map((m, i) => `${seg.segments[i]?.value ?? i}: ${fixed(m)}`).join(' · ');
    lines.push(`  ${d.id}: ${test}, ${pStatement(d.pAdjusted, 'p (Holm)')}; ${measure} ${means}`);
  }
  const mga = seg.multigroup;
  if (mga !== undefined && mga !== null) {
    const [a, b] = mga.groups.map((g) => g.value);
    lines.push(L.segmentsMga(mga.resamples));
    for (const p of mga.paths) {
      const estimates = `${a ?? ''} ${fixed(p.estimates[0])} · ${b ?? ''} ${fixed(p.estimates[1])}`;
      const tests = `${pStatement(p.p)}, ${pStatement(p.pAdjusted, 'p (Holm)')}`;
      lines.push(
        `  ${p.from} → ${p.to}: ${estimates}, ${L.difference} ${fixed(p.difference)}, ${tests}`,
      );
    }
  }
  return {
    title: L.segmentsTop(seg.column),
    lines,
  };
}

/**
 * Segments side by side: one row per attribute that is a survival factor in any segment, a column
 * per segment with its survival rank and gap there ("2 · −1.87"; "—" when not a survival factor in
 * that segment), and a mark on the attributes that differ between segments (Holm p < 0.05).
 */
export function segmentGrid(
  report: Report,
  lang: Language,
): {
  title: string;
  head: string[];
  /** Each segment's value and size, for a head laid out on two lines. */
  segments: Array<{ value: string; n: number }>;
  rows: Array<{ id: string; label: string; cells: string[]; differs: boolean }>;
} | null {
  const seg = report.segments;
  if (seg === undefined || seg === null) return null;
  const L = LABELS[lang];
  const differs = new Set(seg.differences.filter((d) => d.pAdjusted < 0.05).map((d) => d.id));
  const ids = report.attributes
    .map((a) => a.id)
    .filter((id) => seg.segments.some((s) => s.survivalFactors.some((f) => f.id === id)));
  const best = (id: string): number =>
    Math.min(...seg.segments.map((s) => s.survivalFactors.find((f) => f.id === id)?.rank ?? 1e9));
  ids.sort((a, b) => best(a) - best(b) || (a < b ? -1 : 1));
  return {
    title: L.segmentsTitle(seg.column),
    head: [L.attribute, ...seg.segments.map((s) => `${s.value} (n = ${s.respondents})`)],
    segments: seg.segments.map((s) => ({ value: s.value, n: s.respondents })),
    rows: ids.map((id) => {
      const a = report.attributes.find((x) => x.id === id);
      return {
        id,
        label: a === undefined ? id : textIn(a.label, lang),
        cells: seg.segments.map((s) => {
          const f = s.survivalFactors.find((x) => x.id === id);
          return f === undefined ? '—' : `${f.rank} · ${fixed(f.gap)}`;
        }),
        differs: differs.has(id),
      };
    }),
  };
}
