import { displayWidth, pad, truncate, widestWord, wrap } from './display-width.js';

/** A table cell: its text (may hold "\n" for a second line) and how to colour it once laid out. */
export type TextCell = string | { readonly text: string; readonly paint?: (s: string) => string };

export interface TextColumn {
  readonly head: string;
  readonly align?: 'left' | 'right';
  /**
   * A column that may narrow to `min` columns: its cells wrap (English at spaces, Chinese between
   * characters), at most `maxLines` lines, the last one ending in "…" when cut.
   */
  readonly shrink?: { readonly min: number; readonly maxLines: number };
}

export interface TableStyle {
  readonly unicode: boolean;
  readonly head: (s: string) => string;
  readonly border: (s: string) => string;
}

const cellText = (c: TextCell): string => (typeof c === 'string' ? c : c.text);
const cellPaint = (c: TextCell): ((s: string) => string) =>
  typeof c === 'string' ? (s) => s : (c.paint ?? ((s) => s));

/** Width the table takes with every column at the given widths: "│ a │ b │" = Σw + 3n + 1. */
const tableWidth = (widths: readonly number[]): number =>
  widths.reduce((s, w) => s + w, 0) + 3 * widths.length + 1;

/**
 * Column widths that fit `width`, or null when even every shrinkable column at its minimum is too
 * wide. Each column starts at its natural width (its widest line, the head wrapping at spaces and
 * between Chinese characters); shrinkable columns then give up columns, widest first.
 */
export function fitWidths(
  columns: readonly TextColumn[],
  rows: readonly (readonly TextCell[])[],
  width: number,
): number[] | null {
  const { widths, fits } = shrinkTo(columns, rows, width);
  return fits ? widths : null;
}

/**
 * The widths `fitWidths` reaches towards `width`: when the table cannot fit, every head wrapped
 * and every shrinkable column at its minimum (`fits` false), the narrowest this layout gets.
 */
function shrinkTo(
  columns: readonly TextColumn[],
  rows: readonly (readonly TextCell[])[],
  width: number,
): { widths: number[]; fits: boolean } {
  const data = columns.map((_, i) =>
    Math.max(
      1,
      ...rows.map((r) =>
        Math.max(
          0,
          ...cellText(r[i] ?? '')
            .split('\n')
            .map((l) => displayWidth(l)),
        ),
      ),
    ),
  );
  // Heads first take their full width; when the table is too wide they wrap (at spaces, never
  // inside a word), then shrinkable columns narrow, widest first.
  const fullHead = columns.map((col) =>
    Math.max(...col.head.split('\n').map((l) => displayWidth(l))),
  );
  const headFloor = columns.map((col, i) => Math.max(widestWord(col.head), data[i] as number));
  const widths = columns.map((_, i) => Math.max(fullHead[i] as number, data[i] as number));
  let excess = tableWidth(widths) - width;
  while (excess > 0) {
    let pick = -1;
    for (const [i, w] of widths.entries())
      if (w > (headFloor[i] as number) && (pick < 0 || w > (widths[pick] as number))) pick = i;
    if (pick < 0) break;
    widths[pick] = (widths[pick] as number) - 1;
    excess--;
  }
  while (excess > 0) {
    let widest = -1;
    for (const [i, col] of columns.entries()) {
      const floor = col.shrink?.min ?? Number.POSITIVE_INFINITY;
      if (col.shrink === undefined || (widths[i] as number) <= floor) continue;
      if (widest < 0 || (widths[i] as number) > (widths[widest] as number)) widest = i;
    }
    if (widest < 0) return { widths, fits: false };
    widths[widest] = (widths[widest] as number) - 1;
    excess--;
  }
  return { widths, fits: true };
}

/**
 * Draws a boxed table at the given column widths: a rule under the head, no rules between one-line
 * rows (a rule between rows when any row takes two lines, so that rows stay apart).
 */
export function drawTable(
  columns: readonly TextColumn[],
  rows: readonly (readonly TextCell[])[],
  widths: readonly number[],
  style: TableStyle,
): string[] {
  const u = style.unicode;
  const b = style.border;
  const rule = (l: string, m: string, r: string): string =>
    b(l + widths.map((w) => (u ? '─' : '-').repeat(w + 2)).join(m) + r);
  const v = b(u ? '│' : '|');
  const lay = (
    cells: readonly string[],
    paint: ReadonlyArray<(s: string) => string>,
    limit: boolean,
  ): string[] => {
    const wrapped = cells.map((text, i) => {
      const col = columns[i] as TextColumn;
      const w = widths[i] as number;
      const lines = text.split('\n').flatMap((l) => (displayWidth(l) <= w ? [l] : wrap(l, w)));
      const max = limit ? (col.shrink?.maxLines ?? lines.length) : lines.length;
      const kept = lines.slice(0, max).map((l) => truncate(l, w));
      if (lines.length > max) {
        const last = kept.length - 1;
        const l = kept[last] as string;
        kept[last] = displayWidth(l) + 1 <= w ? `${l}…` : truncate(`${l}…`, w);
      }
      return kept;
    });
    const height = Math.max(1, ...wrapped.map((l) => l.length));
    return Array.from({ length: height }, (_, k) =>
      [
        v,
        ...wrapped.flatMap((lines, i) => {
          const padded = pad(lines[k] ?? '', widths[i] as number, columns[i]?.align ?? 'left');
          return [` ${(paint[i] as (s: string) => string)(padded)} `, v];
        }),
      ].join(''),
    );
  };
  const out: string[] = [];
  out.push(u ? rule('┌', '┬', '┐') : rule('+', '+', '+'));
  out.push(
    ...lay(
      columns.map((c) => c.head),
      columns.map(() => style.head),
      false,
    ),
  );
  out.push(u ? rule('├', '┼', '┤') : rule('+', '+', '+'));
  const bodies = rows.map((r) =>
    lay(
      columns.map((_, i) => cellText(r[i] ?? '')),
      columns.map((_, i) => cellPaint(r[i] ?? '')),
      true,
    ),
  );
  const multi = bodies.some((lines) => lines.length > 1);
  bodies.forEach((lines, i) => {
    if (multi && i > 0) out.push(u ? rule('├', '┼', '┤') : rule('+', '+', '+'));
    out.push(...lines);
  });
  out.push(u ? rule('└', '┴', '┘') : rule('+', '+', '+'));
  return out;
}

/**
 * Lays out the first of `variants` (fullest first, each giving way a little more) whose table fits
 * `width`. When none fits, the last variant is drawn and every line cut to the width, so that no
 * line is ever wider than the terminal.
 */
export function fitTable(
  variants: ReadonlyArray<{
    readonly columns: readonly TextColumn[];
    readonly rows: readonly (readonly TextCell[])[];
  }>,
  width: number,
  style: TableStyle,
): string[] {
  for (const variant of variants) {
    const widths = fitWidths(variant.columns, variant.rows, width);
    if (widths !== null) return drawTable(variant.columns, variant.rows, widths, style);
  }
  // None fits: the last (narrowest) layout with its labels at their minimum, then cut — so the
  // numbers stay in view and only what is left over is cut.
  const last = variants[variants.length - 1];
  if (last === undefined) return [];
  const { widths } = shrinkTo(last.columns, last.rows, width);
  return drawTable(last.columns, last.rows, widths, style).map((l) => clip(l, width));
}

/**
 * Cuts a line (which may hold colour codes) to `width` columns: colour is dropped from a cut line.
 */
export function clip(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
  return truncate(line.replace(/\u001b\[[0-9;]*m/g, ''), width);
}
