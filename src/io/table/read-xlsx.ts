import { LIMITS } from '../../core/limits.js';
import type { Problem } from '../../core/problems.js';
import { type CsvSink, RECORD_EXPECTED, RECORD_MIB } from '../read-csv.js';
import {
  attribute,
  createXmlScanner,
  decodeOoxmlEscapes,
  decodeXml,
  XmlError,
  type XmlHandlers,
} from './xml-scan.js';
import { entryChunks, ZipError, zipEntries, type ByteSource, type ZipEntry } from './zip-read.js';

export interface SheetInfo {
  readonly name: string;
  readonly path: string;
}

export interface XlsxReadResult {
  readonly problems: Problem[];
  readonly records: number;
  /** The sheet read (null when none was). */
  readonly sheet: string | null;
  /** The sheet row of the header (the first row with a value). */
  readonly headerRow: number;
}

/**
 * Streams one sheet of an .xlsx workbook (Office Open XML, ECMA-376 Part 1 §18.3) into `sink` as
 * rows of text, the way the CSV reader hands over records: the first row with a value is the
 * header, empty rows are skipped, empty trailing cells dropped, and each record's line is its row
 * number in the sheet. Cells are read as analysts have them: shared strings, inline strings,
 * numbers (written back in JavaScript's shortest form), numbers stored as text (as text),
 * formulas by their cached value (never evaluated), booleans as TRUE/FALSE, error values as
 * written (`#N/A`), and numbers in a date or time format as `YYYY-MM-DD[ HH:MM:SS]`. Memory: the
 * shared-string table and one row at a time; the sheet itself is inflated and scanned in chunks.
 * Limits (README "Limits"): a row's text, and so a cell's, at most LIMITS.recordBytes in UTF-8
 * (`record-too-long` at the cell where it is passed, and the reading stops there, as in a CSV
 * file); a part held whole (shared strings, styles, workbook, relationships) at most
 * LIMITS.workbookPartBytes unzipped (`input-too-large`).
 *
 * `sheet` is a sheet's name or its 1-based position; by default the first sheet with data is read.
 */
export async function readXlsx(
  source: ByteSource,
  sink: CsvSink,
  options: { readonly file: string; readonly sheet?: string },
): Promise<XlsxReadResult> {
  const { file } = options;
  const damaged = (reason: string): XlsxReadResult => ({
    problems: [{ code: 'damaged-file', severity: 'error', file, found: reason }],
    records: 0,
    sheet: null,
    headerRow: 1,
  });
  try {
    const entries = await zipEntries(source);
    const book = await readBook(source, entries);
    if (book === null)
      return damaged('a zip archive, but not an Excel workbook (no xl/workbook.xml)');
    let order: SheetInfo[] = book.sheets;
    if (options.sheet !== undefined) {
      const wanted = options.sheet;
      const byName = book.sheets.find((s) => s.name === wanted);
      const position = /^\d+$/.test(wanted) ? Number(wanted) : Number.NaN;
      const chosen = byName ?? book.sheets[position - 1];
      if (chosen === undefined)
        return {
          problems: [
            {
              code: 'unknown-sheet',
              severity: 'error',
              file,
              found: wanted,
              expected: book.sheets.map((s) => JSON.stringify(s.name)).join(', ') || 'none',
            },
          ],
          records: 0,
          sheet: null,
          headerRow: 1,
        };
      order = [chosen];
    }
    // Each sheet's data is scanned once: a workbook may list one part many times, or a zip may give
    // many names to the same bytes, so that a search for the first sheet with data would rescan it.
    const scanned = new Set<number>();
    for (const sheet of order) {
      const entry = entries.get(sheet.path);
      if (entry === undefined)
        return damaged(`the sheet "${sheet.name}" is missing from the archive`);
      if (scanned.has(entry.headerOffset)) continue;
      scanned.add(entry.headerOffset);
      const read = await streamSheet(source, entry, book, sink, sheet.name);
      if (read.records > 0 || read.problems.length > 0)
        return {
          ...read,
          problems: read.problems.map((p) => ({ ...p, file })),
          records: Math.max(0, read.records - 1),
          sheet: sheet.name,
        };
    }
    return {
      problems: [
        {
          code: 'empty-sheet',
          severity: 'error',
          file,
          ...(options.sheet === undefined ? {} : { cell: quoteSheet(order[0]?.name ?? '') }),
          found: options.sheet === undefined ? 'no sheet' : 'the sheet',
        },
      ],
      records: 0,
      sheet: null,
      headerRow: 1,
    };
  } catch (e: unknown) {
    if (e instanceof LimitError)
      return { problems: [{ ...e.problem, file }], records: 0, sheet: null, headerRow: 1 };
    if (e instanceof ZipError) return damaged(e.message);
    if (e instanceof XmlError) return damaged(`a part of the workbook is not valid: ${e.message}`);
    throw e;
  }
}

/** An input over one of the LIMITS: the problem that says so (its file filled in by the caller). */
class LimitError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
  }
}

/** A part read whole must unzip to at most LIMITS.workbookPartBytes (its size is checked). */
function heldPart(entry: ZipEntry): ZipEntry {
  if (entry.size > LIMITS.workbookPartBytes)
    throw new LimitError({
      code: 'input-too-large',
      severity: 'error',
      file: '',
      found: `${entry.name} unzips to ${entry.size} bytes`,
      expected: `at most ${LIMITS.workbookPartBytes / (1 << 20)} MiB`,
    });
  return entry;
}

interface Book {
  readonly sheets: SheetInfo[];
  /** Shared strings by index ('' for one over LIMITS.recordBytes, whose index is in `tooLong`). */
  readonly strings: string[];
  readonly tooLong: ReadonlySet<number>;
  /** Per cell style index (`s`): whether its number format shows a date or time. */
  readonly dateStyles: boolean[];
  readonly date1904: boolean;
}

async function readBook(source: ByteSource, entries: Map<string, ZipEntry>): Promise<Book | null> {
  let bookPath = 'xl/workbook.xml';
  const office = (await relationships(source, entries.get('_rels/.rels'), '')).find((r) =>
    r.type.endsWith('/officeDocument'),
  );
  if (office !== undefined) bookPath = office.target;
  const bookEntry = entries.get(bookPath);
  if (bookEntry === undefined) return null;
  const base = bookPath.includes('/') ? bookPath.slice(0, bookPath.lastIndexOf('/') + 1) : '';
  const relsPath = `${base}_rels/${bookPath.slice(base.length)}.rels`;
  const rels = await relationships(source, entries.get(relsPath), base);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetInfo[] = [];
  const listed = new Set<string>();
  let date1904 = false;
  await scanPart(source, bookEntry, {
    open(name, attrs) {
      if (name === 'sheet') {
        const rel = byId.get(attribute(attrs, 'r:id') ?? '');
        // (a part listed again is the same sheet)
        if (rel?.type.endsWith('/worksheet') === true && !listed.has(rel.target)) {
          listed.add(rel.target);
          sheets.push({ name: attribute(attrs, 'name') ?? '', path: rel.target });
        }
      } else if (name === 'workbookPr') {
        const v = attribute(attrs, 'date1904');
        date1904 = v === '1' || v === 'true';
      }
    },
    close() {},
  });
  const stringsRel = rels.find((r) => r.type.endsWith('/sharedStrings'));
  const stylesRel = rels.find((r) => r.type.endsWith('/styles'));
  const { strings, tooLong } =
    stringsRel === undefined
      ? { strings: [], tooLong: new Set<number>() }
      : await sharedStrings(source, entries.get(stringsRel.target));
  const stylesEntry = stylesRel === undefined ? undefined : entries.get(stylesRel.target);
  return {
    sheets,
    strings,
    tooLong,
    dateStyles: stylesEntry === undefined ? [] : await dateStyles(source, stylesEntry),
    date1904,
  };
}

/**
 * Scans a part read whole (at most LIMITS.workbookPartBytes unzipped) as it is inflated, so that
 * only what the handlers keep is held.
 */
async function scanPart(source: ByteSource, entry: ZipEntry, handlers: XmlHandlers): Promise<void> {
  const scanner = createXmlScanner(handlers);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of entryChunks(source, heldPart(entry)))
    scanner.write(decoder.decode(chunk, { stream: true }));
  scanner.write(decoder.decode());
}

/** A relationships part's internal targets, resolved against `base`; each id once. */
async function relationships(
  source: ByteSource,
  entry: ZipEntry | undefined,
  base: string,
): Promise<Array<{ id: string; type: string; target: string }>> {
  const byId = new Map<string, { id: string; type: string; target: string }>();
  if (entry === undefined) return [];
  await scanPart(source, entry, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const target = attribute(attrs, 'Target') ?? '';
      if (attribute(attrs, 'TargetMode') === 'External') return;
      const id = attribute(attrs, 'Id') ?? '';
      if (byId.has(id)) return;
      byId.set(id, { id, type: attribute(attrs, 'Type') ?? '', target: resolvePath(base, target) });
    },
    close() {},
  });
  return [...byId.values()];
}

function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/**
 * The shared-string table (`<si>`: one `<t>`, or rich-text runs `<r><t>`; phonetic runs `<rPh>`
 * left out). A string over LIMITS.recordBytes characters is not kept: its index goes in `tooLong`,
 * and a cell that shows it is refused where it is.
 */
async function sharedStrings(
  source: ByteSource,
  entry: ZipEntry | undefined,
): Promise<{ strings: string[]; tooLong: Set<number> }> {
  const strings: string[] = [];
  const tooLong = new Set<number>();
  if (entry === undefined) return { strings, tooLong };
  let current = '';
  let over = false;
  let inT = false;
  let inPhonetic = false;
  const handlers: XmlHandlers = {
    open(name, _attrs, selfClosing) {
      if (name === 'si') {
        current = '';
        over = false;
      } else if (name === 't' && !selfClosing) inT = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') {
        if (over) tooLong.add(strings.length);
        strings.push(over ? '' : decodeOoxmlEscapes(current));
        current = '';
      }
    },
    text(raw, cdata) {
      if (!inT || inPhonetic || over) return;
      current += cdata ? raw : decodeXml(raw);
      if (current.length > LIMITS.recordBytes) {
        over = true;
        current = '';
      }
    },
  };
  await scanPart(source, entry, handlers);
  return { strings, tooLong };
}

/** Built-in number formats that show dates or times (ECMA-376 Part 1 §18.8.30). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/**
 * Whether a custom format code shows a date or time: y, m, d, h or s outside quotes, brackets and
 * escapes.
 */
export function isDateFormat(code: string): boolean {
  const bare =
    code
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, '')
      .replace(/\[[^\]]*\]/g, '')
      .split(';')[0] ?? '';
  return /[ymdhs]/i.test(bare.replace(/General/gi, ''));
}

async function dateStyles(source: ByteSource, entry: ZipEntry): Promise<boolean[]> {
  const custom = new Map<number, boolean>();
  const out: boolean[] = [];
  let inXfs = false;
  await scanPart(source, entry, {
    open(name, attrs, selfClosing) {
      if (name === 'numFmt')
        custom.set(
          Number(attribute(attrs, 'numFmtId')),
          isDateFormat(attribute(attrs, 'formatCode') ?? ''),
        );
      else if (name === 'cellXfs' && !selfClosing) inXfs = true;
      else if (name === 'xf' && inXfs) {
        const id = Number(attribute(attrs, 'numFmtId') ?? '0');
        out.push(custom.get(id) ?? DATE_FORMAT_IDS.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inXfs = false;
    },
  });
  return out;
}

/** Excel's last column, XFD (16 384 columns). */
const LAST_COLUMN = 16_383;
/** Excel's last row. */
const LAST_ROW = 1_048_576;

/** `A` → 0, `Z` → 25, `AA` → 26 (the letters of a cell reference). */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : n - 1;
}

/** 0 → `A`, 26 → `AA`. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A sheet name as a cell reference writes it: quoted when it holds anything but letters, digits,
 * `_` and `.`.
 */
export function quoteSheet(name: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(name) ? name : `'${name.replaceAll("'", "''")}'`;
}

/**
 * An Excel serial date (days since 1899-12-30, or 1904-01-01) as `YYYY-MM-DD` or
 * `YYYY-MM-DD HH:MM:SS`.
 */
export function serialDate(serial: number, date1904: boolean): string {
  const ms = Math.round((serial + (date1904 ? 1462 : 0)) * 86_400_000) + Date.UTC(1899, 11, 30);
  const date = new Date(ms);
  // Not a date Excel can show:
  if (Number.isNaN(date.getTime()) || serial < 0) return String(serial);
  const iso = date.toISOString();
  return Number.isInteger(serial) ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

async function streamSheet(
  source: ByteSource,
  entry: ZipEntry,
  book: Book,
  sink: CsvSink,
  sheetName: string,
): Promise<{ problems: Problem[]; records: number; headerRow: number }> {
  const problems: Problem[] = [];
  let records = 0;
  let headerRow = 1;
  let rowNumber = 0;
  let row: string[] = [];
  // The row's text: its characters, then (once three bytes a character could pass the limit) its
  // UTF-8 bytes exactly; -1 while characters are counted.
  let rowChars = 0;
  let rowBytes = -1;
  let numericOnly = true;
  let column = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inValue = false;
  let inInline = false;
  let inPhonetic = false;
  let inText = false;
  let inline = '';
  let stop = false;
  const format = { delimiter: ',', encoding: 'utf-8' } as const;
  // The table's width: the last column with a value in its first three rows (a header cell
  // above its first column only, as SurveyMonkey writes, leaves later header cells empty); later
  // rows are padded to it, and trailing empty cells beyond it dropped.
  const pending: Array<{ fields: string[]; row: number; numericOnly: boolean }> = [];
  let width = -1;
  const emit = (fields: string[], at: number): void => {
    while (fields.length < width) fields.push('');
    if (records === 0) sink.header(fields, format);
    else sink.record(fields, at);
    records++;
  };
  const flush = (): void => {
    if (width >= 0 || pending.length === 0) return;
    width = Math.max(...pending.map((p) => p.fields.length));
    const first = pending[0] as (typeof pending)[number];
    headerRow = first.row;
    if (first.numericOnly) {
      problems.push({
        code: 'no-header',
        severity: 'error',
        file: '',
        cell: `${quoteSheet(sheetName)}!${first.row}:${first.row}`,
        found: first.fields.slice(0, 3).join(', '),
      });
      stop = true;
      return;
    }
    for (const p of pending) emit(p.fields, p.row);
    pending.length = 0;
  };
  const finishRow = (): void => {
    let last = row.length - 1;
    while (last >= 0 && row[last] === '') last--;
    if (last < 0) return;
    // The row itself is handed over (a new one is started for the next row); `take` leaves no
    // holes in it.
    const fields = row;
    fields.length = last + 1;
    if (width >= 0) {
      emit(fields, rowNumber);
      return;
    }
    pending.push({ fields, row: rowNumber, numericOnly });
    if (pending.length === 3) flush();
  };
  /** The current cell's reference, `Sheet1!D17`. */
  const here = (): string => `${quoteSheet(sheetName)}!${columnLetters(column)}${rowNumber}`;
  const tooLong = (what: string): LimitError =>
    new LimitError({
      code: 'record-too-long',
      severity: 'error',
      file: '',
      cell: here(),
      expected: RECORD_EXPECTED,
      found: `${what} over ${RECORD_MIB} MiB of text`,
    });
  /** A cell's column from its reference `r` (else the next one), within Excel's columns. */
  const cellColumn = (r: string | undefined): number => {
    const c = r === undefined ? column + 1 : columnIndex(r);
    if (c > LAST_COLUMN) {
      const ref = r ?? `${columnLetters(c)}${rowNumber}`;
      throw new XmlError(`cell ${ref} lies beyond Excel's last column, XFD`);
    }
    return c;
  };
  const scanner = createXmlScanner({
    open(name, attrs, selfClosing) {
      switch (name) {
        case 'row': {
          // A row number Excel can have (rows need not be numbered, but then follow the last).
          const r = attribute(attrs, 'r');
          rowNumber = r === undefined ? rowNumber + 1 : /^\d+$/.test(r) ? Number(r) : Number.NaN;
          if (!(rowNumber >= 1)) throw new XmlError(`row ${JSON.stringify(r)} is not a row number`);
          if (rowNumber > LAST_ROW)
            throw new XmlError(`row ${r ?? rowNumber} lies beyond Excel's last row, ${LAST_ROW}`);
          row = [];
          rowChars = 0;
          rowBytes = -1;
          numericOnly = true;
          column = -1;
          return;
        }
        case 'c': {
          column = cellColumn(attribute(attrs, 'r'));
          type = attribute(attrs, 't') ?? 'n';
          style = Number(attribute(attrs, 's') ?? '0');
          value = '';
          inline = '';
          if (selfClosing) take();
          return;
        }
        case 'v':
          if (!selfClosing) inValue = true;
          return;
        case 'is':
          inInline = true;
          return;
        case 'rPh':
          inPhonetic = true;
          return;
        case 't':
          inText = !selfClosing;
          return;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
          inValue = false;
          return;
        case 'rPh':
          inPhonetic = false;
          return;
        case 't':
          inText = false;
          return;
        case 'is':
          inInline = false;
          return;
        case 'c':
          take();
          return;
        case 'row':
          finishRow();
          row = [];
          rowChars = 0;
          rowBytes = -1;
          return;
      }
    },
    valueCell(attrs, raw) {
      column = cellColumn(attribute(attrs, 'r'));
      type = attribute(attrs, 't') ?? 'n';
      style = Number(attribute(attrs, 's') ?? '0');
      value = decodeXml(raw);
      inline = '';
      take();
    },
    text(raw, cdata) {
      // A cell's text is bounded as it comes (it may come in many runs).
      if (inValue) {
        value += cdata ? raw : decodeXml(raw);
        if (value.length > LIMITS.recordBytes) throw tooLong('the cell holds');
      } else if (inInline && inText && !inPhonetic) {
        inline += cdata ? raw : decodeXml(raw);
        if (inline.length > LIMITS.recordBytes) throw tooLong('the cell holds');
      }
    },
  });
  function take(): void {
    if (column < 0) return;
    let text: string;
    switch (type) {
      case 's': {
        const index = Number(value);
        if (book.tooLong.has(index)) throw tooLong('the cell holds');
        text = book.strings[index] ?? '';
        numericOnly = numericOnly && text.trim() === '';
        break;
      }
      case 'inlineStr':
        text = decodeOoxmlEscapes(inline);
        numericOnly = numericOnly && text.trim() === '';
        break;
      case 'str':
        text = decodeOoxmlEscapes(value);
        numericOnly = numericOnly && text.trim() === '';
        break;
      case 'b':
        text = value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
        break;
      case 'e':
        text = value;
        break;
      default: {
        // numbers (`n`, or `d` for an ISO date stored as such)
        if (type === 'd') text = value;
        else if (value === '') text = '';
        else {
          const x = Number(value);
          text = Number.isFinite(x)
            ? book.dateStyles[style] === true
              ? serialDate(x, book.date1904)
              : String(x)
            : value;
        }
      }
    }
    // An empty cell fills nothing: trailing empty cells are dropped, and a later cell pads the
    // row up to itself (so that empty cells far to the right cost no work).
    if (text === '') {
      if (column < row.length) row[column] = '';
      return;
    }
    if (text.length * 3 > LIMITS.recordBytes && utf8Bytes(text) > LIMITS.recordBytes)
      throw tooLong('the cell holds');
    while (row.length < column) row.push('');
    row[column] = text;
    if (rowBytes < 0) {
      rowChars += text.length;
      if (rowChars * 3 > LIMITS.recordBytes) {
        rowBytes = 0;
        for (const cell of row) rowBytes += utf8Bytes(cell);
      }
    } else rowBytes += utf8Bytes(text);
    if (rowBytes > LIMITS.recordBytes) throw tooLong("the row's cells hold");
  }
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of entryChunks(source, entry)) {
      scanner.write(decoder.decode(chunk, { stream: true }));
      if (stop) break;
      const wait = sink.drain?.() ?? null;
      if (wait !== null) await wait;
    }
    if (!stop) {
      scanner.write(decoder.decode());
      if (!scanner.end())
        throw new ZipError(`the sheet "${sheetName}" ends in the middle of a cell`);
      flush();
    }
  } catch (e: unknown) {
    if (!(e instanceof LimitError)) throw e;
    // Over a limit: the reading stops there, as the CSV reader's does.
    problems.push(e.problem);
  }
  return { problems, records, headerRow };
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
