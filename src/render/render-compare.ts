import { stringify } from 'csv-stringify/sync';
import type { ChangeRow, CompareReport } from '../core/compare/compare-waves.js';
import type { Language } from '../core/instrument/types.js';
import { fixed, interval, pValue } from './format.js';
import { text as csvText } from './render-csv.js';

export type CompareFormat = 'text' | 'json' | 'markdown' | 'csv';

const T = {
  en: {
    title: (a: string, b: string) => `servqual compare · ${a} → ${b}`,
    design: (d: string, n: number) =>
      d === 'paired'
        ? `paired by respondent id (${n} respondents in both waves; paired t-tests)`
        : 'independent waves (Welch t-tests)',
    improved: 'Biggest improvements (change in gap)',
    worsened: 'Biggest deteriorations (change in gap)',
    head: ['id', 'level', 'measure', 'before', 'after', 'Δ', '95% CI', 'p (Holm)'],
    none: '—',
  },
  zh: {
    title: (a: string, b: string) => `servqual 波次比较 · ${a} → ${b}`,
    design: (d: string, n: number) =>
      d === 'paired'
        ? `按受访者编号配对（两次都参与：${n} 人；配对 t 检验）`
        : '独立样本（Welch t 检验）',
    improved: '改善最多（差距变化）',
    worsened: '恶化最多（差距变化）',
    head: ['编号', '层级', '指标', '前', '后', 'Δ', '95% 置信区间', 'p（Holm）'],
    none: '—',
  },
} as const;

/** The wave comparison in one of four formats (JSON: full precision, NaN as null). */
export function renderCompare(
  report: CompareReport,
  options: { readonly format: CompareFormat; readonly lang: Language; readonly top: number },
): string {
  const L = T[options.lang];
  const cells = (r: ChangeRow): string[] => [
    r.id,
    r.level,
    r.measure,
    fixed(r.before.mean),
    fixed(r.after.mean),
    fixed(r.delta.estimate),
    interval(r.delta.ci),
    pValue(r.delta.pAdjusted),
  ];
  const m = report.meta;
  switch (options.format) {
    case 'json':
      return `${JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
    case 'csv':
      return stringify([
        [
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
        ],
        ...report.rows.map((r) => [
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
          m.design,
        ]),
      ]);
    case 'markdown': {
      const table = (rows: readonly ChangeRow[]): string[] => [
        `| ${L.head.join(' | ')} |`,
        `|${L.head.map((_, i) => (i < 3 ? '---' : '---:')).join('|')}|`,
        ...rows.map(
          (r) =>
            `| ${cells(r)
              .map((c) => c.replace(/[|`<>]/g, (x) => `\\${x}`))
              .join(' | ')} |`,
        ),
      ];
      return [
        `# ${L.title(m.before, m.after)}`,
        '',
        L.design(m.design, m.matched),
        '',
        `## ${L.improved}`,
        '',
        ...table(report.improvements.slice(0, options.top)),
        '',
        `## ${L.worsened}`,
        '',
        ...table(report.deteriorations.slice(0, options.top)),
        '',
        '## All',
        '',
        ...table(report.rows),
        '',
      ].join('\n');
    }
    case 'text': {
      const pad = (row: string[], widths: number[]): string =>
        row
          .map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
          .join('  ');
      const block = (rows: readonly ChangeRow[]): string[] => {
        const all = [L.head as readonly string[] as string[], ...rows.map(cells)];
        const widths = (L.head as readonly string[]).map((_, i) =>
          Math.max(...all.map((r) => (r[i] ?? '').length)),
        );
        return rows.length === 0 ? [L.none] : all.map((r) => pad(r, widths));
      };
      return [
        L.title(m.before, m.after),
        L.design(m.design, m.matched),
        '',
        L.improved,
        ...block(report.improvements.slice(0, options.top)),
        '',
        L.worsened,
        ...block(report.deteriorations.slice(0, options.top)),
        '',
        ...block(report.rows.filter((r) => r.level === 'construct')),
        '',
      ].join('\n');
    }
  }
}

function num(x: number): number | string {
  return Number.isFinite(x) ? x : '';
}
