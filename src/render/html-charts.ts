/**
 * SVG charts for the HTML reports: scatter maps with placed labels, gap bars, the path diagram.
 */
import { fixed, interval, pValue } from './format.js';
import {
  chartSvg,
  el,
  esc,
  gapClass,
  leaf,
  niceTicks,
  scale,
  textWidthPx,
  tickDigits,
} from './html-kit.js';

interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const overlaps = (a: Rect, b: Rect): boolean =>
  a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The box a text at (x, y) takes (11 px font: 9 px above the baseline, 3 below). */
function textBox(text: string, x: number, y: number, anchor: 'start' | 'end' | 'middle'): Rect {
  const w = textWidthPx(text);
  const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  return { x0: x0 - 3, y0: y - 11, x1: x0 + w + 3, y1: y + 4 };
}

export interface MapPoint {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  /** Short label written beside the point. */
  readonly label: string;
  /** Hover text (id, full label, values). */
  readonly tip: string;
  /** Colour class: short | ns | surplus. */
  readonly cls: string;
  /** Placed first (e.g. the survival rank); lower first. */
  readonly priority: number;
}

export interface MapOptions {
  readonly chart: string;
  readonly ariaLabel: string;
  readonly xName: string;
  readonly yName: string;
  /**
   * The crosshair and the decimals its values are written with on the axes (2 by default; as the
   * legend under the chart writes them).
   */
  readonly crosshair: {
    readonly x: number;
    readonly y: number;
    readonly xDigits?: number;
    readonly yDigits?: number;
  } | null;
  readonly corners: readonly [string, string, string, string] | null;
  readonly xDigits?: number;
  readonly yDigits?: number;
}

/**
 * A scatter map zoomed to the data with round ticks. Each point is labelled beside itself where the
 * label overlaps nothing (other labels, points, corner names, the plot edge): right, left, above,
 * below, the diagonals, then farther out with a leader line; a point whose label fits nowhere gets
 * a number, explained in the key under the chart. The crosshair values are written on the axes.
 */
export function scatterMap(
  points: readonly MapPoint[],
  o: MapOptions,
): { svg: string; key: Array<{ n: number; point: MapPoint }> } {
  const W = 720;
  const H = 480;
  const pad = { left: 60, right: 24, top: 26, bottom: 50 };
  const xsAll = [...points.map((p) => p.x), ...(o.crosshair === null ? [] : [o.crosshair.x])];
  const ysAll = [...points.map((p) => p.y), ...(o.crosshair === null ? [] : [o.crosshair.y])];
  const spread = (lo: number, hi: number): [number, number] => {
    const m = (hi - lo || Math.abs(hi) || 1) * 0.06;
    return [lo - m, hi + m];
  };
  const xt = niceTicks(...spread(Math.min(...xsAll), Math.max(...xsAll)), 6);
  const yt = niceTicks(...spread(Math.min(...ysAll), Math.max(...ysAll)), 6);
  const x = scale(xt.lo, xt.hi, pad.left, W - pad.right);
  const y = scale(yt.lo, yt.hi, H - pad.bottom, pad.top);
  const xd = o.xDigits ?? tickDigits(xt.step);
  const yd = o.yDigits ?? tickDigits(yt.step);
  const taken: Rect[] = [];
  const out: string[] = [];
  // corner names of the quadrants
  if (o.corners !== null) {
    const [tl, tr, bl, br] = o.corners;
    const corner = (t: string, cx: number, cy: number, anchor: 'start' | 'end'): void => {
      taken.push(textBox(t, cx, cy, anchor));
      const end = anchor === 'end' ? 'end' : undefined;
      out.push(el('text', { class: 'quadrant', x: cx, y: cy, 'text-anchor': end }, esc(t)));
    };
    corner(tl, pad.left + 6, pad.top + 12, 'start');
    corner(tr, W - pad.right - 6, pad.top + 12, 'end');
    corner(bl, pad.left + 6, H - pad.bottom - 6, 'start');
    corner(br, W - pad.right - 6, H - pad.bottom - 6, 'end');
  }
  const px = points.map((p) => ({ p, cx: x(p.x), cy: y(p.y) }));
  for (const q of px) taken.push({ x0: q.cx - 5, y0: q.cy - 5, x1: q.cx + 5, y1: q.cy + 5 });
  const inside = (r: Rect): boolean =>
    r.x0 >= pad.left + 1 &&
    r.x1 <= W - pad.right - 1 &&
    r.y0 >= pad.top &&
    r.y1 <= H - pad.bottom - 1;
  type Spot = { x: number; y: number; a: 'start' | 'end' | 'middle'; lead: boolean };
  // Beside the point first (right, left, above, below, diagonals), then around it at growing
  // distances with a leader line; a number (short) may go farther than a label.
  const candidates = (cx: number, cy: number, far: boolean): Spot[] => {
    const spots: Spot[] = [
      { x: cx + 7, y: cy + 4, a: 'start', lead: false },
      { x: cx - 7, y: cy + 4, a: 'end', lead: false },
      { x: cx, y: cy - 8, a: 'middle', lead: false },
      { x: cx, y: cy + 16, a: 'middle', lead: false },
      { x: cx + 6, y: cy - 6, a: 'start', lead: false },
      { x: cx + 6, y: cy + 13, a: 'start', lead: false },
      { x: cx - 6, y: cy + 13, a: 'end', lead: false },
      { x: cx - 6, y: cy - 6, a: 'end', lead: false },
    ];
    for (const r of far ? [18, 28, 40, 55, 75, 100, 130, 170] : [18, 28, 40]) {
      for (let k = 0; k < 16; k++) {
        const t = (k * Math.PI) / 8;
        const dx = Math.cos(t) * r;
        const dy = Math.sin(t) * r;
        spots.push({
          x: cx + dx,
          y: cy + dy + (dy > 4 ? 9 : dy < -4 ? 0 : 4),
          a: dx > 4 ? 'start' : dx < -4 ? 'end' : 'middle',
          lead: true,
        });
      }
    }
    return spots;
  };
  const key: Array<{ n: number; point: MapPoint }> = [];
  const labels: string[] = [];
  const labelBoxes: Rect[] = [...taken.slice(0, o.corners === null ? 0 : 4)];
  // a label at a spot: anchored at its start unless the spot says otherwise
  const textAt = (c: Spot, text: string): string =>
    el(
      'text',
      { x: c.x.toFixed(1), y: c.y.toFixed(1), 'text-anchor': c.a === 'start' ? undefined : c.a },
      esc(text),
    );
  const place = (text: string, cx: number, cy: number, far: boolean): string | null => {
    for (const c of candidates(cx, cy, far)) {
      const box = textBox(text, c.x, c.y, c.a);
      if (!inside(box) || taken.some((t) => overlaps(t, box))) continue;
      // a leader line must not run through another label
      if (c.lead) {
        const lx = c.a === 'start' ? box.x0 : c.a === 'end' ? box.x1 : (box.x0 + box.x1) / 2;
        const ly = c.y < cy ? box.y1 : c.y - 10 > cy ? box.y0 : c.y - 4;
        const lineBox: Rect = {
          x0: Math.min(cx, lx),
          y0: Math.min(cy, ly),
          x1: Math.max(cx, lx),
          y1: Math.max(cy, ly),
        };
        // (it may pass other points: in a dense cluster there is no other way out)
        if (labelBoxes.some((t) => overlaps(t, lineBox) && segmentHitsRect(cx, cy, lx, ly, t)))
          continue;
        taken.push(box);
        labelBoxes.push(box);
        const leader = leaf('line', {
          class: 'leader',
          x1: cx.toFixed(1),
          y1: cy.toFixed(1),
          x2: lx.toFixed(1),
          y2: ly.toFixed(1),
        });
        return leader + textAt(c, text);
      }
      taken.push(box);
      labelBoxes.push(box);
      return textAt(c, text);
    }
    return null;
  };
  const order = [...px].sort((a, b) => a.p.priority - b.p.priority || (a.p.id < b.p.id ? -1 : 1));
  // Points in a dense cluster (two or more others within 14 px) are numbered, and their numbers
  // placed first, while there is still room around the cluster; then the labels; then numbers for
  // the points whose label found no room.
  const dense = new Set(
    order
      .filter(
        (q) => px.filter((r) => r !== q && Math.hypot(r.cx - q.cx, r.cy - q.cy) < 14).length >= 2,
      )
      .map((q) => q.p.id),
  );
  const byId = new Map<string, string>();
  const number = (q: (typeof px)[number]): void => {
    const n = key.length + 1;
    key.push({ n, point: q.p });
    const numbered = place(String(n), q.cx, q.cy, true);
    // When even the number finds no free spot, it goes on the point itself (white on the dot).
    const onPoint = (): string =>
      el(
        'text',
        {
          class: 'onpoint',
          x: q.cx.toFixed(1),
          y: (q.cy + 3.5).toFixed(1),
          'text-anchor': 'middle',
          'font-size': 8,
          fill: '#fff',
        },
        String(n),
      );
    byId.set(q.p.id, numbered ?? onPoint());
  };
  for (const q of order) if (dense.has(q.p.id)) number(q);
  const unplaced: typeof px = [];
  for (const q of order) {
    if (dense.has(q.p.id)) continue;
    const placed = place(q.p.label, q.cx, q.cy, false);
    if (placed === null) unplaced.push(q);
    else byId.set(q.p.id, placed);
  }
  for (const q of unplaced) number(q);
  for (const q of order) labels.push(`<g data-id="${esc(q.p.id)}">${byId.get(q.p.id) ?? ''}</g>`);
  const dots = px.map((q) =>
    el(
      'circle',
      { class: q.p.cls, cx: q.cx.toFixed(1), cy: q.cy.toFixed(1), r: 4.5 },
      el('title', {}, esc(q.p.tip)),
    ),
  );
  // Axes, with the crosshair values written on them (tick labels too close to them give way).
  const cross = o.crosshair;
  const xTicks = xt.ticks.filter((t) => cross === null || Math.abs(x(t) - x(cross.x)) > 26);
  // the lowest y label would touch the first x label in the corner
  const yTicks = yt.ticks
    .slice(1)
    .filter((t) => cross === null || Math.abs(y(t) - y(cross.y)) > 14);
  const bottom = H - pad.bottom;
  const right = W - pad.right;
  const gridX = xt.ticks.map((t) => {
    const at = x(t).toFixed(1);
    return leaf('line', { class: 'grid', x1: at, x2: at, y1: pad.top, y2: bottom });
  });
  const gridY = yt.ticks.map((t) => {
    const at = y(t).toFixed(1);
    return leaf('line', { class: 'grid', x1: pad.left, x2: right, y1: at, y2: at });
  });
  const xAxis = leaf('line', { x1: pad.left, x2: right, y1: bottom, y2: bottom });
  const yAxis = leaf('line', { x1: pad.left, x2: pad.left, y1: pad.top, y2: bottom });
  // a value under the x axis, or left of the y axis
  const xValue = (at: number, text: string, cls?: string): string =>
    el('text', { class: cls, x: x(at).toFixed(1), y: bottom + 15, 'text-anchor': 'middle' }, text);
  const yValue = (at: number, text: string, cls?: string): string =>
    el(
      'text',
      { class: cls, x: pad.left - 6, y: (y(at) + 4).toFixed(1), 'text-anchor': 'end' },
      text,
    );
  const xTitle = el(
    'text',
    { x: (pad.left + right) / 2, y: H - 10, 'text-anchor': 'middle' },
    esc(o.xName),
  );
  const yTitle = el(
    'text',
    {
      transform: `translate(14 ${(pad.top + bottom) / 2}) rotate(-90)`,
      'text-anchor': 'middle',
    },
    esc(o.yName),
  );
  const axes = el(
    'g',
    { class: 'axis' },
    ...gridX,
    ...gridY,
    xAxis,
    yAxis,
    ...xTicks.map((t) => xValue(t, fixed(t, xd))),
    ...yTicks.map((t) => yValue(t, fixed(t, yd))),
    xTitle,
    yTitle,
  );
  const crossLines =
    cross === null
      ? ''
      : [
          leaf('line', {
            class: 'cross',
            x1: x(cross.x).toFixed(1),
            x2: x(cross.x).toFixed(1),
            y1: pad.top,
            y2: bottom,
          }),
          leaf('line', {
            class: 'cross',
            x1: pad.left,
            x2: right,
            y1: y(cross.y).toFixed(1),
            y2: y(cross.y).toFixed(1),
          }),
          xValue(cross.x, fixed(cross.x, cross.xDigits ?? 2), 'crossval'),
          yValue(cross.y, fixed(cross.y, cross.yDigits ?? 2), 'crossval'),
        ].join('');
  const svg = chartSvg(o.chart, W, H, o.ariaLabel, axes, crossLines, ...out, ...dots, ...labels);
  return { svg, key };
}

/** Whether the segment (x1,y1)–(x2,y2) passes through the rectangle (sampled every 2 px). */
function segmentHitsRect(x1: number, y1: number, x2: number, y2: number, r: Rect): boolean {
  const steps = Math.max(2, Math.ceil(Math.hypot(x2 - x1, y2 - y1) / 2));
  for (let i = 1; i < steps; i++) {
    const px = x1 + ((x2 - x1) * i) / steps;
    const py = y1 + ((y2 - y1) * i) / steps;
    if (px > r.x0 && px < r.x1 && py > r.y0 && py < r.y1) return true;
  }
  return false;
}

export interface GapBar {
  readonly label: string;
  readonly tip: string;
  readonly mean: number;
  readonly ci: readonly [number, number];
  readonly pAdjusted: number;
}

/**
 * Horizontal gap bars: one row per item, the label on the left (shortened to its column, full text
 * on hover), a bar from zero to the gap coloured by significance, the 95 % CI as a whisker, and the
 * value with its CI and Holm p written in a column on the right; a zero line and round ticks.
 */
export function gapBarChart(chart: string, ariaLabel: string, bars: readonly GapBar[]): string {
  const W = 720;
  const rowH = 24;
  const labelW = 210;
  const valueW = 200;
  const top = 8;
  const height = top + bars.length * rowH + 30;
  // An interval that cannot be computed (one respondent) is NaN: left out of the domain and drawn
  // as no whisker, so the chart never holds NaN.
  const seen = (v: number): number => (Number.isFinite(v) ? v : 0);
  const lo = Math.min(0, ...bars.map((b) => Math.min(seen(b.ci[0]), seen(b.mean))));
  const hi = Math.max(0, ...bars.map((b) => Math.max(seen(b.ci[1]), seen(b.mean))));
  const t = niceTicks(lo, hi, 5);
  const x0 = labelW + 8;
  const x1 = W - valueW - 8;
  const x = scale(t.lo, t.hi, x0, x1);
  const digits = tickDigits(t.step);
  const shorten = (s: string, px: number): string => {
    if (textWidthPx(s) <= px) return s;
    let out = '';
    for (const ch of s) {
      if (textWidthPx(`${out}${ch}…`) > px) break;
      out += ch;
    }
    return `${out.trimEnd()}…`;
  };
  const rows = bars.map((b, i) => {
    const yy = top + i * rowH;
    const cls = gapClass(b.mean, b.pAdjusted);
    const bx = x(Math.min(0, b.mean));
    const bw = Math.abs(x(b.mean) - x(0));
    const cy = yy + rowH / 2;
    const label = el(
      'text',
      { x: labelW, y: cy + 4, 'text-anchor': 'end' },
      esc(shorten(b.label, labelW - 4)),
    );
    const bar = leaf('rect', {
      class: cls,
      x: bx.toFixed(1),
      y: yy + 5,
      width: Math.max(0.5, bw).toFixed(1),
      height: rowH - 10,
      rx: 2,
    });
    const whisker = (): string => {
      const lo = x(b.ci[0]).toFixed(1);
      const hi = x(b.ci[1]).toFixed(1);
      return [
        leaf('line', { class: 'ci', x1: lo, x2: hi, y1: cy, y2: cy }),
        leaf('line', { class: 'ci', x1: lo, x2: lo, y1: cy - 4, y2: cy + 4 }),
        leaf('line', { class: 'ci', x1: hi, x2: hi, y1: cy - 4, y2: cy + 4 }),
      ].join('');
    };
    const mean = el('tspan', { 'font-weight': 600 }, esc(fixed(b.mean)));
    const value = el(
      'text',
      { x: W - valueW, y: cy + 4 },
      `${mean} ${esc(interval(b.ci))} p ${esc(pValue(b.pAdjusted))}`,
    );
    return el(
      'g',
      {},
      el('title', {}, esc(b.tip)),
      label,
      bar,
      Number.isFinite(b.ci[0]) && Number.isFinite(b.ci[1]) ? whisker() : '',
      value,
    );
  });
  const axisY = top + bars.length * rowH + 4;
  const ticks = gridTicks(t.ticks, x, top, axisY, digits);
  const zeroAt = x(0).toFixed(1);
  const zero = leaf('line', { class: 'zero', x1: zeroAt, x2: zeroAt, y1: top - 2, y2: axisY });
  return chartSvg(chart, W, height, ariaLabel, el('g', { class: 'axis' }, ...ticks), ...rows, zero);
}

/** Vertical grid lines from `top` to the axis at `axisY`, each with its value under the axis. */
export function gridTicks(
  ticks: readonly number[],
  x: (v: number) => number,
  top: number,
  axisY: number,
  digits: number,
): string[] {
  return ticks.map((v) => {
    const at = x(v).toFixed(1);
    const grid = leaf('line', { class: 'grid', x1: at, x2: at, y1: top, y2: axisY });
    return grid + el('text', { x: at, y: axisY + 14, 'text-anchor': 'middle' }, fixed(v, digits));
  });
}

export interface DiagramNode {
  readonly id: string;
  readonly lines: readonly string[];
  /** Dimension (small box) or construct of the structural model. */
  readonly small: boolean;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string | null;
  readonly significant: boolean | null;
  readonly tip: string;
}

/** Arrowheads of the path diagram: filled for significant paths, hollow for the others. */
const ARROWHEADS = (() => {
  const marker = (id: string, head: string): string => {
    const box = { viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8 };
    return el('marker', { id, ...box, orient: 'auto' }, head);
  };
  const filled = leaf('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#3465a4' });
  const hollow = leaf('path', {
    d: 'M1,1 L10,5 L1,9',
    fill: 'none',
    stroke: '#9aa1ad',
    'stroke-width': 1.5,
  });
  return el('defs', {}, marker('head', filled), marker('head-ns', hollow));
})();

/**
 * The path diagram: structural constructs in columns by depth (each construct one column right of
 * its latest predecessor), alternate columns raised so that a path skipping a column runs clear of
 * the box between; the dimensions of the first higher-order construct in a column on the far left,
 * those of later ones in a row above them. Straight edges start and end on the box borders (every
 * arrowhead at its own point), significant paths solid, non-significant dashed with a hollow head;
 * each label sits on its edge where it crosses no other edge or box.
 */
export function pathDiagram(
  nodes: readonly DiagramNode[],
  edges: readonly DiagramEdge[],
  dimensions: ReadonlyMap<string, readonly string[]>,
  ariaLabel: string,
): string {
  const W = 760;
  const structural = nodes.filter((n) => !n.small).map((n) => n.id);
  const structuralEdges = edges.filter(
    (e) => structural.includes(e.from) && structural.includes(e.to),
  );
  const depth = new Map<string, number>(structural.map((id) => [id, 0]));
  for (let pass = 0; pass < structural.length; pass++)
    for (const e of structuralEdges)
      depth.set(e.to, Math.max(depth.get(e.to) ?? 0, (depth.get(e.from) ?? 0) + 1));
  const columns = Math.max(0, ...depth.values()) + 1;
  const byColumn = Array.from({ length: columns }, (_, c) =>
    structural.filter((id) => depth.get(id) === c),
  );
  const firstHigher = structural.find(
    (id) => (dimensions.get(id)?.length ?? 0) > 0 && depth.get(id) === 0,
  );
  const leftDims = firstHigher === undefined ? [] : (dimensions.get(firstHigher) ?? []);
  const topDims = [...dimensions.entries()].filter(([id]) => id !== firstHigher);
  const smallW = 128;
  const smallH = 30;
  const bigW = 118;
  const bigH = 50;
  const topBand = topDims.length > 0 ? 70 : 0;
  const leftBand = leftDims.length > 0 ? smallW + 60 : 20;
  const tallest = Math.max(
    1,
    ...byColumn.map((c) => c.length),
    Math.ceil((leftDims.length * (smallH + 10)) / (bigH + 60)),
  );
  const bodyH = Math.max(240, tallest * (bigH + 90), leftDims.length * (smallH + 10) + 40);
  const H = topBand + bodyH + 20;
  const box = new Map<string, Rect>();
  const colX = (c: number): number =>
    leftBand + (columns === 1 ? 0 : (c * (W - leftBand - bigW - 10)) / (columns - 1));
  byColumn.forEach((col, c) =>
    col.forEach((id, r) => {
      const raise = c % 2 === 1 && columns > 2 ? -Math.min(70, bodyH / 5) : 0;
      const cy = topBand + ((r + 1) * bodyH) / (col.length + 1) + raise;
      box.set(id, { x0: colX(c), y0: cy - bigH / 2, x1: colX(c) + bigW, y1: cy + bigH / 2 });
    }),
  );
  // dimensions of the first higher-order construct: a column on the far left
  const anchor = firstHigher === undefined ? undefined : box.get(firstHigher);
  leftDims.forEach((id, i) => {
    const total = leftDims.length * (smallH + 10) - 10;
    const cy0 =
      (anchor === undefined ? topBand + bodyH / 2 : (anchor.y0 + anchor.y1) / 2) - total / 2;
    const y0 = Math.max(
      topBand + 4,
      Math.min(H - smallH - 4 - (leftDims.length - 1 - i) * (smallH + 10), cy0 + i * (smallH + 10)),
    );
    box.set(id, { x0: 10, y0, x1: 10 + smallW, y1: y0 + smallH });
  });
  // dimensions of the others: a row in the top band, spread over the width
  const topIds = topDims.flatMap(([, ids]) => ids);
  if (topIds.length > 0) {
    const span = W - leftBand;
    const w = Math.min(smallW, span / topIds.length - 8);
    topIds.forEach((id, i) => {
      const x0 = leftBand + (i * span) / topIds.length;
      box.set(id, { x0, y0: 8, x1: x0 + w, y1: 8 + smallH });
    });
  }
  const centre = (r: Rect): [number, number] => [(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2];
  // where the line from a box's centre towards (tx, ty) leaves the box
  const border = (r: Rect, tx: number, ty: number): [number, number] => {
    const [cx, cy] = centre(r);
    const dx = tx - cx;
    const dy = ty - cy;
    const sx = dx === 0 ? Number.POSITIVE_INFINITY : (r.x1 - r.x0) / 2 / Math.abs(dx);
    const sy = dy === 0 ? Number.POSITIVE_INFINITY : (r.y1 - r.y0) / 2 / Math.abs(dy);
    const s = Math.min(sx, sy);
    return [cx + dx * s, cy + dy * s];
  };
  const segs: Array<{ x1: number; y1: number; x2: number; y2: number; e: DiagramEdge }> = [];
  for (const e of edges) {
    const a = box.get(e.from);
    const b = box.get(e.to);
    if (a === undefined || b === undefined) continue;
    const [ax, ay] = centre(a);
    const [bx, by] = centre(b);
    const [x1, y1] = border(a, bx, by);
    const [x2, y2] = border(b, ax, ay);
    // stop short of the border so the arrowhead's tip touches it
    const len = Math.hypot(x2 - x1, y2 - y1) || 1;
    segs.push({ x1, y1, x2: x2 - ((x2 - x1) / len) * 2, y2: y2 - ((y2 - y1) / len) * 2, e });
  }
  const occupied: Rect[] = [...box.values()];
  const labelSvg: string[] = [];
  for (const s of segs) {
    if (s.e.label === null) continue;
    const w = textWidthPx(s.e.label) + 6;
    let placed: Rect | null = null;
    let at: [number, number] = [0, 0];
    search: for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75]) {
      const mx = s.x1 + (s.x2 - s.x1) * t;
      const my = s.y1 + (s.y2 - s.y1) * t;
      const len = Math.hypot(s.x2 - s.x1, s.y2 - s.y1) || 1;
      const nx = -(s.y2 - s.y1) / len;
      const ny = (s.x2 - s.x1) / len;
      for (const side of [1, -1]) {
        for (const off of [12, 20, 30]) {
          const cx = mx + nx * off * side;
          const cy = my + ny * off * side;
          const r: Rect = { x0: cx - w / 2, y0: cy - 10, x1: cx + w / 2, y1: cy + 4 };
          if (r.x0 < 0 || r.x1 > W || r.y0 < 0 || r.y1 > H) continue;
          if (occupied.some((o) => overlaps(o, r))) continue;
          if (segs.some((o) => segmentHitsRect(o.x1, o.y1, o.x2, o.y2, r))) continue;
          placed = r;
          at = [cx, cy];
          break search;
        }
      }
    }
    if (placed === null) continue;
    occupied.push(placed);
    const [lx, ly] = at;
    labelSvg.push(
      el(
        'text',
        { class: 'edgelabel', x: lx.toFixed(1), y: ly.toFixed(1), 'text-anchor': 'middle' },
        esc(s.e.label),
      ),
    );
  }
  const edgeSvg = segs.map((s) => {
    const ns = s.e.significant === false;
    const line = {
      class: ns ? 'edge ns' : 'edge',
      x1: s.x1.toFixed(1),
      y1: s.y1.toFixed(1),
      x2: s.x2.toFixed(1),
      y2: s.y2.toFixed(1),
      'marker-end': `url(#${ns ? 'head-ns' : 'head'})`,
    };
    return el('line', line, el('title', {}, esc(s.e.tip)));
  });
  const nodeSvg = nodes
    .filter((n) => box.has(n.id))
    .map((n) => {
      const r = box.get(n.id) as Rect;
      const [cx, cy] = centre(r);
      const first = cy - ((n.lines.length - 1) * 14) / 2 + 4;
      const frame = leaf('rect', {
        x: r.x0.toFixed(1),
        y: r.y0.toFixed(1),
        width: (r.x1 - r.x0).toFixed(1),
        height: (r.y1 - r.y0).toFixed(1),
        rx: 6,
      });
      const text = n.lines.map((l, i) => {
        const bold = i === 0 && !n.small ? 600 : undefined;
        const at = { x: cx.toFixed(1), y: (first + i * 14).toFixed(1) };
        return el('text', { ...at, 'text-anchor': 'middle', 'font-weight': bold }, esc(l));
      });
      return el('g', { class: 'node' }, frame, ...text);
    });
  const content = [...edgeSvg, ...nodeSvg, ...labelSvg];
  return chartSvg('paths', W, H.toFixed(0), ariaLabel, ARROWHEADS, ...content);
}

/**
 * Approximate: whether two SVG text labels (as placed) overlap — used by tests without a browser.
 */
export function boxesOverlap(a: Rect, b: Rect): boolean {
  return overlaps(a, b);
}
