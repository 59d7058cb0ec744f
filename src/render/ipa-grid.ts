import type { Language } from '../core/instrument/types.js';
import type { Report } from '../core/report/types.js';
import { displayWidth, pad as padTo, wrapIndented } from './display-width.js';
import { fixed } from './format.js';
import { LABELS, QUADRANT_NAMES, baselineName } from './messages.js';

/**
 * A compact importance–performance map for the terminal: performance across, the baseline up, the
 * crosshair drawn through the grid, each attribute a dot — or its survival-factor rank (1–9), so
 * the map and the table read together. Fits `width`; plain ASCII when the terminal is not UTF-8.
 * Points that land in a cell already taken cannot be drawn separately: the map says how many, and
 * which (a ranked attribute always wins its cell over an unranked one).
 */
export function ipaGrid(
  report: Report,
  options: { readonly lang: Language; readonly width: number; readonly unicode: boolean },
): string[] {
  const m = report.meta;
  const c = m.crosshair;
  const points = report.attributes.filter((a) => a.baseline !== null && a.quadrant !== null);
  if (c === null || points.length === 0) return [];
  const u = options.unicode;
  const cols = Math.max(24, Math.min(64, options.width - 16));
  const rows = 13;
  const xs = points.map((p) => p.performance.mean);
  const ys = points.map((p) => p.baseline?.mean as number);
  const pad = (lo: number, hi: number): [number, number] => [
    Math.min(lo, hi - 0.5) - 0.1,
    Math.max(hi, lo + 0.5) + 0.1,
  ];
  const [x0, x1] = pad(Math.min(...xs, c.performance), Math.max(...xs, c.performance));
  const [y0, y1] = pad(Math.min(...ys, c.importance), Math.max(...ys, c.importance));
  const col = (v: number): number => Math.round(((v - x0) / (x1 - x0)) * (cols - 1));
  const row = (v: number): number => rows - 1 - Math.round(((v - y0) / (y1 - y0)) * (rows - 1));
  const grid = Array.from({ length: rows }, () => new Array<string>(cols).fill(' '));
  const cx = col(c.performance);
  const cy = row(c.importance);
  for (let r = 0; r < rows; r++) (grid[r] as string[])[cx] = u ? '│' : '|';
  for (let k = 0; k < cols; k++)
    (grid[cy] as string[])[k] = k === cx ? (u ? '┼' : '+') : u ? '─' : '-';
  const rank = new Map(report.survivalFactors.map((f) => [f.id, f.rank]));
  // Draw dots first, ranks last, so a ranked attribute is never hidden behind a dot.
  const ordered = [...points].sort((a, b) => (rank.get(b.id) ?? 99) - (rank.get(a.id) ?? 99));
  const owner = new Map<string, string>();
  const hidden: string[] = [];
  for (const p of ordered) {
    const r = rank.get(p.id);
    const at = `${row(p.baseline?.mean as number)},${col(p.performance.mean)}`;
    const previous = owner.get(at);
    if (previous !== undefined) hidden.push(previous);
    owner.set(at, p.id);
    (grid[row(p.baseline?.mean as number)] as string[])[col(p.performance.mean)] =
      r !== undefined && r <= 9 ? String(r) : u ? '•' : 'o';
  }
  hidden.sort();
  const q = QUADRANT_NAMES[options.lang];
  const top = padTo(q.concentrate, cols - displayWidth(q['keep-up'])) + q['keep-up'];
  const bottom = padTo(q['low-priority'], cols - displayWidth(q.overkill)) + q.overkill;
  const axisY = baselineName(m.baseline, options.lang);
  const lines = grid.map((g, r) => {
    const tick = r === 0 ? fixed(y1, 1) : r === rows - 1 ? fixed(y0, 1) : '';
    return `${tick.padStart(5)} ${u ? '│' : '|'}${g.join('')}`;
  });
  const L = LABELS[options.lang];
  const arrow = u ? '→' : '->';
  const xAxis = `      ${fixed(x0, 1)}${' '.repeat(Math.max(1, cols - 5))}${fixed(x1, 1)}`;
  const xName = `${L.performance} ${arrow}`;
  return [
    `${axisY} ${u ? '↑' : '^'}`,
    `       ${top}`,
    ...lines,
    `       ${bottom}`,
    xAxis.length + 2 + xName.length <= options.width ? `${xAxis}  ${xName}` : xAxis,
    ...(xAxis.length + 2 + xName.length <= options.width
      ? []
      : [`${' '.repeat(Math.max(0, options.width - xName.length - 1))}${xName}`]),
    ...wrapIndented(L.ipaLegend(u ? '•' : 'o'), options.width - 7, 0).map((l) => `       ${l}`),
    ...(hidden.length === 0
      ? []
      : wrapIndented(L.ipaHidden(hidden.length, hidden.join(', ')), options.width - 7, 0).map(
          (l) => `       ${l}`,
        )),
  ];
}
