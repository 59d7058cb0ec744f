import { Chalk } from 'chalk';
import { stringify } from 'csv-stringify/sync';
import type { ChangeRow, CompareReport } from '../core/compare/compare-waves.js';
import type { WaveSeriesReport } from '../core/compare/compare-series.js';
import type { TrendRow } from '../core/compare/wave-trend.js';
import { textIn, type Language } from '../core/instrument/types.js';
import { wrapIndented } from './display-width.js';
import { fixed, interval, pValue } from './format.js';
import { esc, legend, niceTicks, page, scale, tickDigits } from './html-kit.js';
import { LABELS } from './messages.js';
import { csvHeaders } from './csv-headers.js';
import { text as csvText } from './render-csv.js';
import { clip, fitTable, type TableStyle, type TextCell, type TextColumn } from './text-table.js';

export type CompareFormat = 'text' | 'json' | 'markdown' | 'csv' | 'html';

export interface CompareRenderOptions {
  readonly format: CompareFormat;
  readonly lang: Language;
  readonly top: number;
  /** Text: width in display columns (default 100). */
  readonly width?: number;
  /** Text: significant deteriorations in red. */
  readonly color?: boolean;
  readonly unicode?: boolean;
}

/** A two-wave report read as a series of two (reports made before waves could be more than two). */
function asSeries(report: CompareReport | WaveSeriesReport): WaveSeriesReport {
  if ('pairs' in report) return report;
  return {
    ...report,
    waves: [report.meta.before, report.meta.after],
    labels: {},
    pairs: [report],
    trends: [],
  };
}

/** One table of the comparison, with its title: the same in every format. */
interface Block {
  readonly title: string;
  readonly note?: string;
  readonly head: string[];
  readonly align: Array<'left' | 'right'>;
  readonly rows: Array<{ cells: string[]; bad: boolean }>;
  /** Text: the columns that give way first (merged CI), as [column to merge into, CI column]. */
  readonly ciMerge?: readonly [number, number];
  /**
   * Text: columns that go next, in turn, when the table still does not fit (each set includes the
   * last).
   */
  readonly drops?: ReadonlyArray<readonly number[]>;
  readonly empty?: string;
}

/**
 * The wave comparison in one of five formats (JSON: full precision, NaN as null). Every table has a
 * title; ids carry their labels; for each consecutive pair of waves: the biggest improvements and
 * deteriorations in gap and the constructs; from three waves, the trend per attribute (and in HTML
 * a chart of the gap per wave for the attributes with the steepest trends).
 */
export function renderCompare(
  input: CompareReport | WaveSeriesReport,
  options: CompareRenderOptions,
): string {
  const report = asSeries(input);
  if (options.format === 'json') {
    const finite = (_k: string, v: unknown): unknown =>
      typeof v === 'number' && !Number.isFinite(v) ? null : v;
    return `${JSON.stringify(report, finite, 2)}\n`;
  }
  if (options.format === 'csv') return csv(report, options.lang);
  const { lang } = options;
  const L = LABELS[lang];
  const C = L.compare;
  const name = (id: string): string => {
    const label = report.labels[id];
    const text = label === undefined ? '' : textIn(label, lang);
    return text === '' || text.toLowerCase() === id.toLowerCase() ? id : `${id} ${text}`;
  };
  // A wave by its file name, or by its path as given when two waves share a name (y1/wave.csv).
  const base = (file: string): string => file.replace(/^.*[\\/]/, '');
  const unique = new Set(report.waves.map(base)).size === report.waves.length;
  const short = (file: string): string => (unique ? base(file) : file);
  const changeCells = (r: ChangeRow): string[] => [
    name(r.id),
    fixed(r.before.mean),
    fixed(r.after.mean),
    fixed(r.delta.estimate),
    interval(r.delta.ci),
    pValue(r.delta.pAdjusted),
  ];
  // A significant fall (of performance, or of the gap: a wider shortfall) is painted red.
  const bad = (r: ChangeRow): boolean => r.delta.pAdjusted < 0.05 && r.delta.estimate < 0;
  const blocks: Array<{ heading: string; design: string; blocks: Block[] }> = report.pairs.map(
    (pair) => {
      const head = [L.attribute, C.before, C.after, C.delta, L.ci, L.pHolm];
      const align: Array<'left' | 'right'> = ['left', 'right', 'right', 'right', 'right', 'right'];
      const constructs = pair.rows.filter((r) => r.level === 'construct');
      return {
        heading: C.change(short(pair.meta.before), short(pair.meta.after)),
        design: C.design(pair.meta.design, pair.meta.matched, pair.meta.ids),
        blocks: [
          {
            title: C.improved,
            head,
            align,
            rows: pair.improvements
              .slice(0, options.top)
              .map((r) => ({ cells: changeCells(r), bad: false })),
            ciMerge: [3, 4],
            drops: [[1, 2]],
            empty: C.noImproved,
          },
          {
            title: C.worsened,
            head,
            align,
            rows: pair.deteriorations
              .slice(0, options.top)
              .map((r) => ({ cells: changeCells(r), bad: bad(r) })),
            ciMerge: [3, 4],
            drops: [[1, 2]],
            empty: C.noWorsened,
          },
          {
            title: C.constructs,
            head: [L.construct, C.measure, C.before, C.after, C.delta, L.ci, L.pHolm],
            align: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
            rows: constructs.map((r) => {
              const [first, ...rest] = changeCells(r);
              return {
                cells: [first as string, C.measures[r.measure] ?? r.measure, ...rest],
                bad: bad(r),
              };
            }),
            ciMerge: [4, 5],
            drops: [[2, 3]],
          },
        ],
      };
    },
  );
  const trendRows = report.trends
    .filter(
      (t) => t.level === 'attribute' && t.measure === 'gap' && Number.isFinite(t.slope.estimate),
    )
    .sort(
      (a, b) => Math.abs(b.slope.estimate) - Math.abs(a.slope.estimate) || (a.id < b.id ? -1 : 1),
    );
  const trendShown = trendRows.slice(0, Math.max(options.top, 0) * 2);
  const trend: Block | null =
    report.trends.length === 0
      ? null
      : {
          title: C.trendOf(trendShown.length, trendRows.length),
          head: [
            L.attribute,
            ...report.waves.map((_, i) => `${C.wave} ${i + 1}`),
            C.slope,
            L.ci,
            L.pHolm,
          ],
          align: ['left', ...report.waves.map(() => 'right' as const), 'right', 'right', 'right'],
          rows: trendShown.map((t) => ({
            cells: [
              name(t.id),
              ...t.means.map((m) => fixed(m.mean)),
              fixed(t.slope.estimate),
              interval(t.slope.ci),
              pValue(t.slope.pAdjusted),
            ],
            bad: t.slope.pAdjusted < 0.05 && t.slope.estimate < 0,
          })),
          ciMerge: [report.waves.length + 1, report.waves.length + 2],
          // the middle waves go first (first and last stay), then every wave's mean
          drops: [
            report.waves.map((_, i) => i + 1).slice(1, -1),
            report.waves.map((_, i) => i + 1),
          ],
        };
  const waveLines = report.waves.map((w, i) => `${C.wave} ${i + 1}: ${w}`);
  if (options.format === 'markdown') {
    const md = (t: string): string =>
      t.replace(/[|`<>\\]/g, (x) => `\\${x}`).replace(/[\r\n]+/g, ' ');
    const table = (b: Block): string[] =>
      b.rows.length === 0
        ? [`### ${md(b.title)}`, '', b.empty ?? '—', '']
        : [
            `### ${md(b.title)}`,
            '',
            `| ${b.head.map(md).join(' | ')} |`,
            `|${b.align.map((a) => (a === 'left' ? '---' : '---:')).join('|')}|`,
            ...b.rows.map((r) => {
              // The change of a significant deterioration in bold.
              const bold = (i: number): boolean => r.bad && i === r.cells.length - 3;
              return `| ${r.cells.map((c, i) => (bold(i) ? `**${md(c)}**` : md(c))).join(' | ')} |`;
            }),
            '',
          ];
    return `${[
      `# ${md(C.title(report.waves.map(short)))}`,
      '',
      ...waveLines.map((l) => `- ${md(l)}`),
      '',
      ...blocks.flatMap((p) => [
        `## ${md(p.heading)}`,
        '',
        md(p.design),
        '',
        ...p.blocks.flatMap(table),
      ]),
      ...(trend === null
        ? []
        : [`## ${md(trend.title)}`, '', ...table({ ...trend, title: C.trend }).slice(2)]),
    ].join('\n')}\n`;
  }
  if (options.format === 'html')
    return html(report, blocks, trend, trendRows, waveLines, options, name);
  // text
  const width = Math.max(40, options.width ?? 100);
  const c = new Chalk({ level: options.color === true ? 1 : 0 });
  const style: TableStyle = {
    unicode: options.unicode !== false,
    head: options.color === true ? (x) => c.bold(x) : (x) => x,
    border: options.color === true ? (x) => c.grey(x) : (x) => x,
  };
  const para = (t: string, indent = 2): string[] => wrapIndented(t, width, indent);
  const textTable = (b: Block): string[] => {
    if (b.rows.length === 0) return [c.bold(b.title), ...para(b.empty ?? '—')];
    const variant = (merge: boolean, drop: readonly number[]) => {
      const keep = (i: number): boolean =>
        !(merge && b.ciMerge !== undefined && i === b.ciMerge[1]) && !drop.includes(i);
      const columns: TextColumn[] = b.head
        .map(
          (h, i): TextColumn => ({
            head:
              merge && b.ciMerge !== undefined && i === b.ciMerge[0]
                ? `${h}\n${b.head[b.ciMerge[1]] ?? ''}`
                : h,
            align: b.align[i] ?? 'right',
            ...(i === 0 ? { shrink: { min: 12, maxLines: 2 } } : {}),
          }),
        )
        .filter((_, i) => keep(i));
      const rows: TextCell[][] = b.rows.map((r) =>
        r.cells
          .map((x, i): TextCell => {
            const text =
              merge && b.ciMerge !== undefined && i === b.ciMerge[0]
                ? `${x}\n${r.cells[b.ciMerge[1]] ?? ''}`
                : x;
            return r.bad && i === r.cells.length - 3 ? { text, paint: (y) => c.red(y) } : text;
          })
          .filter((_, i) => keep(i)),
      );
      return { columns, rows };
    };
    return [
      c.bold(b.title),
      ...fitTable(
        [variant(false, []), variant(true, []), ...(b.drops ?? []).map((d) => variant(true, d))],
        width,
        style,
      ),
    ];
  };
  const out: string[] = [
    ...para(c.bold(C.title(report.waves.map(short))), 0),
    ...waveLines.flatMap((l) => para(l)),
  ];
  for (const p of blocks) {
    out.push('', ...para(c.bold(p.heading), 0), ...para(p.design));
    for (const b of p.blocks) out.push('', ...textTable(b));
  }
  if (trend !== null) out.push('', ...textTable(trend));
  return `${out.map((l) => clip(l, width)).join('\n')}\n`;
}

function num(x: number): number | string {
  return Number.isFinite(x) ? x : '';
}

/**
 * CSV: one row per change between consecutive waves (from_wave, to_wave), then, from three waves,
 * one row per trend (design "trend": delta is the slope per wave, before/after the first and last
 * wave's means).
 */
function csv(report: WaveSeriesReport, lang: Language): string {
  const head = [
    'id',
    'level',
    'measure',
    'before_n',
    'before_mean',
    'after_n',
    'after_mean',
    'delta',
    'se',
    't',
    'df',
    'p',
    'p_holm',
    'ci_low',
    'ci_high',
    'design',
    'from_wave',
    'to_wave',
  ];
  const pairRows = report.pairs.flatMap((pair) =>
    pair.rows.map((r) => [
      csvText(r.id),
      r.level,
      r.measure,
      r.before.n,
      num(r.before.mean),
      r.after.n,
      num(r.after.mean),
      num(r.delta.estimate),
      num(r.delta.se),
      num(r.delta.t),
      num(r.delta.df),
      num(r.delta.p),
      num(r.delta.pAdjusted),
      num(r.delta.ci[0]),
      num(r.delta.ci[1]),
      pair.meta.design,
      csvText(pair.meta.before),
      csvText(pair.meta.after),
    ]),
  );
  const trendRows = report.trends.map((t: TrendRow) => {
    const first = t.means[0] ?? { n: 0, mean: Number.NaN };
    const last = t.means[t.means.length - 1] ?? { n: 0, mean: Number.NaN };
    return [
      csvText(t.id),
      t.level,
      t.measure,
      first.n,
      num(first.mean),
      last.n,
      num(last.mean),
      num(t.slope.estimate),
      num(t.slope.se),
      num(t.slope.t),
      num(t.slope.df),
      num(t.slope.p),
      num(t.slope.pAdjusted),
      num(t.slope.ci[0]),
      num(t.slope.ci[1]),
      'trend',
      csvText(report.waves[0] ?? ''),
      csvText(report.waves[report.waves.length - 1] ?? ''),
    ];
  });
  return stringify([csvHeaders(head, lang), ...pairRows, ...trendRows]);
}

function html(
  report: WaveSeriesReport,
  pairs: ReadonlyArray<{ heading: string; design: string; blocks: Block[] }>,
  trend: Block | null,
  trendRows: readonly TrendRow[],
  waveLines: readonly string[],
  options: CompareRenderOptions,
  name: (id: string) => string,
): string {
  const { lang } = options;
  const L = LABELS[lang];
  const C = L.compare;
  const table = (b: Block): string => {
    if (b.rows.length === 0) return `<h3>${esc(b.title)}</h3><p>${esc(b.empty ?? '—')}</p>`;
    const align = (i: number): string => (b.align[i] === 'left' ? 'l' : '');
    const head = b.head.map((h, i) => `<th class="${align(i)}">${esc(h)}</th>`).join('');
    const rows = b.rows.map((r) => {
      const sig = (i: number): string => (r.bad && i === r.cells.length - 3 ? ' sig' : '');
      const cells = r.cells.map((x, i) => `<td class="${align(i)}${sig(i)}">${esc(x)}</td>`);
      return `<tr>${cells.join('')}</tr>`;
    });
    return (
      `<table><caption>${esc(b.title)}</caption>` +
      `<thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
    );
  };
  const sections: string[] = [];
  if (trend !== null) {
    const shown = trendRows.slice(0, Math.min(6, Math.max(1, options.top)));
    const heading = `<h2>${esc(C.trendChart(shown.length))}</h2>`;
    const chart = trendChart(report, shown, lang, name);
    sections.push(`<section id="trend">${heading}${chart}${table(trend)}</section>`);
  }
  for (const [i, p] of pairs.entries()) {
    const heading = `<h2>${esc(p.heading)}</h2><p class="meta">${esc(p.design)}</p>`;
    sections.push(
      `<section id="change-${i + 1}">${heading}${p.blocks.map(table).join('')}</section>`,
    );
  }
  const title = C.title(report.waves.map((w) => w.replace(/^.*[\\/]/, '')));
  const waves = waveLines.map((l) => `<li>${esc(l)}</li>`).join('');
  // Red marks a significant fall of a change or trend here (not a shortfall below a baseline).
  const key = legend([
    ['short', C.legendFall],
    ['ns', L.legendNotSignificant],
  ]);
  const header = `<header><h1>${esc(title)}</h1><ul class="meta">${waves}</ul>${key}</header>`;
  return page(lang, C.title(report.waves), `${header}\n${sections.join('\n')}`);
}

/**
 * The mean gap per wave for the attributes with the steepest trends: one line each, a numbered
 * marker at the last wave with the key below (no labels on the lines, so none can overlap), the
 * zero line, round ticks.
 */
function trendChart(
  report: WaveSeriesReport,
  rows: readonly TrendRow[],
  lang: Language,
  name: (id: string) => string,
): string {
  const W = 640;
  const H = 300;
  const pad = { left: 52, right: 30, top: 16, bottom: 40 };
  const values = rows.flatMap((r) => r.means.map((m) => m.mean)).filter(Number.isFinite);
  const t = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 5);
  const k = report.waves.length;
  const x = scale(0, k - 1, pad.left + 40, W - pad.right - 40);
  const y = scale(t.lo, t.hi, H - pad.bottom, pad.top);
  const digits = tickDigits(t.step);
  // Series colours without the report's meanings (red: a significant fall; blue: a surplus).
  const palette = ['#8e44ad', '#16a085', '#d35400', '#34495e', '#7f8c8d', '#b7950b'];
  const lines = rows.map((r, i) => {
    const pts = r.means
      .map((m, w) =>
        Number.isFinite(m.mean) ? `${x(w).toFixed(1)},${y(m.mean).toFixed(1)}` : null,
      )
      .filter((p) => p !== null);
    const colour = palette[i % palette.length] as string;
    const markers = r.means.map((m, w) =>
      Number.isFinite(m.mean)
        ? `<circle cx="${x(w).toFixed(1)}" cy="${y(m.mean).toFixed(1)}" r="3" fill="${colour}"/>`
        : '',
    );
    return [
      `<g><polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.join(' ')}">`,
      `<title>${esc(name(r.id))}</title></polyline>`,
      markers.join(''),
      '</g>',
    ].join('');
  });
  const C = LABELS[lang].compare;
  const key = rows.map((r, i) => {
    const swatch = `<span class="sw" style="background:${palette[i % palette.length]}"></span>`;
    return `<li>${swatch}${esc(name(r.id))} (${esc(C.slope)} ${fixed(r.slope.estimate)})</li>`;
  });
  // A horizontal line across the plot at value v.
  const across = (kind: string, v: number): string =>
    `<line class="${kind}" x1="${pad.left}" x2="${W - pad.right}"` +
    ` y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>`;
  const ticks = t.ticks.map(
    (v) =>
      across('grid', v) +
      `<text x="${pad.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">` +
      `${fixed(v, digits)}</text>`,
  );
  const waves = report.waves.map(
    (_, w) =>
      `<text x="${x(w).toFixed(1)}" y="${H - pad.bottom + 16}" text-anchor="middle">` +
      `${esc(`${C.wave} ${w + 1}`)}</text>`,
  );
  return [
    '<figure>',
    `<svg data-chart="trend" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(C.trend)}">`,
    `<g class="axis">${ticks.join('')}${waves.join('')}</g>`,
    across('zero', 0),
    lines.join(''),
    '</svg>',
    `<ul class="legend">${key.join('')}</ul>`,
    '</figure>',
  ].join('');
}
