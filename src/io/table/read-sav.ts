import { LIMITS } from '../../core/limits.js';
import { detectPlatform } from '../../core/platform/detect-platform.js';
import type { Problem } from '../../core/problems.js';
import { TextDecoder } from 'node:util';
import { type CsvSink, RECORD_EXPECTED, RECORD_MIB } from '../read-csv.js';

/** An SPSS system file that cannot be read, with the reason in words. */
export class SavError extends Error {}

export interface SavReadResult {
  readonly problems: Problem[];
  readonly records: number;
  /** Variable names in column order (long names where the file gives them). */
  readonly names: readonly string[];
  /** Header rows handed to the sink: 1 (names), or 2 (names, then labels: a Qualtrics export). */
  readonly headerRows: number;
}

/**
 * Pulls bytes from a stream of chunks; `need` waits until `n` bytes are buffered (or the end),
 * joining the chunks once (not once per chunk, which would copy a large record again and again).
 */
class ByteQueue {
  buf: Buffer;
  pos = 0;
  offset = 0;
  done = false;
  constructor(
    private readonly chunks: AsyncIterator<Buffer>,
    first: Buffer,
  ) {
    this.buf = first;
  }
  get available(): number {
    return this.buf.length - this.pos;
  }
  async need(n: number): Promise<boolean> {
    if (this.available >= n || this.done) return this.available >= n;
    const parts = [this.buf.subarray(this.pos)];
    let have = this.available;
    while (have < n) {
      const next = await this.chunks.next();
      if (next.done === true) {
        this.done = true;
        break;
      }
      parts.push(next.value);
      have += next.value.length;
    }
    this.offset += this.pos;
    this.buf = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    this.pos = 0;
    return this.available >= n;
  }
  async take(n: number, what: string): Promise<Buffer> {
    this.check(n, what);
    if (!(await this.need(n))) throw this.cutShort(what, this.offset + this.pos);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  /** Passes over `n` bytes without keeping them (a record servqual does not read). */
  async skip(n: number, what: string): Promise<void> {
    this.check(n, what);
    const start = this.offset + this.pos;
    let left = n;
    for (;;) {
      const step = Math.min(left, this.available);
      this.pos += step;
      left -= step;
      if (left === 0) return;
      if (this.done) throw this.cutShort(what, start);
      const next = await this.chunks.next();
      this.offset += this.pos;
      this.pos = 0;
      if (next.done === true) {
        this.buf = Buffer.alloc(0);
        this.done = true;
      } else this.buf = next.value;
    }
  }
  private check(n: number, what: string): void {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new SavError(`${what} has an impossible length (${n}): the file is damaged`);
  }
  private cutShort(what: string, at: number): SavError {
    return new SavError(`the file ends inside ${what} (byte ${at}): it is cut short`);
  }
}

interface Variable {
  /** First 8-byte slot of the case. */
  readonly slot: number;
  /** 0: numeric; else the string's width in bytes. */
  width: number;
  readonly shortName: Buffer;
  name: string;
  readonly rawLabel: Buffer | null;
  label: string;
  readonly printType: number;
  /** Discrete missing values (numbers, or 8-byte strings) and a range. */
  readonly missing: ReadonlyArray<number | Buffer>;
  readonly range: readonly [number, number] | null;
  /** Extra slots of a very long string's later segments (dropped from the columns). */
  segments: number;
}

/** The widest string SPSS has (a very long string), in bytes. */
const MAX_STRING = 32_767;

function clipped(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

/** SPSS date formats (PSPP `enum fmt_type`): their values are seconds since 14 Oct 1582. */
const DATE_TYPES = new Set([20, 22, 23, 24, 28, 29, 30, 38, 39]);
const GREGORIAN_MS = Date.UTC(1582, 9, 14);

/** Windows code pages in the machine-integer record, as TextDecoder labels. */
function codePageLabel(code: number): string {
  if (code === 65001) return 'utf-8';
  if (code === 936) return 'gbk';
  if (code === 950) return 'big5';
  if (code === 932) return 'shift_jis';
  if (code === 949) return 'euc-kr';
  if (code >= 874 && code <= 1258) return `windows-${code}`;
  return 'windows-1252';
}

function decoderFor(label: string): TextDecoder {
  try {
    return new TextDecoder(label.toLowerCase());
  } catch {
    return new TextDecoder('windows-1252');
  }
}

/**
 * Streams an SPSS system file (.sav; the layout documented in PSPP's "System File Format"
 * appendix) into `sink` as rows of text, as the CSV reader does: a header of variable names (the
 * long names of record 7.13), then one record per case. Numeric values are written in
 * JavaScript's shortest form; system-missing and user-missing values (discrete values and
 * ranges) become empty cells; strings are decoded in the file's character encoding (record 7.20,
 * else the code page of record 7.3: UTF-8, GBK, Big5, windows-125x) and trimmed of their padding;
 * variables in a date format become `YYYY-MM-DD[ HH:MM:SS]`. Uncompressed and bytecode-compressed
 * files are read; ZSAV (zlib) files are refused with a reason. Very long strings (over 255 bytes)
 * are joined from their segments.
 *
 * A Qualtrics file (its variable names are Qualtrics' export tags: ResponseId, StartDate…) is
 * handed over as Qualtrics' two-row export: names, then the variable labels (the question texts),
 * so that its columns map by their wording as the CSV export's do.
 */
export async function readSav(
  chunks: AsyncIterator<Buffer>,
  first: Buffer,
  sink: CsvSink,
): Promise<SavReadResult> {
  const q = new ByteQueue(chunks, first);
  const head = await q.take(176, 'the file header');
  const magic = head.toString('latin1', 0, 4);
  if (magic === '$FL3')
    throw new SavError(
      'a compressed ZSAV file: save it from SPSS uncompressed or as .sav "compressed" (not ZSAV)',
    );
  if (magic !== '$FL2') throw new SavError('not an SPSS system file (no $FL2 signature)');
  const layoutLE = head.readInt32LE(64);
  const le = layoutLE === 2 || layoutLE === 3;
  if (!le && ![2, 3].includes(head.readInt32BE(64)))
    throw new SavError('the header has no valid layout code: the file is damaged');
  const i32 = (b: Buffer, at: number): number => (le ? b.readInt32LE(at) : b.readInt32BE(at));
  const f64 = (b: Buffer, at: number): number => (le ? b.readDoubleLE(at) : b.readDoubleBE(at));
  const compression = i32(head, 72);
  if (compression !== 0 && compression !== 1)
    throw new SavError(`compression type ${compression} is not one servqual reads`);
  const bias = f64(head, 84);
  let sysmis = -Number.MAX_VALUE;

  const variables: Variable[] = [];
  // The variable each slot starts, null for continuations.
  const slotVariable: Array<Variable | null> = [];
  let encoding: string | null = null;
  let codePage: number | null = null;
  let longNames: Buffer | null = null;
  let veryLong: Buffer | null = null;

  for (;;) {
    const type = i32(await q.take(4, 'the dictionary'), 0);
    if (type === 2) {
      const v = await q.take(28, 'a variable record');
      const width = i32(v, 0);
      const hasLabel = i32(v, 4);
      const nMissing = i32(v, 8);
      const print = i32(v, 12);
      const name = Buffer.from(v.subarray(20, 28));
      let rawLabel: Buffer | null = null;
      if (hasLabel === 1) {
        const length = i32(await q.take(4, 'a variable label'), 0);
        if (length < 0 || length > 1 << 16)
          throw new SavError('a variable label has an impossible length: the file is damaged');
        rawLabel = Buffer.from(
          await q.take(Math.ceil(length / 4) * 4, 'a variable label'),
        ).subarray(0, length);
      }
      const count = Math.abs(nMissing);
      if (count > 3)
        throw new SavError('a variable has more than 3 missing values: the file is damaged');
      const mv = Buffer.from(await q.take(count * 8, 'missing values'));
      if (width === -1) {
        slotVariable.push(null);
        continue;
      }
      const missing: Array<number | Buffer> = [];
      let range: [number, number] | null = null;
      if (nMissing < 0) {
        range = [f64(mv, 0), f64(mv, 8)];
        if (nMissing === -3) missing.push(f64(mv, 16));
      } else
        for (let k = 0; k < count; k++)
          missing.push(width === 0 ? f64(mv, k * 8) : mv.subarray(k * 8, k * 8 + 8));
      const variable: Variable = {
        slot: slotVariable.length,
        width,
        shortName: name,
        name: '',
        rawLabel,
        label: '',
        printType: (print >> 16) & 0xff,
        missing,
        range,
        segments: 0,
      };
      variables.push(variable);
      slotVariable.push(variable);
    } else if (type === 3) {
      const count = i32(await q.take(4, 'value labels'), 0);
      if (count < 0)
        throw new SavError('a value-label record has a negative count: the file is damaged');
      for (let k = 0; k < count; k++) {
        await q.take(8, 'a value label');
        const length = (await q.take(1, 'a value label'))[0] ?? 0;
        await q.take(Math.ceil((length + 1) / 8) * 8 - 1, 'a value label');
      }
      const four = i32(await q.take(4, 'value labels'), 0);
      if (four !== 4)
        throw new SavError('value labels without their variables (record 4): the file is damaged');
      const n = i32(await q.take(4, 'value labels'), 0);
      await q.skip(n * 4, 'value labels');
    } else if (type === 6) {
      const lines = i32(await q.take(4, 'documents'), 0);
      await q.skip(lines * 80, 'documents');
    } else if (type === 7) {
      const h = await q.take(12, 'an extension record');
      const subtype = i32(h, 0);
      const size = i32(h, 4);
      const count = i32(h, 8);
      if (size < 0 || count < 0 || size * count > 1 << 28)
        throw new SavError('an extension record has an impossible size: the file is damaged');
      if (![3, 4, 13, 14, 20].includes(subtype)) {
        await q.skip(size * count, 'an extension record'); // one servqual does not read
        continue;
      }
      const data = Buffer.from(await q.take(size * count, 'an extension record'));
      if (subtype === 3 && size === 4 && count >= 8) codePage = i32(data, 28);
      else if (subtype === 4 && size === 8 && count >= 1) sysmis = f64(data, 0);
      else if (subtype === 13) longNames = data;
      else if (subtype === 14) veryLong = data;
      else if (subtype === 20) encoding = data.toString('latin1').replace(/\0+$/, '').trim();
    } else if (type === 999) {
      await q.take(4, 'the dictionary end');
      break;
    } else {
      throw new SavError(`unknown record type ${type} in the dictionary: the file is damaged`);
    }
  }

  const decoder = decoderFor(
    encoding ?? (codePage === null ? 'windows-1252' : codePageLabel(codePage)),
  );
  const text = (b: Buffer): string => decoder.decode(b).replace(/[ \0]+$/, '');
  for (const v of variables) {
    v.name = text(v.shortName);
    v.label = v.rawLabel === null ? '' : text(v.rawLabel);
  }
  if (longNames !== null) {
    const byShort = new Map(variables.map((v) => [v.name.toUpperCase(), v]));
    for (const pair of decoder.decode(longNames).split('\t')) {
      const eq = pair.indexOf('=');
      const v = byShort.get(pair.slice(0, eq).toUpperCase());
      if (eq > 0 && v !== undefined) v.name = pair.slice(eq + 1).replace(/\0+$/, '');
    }
  }
  if (veryLong !== null) {
    const byShort = new Map(variables.map((v, k) => [text(v.shortName).toUpperCase(), k]));
    for (const pair of decoder.decode(veryLong).split(/\0?\t/)) {
      const eq = pair.indexOf('=');
      const k = byShort.get(pair.slice(0, eq).toUpperCase());
      const v = k === undefined ? undefined : variables[k];
      const width = Number(pair.slice(eq + 1).replace(/\0+$/, ''));
      if (eq <= 0 || k === undefined || v === undefined || !(width > 255)) continue;
      // At most SPSS's 32 767 bytes, in segments that are the variables that follow.
      const segments = Math.ceil(width / 252);
      if (!Number.isInteger(width) || width > MAX_STRING || k + segments > variables.length)
        throw new SavError(
          `the very long string ${v.name} has an impossible width (${clipped(pair.slice(eq + 1))}` +
            '): the file is damaged',
        );
      v.width = width;
      v.segments = segments - 1;
    }
  }
  // Columns: every variable but the later segments of very long strings.
  const columns: Variable[] = [];
  for (let k = 0; k < variables.length; k++) {
    const v = variables[k] as Variable;
    columns.push(v);
    k += v.segments;
  }
  const slots = slotVariable.length;
  if (columns.length === 0) throw new SavError('the file has no variables: it is damaged');
  const names = columns.map((v) => v.name);
  if (columns.length > LIMITS.columns)
    return {
      problems: [
        {
          code: 'too-many-columns',
          severity: 'error',
          file: '',
          line: 1,
          found: String(columns.length),
          expected: `at most ${LIMITS.columns}`,
        },
      ],
      records: 0,
      names,
      headerRows: 1,
    };
  const format = { delimiter: ',', encoding: 'utf-8' } as const;
  const qualtrics = detectPlatform([names]).platform === 'qualtrics';
  const headerRows = qualtrics && columns.some((v) => v.label !== '') ? 2 : 1;
  // A record's text over LIMITS.recordBytes in UTF-8 (as a CSV record's): the reading stops at the
  // variable where it is passed.
  const tooLong = (
    fields: readonly string[],
    line: number,
    chars: number,
    records: number,
  ): SavReadResult | null => {
    const over = chars * 3 > LIMITS.recordBytes ? overLimit(fields) : -1;
    if (over < 0) return null;
    const what = line > headerRows ? "the case's values" : 'the variable names or labels';
    return {
      problems: [
        {
          code: 'record-too-long',
          severity: 'error',
          file: '',
          line,
          column: over + 1,
          expected: RECORD_EXPECTED,
          found: `${what} hold over ${RECORD_MIB} MiB of text`,
        },
      ],
      records,
      names,
      headerRows,
    };
  };
  const labels = headerRows === 2 ? columns.map((v) => v.label || v.name) : [];
  const header = tooLong(names, 1, charsOf(names), 0) ?? tooLong(labels, 2, charsOf(labels), 0);
  if (header !== null) return header;
  sink.header(names, format);
  if (headerRows === 2) sink.record(labels, 2);

  // Cases: the slots of each case, from the bytecode or raw.
  const raw = Buffer.alloc(slots * 8);
  const isNumeric = slotVariable.map((v, k) => {
    // a continuation slot belongs to a string
    if (v === null) return false;
    return v.width === 0 && k === v.slot;
  });
  const caseMax = slots * 8 + Math.ceil(slots / 8) * 8 + 8;
  let commands: Buffer = Buffer.alloc(8);
  let ci = 8;
  let cases = 0;
  const fields: string[] = new Array<string>(columns.length);
  const numbers = new Float64Array(slots);
  for (;;) {
    await q.need(caseMax);
    if (q.available === 0) break;
    const start = q.offset + q.pos;
    let ended = false;
    if (compression === 0) {
      if (q.available < slots * 8)
        throw new SavError(
          `the file ends inside case ${cases + 1} (byte ${start}): it is cut short`,
        );
      q.buf.copy(raw, 0, q.pos, q.pos + slots * 8);
      for (let s = 0; s < slots; s++) if (isNumeric[s]) numbers[s] = f64(raw, s * 8);
      q.pos += slots * 8;
    } else {
      for (let s = 0; s < slots; s++) {
        let code = 0;
        for (;;) {
          if (ci === 8) {
            if (q.available < 8) {
              if (s === 0) ended = true;
              else throw new SavError(`the file ends inside case ${cases + 1}: it is cut short`);
              break;
            }
            commands = q.buf.subarray(q.pos, q.pos + 8);
            q.pos += 8;
            ci = 0;
          }
          code = commands[ci++] ?? 0;
          if (code !== 0) break;
        }
        if (ended) break;
        if (code === 252) {
          if (s === 0) {
            ended = true;
            break;
          }
          throw new SavError(`the data end inside case ${cases + 1}: the file is damaged`);
        }
        if (code === 253) {
          if (q.available < 8)
            throw new SavError(`the file ends inside case ${cases + 1}: it is cut short`);
          q.buf.copy(raw, s * 8, q.pos, q.pos + 8);
          if (isNumeric[s]) numbers[s] = f64(raw, s * 8);
          q.pos += 8;
        } else if (code === 254) {
          raw.fill(0x20, s * 8, s * 8 + 8);
          if (isNumeric[s]) numbers[s] = Number.NaN; // not a numeric code: read as missing
        } else if (code === 255) {
          numbers[s] = sysmis;
        } else {
          numbers[s] = code - bias;
        }
      }
      if (ended) break;
    }
    cases++;
    let chars = 0;
    for (let c = 0; c < columns.length; c++) {
      const v = columns[c] as Variable;
      let field: string;
      if (v.width === 0) {
        const x = numbers[v.slot] as number;
        field = isMissing(v, x, sysmis) ? '' : formatNumber(x, v.printType);
      } else {
        const bytes = stringBytes(raw, v);
        field =
          v.missing.length > 0 && v.missing.some((m) => m instanceof Buffer && sameString(m, bytes))
            ? ''
            : text(bytes);
      }
      fields[c] = field;
      chars += field.length;
    }
    const over = tooLong(fields, cases + headerRows, chars, cases - 1);
    if (over !== null) return over;
    sink.record(fields, cases + headerRows);
    const wait = sink.drain?.() ?? null;
    if (wait !== null) await wait;
    if (q.available === 0 && q.done) break;
  }
  return { problems: [], records: cases, names, headerRows };
}

function charsOf(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) n += f.length;
  return n;
}

/** The field at which a record's UTF-8 bytes pass LIMITS.recordBytes, or -1. */
function overLimit(fields: readonly string[]): number {
  let bytes = 0;
  for (let c = 0; c < fields.length; c++) {
    bytes += Buffer.byteLength(fields[c] ?? '', 'utf8');
    if (bytes > LIMITS.recordBytes) return c;
  }
  return -1;
}

function isMissing(v: Variable, x: number, sysmis: number): boolean {
  if (Number.isNaN(x) || x === sysmis) return true;
  if (v.range !== null && x >= v.range[0] && x <= v.range[1]) return true;
  for (const m of v.missing) if (m === x) return true;
  return false;
}

function formatNumber(x: number, printType: number): string {
  if (DATE_TYPES.has(printType)) {
    const date = new Date(GREGORIAN_MS + x * 1000);
    if (Number.isNaN(date.getTime())) return String(x);
    const iso = date.toISOString();
    return x % 86_400 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  return String(x);
}

/**
 * The bytes of a string variable's value (a very long string's segments joined: 252 bytes each but
 * the last).
 */
function stringBytes(raw: Buffer, v: Variable): Buffer {
  if (v.segments === 0) return raw.subarray(v.slot * 8, v.slot * 8 + v.width);
  const parts: Buffer[] = [];
  let left = v.width;
  let slot = v.slot;
  for (let k = 0; k <= v.segments; k++) {
    const use = Math.min(252, left);
    const take = k < v.segments ? 252 : left;
    parts.push(raw.subarray(slot * 8, slot * 8 + take));
    left -= use;
    slot += 32; // a 255-byte segment takes 32 slots
  }
  return Buffer.concat(parts);
}

function sameString(missing: Buffer, value: Buffer): boolean {
  const a = missing.toString('latin1').trimEnd();
  const b = value.subarray(0, 8).toString('latin1').trimEnd();
  return a === b && value.subarray(8).toString('latin1').trim() === '';
}
