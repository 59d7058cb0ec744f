import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { Problem } from '../core/problems.js';
import { LIMITS } from '../core/limits.js';

export type Delimiter = ',' | ';' | '\t';
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export const ENCODINGS: readonly Encoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030'];

export interface CsvSink {
  /** Called once with the header record. */
  header(
    fields: string[],
    format: { readonly delimiter: Delimiter; readonly encoding: Encoding },
  ): void;
  /** Called for each data record with the physical line it ends on. */
  record(fields: string[], endLine: number): void;
  /** Back-pressure: a promise to wait for before the next chunk is read, or null to go on. */
  drain?(): Promise<void> | null;
}

export interface CsvReadResult {
  /**
   * Problems that stop the reading (unreadable file, unterminated quote, bad encoding, empty file).
   */
  readonly problems: Problem[];
  readonly records: number;
  readonly bytes: number;
}

/** Largest record accepted: an unterminated quote would otherwise buffer the rest of the file. */
export const MAX_RECORD_BYTES = LIMITS.recordBytes;
/** That limit in MiB, as every reader's `record-too-long` problem says it (CSV, workbook, SPSS). */
export const RECORD_MIB = MAX_RECORD_BYTES / (1 << 20);
/** What a `record-too-long` problem expects, in every reader. */
export const RECORD_EXPECTED = `a record under ${RECORD_MIB} MiB`;

/**
 * Streams a delimited text file (a path, or `-` for stdin) into `sink`, one record at a time, in
 * constant memory. Handles UTF-8 with or without BOM, UTF-16 LE/BE (Excel "Unicode text", found by
 * its BOM or by NUL bytes), GB18030/GBK (when the start is not UTF-8 but is valid GB18030, or with
 * `encoding`), CRLF/LF/CR line ends, and detects the delimiter (`,` `;` or tab: the
 * one that occurs most often outside quotes in the first line). Records are parsed by csv-parse in
 * array mode and handed over synchronously as they are parsed (nothing is queued); a file of at
 * most MAX_RECORD_BYTES in the simplest form is split natively instead (`splitPlainCsv`).
 */
/**
 * csv-parse's synchronous parser core: `parse(chunk, end, push, close)` returns an error or
 * undefined.
 */
interface CsvCore {
  parse(
    chunk: Buffer | undefined,
    end: boolean,
    push: (record: string[]) => void,
    close: () => void,
  ): Error | undefined;
}

export async function readCsv(
  source: string,
  sink: CsvSink,
  options: {
    readonly label?: string;
    /**
     * How records are parsed: `auto` (the default) splits a file of at most MAX_RECORD_BYTES in
     * its simplest form itself (`splitPlainCsv`) and drives csv-parse's parser core otherwise;
     * `parser` always drives the core; `documented` uses only csv-parse's documented stream API.
     * All three give the same records (the tests compare them); `auto` is the fastest.
     */
    readonly route?: 'auto' | 'parser' | 'documented';
    /** The file's encoding (`--encoding`); detected when absent. */
    readonly encoding?: Encoding;
    /** Read this stream instead of `source` (stdin whose first bytes were already looked at). */
    readonly stream?: Readable;
  } = {},
): Promise<CsvReadResult> {
  const file = options.label ?? (source === '-' ? '<stdin>' : source);
  const problems: Problem[] = [];
  // A regular file of at most a record's limit is read at once (≈ 0.5 ms for ECSI's 13 KB against
  // 3–6 ms for a stream's set-up in a fresh process); anything else is streamed.
  const small = options.stream === undefined && source !== '-' ? readSmallFile(source) : null;
  let input: AsyncIterable<Buffer>;
  try {
    input =
      small !== null
        ? wholeFile(small)
        : (options.stream ??
          (source === '-' ? process.stdin : createReadStream(source, { highWaterMark: 1 << 16 })));
  } catch (e: unknown) {
    return { problems: [unreadableFile(file, e)], records: 0, bytes: 0 };
  }

  let records = 0;
  let bytes = 0;
  let lastEndLine = 0;
  let lastEmptyLines = 0;
  // Whether the parser was inside a quoted field when it stopped (tells an unclosed quote from a
  // huge unquoted field in the record-too-long message); read from csv-parse's parser state.
  let quoting = (): boolean => false;

  try {
    const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await chunks.next();
    if (first.done === true) {
      problems.push({ code: 'empty-file', severity: 'error', file, line: 1 });
      return { problems, records: 0, bytes: 0 };
    }
    const head: Buffer = first.value;
    let encoding = options.encoding ?? sniffEncoding(head);
    // Not UTF-8 but valid GB18030 (问卷星 and Excel exports in China): read it as GB18030.
    const utf8 = encoding !== 'utf-8' || decodesAs(head, 'utf-8');
    if (options.encoding === undefined && !utf8 && decodesAs(head, 'gb18030')) encoding = 'gb18030';
    const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
    if (decoder === null && !utf8)
      throw new EncodingError(
        firstBadLine(head),
        options.encoding ?? null,
        options.encoding !== undefined && decodesAs(head, 'gb18030') ? 'gb18030' : null,
      );
    const headText =
      decoder === null ? head.toString('utf8') : decoder.decode(head, { stream: true });
    const format = { delimiter: detectDelimiter(headText), encoding } as const;

    const onRecord = (record: string[], lines: number, emptyLines: number): void => {
      lastEndLine = lines;
      lastEmptyLines = emptyLines;
      if (records === 0 && record.length > LIMITS.columns) throw new WidthError(record.length);
      if (records === 0) sink.header(record, format);
      else sink.record(record, lines);
      records++;
    };
    const route = options.route ?? 'auto';
    bytes = head.length;
    const decoded = (chunk: Buffer): Buffer =>
      decoder === null ? chunk : Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    // The file's start as UTF-8, up to a record's limit (MAX_RECORD_BYTES): when the file ends
    // within it, a file in its simplest form is split here (`splitPlainCsv`), not by csv-parse.
    const held: Buffer[] = [decoder === null ? head : Buffer.from(headText, 'utf8')];
    let next = await chunks.next();
    for (; next.done !== true && bytes <= MAX_RECORD_BYTES; next = await chunks.next()) {
      bytes += next.value.length;
      held.push(decoded(next.value));
    }
    const whole = next.done === true && bytes <= MAX_RECORD_BYTES;
    if (whole && decoder !== null) held.push(Buffer.from(decoder.decode(), 'utf8'));
    const plain =
      whole && route === 'auto'
        ? splitPlainCsv(Buffer.concat(held).toString('utf8'), format.delimiter)
        : null;
    if (plain !== null) {
      for (const record of plain) onRecord(record.fields, record.line, record.emptyLines);
    } else {
      // Every chunk as UTF-8, in order: those held, then the rest of the file.
      async function* text(): AsyncGenerator<Buffer> {
        yield* held;
        for (; next.done !== true; next = await chunks.next()) {
          bytes += next.value.length;
          yield decoded(next.value);
        }
        if (decoder !== null && !whole) yield Buffer.from(decoder.decode(), 'utf8');
      }
      const parser = parse({
        delimiter: format.delimiter,
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        max_record_size: MAX_RECORD_BYTES,
        ...(route === 'documented'
          ? {
              on_record: (record: string[], context: { lines: number; empty_lines: number }) => {
                onRecord(record, context.lines, context.empty_lines);
                return null; // handled here; nothing is queued downstream
              },
            }
          : {}),
      });
      // Fast route: drive csv-parse's synchronous core (what its Transform calls for each chunk)
      // and read the parser's documented live `info` counters as each record is pushed. This
      // skips the per-record context object that `on_record` builds (≈15 % of the parse time).
      // The documented `on_record` route is the fallback and gives the same results (tested).
      const core = (parser as unknown as { api?: CsvCore }).api;
      quoting = () =>
        (core as unknown as { state?: { quoting?: unknown } } | undefined)?.state?.quoting === true;
      if (route !== 'documented' && core !== undefined && typeof core.parse === 'function') {
        const info = parser.info;
        const push = (record: string[]): void => onRecord(record, info.lines, info.empty_lines);
        const feed = (chunk: Buffer | undefined, end: boolean): void => {
          const error = core.parse(chunk, end, push, () => {});
          if (error !== undefined) throw error;
        };
        for await (const chunk of text()) {
          feed(chunk, false);
          const wait = sink.drain?.() ?? null;
          if (wait !== null) await wait;
        }
        feed(undefined, true);
      } else {
        await pipeline(
          text,
          parser,
          new Writable({ objectMode: true, write: (_chunk, _enc, done) => done() }),
        );
      }
    }
  } catch (e: unknown) {
    problems.push(toProblem(e, file, { lastEndLine, lastEmptyLines, quoting: quoting() }));
    return { problems, records: Math.max(0, records - 1), bytes };
  }
  if (records === 0) problems.push({ code: 'empty-file', severity: 'error', file, line: 1 });
  return { problems, records: Math.max(0, records - 1), bytes };
}

/** A header wider than LIMITS.columns: stopped before any column is looked at. */
class WidthError extends Error {
  constructor(readonly columns: number) {
    super('too many columns');
  }
}

/**
 * Not UTF-8 text: at `line`, read as `given` (`--encoding`; null: detected), and the encoding the
 * bytes do read as when it was given (`suggest`, GB18030), else null.
 */
class EncodingError extends Error {
  constructor(
    readonly line: number,
    readonly given: Encoding | null,
    readonly suggest: Encoding | null,
  ) {
    super('not UTF-8');
  }
}

function toProblem(
  e: unknown,
  file: string,
  at: { lastEndLine: number; lastEmptyLines: number; quoting: boolean },
): Problem {
  if (e instanceof WidthError) {
    return {
      code: 'too-many-columns',
      severity: 'error',
      file,
      line: 1,
      found: String(e.columns),
      expected: `at most ${LIMITS.columns}`,
    };
  }
  if (e instanceof EncodingError) {
    return {
      code: 'unsupported-encoding',
      severity: 'error',
      file,
      line: e.line,
      ...(e.given === null ? {} : { found: e.given }),
      ...(e.suggest === null ? {} : { expected: e.suggest }),
    };
  }
  const err = e as { code?: unknown; empty_lines?: unknown; index?: unknown };
  if (err.code === 'CSV_QUOTE_NOT_CLOSED' || err.code === 'CSV_MAX_RECORD_SIZE') {
    const emptyLines = typeof err.empty_lines === 'number' ? err.empty_lines : at.lastEmptyLines;
    return {
      code: err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unterminated-quote' : 'record-too-long',
      severity: 'error',
      file,
      line: at.lastEndLine + 1 + (emptyLines - at.lastEmptyLines),
      column: typeof err.index === 'number' ? err.index + 1 : 1,
      ...(err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? { found: 'still open at the end of the file' }
        : {}),
      ...(err.code === 'CSV_MAX_RECORD_SIZE'
        ? {
            expected: RECORD_EXPECTED,
            found: at.quoting ? 'inside a quoted field' : 'a field or line without a line end',
          }
        : {}),
    };
  }
  if (
    typeof err.code === 'string' &&
    ['ENOENT', 'EACCES', 'EISDIR', 'EPERM', 'ENOTDIR', 'EMFILE'].includes(err.code)
  ) {
    return unreadableFile(file, e);
  }
  throw e;
}

/** The problem of a file that cannot be read, its error code in words ("is a directory"). */
export function unreadableFile(file: string, e: unknown): Problem {
  const code = (e as { code?: unknown }).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
  };
  return {
    code: 'unreadable-file',
    severity: 'error',
    file,
    found: typeof code === 'string' ? (reasons[code] ?? code) : String(e),
  };
}

/** UTF-16 by BOM, or by NUL bytes in the first 512 bytes (UTF-16 text without BOM); else UTF-8. */
export function sniffEncoding(head: Uint8Array): Encoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  let evenNul = 0;
  let oddNul = 0;
  const n = Math.min(head.length, 512);
  for (let i = 0; i < n; i++) {
    if (head[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  if (oddNul > n / 8 && evenNul === 0) return 'utf-16le';
  if (evenNul > n / 8 && oddNul === 0) return 'utf-16be';
  return 'utf-8';
}

/**
 * True when `chunk` is valid text in `encoding`, allowing a character cut at the end of the chunk.
 */
function decodesAs(chunk: Buffer, encoding: 'utf-8' | 'gb18030'): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(chunk, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function firstBadLine(chunk: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= chunk.length; i++) {
    if (i === chunk.length || chunk[i] === 0x0a) {
      try {
        decoder.decode(chunk.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/**
 * The delimiter among `,` `;` tab that occurs most often outside quotes in the first line (`,` on a
 * tie or none).
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** A record of `splitPlainCsv`: its fields, the line it is on, the empty lines skipped before. */
export interface PlainRecord {
  readonly fields: string[];
  readonly line: number;
  readonly emptyLines: number;
}

/**
 * The records of a whole delimited text in its simplest form, as csv-parse reads it with
 * `readCsv`'s options (BOM dropped, empty lines skipped, every record as long as its line): each
 * line split at `delimiter`, a field enclosed in quotes with no quote inside taken without them,
 * with its 1-based line number and the count of empty lines skipped before it (what csv-parse's
 * `info.lines` and `info.empty_lines` say when it pushes the record). Null when any field has
 * another quote (a delimiter, a line end or a doubled quote inside quotes; a stray quote), the text
 * has a U+FFFD (an undecodable byte), or its line ends are not all LF or all CRLF: csv-parse reads
 * those. A native split is ≈ 25 times faster than csv-parse on a small file, whose parser would
 * run cold (≈ 30 ms for 13 KB).
 *
 * @example splitPlainCsv('"a",b\r\n\r\n1,2\r\n', ',') // [{ fields: ['a', 'b'], line: 1,
 *   emptyLines: 0 }, { fields: ['1', '2'], line: 3, emptyLines: 1 }]
 */
export function splitPlainCsv(text: string, delimiter: Delimiter): PlainRecord[] | null {
  if (text.includes('\uFFFD')) return null;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const returns = occurrences(body, '\r');
  if (returns > 0 && (occurrences(body, '\r\n') !== returns || occurrences(body, '\n') !== returns))
    return null;
  const quoted = body.includes('"');
  const lines = body.split(returns > 0 ? '\r\n' : '\n');
  const records: PlainRecord[] = [];
  let emptyLines = 0;
  // (A final line end leaves an empty last "line": counted, and nothing follows it.)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') emptyLines++;
    else {
      const fields = line.split(delimiter);
      if (quoted && !unquote(fields)) return null;
      records.push({ fields, line: i + 1, emptyLines });
    }
  }
  return records;
}

/**
 * Takes the enclosing quotes off each field that has them and no other quote; false (fields left
 * part-way) when a field has a quote elsewhere.
 */
function unquote(fields: string[]): boolean {
  for (let k = 0; k < fields.length; k++) {
    const field = fields[k] as string;
    const last = field.length - 1;
    if (field.indexOf('"') < 0) continue;
    if (field[0] !== '"' || field.indexOf('"', 1) !== last) return false;
    fields[k] = field.slice(1, last);
  }
  return true;
}

/** How often `part` occurs in `text`, without overlaps. */
function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/**
 * The bytes of `path` when it is a regular file of at most MAX_RECORD_BYTES, read at once; null
 * otherwise (larger, not a regular file, growing while read, or any error: the stream then reads
 * it, or reports the error as it always has).
 */
function readSmallFile(path: string): Buffer | null {
  let fd = -1;
  try {
    // Looked at before it is opened: opening a named pipe would wait for its writer.
    const stats = statSync(path);
    if (!stats.isFile() || stats.size > MAX_RECORD_BYTES) return null;
    fd = openSync(path, 'r');
    // One byte more than the size says: a file that grew (or was replaced) since is streamed
    // instead; one that became a directory fails to read, and is streamed (and reported) too.
    const buffer = Buffer.allocUnsafe(stats.size + 1);
    let read = 0;
    for (let n = 1; n > 0 && read < buffer.length; read += n)
      n = readSync(fd, buffer, read, buffer.length - read, null);
    return read > stats.size ? null : buffer.subarray(0, read);
  } catch {
    return null;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** The whole file as the one chunk of an iterable (none when it is empty), as a stream gives. */
async function* wholeFile(bytes: Buffer): AsyncGenerator<Buffer> {
  if (bytes.length > 0) yield bytes;
}
