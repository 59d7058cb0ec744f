import { expect } from 'vitest';
import { readTable } from '../../src/io/table/read-table.js';

// Reading a written workbook back, for the xlsx tests (render-xlsx, loyalty-xlsx).

/** A sheet of a workbook read back by servqual's own reader: its rows of text. */
export async function sheetRows(path: string, sheet: string): Promise<string[][]> {
  const rows: string[][] = [];
  const r = await readTable(
    path,
    { header: (f) => rows.push([...f]), record: (f) => rows.push([...f]) },
    { label: path, sheet },
  );
  expect(r.problems).toEqual([]);
  return rows;
}

/** A cell read back as a number (an empty cell: null, as the JSON writes a missing number). */
export const n = (v: string | undefined): number | null =>
  v === undefined || v === '' ? null : Number(v);
