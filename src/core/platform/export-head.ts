import {
  DETECTION_ROWS,
  detectPlatform,
  type ExportLayout,
  type Platform,
} from './detect-platform.js';
import { exportColumns, type ExportColumn } from './export-columns.js';

/** An export's layout and columns, and the data rows read while finding them. */
export interface ExportHead {
  readonly layout: ExportLayout;
  readonly columns: readonly ExportColumn[];
  readonly rest: ReadonlyArray<{ readonly fields: readonly string[]; readonly endLine: number }>;
}

/**
 * Holds back the first records of a file until its layout is known (its header rows: one for most
 * files, two for SurveyMonkey;
 * three for a Qualtrics export, whose third row tells the modern layout from the legacy one).
 * `push` returns the head once it is known, then null; `flush` gives it for a file that ended
 * sooner (null when nothing was pushed or it was already given).
 */
export function createExportHead(from?: Platform): {
  push(fields: readonly string[], endLine: number): ExportHead | null;
  flush(): ExportHead | null;
} {
  const pending: Array<{ fields: readonly string[]; endLine: number }> = [];
  let done = false;
  const give = (): ExportHead | null => {
    if (done || pending.length === 0) return null;
    done = true;
    const rows = pending.map((p) => p.fields);
    const layout = detectPlatform(rows, from);
    return {
      layout,
      columns: exportColumns(layout, rows.slice(0, layout.headerRows)),
      rest: pending.slice(layout.headerRows),
    };
  };
  return {
    push(fields, endLine) {
      if (done) return null;
      pending.push({ fields, endLine });
      const layout = detectPlatform(
        pending.map((p) => p.fields),
        from,
      );
      const needs = layout.platform === 'qualtrics' ? DETECTION_ROWS : layout.headerRows;
      return pending.length < needs ? null : give();
    },
    flush: give,
  };
}
