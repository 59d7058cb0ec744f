import { textIn, type Language } from '../core/instrument/types.js';
import type { ConstructRow, PathModelReport, Report, ZoneRow } from '../core/report/types.js';
import { fixed, interval, pValue, percent } from './format.js';
import {
  LABELS,
  QUADRANT_NAMES,
  baselineName,
  describeNote,
  mediationSentence,
  survivalReason,
} from './messages.js';
import { formativeCells, segmentLines } from './report-sections.js';
import { impactOf, loyaltyHtml } from './loyalty-sections.js';

/**
 * The HTML report: one self-contained file (inline CSS and SVG; no scripts, fonts or requests — a
 * Content-Security-Policy forbids them) with the executive summary, the IPA map, gap bars with 95 %
 * intervals per construct, the path diagram, measurement quality, the IPMA map and the survival
 * factors, the zone-of-tolerance chart when the file has adequate and desired ratings, and the
 * segments (with the paths compared between two segments) under `--segment-by`. Every
 * piece of user text (labels, ids, file names) is escaped. Prints well (print CSS).
 */
export function renderHtml(
  report: Report,
  options: { readonly lang: Language; readonly top: number },
): string {
  const { lang } = options;
  const L = LABELS[lang];
  const m = report.meta;
  const factors = report.survivalFactors;
  const first = factors[0];
  const sections: string[] = [];
  const summary: string[] = [];
  if (m.baseline !== null || factors.length > 0) {
    summary.push(
      `<p class="headline">${esc(L.headline(factors.length, factors.filter((f) => f.significant).length, first === undefined ? null : `${first.id} ${textIn(first.label, lang)}`))}</p>`,
    );
    if (factors.length > 0) {
      summary.push(
        `<ol class="top">${factors
          .slice(0, 3)
          .map(
            (f) =>
              `<li><strong>${esc(textIn(f.label, lang))}</strong> (${esc(f.id)}): ${esc(survivalReason(f, m.baseline, lang))}</li>`,
          )
          .join('')}</ol>`,
      );
    }
  } else {
    summary.push(`<p>${esc(L.performanceOnly)}</p>`);
  }
  if (report.model?.mediation != null)
    summary.push(
      `<p class="mediation">${esc(mediationSentence(report.model.mediation, lang))}</p>`,
    );
  sections.push(section(lang === 'zh' ? '摘要' : 'Summary', summary.join('')));
  if (m.baseline !== null && m.crosshair !== null)
    sections.push(
      section(
        lang === 'zh' ? '重要性–表现分析（IPA）' : 'Importance–performance map (IPA)',
        ipaMap(report, lang),
      ),
    );
  const gaps = report.constructs.filter((c) => c.gap !== null);
  if (gaps.length > 0)
    sections.push(
      section(
        lang === 'zh' ? '各构念差距（95% 置信区间）' : 'Gaps per construct (95% CI)',
        gapBars(report, lang),
      ),
    );
  const zones = report.constructs.filter((c) => c.zone !== null && c.level === 'first-order');
  if (zones.length > 0)
    sections.push(
      section(
        lang === 'zh'
          ? '容忍区间（0 = 可接受的最低水平）'
          : 'Zone of tolerance (0 = adequate level)',
        zoneChart(zones, lang),
      ),
    );
  if (report.model !== null) {
    sections.push(
      section(
        L.pathModel,
        `<p>${esc(L.pathModelMeta(report.model.respondents, report.model.bootstrap, report.model.scheme))}</p>${pathDiagram(report.model)}`,
      ),
    );
    sections.push(section(L.measurement, measurementTable(report.model)));
    if (report.model.ipma !== null)
      sections.push(section(L.ipma(report.model.ipma.target), ipmaMap(report.model)));
  }
  if (factors.length > 0)
    sections.push(section(L.survivalFactors, survivalTable(report, lang, options.top)));
  for (const s of loyaltyHtml(report, lang)) sections.push(section(s.title, s.body));
  const segments = segmentLines(report, lang);
  if (segments !== null) {
    sections.push(
      section(
        segments.title,
        `<ul>${segments.lines.map((l) => `<li${l.startsWith('  ') ? ' class="sub"' : ''}>${esc(l.trim())}</li>`).join('')}</ul>`,
      ),
    );
  }
  if (report.notes.length > 0)
    sections.push(
      section(
        L.notes,
        `<ul>${report.notes.map((n) => `<li>${esc(describeNote(n, lang, m.scale))}</li>`).join('')}</ul>`,
      ),
    );
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>servqual — ${esc(m.file)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>servqual</h1><p class="meta">${esc(`${m.respondents} ${L.respondents} · ${m.file} · ${L.instrument}: ${m.instrument} · ${L.baseline}: ${baselineName(m.baseline, lang)} · ${L.scale} ${m.scale.min}–${m.scale.max} · servqual ${m.version}`)}</p></header>
${sections.join('\n')}
</body>
</html>
`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","PingFang SC",sans-serif;color:#1c2330;max-width:960px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0}h2{font-size:1.15rem;border-bottom:1px solid #d6dbe3;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#5b6473}.headline{font-weight:600}.mediation{background:#eef4ff;border-left:4px solid #3465a4;padding:.4rem .7rem}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}th,td{padding:.25rem .5rem;border-bottom:1px solid #e4e7ec;text-align:right}th:first-child,td:first-child{text-align:left}
svg{max-width:100%;height:auto}svg text{font:11px system-ui,sans-serif;fill:#1c2330}.axis line,.axis path{stroke:#8a93a3}.cross{stroke:#3465a4;stroke-dasharray:4 3}
.point{fill:#3465a4}.point.concentrate{fill:#c0392b}.quadrant{fill:#8a93a3;font-size:12px}.bar{fill:#3465a4}.bar.neg{fill:#c0392b}.ci{stroke:#1c2330}
.zone{fill:#d7e6d0}.node rect{fill:#f4f6f9;stroke:#3465a4}.arrow{stroke:#3465a4;stroke-width:2;fill:none}.arrow.ns{stroke:#8a93a3;stroke-dasharray:5 4}.sig{color:#c0392b;font-weight:600}
li.sub{margin-left:1.5rem;list-style:circle}section{break-inside:avoid}@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}a{color:inherit}}
`;

function section(title: string, body: string): string {
  return `<section><h2>${esc(title)}</h2>${body}</section>`;
}

/** Escapes text for HTML element content and attribute values. */
export function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const W = 640;
const H = 440;
const PAD = { left: 56, right: 20, top: 20, bottom: 44 };

function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  return (v) => r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0);
}

function ipaMap(report: Report, lang: Language): string {
  const m = report.meta;
  const c = m.crosshair as NonNullable<typeof m.crosshair>;
  const points = report.attributes.filter((a) => a.baseline !== null && a.quadrant !== null);
  const lo = Math.min(
    m.scale.min,
    ...points.map((p) => Math.min(p.performance.mean, p.baseline?.mean ?? m.scale.min)),
  );
  const hi = Math.max(
    m.scale.max,
    ...points.map((p) => Math.max(p.performance.mean, p.baseline?.mean ?? m.scale.max)),
  );
  const x = scale(lo, hi, PAD.left, W - PAD.right);
  const y = scale(lo, hi, H - PAD.bottom, PAD.top);
  const q = QUADRANT_NAMES[lang];
  const dots = points.map((p) => {
    const px = x(p.performance.mean);
    const py = y(p.baseline?.mean as number);
    const tip = `${p.id} ${textIn(p.label, lang)}: ${baselineName(m.baseline, lang)} ${fixed(p.baseline?.mean)}, ${LABELS[lang].performance} ${fixed(p.performance.mean)}, ${LABELS[lang].gap} ${fixed(p.gap?.mean)}`;
    return `<g><circle class="point ${p.quadrant ?? ''}" cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="5"><title>${esc(tip)}</title></circle><text x="${(px + 7).toFixed(1)}" y="${(py + 4).toFixed(1)}">${esc(p.id)}</text></g>`;
  });
  return `<svg data-chart="ipa" viewBox="0 0 ${W} ${H}" role="img" aria-label="IPA map">
${axes(x, y, lo, hi, lo, hi, LABELS[lang].performance, baselineName(m.baseline, lang))}
<line class="cross" x1="${x(c.performance)}" x2="${x(c.performance)}" y1="${PAD.top}" y2="${H - PAD.bottom}"/><line class="cross" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(c.importance)}" y2="${y(c.importance)}"/>
<text class="quadrant" x="${PAD.left + 6}" y="${PAD.top + 14}">${esc(q.concentrate)}</text><text class="quadrant" x="${W - PAD.right - 6}" y="${PAD.top + 14}" text-anchor="end">${esc(q['keep-up'])}</text>
<text class="quadrant" x="${PAD.left + 6}" y="${H - PAD.bottom - 8}">${esc(q['low-priority'])}</text><text class="quadrant" x="${W - PAD.right - 6}" y="${H - PAD.bottom - 8}" text-anchor="end">${esc(q.overkill)}</text>
${dots.join('\n')}
</svg>`;
}

function axes(
  x: (v: number) => number,
  y: (v: number) => number,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  xLabel: string,
  yLabel: string,
): string {
  const ticks = (a: number, b: number): number[] => {
    const step = (b - a) / 5;
    return Array.from({ length: 6 }, (_, i) => a + i * step);
  };
  return `<g class="axis"><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom}"/><line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${H - PAD.bottom}"/>
${ticks(x0, x1)
  .map(
    (t) =>
      `<text x="${x(t).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${fixed(t, 1)}</text>`,
  )
  .join('')}
${ticks(y0, y1)
  .map(
    (t) =>
      `<text x="${PAD.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${fixed(t, 1)}</text>`,
  )
  .join('')}
<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 6}" text-anchor="middle">${esc(xLabel)}</text><text transform="translate(14 ${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text></g>`;
}

function gapBars(report: Report, lang: Language): string {
  const rows = report.constructs.filter((c) => c.gap !== null);
  const lo = Math.min(0, ...rows.map((r) => r.gap?.ci[0] ?? 0));
  const hi = Math.max(0, ...rows.map((r) => r.gap?.ci[1] ?? 0));
  const rowH = 26;
  const height = PAD.top + rows.length * rowH + 30;
  const left = 190;
  const x = scale(lo, hi, left, W - PAD.right);
  const bars = rows.map((r, i) => {
    const g = r.gap as NonNullable<typeof r.gap>;
    const yy = PAD.top + i * rowH;
    const x0 = x(Math.min(0, g.mean));
    const w = Math.abs(x(g.mean) - x(0));
    return `<g><text x="${left - 8}" y="${yy + 15}" text-anchor="end">${esc(`${textIn(r.label, lang)}`)}</text><rect class="bar${g.mean < 0 ? ' neg' : ''}" x="${x0.toFixed(1)}" y="${yy + 4}" width="${w.toFixed(1)}" height="14"><title>${esc(`${r.id}: ${fixed(g.mean)} ${interval(g.ci)}, p (Holm) ${pValue(g.pAdjusted)}`)}</title></rect><line class="ci" x1="${x(g.ci[0]).toFixed(1)}" x2="${x(g.ci[1]).toFixed(1)}" y1="${yy + 11}" y2="${yy + 11}"/></g>`;
  });
  return `<svg data-chart="gaps" viewBox="0 0 ${W} ${height}" role="img" aria-label="gaps"><line class="axis" stroke="#8a93a3" x1="${x(0)}" x2="${x(0)}" y1="${PAD.top}" y2="${height - 24}"/>${bars.join('')}<text x="${x(lo)}" y="${height - 6}">${fixed(lo)}</text><text x="${x(hi)}" y="${height - 6}" text-anchor="end">${fixed(hi)}</text></svg>`;
}

/**
 * Each dimension's zone of tolerance as a band from the adequate level (0) to the desired level
 * (the zone's width), with performance marked at MSA = P − adequate: left of the band is below the
 * zone, right of it above.
 */
function zoneChart(rows: readonly ConstructRow[], lang: Language): string {
  const zones = rows.map((r) => ({ r, z: r.zone as ZoneRow }));
  const lo = Math.min(0, ...zones.map(({ z }) => z.msa.ci[0]));
  const hi = Math.max(...zones.map(({ z }) => Math.max(z.width.mean, z.msa.ci[1])));
  const rowH = 26;
  const left = 190;
  const height = PAD.top + rows.length * rowH + 30;
  const x = scale(lo, hi, left, W - PAD.right);
  const marks = zones.map(({ r, z }, i) => {
    const yy = PAD.top + i * rowH;
    const tip = `${r.id}: MSA ${fixed(z.msa.mean)} ${interval(z.msa.ci)}, MSS ${fixed(z.mss.mean)}, width ${fixed(z.width.mean)} (${z.status})`;
    return `<g><text x="${left - 8}" y="${yy + 15}" text-anchor="end">${esc(textIn(r.label, lang))}</text><rect class="zone" x="${x(0).toFixed(1)}" y="${yy + 4}" width="${(x(z.width.mean) - x(0)).toFixed(1)}" height="14"/><line class="ci" x1="${x(z.msa.ci[0]).toFixed(1)}" x2="${x(z.msa.ci[1]).toFixed(1)}" y1="${yy + 11}" y2="${yy + 11}"/><circle class="point${z.status === 'below' ? ' concentrate' : ''}" cx="${x(z.msa.mean).toFixed(1)}" cy="${yy + 11}" r="5"><title>${esc(tip)}</title></circle></g>`;
  });
  return `<svg data-chart="zone" viewBox="0 0 ${W} ${height}" role="img" aria-label="zone of tolerance">${marks.join('')}<text x="${x(0)}" y="${height - 6}" text-anchor="middle">0</text></svg>`;
}

function pathDiagram(model: PathModelReport): string {
  const ids = [...new Set(model.paths.flatMap((p) => [p.from, p.to]))];
  const depth = new Map<string, number>(ids.map((id) => [id, 0]));
  for (let pass = 0; pass < ids.length; pass++)
    for (const p of model.paths)
      depth.set(p.to, Math.max(depth.get(p.to) ?? 0, (depth.get(p.from) ?? 0) + 1));
  const columns = Math.max(...depth.values()) + 1;
  const byColumn = Array.from({ length: columns }, (_, c) =>
    ids.filter((id) => depth.get(id) === c),
  );
  const height = Math.max(160, Math.max(...byColumn.map((c) => c.length)) * 90 + 40);
  const pos = new Map<string, { x: number; y: number }>();
  byColumn.forEach((col, c) =>
    col.forEach((id, r) =>
      pos.set(id, {
        x: 60 + (c * (W - 200)) / Math.max(1, columns - 1),
        y: ((r + 1) * height) / (col.length + 1),
      }),
    ),
  );
  const bw = 110;
  const bh = 44;
  const arrows = model.paths.map((p) => {
    const a = pos.get(p.from) as { x: number; y: number };
    const b = pos.get(p.to) as { x: number; y: number };
    const sig = p.inference === null ? null : p.inference.p < 0.05;
    const stars =
      p.inference === null
        ? ''
        : p.inference.p < 0.001
          ? '***'
          : p.inference.p < 0.01
            ? '**'
            : p.inference.p < 0.05
              ? '*'
              : ' n.s.';
    const x1 = a.x + bw;
    const y1 = a.y + bh / 2;
    const x2 = b.x;
    const y2 = b.y + bh / 2;
    const bend =
      a.y === b.y && Math.abs((depth.get(p.to) ?? 0) - (depth.get(p.from) ?? 0)) > 1 ? -70 : 0;
    const mx = (x1 + x2) / 2;
    const my = (y1 + y2) / 2 + bend;
    // The label sits on the curve's midpoint: B(½) = ¼·P0 + ½·P1 + ¼·P2 for a quadratic Bézier.
    const ly = 0.25 * y1 + 0.5 * my + 0.25 * y2;
    return `<g><path class="arrow${sig === false ? ' ns' : ''}" marker-end="url(#head)" d="M${x1},${y1} Q${mx},${my} ${x2 - 4},${y2}"><title>${esc(`${p.from} → ${p.to}: ${fixed(p.estimate, 3)} ${interval(p.inference?.ci, 3)}`)}</title></path><text x="${mx}" y="${ly - 6}" text-anchor="middle">${esc(`${fixed(p.estimate, 2)}${stars}`)}</text></g>`;
  });
  const nodes = ids.map((id) => {
    const q = pos.get(id) as { x: number; y: number };
    const r2 = model.rSquared[id];
    return `<g class="node"><rect x="${q.x}" y="${q.y}" width="${bw}" height="${bh}" rx="6"/><text x="${q.x + bw / 2}" y="${q.y + 19}" text-anchor="middle" font-weight="600">${esc(id)}</text>${r2 === undefined ? '' : `<text x="${q.x + bw / 2}" y="${q.y + 35}" text-anchor="middle">R² ${fixed(r2, 2)}</text>`}</g>`;
  });
  return `<svg data-chart="paths" viewBox="0 0 ${W} ${height}" role="img" aria-label="path diagram"><defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#3465a4"/></marker></defs>${arrows.join('')}${nodes.join('')}</svg>`;
}

function measurementTable(model: PathModelReport): string {
  const rows = model.constructs.map((c) =>
    c.mode === 'B'
      ? `<tr>${formativeCells(model, c.id)
          .map((cell) => `<td>${esc(cell)}</td>`)
          .join('')}</tr>`
      : `<tr><td>${esc(c.id)}</td><td>${fixed(c.alpha, 3)}</td><td>${fixed(c.rhoA, 3)}</td><td>${fixed(c.rhoC, 3)}</td><td>${fixed(c.ave, 3)}</td></tr>`,
  );
  return `<table><thead><tr><th></th><th>α</th><th>ρA</th><th>ρC</th><th>AVE</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function ipmaMap(model: PathModelReport): string {
  const ipma = model.ipma as NonNullable<PathModelReport['ipma']>;
  const points = ipma.constructs;
  const maxI = Math.max(0.05, ...points.map((p) => p.importance)) * 1.1;
  const x = scale(0, maxI, PAD.left, W - PAD.right);
  const y = scale(0, 100, H - PAD.bottom, PAD.top);
  const dots = points.map(
    (p) =>
      `<g><circle class="point" cx="${x(p.importance).toFixed(1)}" cy="${y(p.performance).toFixed(1)}" r="5"><title>${esc(`${p.id}: importance ${fixed(p.importance, 3)}, performance ${fixed(p.performance, 1)}`)}</title></circle><text x="${(x(p.importance) + 7).toFixed(1)}" y="${(y(p.performance) + 4).toFixed(1)}">${esc(p.id)}</text></g>`,
  );
  const stated = ipma.items.filter((i) => i.stated !== null);
  const table =
    stated.length === 0
      ? ''
      : `<table><thead><tr><th></th><th>stated importance</th><th>derived importance</th><th>performance (0–100)</th></tr></thead><tbody>${[
          ...stated,
        ]
          .sort((a, b) => b.importance - a.importance)
          .map(
            (i) =>
              `<tr><td>${esc(i.id)}</td><td>${fixed(i.stated)}</td><td>${fixed(i.importance, 3)}</td><td>${fixed(i.performance, 1)}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  return `<svg data-chart="ipma" viewBox="0 0 ${W} ${H}" role="img" aria-label="IPMA map">${axes(x, y, 0, maxI, 0, 100, 'importance (total effect)', 'performance (0–100)')}${dots.join('')}</svg>${table}`;
}

function survivalTable(report: Report, lang: Language, top: number): string {
  const L = LABELS[lang];
  const rows = report.survivalFactors.slice(0, Math.max(0, top)).map((f) => {
    const row = report.attributes.find((a) => a.id === f.id);
    const impact = impactOf(report, f.id, lang);
    return `<tr><td>${f.rank}. ${esc(textIn(f.label, lang))} <small>(${esc(f.id)})</small>${impact === null ? '' : `<br><small class="impact">${esc(impact.name)}: ${esc(impact.advice)}</small>`}</td><td>${fixed(f.importance)}</td><td>${fixed(f.performance)}</td><td class="${f.significant ? 'sig' : ''}">${fixed(f.gap)}</td><td>${interval(row?.gap?.ci ?? row?.zone?.msa.ci)}</td><td>${pValue(row?.gap?.pAdjusted ?? row?.zone?.msa.pAdjusted)}</td><td>${percent(f.importantShare)}</td></tr>`;
  });
  return `<table><thead><tr><th>${esc(L.attribute)}</th><th>${esc(baselineName(report.meta.baseline, lang))}</th><th>${esc(L.performance)}</th><th>${esc(L.gap)}</th><th>${esc(L.ci)}</th><th>${esc(L.pHolm)}</th><th>${esc(L.importantTo[report.meta.baseline ?? 'importance'])}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
