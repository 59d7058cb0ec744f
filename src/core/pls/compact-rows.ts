/**
 * Respondents' item values kept compactly for resampling: n × p values, row-major, in O(n · p)
 * bytes.
 *
 * `codes` (one byte per value) when every given value is an integer in 0 … 254 — every Likert-type
 * scale servqual reads — with code 255 for a missing value; `decode[j · 256 + code]` is the value a
 * code stands for in item j: the code itself, and for 255 the item's mean (mean replacement, as
 * seminr and SmartPLS do by default). Otherwise `values` (8 bytes a value, missing values already
 * replaced by the means). Either way `valueAt` gives exactly the double the wide layout would hold,
 * so every statistic computed from these rows has the same bits whichever layout was chosen.
 *
 * The buffers are SharedArrayBuffers when the runtime has them, so worker threads read the one
 * copy.
 */
export interface CompactRows {
  readonly n: number;
  readonly p: number;
  readonly codes: Uint8Array | null;
  readonly decode: Float64Array | null;
  readonly values: Float64Array | null;
}

/** The code of a missing value in `CompactRows.codes`. */
export const MISSING_CODE = 255;

/** Value of respondent i, item j. */
export function valueAt(rows: CompactRows, i: number, j: number): number {
  const { p, codes, decode, values } = rows;
  if (codes !== null && decode !== null)
    return decode[j * 256 + (codes[i * rows.p + j] as number)] as number;
  return (values as Float64Array)[i * p + j] as number;
}

/** Respondent i's p values into `out`. */
export function readRow(rows: CompactRows, i: number, out: Float64Array): void {
  const { p, codes, decode, values } = rows;
  const at = i * p;
  if (codes !== null && decode !== null) {
    for (let j = 0; j < p; j++) out[j] = decode[j * 256 + (codes[at + j] as number)] as number;
  } else {
    const v = values as Float64Array;
    for (let j = 0; j < p; j++) out[j] = v[at + j] as number;
  }
}

/** The rows as n × p doubles (for code that needs the wide layout; costs 8 bytes a value). */
export function widenRows(rows: CompactRows): Float64Array {
  if (rows.values !== null) return rows.values;
  const out = new Float64Array(rows.n * rows.p);
  const row = new Float64Array(rows.p);
  for (let i = 0; i < rows.n; i++) {
    readRow(rows, i, row);
    out.set(row, i * rows.p);
  }
  return out;
}

/** A byte or double buffer, shared between threads when the runtime allows it. */
function sharedBytes(length: number): Uint8Array {
  return typeof SharedArrayBuffer === 'function'
    ? new Uint8Array(new SharedArrayBuffer(length))
    : new Uint8Array(length);
}
function sharedDoubles(length: number): Float64Array {
  return typeof SharedArrayBuffer === 'function'
    ? new Float64Array(new SharedArrayBuffer(length * 8))
    : new Float64Array(length);
}

export interface CompactRowsBuilder {
  /** One respondent's p values (NaN = missing). */
  add(values: ArrayLike<number>): void;
  readonly count: number;
  /** The rows, missing values replaced by `means` (per item). */
  finish(means: ArrayLike<number>): CompactRows;
}

/**
 * Collects rows one at a time: bytes while every value fits a byte code, switching once to doubles
 * when a value does not (a fractional or out-of-range rating). Storage grows by chunks.
 */
export function createCompactRowsBuilder(p: number): CompactRowsBuilder {
  const width = Math.max(1, p);
  // Rows are kept in chunks (1 024 rows, then as many as are kept so far, up to ≈ 4 MiB: no
  // copying as they grow) and copied once, at `finish`, into the shared buffer: at most about
  // twice the rows' bytes at any time, where doubling one buffer held up to three times as much.
  const largest = Math.max(1024, Math.floor(CHUNK_BYTES / width));
  let bytes: Uint8Array[] | null = [];
  let doubles: Float64Array[] = [];
  let n = 0;
  let room = 0; // rows left in the last chunk
  const nextRows = (): number => Math.min(largest, Math.max(1024, n));
  const widen = (): void => {
    doubles = (bytes ?? []).map((chunk) =>
      Float64Array.from(chunk, (code) => (code === MISSING_CODE ? Number.NaN : code)),
    );
    bytes = null;
  };
  return {
    get count() {
      return n;
    },
    add(values) {
      if (bytes !== null) {
        for (let j = 0; j < p; j++) {
          const v = values[j] as number;
          if (v === v && !(Number.isInteger(v) && v >= 0 && v < MISSING_CODE)) {
            widen();
            break;
          }
        }
      }
      if (room === 0) {
        const rows = nextRows();
        if (bytes !== null) bytes.push(new Uint8Array(rows * p));
        else doubles.push(new Float64Array(rows * p));
        room = rows;
      }
      if (bytes !== null) {
        const chunk = bytes[bytes.length - 1] as Uint8Array;
        const at = chunk.length - room * p;
        for (let j = 0; j < p; j++) {
          const v = values[j] as number;
          chunk[at + j] = v === v ? v : MISSING_CODE;
        }
      } else {
        const chunk = doubles[doubles.length - 1] as Float64Array;
        const at = chunk.length - room * p;
        for (let j = 0; j < p; j++) chunk[at + j] = values[j] as number;
      }
      room--;
      n++;
    },
    finish(means) {
      const used = (chunk: { length: number }, last: boolean): number =>
        last ? chunk.length - room * p : chunk.length;
      if (bytes !== null) {
        const out = sharedBytes(n * p);
        let at = 0;
        bytes.forEach((chunk, c) => {
          const length = used(chunk, c === (bytes as Uint8Array[]).length - 1);
          out.set(chunk.subarray(0, length), at);
          at += length;
        });
        bytes = null;
        const decode = sharedDoubles(p * 256);
        for (let j = 0; j < p; j++) {
          for (let c = 0; c < MISSING_CODE; c++) decode[j * 256 + c] = c;
          decode[j * 256 + MISSING_CODE] = means[j] as number;
        }
        return { n, p, codes: out, decode, values: null };
      }
      const out = sharedDoubles(n * p);
      let at = 0;
      doubles.forEach((chunk, c) => {
        const length = used(chunk, c === doubles.length - 1);
        for (let k = 0; k < length; k++, at++) {
          const v = chunk[k] as number;
          out[at] = v === v ? v : (means[at % p] as number);
        }
      });
      doubles = [];
      return { n, p, codes: null, decode: null, values: out };
    },
  };
}

/** Bytes of a chunk of kept rows (see `createCompactRowsBuilder`). */
const CHUNK_BYTES = 1 << 22;
