import { textIn, type Language } from '../core/instrument/types.js';
import type {
  ConstructRow,
  PathModelReport,
  Report,
  SurvivalFactor,
  ZoneRow,
} from '../core/report/types.js';
import { fixed, interval, pValue, percent } from './format.js';
import {
  gapBarChart,
  gridTicks,
  pathDiagram,
  scatterMap,
  type DiagramNode,
  type MapPoint,
} from './html-charts.js';
import {
  chartSvg,
  el,
  esc,
  gapClass,
  leaf,
  legend,
  niceTicks,
  page,
  scale,
  textWidthPx,
  tickDigits,
} from './html-kit.js';
import {
  LABELS,
  QUADRANT_NAMES,
  baselineName,
  describeNote,
  mediationSentence,
  survivalReason,
} from './messages.js';
import { impactOf, loyaltyHtml } from './loyalty-sections.js';
import { formativeCells, segmentGrid, segmentLines } from './report-sections.js';

export { esc } from './html-kit.js';

/**
 * The HTML report for a manager reading it the first time: one self-contained file (inline CSS and
 * SVG; no scripts, fonts or requests — a Content-Security-Policy forbids them), in this order:
 *   1. the summary in words;
 *   2. the top survival factors: gap bars with the 95 % CI, value, significance, and the reason;
 *   3. the importance–performance map (zoomed to the data, labelled points, no overlapping labels);
 *   4. the constructs' gaps;
 *   5. the path model (the whole model: dimensions → SQ → RQ → CL, or the user's);
 *   6. measurement quality;
 *   7. segments side by side, the zone of tolerance, the IPMA map;
 *   8. an appendix with the full tables and the notes.
 * One colour meaning in every chart and format: red = significant shortfall (Holm p < 0.05), grey =
 * not significant, blue = significant surplus; every chart has its legend. Every piece of user text
 * is escaped. Prints on A4 with no chart cut across pages.
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
  const colours = legend([
    ['short', L.legendShortfall],
    ['ns', L.legendNotSignificant],
    ['surplus', L.legendSurplus],
  ]);

  // 1. Summary
  const summary: string[] = [];
  if (m.baseline !== null || factors.length > 0) {
    const significant = factors.filter((f) => f.significant).length;
    const leader = first === undefined ? null : `${first.id} ${textIn(first.label, lang)}`;
    const headline = L.headline(factors.length, significant, leader);
    summary.push(`<p class="headline">${esc(headline)}</p>`);
    const topItem = (f: SurvivalFactor): string => {
      const name = `<strong>${esc(textIn(f.label, lang))}</strong> (${esc(f.id)})`;
      return `<li>${name}: ${esc(survivalReason(f, m.baseline, lang))}</li>`;
    };
    if (factors.length > 0)
      summary.push(`<ol class="top">${factors.slice(0, 3).map(topItem).join('')}</ol>`);
  } else {
    summary.push(`<p>${esc(L.performanceOnly)}</p>`);
  }
  if (report.model?.mediation != null)
    summary.push(
      `<p class="mediation">${esc(mediationSentence(report.model.mediation, lang))}</p>`,
    );
  sections.push(section('summary', L.summary, summary.join('')));

  // 2. Top survival factors
  const shown = factors.slice(0, Math.max(0, options.top));
  if (shown.length > 0) {
    const bars = shown.map((f) => {
      const row = report.attributes.find((a) => a.id === f.id);
      const g = row?.gap ?? null;
      const z = row?.zone?.msa ?? null;
      return {
        label: `${f.rank}. ${textIn(f.label, lang)}`,
        tip: `${f.id} ${textIn(f.label, lang)}`,
        mean: f.gap,
        ci: (g?.ci ?? z?.ci ?? [f.gap, f.gap]) as readonly [number, number],
        pAdjusted: g?.pAdjusted ?? z?.pAdjusted ?? Number.NaN,
      };
    });
    const reasonRow = (f: SurvivalFactor): string =>
      el(
        'tr',
        {},
        td(String(f.rank)),
        td(labelled(textIn(f.label, lang), f.id), 'l'),
        td(esc(survivalReason(f, m.baseline, lang)), 'l'),
      );
    const reasons = table(
      [th(esc(L.rank)), th(esc(L.attribute), 'l'), th(esc(L.why), 'l')],
      shown.map(reasonRow),
    );
    sections.push(
      section(
        'factors',
        `${L.topFactors(shown.length)} (${L.rankedBy(m.rankBy)})`,
        `<figure>${colours}${gapBarChart('factors', L.survivalFactors, bars)}</figure>${reasons}`,
      ),
    );
  }

  // 3. IPA map
  if (m.baseline !== null && m.crosshair !== null)
    sections.push(section('ipa', L.ipaSection, ipaMap(report, lang)));

  // 4. Constructs
  const gaps = report.constructs.filter((c) => c.gap !== null);
  if (gaps.length > 0)
    sections.push(
      section(
        'constructs',
        L.gapsSection,
        `<figure>${colours}${gapBarChart(
          'gaps',
          L.gapsSection,
          gaps.map((c) => {
            const g = c.gap as NonNullable<typeof c.gap>;
            const label = textIn(c.label, lang);
            return {
              label: label === c.id ? c.id : label,
              tip: `${c.id} ${label}`,
              mean: g.mean,
              ci: g.ci,
              pAdjusted: g.pAdjusted,
            };
          }),
        )}</figure>`,
      ),
    );

  // 5–6. Path model, measurement
  if (report.model !== null) {
    const { respondents, bootstrap, scheme } = report.model;
    const modelNote = `<p>${esc(L.pathModelMeta(respondents, bootstrap, scheme))}</p>`;
    const pathLegend = legend([
      ['line', L.legendPathSig],
      ['dash', L.legendPathNs],
      ['none', L.legendStars],
    ]);
    const figure = `<figure>${pathLegend}${diagram(report, report.model, lang)}</figure>`;
    sections.push(section('paths', L.pathModel, modelNote + figure));
    sections.push(section('measurement', L.measurement, measurementTable(report.model, lang)));
  }

  // 7. Loyalty (typology, penalty–reward, complaints), segments, zone of tolerance, IPMA
  loyaltyHtml(report, lang).forEach((s, i) =>
    sections.push(section(`loyalty-${i + 1}`, s.title, s.body)),
  );
  const grid = segmentGrid(report, lang);
  if (grid !== null) {
    const extra = segmentLines(report, lang);
    const tests = (extra?.lines ?? []).slice(report.segments?.segments.length ?? 0);
    const head = grid.head.map((h, i) => th(esc(h), i === 0 ? 'l' : ''));
    const rows = grid.rows.map((r) => {
      const name = `${r.differs ? '* ' : ''}${labelled(r.label, r.id)}`;
      const cells = r.cells.map((c) => td(esc(c), r.differs ? 'diff' : ''));
      return el('tr', {}, td(name, r.differs ? 'l diff' : 'l'), ...cells);
    });
    const key = `<p class="meta">${esc(`${L.rankGap}; * ${L.segmentDiffers}`)}</p>`;
    const testItems = tests.map((l) =>
      el('li', { class: l.startsWith('  ') ? 'sub' : undefined }, esc(l.trim())),
    );
    const list = tests.length === 0 ? '' : `<ul>${testItems.join('')}</ul>`;
    sections.push(section('segments', grid.title, table(head, rows, { cls: 'segs' }) + key + list));
  }
  const zones = report.constructs.filter((c) => c.zone !== null && c.level === 'first-order');
  if (zones.length > 0) sections.push(section('zone', L.zoneSection, zoneChart(zones, lang)));
  const ipma = report.model?.ipma == null ? null : ipmaMap(report, report.model, lang);
  if (ipma !== null && report.model?.ipma != null)
    sections.push(section('ipma', L.ipma(report.model.ipma.target), ipma.figure));

  // 8. Appendix
  const appendix: string[] = [];
  if (factors.length > 0) appendix.push(survivalTable(report, lang));
  appendix.push(attributeTable(report, lang));
  if (ipma !== null) appendix.push(ipma.table);
  if (report.notes.length > 0) {
    const notes = report.notes.map((n) => `<li>${esc(describeNote(n, lang, m.scale))}</li>`);
    appendix.push(`<h3>${esc(L.notes)}</h3><ul>${notes.join('')}</ul>`);
  }
  sections.push(section('appendix', L.appendix, appendix.join('')));

  const about = [
    `${m.respondents} ${L.respondents}`,
    m.file,
    `${L.instrument}: ${textIn(m.instrument, lang)}`,
    `${L.baseline}: ${baselineName(m.baseline, lang)}`,
    `${L.scale} ${m.scale.min}–${m.scale.max}`,
    `servqual ${m.version}`,
  ].join(' · ');
  const header = `<header><h1>servqual</h1><p class="meta">${esc(about)}</p></header>`;
  return page(lang, `servqual — ${m.file}`, `${header}\n${sections.join('\n')}`);
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${esc(title)}</h2>${body}</section>`;
}

/** A table: an optional caption (text) and class, the head cells, the body rows. */
function table(
  head: readonly string[],
  rows: readonly string[],
  o: { readonly caption?: string; readonly cls?: string } = {},
): string {
  const caption = o.caption === undefined ? '' : el('caption', {}, esc(o.caption));
  const thead = el('thead', {}, el('tr', {}, ...head));
  return el('table', { class: o.cls }, caption, thead, el('tbody', {}, ...rows));
}

/** A head cell; its content is HTML, its class written when given (even ''). */
function th(html: string, cls?: string): string {
  return el('th', { class: cls }, html);
}

/** A body cell; its content is HTML, its class written when given (even ''). */
function td(html: string, cls?: string): string {
  return el('td', { class: cls }, html);
}

/** A row of plain cells (HTML). */
function tr(cells: readonly string[]): string {
  return el('tr', {}, ...cells.map((cell) => td(cell)));
}

/** A label with its id after it in small type. */
function labelled(label: string, id: string): string {
  return `${esc(label)} <small>(${esc(id)})</small>`;
}

/** A short label for a chart: the first words up to about 22 columns (CJK: 11 characters). */
function shortLabel(text: string): string {
  const max = 26;
  let w = 0;
  let out = '';
  for (const ch of text) {
    const cw = (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
    if (w + cw > max) return `${out.replace(/[\s,;:，、]+\S*$/u, '').trimEnd() || out}…`;
    out += ch;
    w += cw;
  }
  return out;
}

/** Text cut to about `px` pixels at 11 px, ending in "…" when cut. */
function fitPx(text: string, px: number): string {
  if (textWidthPx(text) <= px) return text;
  let out = '';
  for (const ch of text) {
    if (textWidthPx(`${out}${ch}…`) > px) break;
    out += ch;
  }
  return `${out}…`;
}

function ipaMap(report: Report, lang: Language): string {
  const L = LABELS[lang];
  const m = report.meta;
  const c = m.crosshair as NonNullable<typeof m.crosshair>;
  const rank = new Map(report.survivalFactors.map((f) => [f.id, f.rank]));
  const points: MapPoint[] = report.attributes
    .filter((a) => a.baseline !== null && a.quadrant !== null)
    .map((a) => {
      const values = [
        `${baselineName(m.baseline, lang)} ${fixed(a.baseline?.mean)}`,
        `${L.performance} ${fixed(a.performance.mean)}`,
        `${L.gap} ${fixed(a.gap?.mean)} ${interval(a.gap?.ci)}`,
      ].join(', ');
      return {
        id: a.id,
        x: a.performance.mean,
        y: a.baseline?.mean as number,
        label: shortLabel(textIn(a.label, lang)),
        tip: `${a.id} ${textIn(a.label, lang)}: ${values}`,
        cls: gapClass(a.gap?.mean, a.gap?.pAdjusted),
        priority: rank.get(a.id) ?? 1000,
      };
    });
  const q = QUADRANT_NAMES[lang];
  const { svg, key } = scatterMap(points, {
    chart: 'ipa',
    ariaLabel: L.ipaSection,
    xName: L.performanceShort.replace(/（0–100）| \(0–100\)/, ''),
    yName: baselineName(m.baseline, lang),
    crosshair: { x: c.performance, y: c.importance },
    corners: [q.concentrate, q['keep-up'], q['low-priority'], q.overkill],
  });
  return `<figure>${legend([
    ['short', L.legendShortfall],
    ['ns', L.legendNotSignificant],
    ['surplus', L.legendSurplus],
    ['line', L.legendCrosshair(fixed(c.performance), fixed(c.importance))],
  ])}${svg}${mapKey(key, lang)}</figure>`;
}

function mapKey(key: ReadonlyArray<{ n: number; point: MapPoint }>, lang: Language): string {
  if (key.length === 0) return '';
  const items = key.map((k) => el('li', { value: k.n }, esc(k.point.tip)));
  return `<p class="meta">${esc(LABELS[lang].legendKey)}</p><ol class="key">${items.join('')}</ol>`;
}

function diagram(report: Report, model: PathModelReport, lang: Language): string {
  const L = LABELS[lang];
  const structural = [...new Set(model.paths.flatMap((p) => [p.from, p.to]))];
  const dims = new Map<string, string[]>();
  const constructIds = new Set(report.constructs.map((c) => c.id));
  for (const l of model.loadings)
    if (structural.includes(l.construct) && constructIds.has(l.item))
      dims.set(l.construct, [...(dims.get(l.construct) ?? []), l.item]);
  const loading = new Map(
    model.loadings.filter((l) => constructIds.has(l.item)).map((l) => [l.item, l.loading]),
  );
  const label = (id: string): string => {
    const row = report.constructs.find((c) => c.id === id);
    const text = row === undefined ? id : textIn(row.label, lang);
    return text.toLowerCase() === id.toLowerCase() ? id : text;
  };
  const nodes: DiagramNode[] = [
    ...structural.map((id) => ({
      id,
      small: false,
      lines: [
        id,
        ...(model.rSquared[id] === undefined ? [] : [`R² ${fixed(model.rSquared[id], 2)}`]),
      ],
    })),
    ...[...dims.values()].flat().map((id) => ({
      id,
      small: true,
      lines: [`${fitPx(label(id), 92)} ${fixed(loading.get(id), 2)}`],
    })),
  ];
  const stars = (p: number): string =>
    p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : ` ${L.notSignificant}`;
  const edges = [
    ...model.paths.map((p) => {
      const ci = interval(p.inference?.ci, 3);
      return {
        from: p.from,
        to: p.to,
        label: `${fixed(p.estimate, 2)}${p.inference === null ? '' : stars(p.inference.p)}`,
        significant: p.inference === null ? null : p.inference.p < 0.05,
        tip: `${p.from} → ${p.to}: ${fixed(p.estimate, 3)} ${ci}, p ${pValue(p.inference?.p)}`,
      };
    }),
    ...[...dims.entries()].flatMap(([to, ids]) =>
      ids.map((from) => ({
        from,
        to,
        label: null,
        significant: null,
        tip: `${from} → ${to}: ${fixed(loading.get(from), 3)}`,
      })),
    ),
  ];
  return pathDiagram(nodes, edges, dims, L.pathModel);
}

function measurementTable(model: PathModelReport, lang: Language): string {
  const rows = model.constructs.map((c) =>
    tr(
      c.mode === 'B'
        ? formativeCells(model, c.id).map((cell) => esc(cell))
        : [esc(c.id), ...[c.alpha, c.rhoA, c.rhoC, c.ave].map((v) => fixed(v, 3))],
    ),
  );
  const head = [esc(LABELS[lang].construct), 'α', 'ρA', 'ρC', 'AVE'].map((h) => th(h));
  return table(head, rows);
}

/**
 * Each dimension's zone of tolerance as a band from the adequate level (0) to the desired level
 * (the zone's width), with performance marked at MSA = P − adequate: left of the band is below the
 * zone, right of it above.
 */
function zoneChart(rows: readonly ConstructRow[], lang: Language): string {
  const L = LABELS[lang];
  const W = 720;
  const zones = rows.map((r) => ({ r, z: r.zone as ZoneRow }));
  const t = niceTicks(
    Math.min(0, ...zones.map(({ z }) => z.msa.ci[0])),
    Math.max(...zones.map(({ z }) => Math.max(z.width.mean, z.msa.ci[1]))),
    5,
  );
  const rowH = 26;
  const left = 210;
  const top = 8;
  const height = top + rows.length * rowH + 30;
  const x = scale(t.lo, t.hi, left + 8, W - 24);
  const marks = zones.map(({ r, z }, i) => {
    const yy = top + i * rowH;
    const tip = [
      `${r.id}: MSA ${fixed(z.msa.mean)} ${interval(z.msa.ci)}`,
      `MSS ${fixed(z.mss.mean)}`,
      `${L.zoneWidth} ${fixed(z.width.mean)} (${L.zoneStatus[z.status]})`,
    ].join(', ');
    const name = el(
      'text',
      { x: left, y: yy + 16, 'text-anchor': 'end' },
      esc(shortLabel(textIn(r.label, lang))),
    );
    const band = leaf('rect', {
      class: 'zone',
      x: x(0).toFixed(1),
      y: yy + 5,
      width: (x(z.width.mean) - x(0)).toFixed(1),
      height: 14,
    });
    const ci = leaf('line', {
      class: 'ci',
      x1: x(z.msa.ci[0]).toFixed(1),
      x2: x(z.msa.ci[1]).toFixed(1),
      y1: yy + 12,
      y2: yy + 12,
    });
    const msa = leaf('circle', {
      class: z.status === 'below' ? 'short' : 'ns',
      cx: x(z.msa.mean).toFixed(1),
      cy: yy + 12,
      r: 5,
    });
    return el('g', {}, el('title', {}, esc(tip)), name, band, ci, msa);
  });
  const axisY = top + rows.length * rowH + 4;
  const axis = el('g', { class: 'axis' }, ...gridTicks(t.ticks, x, top, axisY, tickDigits(t.step)));
  const zeroAt = x(0).toFixed(1);
  const zero = leaf('line', { class: 'zero', x1: zeroAt, x2: zeroAt, y1: top, y2: axisY });
  const zoneLegend = legend([
    ['short', L.zoneStatus.below],
    ['ns', `${L.zoneStatus.within} / ${L.zoneStatus.above}`],
  ]);
  const svg = chartSvg('zone', W, height, L.zoneSection, axis, zero, ...marks);
  return `<figure>${zoneLegend}${svg}</figure>`;
}

function ipmaMap(
  report: Report,
  model: PathModelReport,
  lang: Language,
): { figure: string; table: string } {
  const L = LABELS[lang];
  const full = model.ipma as NonNullable<PathModelReport['ipma']>;
  // Higher-order constructs (SQ, RQ) carry their dimensions' effects and would squash the map:
  // they are written under it; the map shows the constructs a manager can act on.
  const higher = new Set(
    report.constructs.filter((c) => c.level === 'higher-order').map((c) => c.id),
  );
  const acted = full.constructs.filter((c) => !higher.has(c.id));
  const ipma = { ...full, constructs: acted.length >= 2 ? acted : full.constructs };
  const aside = full.constructs.filter((c) => !ipma.constructs.includes(c));
  const meanI =
    ipma.constructs.reduce((s, p) => s + p.importance, 0) / Math.max(1, ipma.constructs.length);
  const meanP =
    ipma.constructs.reduce((s, p) => s + p.performance, 0) / Math.max(1, ipma.constructs.length);
  const describe = (c: { id: string; importance: number; performance: number }): string => {
    const importance = `${L.ipmaImportance} ${fixed(c.importance, 3)}`;
    return `${c.id}: ${importance}, ${L.ipmaPerformance} ${fixed(c.performance, 1)}`;
  };
  const { svg, key } = scatterMap(
    ipma.constructs.map((p) => ({
      id: p.id,
      x: p.importance,
      y: p.performance,
      label: p.id,
      tip: describe(p),
      // coloured by the construct's gap, as everywhere: red = significant shortfall
      cls: (() => {
        const row = report.constructs.find((c) => c.id === p.id);
        return gapClass(row?.gap?.mean, row?.gap?.pAdjusted);
      })(),
      priority: -p.importance,
    })),
    {
      chart: 'ipma',
      ariaLabel: L.ipma(ipma.target),
      xName: L.ipmaImportance,
      yName: L.ipmaPerformance,
      // Written as the legend writes them: importance to 3 decimals, performance to 1.
      crosshair: { x: meanI, y: meanP, xDigits: 3, yDigits: 1 },
      corners: null,
    },
  );
  const stated = ipma.items.filter((i) => i.stated !== null);
  const head = [
    th(''),
    th(esc(L.statedImportance)),
    th(esc(L.derivedImportance)),
    th(esc(L.ipmaPerformance)),
  ];
  const rows = [...stated]
    .sort((a, b) => b.importance - a.importance)
    .map((i) => tr([esc(i.id), fixed(i.stated), fixed(i.importance, 3), fixed(i.performance, 1)]));
  const ipmaLegend = legend([
    ['short', L.legendShortfall],
    ['ns', L.legendNotSignificant],
    ['surplus', L.legendSurplus],
    ['line', L.legendIpmaMeans(fixed(meanI, 3), fixed(meanP, 1))],
  ]);
  const asideNote =
    aside.length === 0 ? '' : `<p class="meta">${esc(aside.map(describe).join(' · '))}</p>`;
  return {
    figure: `<figure>${ipmaLegend}${svg}${mapKey(key, lang)}${asideNote}</figure>`,
    table: stated.length === 0 ? '' : table(head, rows, { caption: L.ipma(ipma.target) }),
  };
}

function survivalTable(report: Report, lang: Language): string {
  const L = LABELS[lang];
  const rows = report.survivalFactors.map((f) => {
    const row = report.attributes.find((a) => a.id === f.id);
    const impact = impactOf(report, f.id, lang);
    const advice =
      impact === null
        ? ''
        : `<br>${el('small', { class: 'impact' }, `${esc(impact.name)}: ${esc(impact.advice)}`)}`;
    return el(
      'tr',
      {},
      td(`${f.rank}. ${labelled(textIn(f.label, lang), f.id)}${advice}`),
      td(fixed(f.importance)),
      td(fixed(f.performance)),
      td(fixed(f.gap), f.significant ? 'sig' : ''),
      td(interval(row?.gap?.ci ?? row?.zone?.msa.ci)),
      td(esc(pValue(row?.gap?.pAdjusted ?? row?.zone?.msa.pAdjusted))),
      td(percent(f.importantShare)),
    );
  });
  const head = [
    L.attribute,
    baselineName(report.meta.baseline, lang),
    L.performance,
    L.gap,
    L.ci,
    L.pHolm,
    L.importantTo[report.meta.baseline ?? 'importance'],
  ].map((h) => th(esc(h)));
  return table(head, rows, { caption: L.survivalFactors });
}

function attributeTable(report: Report, lang: Language): string {
  const L = LABELS[lang];
  const q = QUADRANT_NAMES[lang];
  const rows = report.attributes.map((a) => {
    const short = gapClass(a.gap?.mean, a.gap?.pAdjusted) === 'short';
    return el(
      'tr',
      {},
      td(labelled(textIn(a.label, lang), a.id)),
      td(String(a.n)),
      td(fixed(a.baseline?.mean)),
      td(fixed(a.performance.mean)),
      td(fixed(a.gap?.mean), short ? 'sig' : ''),
      td(interval(a.gap?.ci)),
      td(esc(pValue(a.gap?.pAdjusted))),
      td(a.quadrant === null ? '—' : esc(q[a.quadrant]), 'l'),
    );
  });
  const head = [
    L.attribute,
    L.n,
    baselineName(report.meta.baseline, lang),
    L.performance,
    L.gap,
    L.ci,
    L.pHolm,
  ].map((h) => th(esc(h)));
  return table([...head, th(esc(L.quadrant), 'l')], rows, { caption: L.allAttributes });
}
