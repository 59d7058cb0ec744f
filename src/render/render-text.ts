import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { textIn, type Language } from '../core/instrument/types.js';
import type { Report } from '../core/report/types.js';
import { fixed, interval, pValue, percent } from './format.js';
import { LABELS, QUADRANT_NAMES, baselineName, describeNote } from './messages.js';
import { modelTables, segmentLines, zoneTable } from './report-sections.js';
import { ipaGrid } from './ipa-grid.js';
import { fitColumns, impactOf, loyaltyBlocks } from './loyalty-sections.js';

export interface TextOptions {
  readonly lang: Language;
  /** Colour decided once by the CLI (NO_COLOR, --no-color, TTY, TERM=dumb). */
  readonly color: boolean;
  /** Terminal width in characters. */
  readonly width: number;
  /** How many survival factors to show. */
  readonly top: number;
  /** Box-drawing and bullet characters (a UTF-8 terminal); plain ASCII otherwise. */
  readonly unicode?: boolean;
}

/**
 * The terminal report: headline, survival-factor table, per-construct gaps, notes. Significant
 * shortfalls (Holm-adjusted p < 0.05) are red when colour is on; tables fit `width`.
 */
export function renderText(report: Report, options: TextOptions): string {
  const { lang } = options;
  const L = LABELS[lang];
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const style = options.color ? { head: ['bold'], border: ['grey'] } : { head: [], border: [] };
  // Plain ASCII borders when the terminal is not UTF-8; no rule between rows of one-line tables.
  const ascii =
    options.unicode === false
      ? {
          top: '-',
          'top-mid': '+',
          'top-left': '+',
          'top-right': '+',
          bottom: '-',
          'bottom-mid': '+',
          'bottom-left': '+',
          'bottom-right': '+',
          left: '|',
          'left-mid': '+',
          mid: '-',
          'mid-mid': '+',
          right: '|',
          'right-mid': '+',
          middle: '|',
        }
      : {};
  const chars = { ...ascii, mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
  const out: string[] = [];
  const m = report.meta;

  out.push(c.bold(`servqual · ${m.respondents} ${L.respondents} · ${m.file}`));
  out.push(
    `${L.instrument}: ${m.instrument} · ${L.baseline}: ${baselineName(m.baseline, lang)} · ${L.scale} ${m.scale.min}–${m.scale.max}`,
  );
  out.push('');

  const factors = report.survivalFactors;
  if (m.baseline !== null || factors.length > 0) {
    const sig = factors.filter((f) => f.significant).length;
    const first = factors[0];
    const top =
      first === undefined
        ? null
        : `${first.id} "${textIn(first.label, lang)}" (${fixed(first.performance, 1)} vs ${fixed(first.importance, 1)}, ${L.gap} ${fixed(first.gap, 2)})`;
    out.push(c.bold(L.headline(factors.length, sig, top)));
    out.push('');
    const shown = factors.slice(0, Math.max(0, options.top));
    out.push(
      c.bold(
        `${L.survivalFactors} (${L.topOf(shown.length, factors.length)}, ${L.rankedBy(m.rankBy)})`,
      ),
    );
    if (factors.length === 0) {
      out.push(L.none);
    } else {
      // Fixed columns (#, baseline, perf, gap, CI, p, share, quadrant) plus borders; the label takes the rest.
      const fixedWidth = 4 + 6 + 6 + 7 + 16 + 10 + 9 + 14 + 10;
      const labelWidth = Math.max(18, options.width - fixedWidth);
      const table = new Table({
        head: [
          L.rank,
          L.attribute,
          m.baseline === null ? 'adeq' : L.baselineShort[m.baseline],
          L.performance,
          L.gap,
          L.ci,
          L.pHolm,
          L.importantTo[m.baseline ?? 'importance'],
          L.quadrant,
        ],
        colWidths: [4, labelWidth, 6, 6, 7, 16, 10, 9, 14],
        wordWrap: true,
        style,
        chars: ascii,
      });
      for (const f of shown) {
        const row = report.attributes.find((a) => a.id === f.id);
        const paint = f.significant ? c.red : (s: string) => s;
        table.push([
          String(f.rank),
          `${f.id} ${textIn(f.label, lang)}${((i) => (i === null ? '' : ` [${i.name}]`))(impactOf(report, f.id, lang))}`,
          fixed(f.importance, 2),
          fixed(f.performance, 2),
          paint(fixed(f.gap, 2)),
          interval(row?.gap?.ci ?? row?.zone?.msa.ci),
          paint(pValue(row?.gap?.pAdjusted ?? row?.zone?.msa.pAdjusted)),
          percent(f.importantShare),
          f.quadrant === null ? '—' : QUADRANT_NAMES[lang][f.quadrant],
        ]);
      }
      out.push(table.toString());
      const advice = new Map(
        shown.flatMap((f) => {
          const i = impactOf(report, f.id, lang);
          return i === null ? [] : [[i.name, i.advice] as const];
        }),
      );
      for (const [name, words] of advice) out.push(`[${name}] ${words}`);
    }
    const map = ipaGrid(report, { lang, width: options.width, unicode: options.unicode ?? true });
    if (map.length > 0) {
      out.push('');
      out.push(c.bold(lang === 'zh' ? '重要性–表现图' : 'Importance–performance map'));
      out.push(...map);
    }
    out.push('');
  }

  out.push(c.bold(L.constructs));
  const constructs = new Table({
    head: [
      L.construct,
      L.level,
      L.n,
      baselineName(m.baseline, lang),
      L.performance,
      L.gap,
      L.ci,
      L.pHolm,
    ],
    style,
    chars,
  });
  for (const k of report.constructs) {
    const significantShortfall = k.gap !== null && k.gap.mean < 0 && k.gap.pAdjusted < 0.05;
    const paint = significantShortfall ? c.red : (s: string) => s;
    constructs.push([
      `${k.id}${textIn(k.label, lang) === k.id ? '' : ` ${textIn(k.label, lang)}`}`,
      k.level === 'higher-order'
        ? L.higherOrder
        : k.baseline === null && report.attributes.some((a) => a.construct === k.id && a.outcome)
          ? L.outcome
          : L.firstOrder,
      String(k.n),
      fixed(k.baseline?.mean),
      fixed(k.performance.mean),
      paint(fixed(k.gap?.mean)),
      interval(k.gap?.ci),
      paint(pValue(k.gap?.pAdjusted)),
    ]);
  }
  out.push(constructs.toString());

  const segments = segmentLines(report, lang);
  if (segments !== null) {
    out.push('');
    out.push(c.bold(segments.title));
    out.push(...segments.lines);
  }

  for (const block of loyaltyBlocks(report, lang)) {
    out.push('');
    out.push(c.bold(block.title));
    for (const s of block.sentences) if (s !== '') out.push(s);
    for (const t of block.tables) {
      const table = new Table({
        head: [...t.head],
        style,
        chars,
        wordWrap: true,
        colWidths: fitColumns(t.head, t.rows, options.width),
      });
      for (const row of t.rows) table.push(row);
      out.push(table.toString());
    }
  }

  const zone = zoneTable(report, lang);
  if (zone !== null) {
    out.push('');
    out.push(c.bold(zone.title));
    const table = new Table({ head: zone.head, style, chars });
    for (const row of zone.rows) table.push(row);
    out.push(table.toString());
  }

  if (report.model !== null) {
    const t = modelTables(report.model, lang);
    out.push('');
    out.push(c.bold(t.title));
    out.push(t.meta);
    if (t.mediation !== null) out.push(c.bold(t.mediation));
    const paths = new Table({ head: t.paths.head, style, chars });
    t.paths.rows.forEach((row, i) =>
      paths.push(t.significant[i] === true ? row.map((x, k) => (k === 1 ? c.bold(x) : x)) : row),
    );
    out.push(paths.toString());
    out.push(c.bold(L.measurement));
    const measurement = new Table({ head: t.measurement.head, style, chars });
    for (const row of t.measurement.rows) measurement.push(row);
    out.push(measurement.toString());
    if (t.htmt !== null) out.push(t.htmt);
    if (t.ipma !== null) {
      out.push(c.bold(t.ipma.title));
      const ipma = new Table({ head: t.ipma.head, style, chars });
      for (const row of t.ipma.rows) ipma.push(row);
      out.push(ipma.toString());
    }
  }

  if (report.notes.length > 0) {
    out.push('');
    out.push(c.bold(L.notes));
    for (const note of report.notes) out.push(`- ${describeNote(note, lang, m.scale)}`);
  }
  return `${out.join('\n')}\n`;
}
