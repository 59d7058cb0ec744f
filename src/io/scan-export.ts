import { parseRating } from '../core/data/parse-rating.js';
import type { Instrument, Scale } from '../core/instrument/types.js';
import { allAttributes } from '../core/instrument/types.js';
import { MISSING_CODES, type Platform } from '../core/platform/detect-platform.js';
import { createExportHead, type ExportHead } from '../core/platform/export-head.js';
import { guessMapping, type ColumnGuess } from '../core/platform/guess-mapping.js';
import { createLabelReader } from '../core/platform/likert-labels.js';
import type { Problem } from '../core/problems.js';
import type { Encoding } from './read-csv.js';
import { readTable } from './table/read-table.js';

export interface ExportScan {
  readonly head: ExportHead | null;
  readonly guesses: readonly ColumnGuess[];
  /**
   * Answer texts in guessed rating columns that are neither numbers nor known labels (first 100, in
   * order of appearance).
   */
  readonly unknownLabels: readonly string[];
  readonly missing: readonly string[];
  readonly problems: readonly Problem[];
}

/**
 * Reads an export once for `servqual map --init`: its layout, a guess for every column, and the
 * answer texts in the guessed rating columns that servqual cannot yet read as numbers.
 */
export async function scanExport(
  source: string,
  instrument: Instrument,
  options: {
    readonly encoding?: Encoding;
    readonly from?: Platform;
    readonly label: string;
    readonly sheet?: string;
  },
): Promise<ExportScan> {
  const head = createExportHead(options.from);
  const scales = new Map(allAttributes(instrument).map((a) => [a.id, a.scale]));
  const reader = createLabelReader();
  let found: ExportHead | null = null;
  let guesses: ColumnGuess[] = [];
  let rated: Array<readonly [number, Scale]> = [];
  let missing = new Set<string>();
  const unknown = new Set<string>();
  let decimalComma = false;
  const look = (fields: readonly string[]): void => {
    for (const [i, scale] of rated) {
      if (unknown.size >= 100) return;
      const cell = (fields[i] ?? '').trim();
      if (
        cell === '' ||
        missing.has(cell) ||
        parseRating(cell, decimalComma) !== undefined ||
        reader(cell, scale) !== undefined
      )
        continue;
      unknown.add(cell);
    }
  };
  const ready = (h: ExportHead | null): void => {
    if (h === null) return;
    found = h;
    guesses = guessMapping(h.columns, instrument);
    rated = guesses.flatMap((g, i) =>
      g.attribute === null ? [] : [[i, scales.get(g.attribute) as Scale] as const],
    );
    missing = new Set(h.layout.platform === null ? [] : (MISSING_CODES[h.layout.platform] ?? []));
    for (const row of h.rest) look(row.fields);
  };
  const read = await readTable(
    source,
    {
      header: (fields, format) => {
        decimalComma = format.delimiter !== ','; // as the analysis reads `;` and tab files
        ready(head.push(fields, 1));
      },
      record: (fields, endLine) =>
        found === null ? ready(head.push(fields, endLine)) : look(fields),
    },
    {
      label: options.label,
      ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
      ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    },
  );
  if (found === null) ready(head.flush());
  return {
    head: found,
    guesses,
    unknownLabels: [...unknown],
    missing: [...missing],
    problems: read.problems.map(read.locate),
  };
}
