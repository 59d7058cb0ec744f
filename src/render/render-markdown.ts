import { textIn, type Language } from '../core/instrument/types.js';
import type { Report } from '../core/report/types.js';
import { fixed, interval, pValue } from './format.js';
import { LABELS, QUADRANT_NAMES, baselineName, describeNote, survivalReason } from './messages.js';
import { impactOf, loyaltyMarkdown } from './loyalty-sections.js';
import { modelTables, segmentLines, zoneTable } from './report-sections.js';
import { safeText } from '../core/text/safe-text.js';

/** Markdown for PR comments and CI job summaries: headline, survival factors, constructs, notes. */
export function renderMarkdown(
  report: Report,
  options: { readonly lang: Language; readonly top: number },
): string {
  const { lang } = options;
  const L = LABELS[lang];
  const m = report.meta;
  const out: string[] = [];
  out.push(`# servqual: ${m.respondents} ${L.respondents}`);
  out.push('');
  const baseline = `${L.baseline}: ${baselineName(m.baseline, lang)}`;
  const scale = `${L.scale} ${m.scale.min}–${m.scale.max}`;
  const instrument = cell(textIn(m.instrument, lang));
  out.push(`${L.instrument}: ${instrument} · ${baseline} · ${scale} · \`${cell(m.file)}\``);
  out.push('');
  const factors = report.survivalFactors;
  if (m.baseline !== null || factors.length > 0) {
    const first = factors[0];
    const significant = factors.filter((f) => f.significant).length;
    const top = first === undefined ? null : `${first.id} ${textIn(first.label, lang)}`;
    out.push(`**${L.headline(factors.length, significant, top)}**`);
    out.push('');
    const shown = factors.slice(0, Math.max(0, options.top));
    // --top 0 asks for no table: no heading over nothing either (the headline above counts them).
    if (factors.length === 0 || shown.length > 0) {
      const ranking = [L.topOf(shown.length, factors.length), L.rankedBy(m.rankBy)] as const;
      out.push(`## ${L.survivalHeading(ranking)}`);
      out.push('');
    }
    if (factors.length === 0) {
      out.push(L.none);
    } else if (shown.length > 0) {
      out.push(
        tableRow([
          L.rank,
          L.attribute,
          baselineName(m.baseline, lang),
          L.performance,
          L.gap,
          L.ci,
          L.pHolm,
          L.quadrant,
          L.why,
        ]),
      );
      out.push('|---:|---|---:|---:|---:|---|---:|---|---|');
      for (const f of shown) {
        const row = report.attributes.find((a) => a.id === f.id);
        const gap = f.significant ? `**${fixed(f.gap)}**` : fixed(f.gap);
        const impact = impactOf(report, f.id, lang);
        const advice = impact === null ? '' : ` — **${cell(impact.name)}**: ${cell(impact.advice)}`;
        out.push(
          tableRow([
            String(f.rank),
            `\`${cell(f.id)}\` ${cell(textIn(f.label, lang))}`,
            fixed(f.importance),
            fixed(f.performance),
            gap,
            interval(row?.gap?.ci ?? row?.zone?.msa.ci),
            pValue(row?.gap?.pAdjusted ?? row?.zone?.msa.pAdjusted),
            f.quadrant === null ? '—' : QUADRANT_NAMES[lang][f.quadrant],
            `${cell(survivalReason(f, m.baseline, lang))}${advice}`,
          ]),
        );
      }
    }
    out.push('');
  }
  out.push(`## ${L.constructs}`);
  out.push('');
  out.push(
    tableRow([
      L.construct,
      L.n,
      baselineName(m.baseline, lang),
      L.performance,
      L.gap,
      L.ci,
      L.pHolm,
    ]),
  );
  out.push('|---|---:|---:|---:|---:|---|---:|');
  for (const k of report.constructs) {
    out.push(
      tableRow([
        `\`${cell(k.id)}\` ${cell(textIn(k.label, lang))}`,
        String(k.n),
        fixed(k.baseline?.mean),
        fixed(k.performance.mean),
        fixed(k.gap?.mean),
        interval(k.gap?.ci),
        pValue(k.gap?.pAdjusted),
      ]),
    );
  }
  const table = (head: string[], rows: string[][]): void => {
    out.push(`| ${head.map(cell).join(' | ')} |`);
    out.push(`|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    for (const row of rows) out.push(`| ${row.map(cell).join(' | ')} |`);
  };
  const segments = segmentLines(report, lang);
  if (segments !== null) {
    out.push('');
    out.push(`## ${cell(segments.title)}`);
    out.push('');
    for (const line of segments.lines) out.push(`- ${cell(line.trim())}`);
  }
  out.push(...loyaltyMarkdown(report, lang));
  const zone = zoneTable(report, lang);
  if (zone !== null) {
    out.push('');
    out.push(`## ${cell(zone.title)}`);
    out.push('');
    table(zone.head, zone.rows);
  }
  if (report.model !== null) {
    const t = modelTables(report.model, lang);
    out.push('');
    out.push(`## ${t.title}`);
    out.push('');
    out.push(cell(t.meta));
    if (t.mediation !== null) {
      out.push('');
      out.push(`**${cell(t.mediation)}**`);
    }
    out.push('');
    table(
      t.paths.head,
      t.paths.rows.map((row, i) =>
        t.significant[i] === true ? row.map((x, k) => (k === 1 ? `**${x}**` : x)) : row,
      ),
    );
    out.push('');
    out.push(`### ${L.measurement}`);
    out.push('');
    table(t.measurement.head, t.measurement.rows);
    if (t.htmt !== null) {
      out.push('');
      out.push(cell(t.htmt));
    }
    if (t.ipma !== null) {
      out.push('');
      out.push(`### ${cell(t.ipma.title)}`);
      out.push('');
      table(t.ipma.head, t.ipma.rows);
    }
  }

  if (report.notes.length > 0) {
    out.push('');
    out.push(`## ${L.notes}`);
    out.push('');
    for (const note of report.notes) out.push(`- ${cell(describeNote(note, lang, m.scale))}`);
  }
  return `${out.join('\n')}\n`;
}

/** Escapes text for a Markdown table cell: pipes, backticks, angle brackets, line breaks. */
/** A table row of cells already written as Markdown. */
function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function cell(text: string): string {
  return safeText(text)
    .replace(/[|`<>\\]/g, (ch) => `\\${ch}`)
    .replace(/[\r\n]+/g, ' ');
}
