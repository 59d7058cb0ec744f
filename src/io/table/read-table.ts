import { createReadStream } from 'node:fs';
import type { Problem } from '../../core/problems.js';
import { readCsv, type CsvReadResult, type CsvSink, type Encoding } from '../read-csv.js';
import { readSav, SavError } from './read-sav.js';
import { columnLetters, quoteSheet, readXlsx } from './read-xlsx.js';
import { bufferSource, fileSource, type ByteSource } from './zip-read.js';

export type TableKind = 'csv' | 'xlsx' | 'sav';

export interface TableReadResult extends CsvReadResult {
  readonly kind: TableKind;
  /**
   * Rewrites a problem found in the table's rows (its `line` and `column`) into the table's own
   * terms: `Sheet1!D17` in a workbook, `case 17, variable P3` in an SPSS file. Identity for CSV.
   */
  readonly locate: (problem: Problem) => Problem;
}

/**
 * What a file's first bytes say it is: a zip archive (an .xlsx workbook), an SPSS system file, or
 * text.
 */
export function sniffKind(head: Uint8Array): TableKind {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (
    head[0] === 0x24 &&
    head[1] === 0x46 &&
    head[2] === 0x4c &&
    (head[3] === 0x32 || head[3] === 0x33)
  )
    return 'sav';
  return 'csv';
}

/**
 * Reads a table of responses — CSV or other delimited text, an Excel workbook (.xlsx) or an SPSS
 * system file (.sav), told apart by their first bytes, not their names — into `sink`, one record at
 * a time, the same way for all three, so that everything after reading is the same for each.
 */
export async function readTable(
  source: string,
  sink: CsvSink,
  options: {
    readonly label: string;
    readonly encoding?: Encoding;
    /** The workbook's sheet: a name or a 1-based position (default: the first sheet with data). */
    readonly sheet?: string;
  },
): Promise<TableReadResult> {
  const file = options.label;
  const identity = (p: Problem): Problem => p;
  const csv = async (): Promise<TableReadResult> => ({
    ...(await readCsv(source, sink, {
      label: file,
      ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    })),
    kind: 'csv',
    locate: identity,
  });
  // The first bytes: from the file, or from stdin (kept for the reader that follows).
  let head: Buffer;
  let stdin: AsyncIterator<Buffer> | null = null;
  if (source === '-') {
    stdin = (process.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const first = await stdin.next();
    head = first.done === true ? Buffer.alloc(0) : first.value;
  } else {
    try {
      const probe = await fileSource(source);
      head = await probe.read(0, 4);
      await probe.close();
    } catch {
      return csv(); // the CSV reader reports why the file cannot be read
    }
  }
  const kind = sniffKind(head);
  if (kind === 'csv') {
    if (stdin === null) return csv();
    return csvFromStdin(head, stdin, sink, options);
  }
  const damaged = (reason: string, bytes: number): TableReadResult => ({
    problems: [{ code: 'damaged-file', severity: 'error', file, found: reason }],
    records: 0,
    bytes,
    kind,
    locate: identity,
  });
  if (kind === 'sav') {
    const chunks: AsyncIterator<Buffer> =
      stdin ??
      (createReadStream(source, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>)[
        Symbol.asyncIterator
      ]();
    const first = stdin === null ? Buffer.alloc(0) : head;
    let bytes = 0;
    const counted: AsyncIterator<Buffer> = {
      next: async () => {
        const r = await chunks.next();
        if (r.done !== true) bytes += r.value.length;
        return r;
      },
    };
    bytes = first.length;
    try {
      const read = await readSav(counted, first, sink);
      const headerRows = read.headerRows;
      return {
        problems: read.problems.map((p) => ({ ...p, file })),
        records: read.records,
        bytes,
        kind,
        locate: (p) => {
          if (p.file !== file || p.line === undefined) return p;
          const { line, column, ...rest } = p;
          const variable = column === undefined ? undefined : read.names[column - 1];
          const ofVariable = variable === undefined ? '' : `, variable ${variable}`;
          const where =
            line <= headerRows
              ? variable === undefined
                ? 'the variable list'
                : `variable ${variable}`
              : `case ${line - headerRows}${ofVariable}`;
          return { ...rest, cell: where };
        },
      };
    } catch (e: unknown) {
      if (e instanceof SavError) return damaged(e.message, bytes);
      throw e;
    }
  }
  // A workbook: random access to its zip directory (stdin is read whole first).
  let zip: ByteSource;
  if (stdin !== null) {
    const parts = [head];
    for (let next = await stdin.next(); next.done !== true; next = await stdin.next())
      parts.push(next.value);
    zip = bufferSource(Buffer.concat(parts));
  } else zip = await fileSource(source);
  try {
    const read = await readXlsx(zip, sink, {
      file,
      ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    });
    const sheet = quoteSheet(read.sheet ?? '');
    return {
      problems: read.problems,
      records: read.records,
      bytes: zip.size,
      kind,
      locate: (p) => {
        if (p.file !== file || p.line === undefined || read.sheet === null) return p;
        const { line, column, ...rest } = p;
        const row = line === 1 ? read.headerRow : line;
        return {
          ...rest,
          cell:
            column === undefined
              ? `${sheet}!${row}:${row}`
              : `${sheet}!${columnLetters(column - 1)}${row}`,
        };
      },
    };
  } finally {
    await zip.close();
  }
}

/** Text on stdin whose first chunk was already read: handed to the CSV reader as a stream again. */
async function csvFromStdin(
  head: Buffer,
  rest: AsyncIterator<Buffer>,
  sink: CsvSink,
  options: { readonly label: string; readonly encoding?: Encoding },
): Promise<TableReadResult> {
  const { Readable } = await import('node:stream');
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for (let next = await rest.next(); next.done !== true; next = await rest.next())
      yield next.value;
  }
  const read = await readCsv('-', sink, {
    label: options.label,
    stream: Readable.from(all(), { objectMode: false }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
  });
  return { ...read, kind: 'csv', locate: (p) => p };
}
