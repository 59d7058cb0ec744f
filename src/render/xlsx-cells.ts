import type { SegmentDifference } from '../core/report/types.js';
import type { Cell, CellStyle, SheetSpec } from './xlsx-workbook.js';

// The cells and sheets the workbooks are built of (render-xlsx.ts, loyalty-xlsx.ts).

/** A header cell. */
export const h = (v: string): Cell => ({ v, s: 'header' });

/** A number in a style (default: two decimals); null, NaN and ±∞ leave the cell empty. */
export const num = (v: number | null | undefined, s: CellStyle = 'dec2'): Cell => ({
  v: v ?? null,
  s,
});

/**
 * A comparison of an attribute across groups as cells: id, measure, test, statistic (0.000), df
 * (0.00), p, Holm p, then each group's mean.
 */
export function differenceCells(d: SegmentDifference): Cell[] {
  return [
    d.id,
    d.measure,
    d.test,
    num(d.statistic, 'dec3'),
    num(d.df, 'dec2'),
    num(d.p, 'p'),
    num(d.pAdjusted, 'p'),
    ...d.means.map((x) => num(x)),
  ];
}

/** The characters that count double in a column's width, as ranges of a regex character class. */
const WIDE_RANGES = [
  '\\u1100-\\u115F', // Hangul Jamo
  '\\u2E80-\\uA4CF', // CJK radicals and punctuation, kana, ideographs … Yi
  '\\uAC00-\\uD7A3', // Hangul syllables
  '\\uF900-\\uFAFF', // CJK compatibility ideographs
  '\\uFE30-\\uFE4F', // CJK compatibility forms
  '\\uFF00-\\uFF60', // fullwidth forms
  '\\uFFE0-\\uFFE6', // fullwidth signs
];
const WIDE_CHAR = new RegExp(`[${WIDE_RANGES.join('')}]`, 'u');

/** Width of a column: its longest cell (CJK characters count double), within 8–60. */
export function widths(rows: ReadonlyArray<readonly Cell[]>, from = 0): number[] {
  const out: number[] = [];
  rows.slice(from).forEach((row) =>
    row.forEach((cell, i) => {
      const v = cell !== null && typeof cell === 'object' ? cell.v : cell;
      const text =
        typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v ?? '');
      let w = 0;
      for (const ch of text) w += WIDE_CHAR.test(ch) ? 2 : 1;
      out[i] = Math.max(out[i] ?? 8, Math.min(60, w + 2));
    }),
  );
  return out.map((w) => w ?? 8);
}

/** A sheet whose first `freezeRows` rows stay in view, its columns sized from row `widthFrom`. */
export function sheet(name: string, rows: Cell[][], freezeRows = 1, widthFrom = 0): SheetSpec {
  return { name, rows, widths: widths(rows, widthFrom), freezeRows };
}
