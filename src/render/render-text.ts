import { Chalk } from 'chalk';
import { textIn, type Language } from '../core/instrument/types.js';
import type { AttributeRow, Moments, Report } from '../core/report/types.js';
import { wrapIndented } from './display-width.js';
import { fixed, interval, pValue, percent } from './format.js';
import { LABELS, QUADRANT_NAMES, baselineName, describeNote } from './messages.js';
import { modelTables, segmentGrid, segmentLines, zoneTable } from './report-sections.js';
import { ipaGrid } from './ipa-grid.js';
import { impactOf, loyaltyBlocks } from './loyalty-sections.js';
import { clip, fitTable, type TableStyle, type TextCell, type TextColumn } from './text-table.js';

export interface TextOptions {
  readonly lang: Language;
  /** Colour decided once by the CLI (NO_COLOR, --no-color, TTY, TERM=dumb). */
  readonly color: boolean;
  /** Terminal width in display columns (CJK characters take 2). */
  readonly width: number;
  /** How many survival factors to show. */
  readonly top: number;
  /** Box-drawing and bullet characters (a UTF-8 terminal); plain ASCII otherwise. */
  readonly unicode?: boolean;
}

type Variant = { columns: TextColumn[]; rows: TextCell[][] };

/**
 * The terminal report: headline, survival-factor table, IPA map, per-construct gaps, segments, zone
 * of tolerance, path model, notes. Significant shortfalls (Holm-adjusted p < 0.05) are red when
 * colour is on.
 *
 * Every line fits `width` display columns (CJK = 2, combining marks = 0). Text wraps (English at
 * spaces, Chinese between characters). Tables give way step by step, narrowest last, until they
 * fit; the survival-factor table in this order:
 *   1. the label column narrows (labels wrap, at most two lines, then "…");
 *   2. quadrant names are abbreviated;
 *   3. the 95 % CI moves under the gap, in the gap's cell;
 *   4. the "% important" column goes;
 *   5. the quadrant column goes (the map below shows it);
 *   6. the baseline and performance columns go (the gap stays);
 * the construct table: label narrows → CI under the gap → level abbreviated → n goes → baseline and
 * performance go; the path table: CI under β → f² goes; the zone table: CIs under the means →
 * status abbreviated → zone width goes. A table that still does not fit is cut at the width.
 */
export function renderText(report: Report, options: TextOptions): string {
  const { lang } = options;
  const L = LABELS[lang];
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(20, options.width);
  const style: TableStyle = {
    unicode: options.unicode !== false,
    head: options.color ? (x) => c.bold(x) : (x) => x,
    border: options.color ? (x) => c.grey(x) : (x) => x,
  };
  const table = (variants: Variant[]): string => fitTable(variants, width, style).join('\n');
  const para = (text: string, indent = 2): string => wrapIndented(text, width, indent).join('\n');
  const out: string[] = [];
  const m = report.meta;

  out.push(c.bold(para(`servqual · ${m.respondents} ${L.respondents} · ${m.file}`)));
  const baseline = `${L.baseline}: ${baselineName(m.baseline, lang)}`;
  const scale = `${L.scale} ${m.scale.min}–${m.scale.max}`;
  out.push(para(`${L.instrument}: ${textIn(m.instrument, lang)} · ${baseline} · ${scale}`));
  out.push('');

  const factors = report.survivalFactors;
  if (m.baseline !== null || factors.length > 0) {
    const sig = factors.filter((f) => f.significant).length;
    const first = factors[0];
    const top =
      first === undefined
        ? null
        : `${first.id} "${textIn(first.label, lang)}" ` +
          `(${fixed(first.performance, 1)} vs ${fixed(first.importance, 1)}, ` +
          `${L.gap} ${fixed(first.gap, 2)})`;
    out.push(c.bold(para(L.headline(factors.length, sig, top), 0)));
    out.push('');
    const shown = factors.slice(0, Math.max(0, options.top));
    const ranking = [L.topOf(shown.length, factors.length), L.rankedBy(m.rankBy)] as const;
    // --top 0 asks for no table: no heading over nothing either (the headline above counts them).
    if (factors.length === 0 || shown.length > 0)
      out.push(c.bold(para(L.survivalHeading(ranking), 0)));
    if (factors.length === 0) {
      out.push(para(L.none, 0));
    } else if (shown.length > 0) {
      const variant = (level: number): Variant => {
        const cols: Array<{ col: TextColumn; cell: (i: number) => TextCell }> = [];
        const rows = shown.map((f) => {
          const row = report.attributes.find((a) => a.id === f.id);
          const paint = f.significant ? (x: string) => c.red(x) : undefined;
          return { f, row, paint };
        });
        const ci = (i: number): string => {
          const r = rows[i]?.row;
          return interval(r?.gap?.ci ?? r?.zone?.msa.ci);
        };
        cols.push({ col: { head: L.rank, align: 'right' }, cell: (i) => String(rows[i]?.f.rank) });
        cols.push({
          col: { head: L.attribute, shrink: { min: level >= 7 ? 8 : 20, maxLines: 2 } },
          cell: (i) => {
            const f = shown[i] as (typeof shown)[number];
            return `${f.id} ${textIn(f.label, lang)}`;
          },
        });
        if (level < 6) {
          cols.push({
            col: {
              head: m.baseline === null ? L.adequateShort : L.baselineShort[m.baseline],
              align: 'right',
            },
            cell: (i) => fixed(rows[i]?.f.importance, 2),
          });
          cols.push({
            col: { head: L.performance, align: 'right' },
            cell: (i) => fixed(rows[i]?.f.performance, 2),
          });
        }
        cols.push({
          col: { head: level >= 3 ? `${L.gap}\n${L.ci}` : L.gap, align: 'right' },
          cell: (i) => {
            const g = fixed(rows[i]?.f.gap, 2);
            const paint = rows[i]?.paint;
            const text = level >= 3 ? `${g}\n${ci(i)}` : g;
            return paint === undefined ? text : { text, paint };
          },
        });
        if (level < 3) cols.push({ col: { head: L.ci, align: 'right' }, cell: ci });
        cols.push({
          col: { head: L.pHolm, align: 'right' },
          cell: (i) => {
            const r = rows[i]?.row;
            const text = pValue(r?.gap?.pAdjusted ?? r?.zone?.msa.pAdjusted);
            const paint = rows[i]?.paint;
            return paint === undefined ? text : { text, paint };
          },
        });
        if (level < 4)
          cols.push({
            col: { head: L.importantTo[m.baseline ?? 'importance'], align: 'right' },
            cell: (i) => percent(rows[i]?.f.importantShare),
          });
        if (level < 5)
          cols.push({
            col: { head: level >= 2 ? L.quadrantHead : L.quadrant },
            cell: (i) => {
              const q = rows[i]?.f.quadrant ?? null;
              return q === null ? '—' : (level >= 2 ? L.quadrantShort : QUADRANT_NAMES[lang])[q];
            },
          });
        return {
          columns: cols.map((x) => x.col),
          rows: rows.map((_, i) => cols.map((x) => x.cell(i))),
        };
      };
      out.push(table([0, 2, 3, 4, 5, 6, 7].map(variant)));
      // The penalty–reward class of each factor shown, when the report has one, with its advice.
      const byClass = new Map<string, { advice: string; ids: string[] }>();
      for (const f of shown) {
        const impact = impactOf(report, f.id, lang);
        if (impact === null) continue;
        const entry = byClass.get(impact.name) ?? { advice: impact.advice, ids: [] };
        entry.ids.push(f.id);
        byClass.set(impact.name, entry);
      }
      for (const [name, { advice, ids }] of byClass)
        out.push(para(`[${name}] ${ids.join(', ')} — ${advice}`, 0));
    }
    const map = ipaGrid(report, { lang, width, unicode: options.unicode ?? true });
    if (map.length > 0) {
      out.push('');
      out.push(c.bold(L.ipaMap));
      out.push(...map);
    }
    out.push('');
  }

  out.push(c.bold(L.constructs));
  const constructVariant = (level: number): Variant => {
    const rows = report.constructs.map((k) => {
      const shortfall = k.gap !== null && k.gap.mean < 0 && k.gap.pAdjusted < 0.05;
      const label = textIn(k.label, lang);
      const levelName =
        k.level === 'higher-order'
          ? L.higherOrder
          : k.baseline === null && report.attributes.some((a) => a.construct === k.id && a.outcome)
            ? L.outcome
            : L.firstOrder;
      return { k, shortfall, name: `${k.id}${label === k.id ? '' : ` ${label}`}`, levelName };
    });
    const paint = (x: { shortfall: boolean }, text: string): TextCell =>
      x.shortfall ? { text, paint: (t) => c.red(t) } : text;
    const cols: Array<{ col: TextColumn; cell: (r: (typeof rows)[number]) => TextCell }> = [
      { col: { head: L.construct, shrink: { min: 12, maxLines: 2 } }, cell: (r) => r.name },
    ];
    if (level < 2) cols.push({ col: { head: L.level }, cell: (r) => r.levelName });
    if (level < 3) cols.push({ col: { head: L.n, align: 'right' }, cell: (r) => String(r.k.n) });
    if (m.baseline === null) {
      // Performance ratings only: their means are the report's numbers (no gap, CI or p).
      cols.push(...performanceColumns(L, level, (r: (typeof rows)[number]) => r.k.performance));
      return { columns: cols.map((x) => x.col), rows: rows.map((r) => cols.map((x) => x.cell(r))) };
    }
    if (level < 4) {
      cols.push({
        col: {
          head:
            level >= 1
              ? m.baseline === null
                ? '—'
                : L.baselineShort[m.baseline]
              : baselineName(m.baseline, lang),
          align: 'right',
        },
        cell: (r) => fixed(r.k.baseline?.mean),
      });
      cols.push({
        col: { head: L.performance, align: 'right' },
        cell: (r) => fixed(r.k.performance.mean),
      });
    }
    cols.push({
      col: { head: level >= 1 ? `${L.gap}\n${L.ci}` : L.gap, align: 'right' },
      cell: (r) =>
        paint(
          r,
          level >= 1 ? `${fixed(r.k.gap?.mean)}\n${interval(r.k.gap?.ci)}` : fixed(r.k.gap?.mean),
        ),
    });
    if (level < 1)
      cols.push({ col: { head: L.ci, align: 'right' }, cell: (r) => interval(r.k.gap?.ci) });
    cols.push({
      col: { head: L.pHolm, align: 'right' },
      cell: (r) => paint(r, pValue(r.k.gap?.pAdjusted)),
    });
    return { columns: cols.map((x) => x.col), rows: rows.map((r) => cols.map((x) => x.cell(r))) };
  };
  out.push(table([0, 1, 2, 3, 4].map(constructVariant)));
  if (m.baseline === null && report.attributes.every((a) => a.zone === null)) {
    // Without a baseline (nor a zone of tolerance, whose table lists them) there are no survival
    // factors: each attribute's performance instead.
    out.push('');
    out.push(c.bold(L.attributes));
    const attributeVariant = (level: number): Variant => {
      const cols: Array<{ col: TextColumn; cell: (a: AttributeRow) => TextCell }> = [
        {
          col: { head: L.attribute, shrink: { min: 12, maxLines: 2 } },
          cell: (a) =>
            `${a.id}${textIn(a.label, lang) === a.id ? '' : ` ${textIn(a.label, lang)}`}`,
        },
        ...(level < 3
          ? [
              {
                col: { head: L.n, align: 'right' as const },
                cell: (a: AttributeRow) => String(a.n),
              },
            ]
          : []),
        ...performanceColumns(L, level, (a: AttributeRow) => a.performance),
      ];
      return {
        columns: cols.map((x) => x.col),
        rows: report.attributes.map((a) => cols.map((x) => x.cell(a))),
      };
    };
    out.push(table([0, 1, 2, 3, 4].map(attributeVariant)));
  }

  const grid = segmentGrid(report, lang);
  const segments = segmentLines(report, lang);
  if (grid !== null && segments !== null) {
    out.push('');
    out.push(c.bold(para(grid.title, 0)));
    if (grid.rows.length > 0) {
      const columns: TextColumn[] = [
        { head: L.attribute, shrink: { min: 12, maxLines: 2 } },
        // The segment on one line, its size on the next: a narrow column never breaks "(n = …)".
        ...grid.segments.map((s) => ({
          head: `${s.value}\n(n = ${s.n})`,
          align: 'right' as const,
          shrink: { min: 8, maxLines: 2 },
        })),
      ];
      out.push(
        table([
          {
            columns,
            rows: grid.rows.map((r) => [`${r.differs ? '* ' : ''}${r.id} ${r.label}`, ...r.cells]),
          },
        ]),
      );
      out.push(
        para(`${L.rankGap}${grid.rows.some((r) => r.differs) ? `; * ${L.segmentDiffers}` : ''}`),
      );
    }
    // The tests behind the marks: the attributes that differ, and the paths compared (PLS-MGA).
    for (const line of segments.lines.slice(report.segments?.segments.length ?? 0))
      out.push(
        line.startsWith('  ')
          ? wrapIndented(line.trim(), width - 2, 2)
              .map((l) => `  ${l}`)
              .join('\n')
          : para(line),
      );
  }

  for (const block of loyaltyBlocks(report, lang)) {
    out.push('');
    out.push(c.bold(para(block.title, 0)));
    for (const s of block.sentences) if (s !== '') out.push(para(s, 0));
    for (const t of block.tables) {
      // Give-way order: the wrapping column narrows first, then the listed columns go one by one.
      const wrap = t.fit?.wrap ?? 0;
      const giveWay = t.fit?.giveWay ?? [];
      const variant = (gone: readonly number[]): Variant => {
        const keep = t.head.map((_, i) => i).filter((i) => !gone.includes(i));
        return {
          columns: keep.map(
            (i): TextColumn => ({
              head: t.head[i] as string,
              align: i === 0 || i === wrap ? 'left' : 'right',
              ...(i === wrap ? { shrink: { min: 10, maxLines: 3 } } : {}),
            }),
          ),
          rows: t.rows.map((r) => keep.map((i) => r[i] ?? '')),
        };
      };
      out.push(table([...giveWay.map((_, k) => giveWay.slice(0, k)), giveWay].map(variant)));
    }
  }

  const zone = zoneTable(report, lang);
  if (zone !== null) {
    out.push('');
    out.push(c.bold(para(zone.title, 0)));
    const zoneVariant = (level: number): Variant => ({
      columns: zone.head
        .map(
          (h, i): TextColumn => ({
            head: level >= 2 && i === 4 ? L.zoneStatusHead : h,
            align: i === 0 || i === 4 ? 'left' : 'right',
            ...(i === 0 ? { shrink: { min: 6, maxLines: 2 } } : {}),
          }),
        )
        .filter((_, i) => !(level >= 3 && i === 3)),
      rows: zone.rows.map((row) =>
        row
          .map((cell, i) => {
            if (i >= 1 && i <= 3 && level >= 1) return cell.replace(' [', '\n[');
            if (i === 4 && level >= 2) {
              const key = (Object.keys(L.zoneStatus) as Array<keyof typeof L.zoneStatus>).find(
                (k) => L.zoneStatus[k] === cell,
              );
              return key === undefined ? cell : L.zoneStatusShort[key];
            }
            return cell;
          })
          .filter((_, i) => !(level >= 3 && i === 3)),
      ),
    });
    out.push(table([0, 1, 2, 3].map(zoneVariant)));
  }

  if (report.model !== null) {
    const t = modelTables(report.model, lang);
    out.push('');
    out.push(c.bold(t.title));
    out.push(para(t.meta));
    if (t.mediation !== null) out.push(c.bold(para(t.mediation)));
    const pathVariant = (level: number): Variant => ({
      columns: t.paths.head
        .map(
          (h, i): TextColumn => ({
            head: level >= 1 && i === 1 ? `${h}\n${t.paths.head[2] ?? ''}` : h,
            align: i === 0 ? 'left' : 'right',
            ...(i === 0 || i === 5 ? { shrink: { min: 6, maxLines: 2 } } : {}),
          }),
        )
        .filter((_, i) => !(level >= 1 && i === 2) && !(level >= 2 && i === 4)),
      rows: t.paths.rows.map((row, r) =>
        row
          .map((x, i): TextCell => {
            const text = level >= 1 && i === 1 ? `${x}\n${row[2] ?? ''}` : x;
            return i === 1 && t.significant[r] === true ? { text, paint: (y) => c.bold(y) } : text;
          })
          .filter((_, i) => !(level >= 1 && i === 2) && !(level >= 2 && i === 4)),
      ),
    });
    out.push(table([0, 1, 2].map(pathVariant)));
    out.push(c.bold(L.measurement));
    out.push(
      table([
        {
          columns: t.measurement.head.map((h, i) => ({
            head: h,
            align: i === 0 ? 'left' : 'right',
          })),
          rows: t.measurement.rows,
        },
      ]),
    );
    if (t.htmt !== null) out.push(para(t.htmt));
    if (t.ipma !== null) {
      out.push(c.bold(para(t.ipma.title, 0)));
      out.push(
        table([
          {
            columns: t.ipma.head.map((h, i) => ({
              head: h,
              align: i === 0 ? 'left' : 'right',
              shrink: { min: 6, maxLines: 2 },
            })),
            rows: t.ipma.rows,
          },
        ]),
      );
    }
  }

  if (report.notes.length > 0) {
    out.push('');
    out.push(c.bold(L.notes));
    for (const note of report.notes) out.push(para(`- ${describeNote(note, lang, m.scale)}`));
  }
  return `${out
    .join('\n')
    .split('\n')
    .map((l) => clip(l, width))
    .join('\n')}\n`;
}

/**
 * The performance mean, and its SD (divisor n − 1) but in the narrowest layout, of a table's rows
 * (performance-only reports).
 */
function performanceColumns<R>(
  L: { readonly performance: string; readonly sd: string },
  level: number,
  momentsOf: (row: R) => Moments,
): Array<{ col: TextColumn; cell: (row: R) => TextCell }> {
  return [
    { col: { head: L.performance, align: 'right' }, cell: (r) => fixed(momentsOf(r).mean) },
    ...(level < 4
      ? [{ col: { head: L.sd, align: 'right' as const }, cell: (r: R) => fixed(momentsOf(r).sd) }]
      : []),
  ];
}
