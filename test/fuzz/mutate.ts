import fc from 'fast-check';

/**
 * Hostile inputs for the fuzzer (test/fuzz/fuzz.test.ts): byte- and structure-level mutations of
 * the fixtures (CSV files and instruments), and fast-check generators of whole tables. Everything
 * is driven by one seeded generator, so a seed and a case number name an input exactly.
 */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  /** mulberry32: a uniform 32-bit integer. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }
}

/** Texts that have broken parsers, renderers and spreadsheets before. */
export const NASTY: readonly string[] = [
  '"',
  '""',
  '\u0000',
  '\u001b[2J\u001b]0;pwned\u0007',
  '\u202eevil',
  '\u2066x\u2069',
  '\u0085',
  '\u009b31m',
  '\r',
  '\n',
  '\r\n',
  ',',
  ';',
  '\t',
  '\ufeff',
  '=HYPERLINK("http://x","y")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  '1e309',
  '-1e309',
  '-0',
  'Infinity',
  '0x10',
  '7.',
  '.5',
  '1,5',
  '',
  ' ',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE x; --",
  '\ud800',
  '非常重要',
  '7 - Extremely important',
  'N/A',
  '-3',
  '99999999999999999999',
];

export type Mutation = (input: Buffer, rng: Rng) => Buffer;

const text = (b: Buffer): string => b.toString('utf8');
const lines = (b: Buffer): string[] => text(b).split('\n');
const join = (ls: readonly string[]): Buffer => Buffer.from(ls.join('\n'), 'utf8');

/** Byte- and line-level mutations of a CSV file (each keeps most of the file intact). */
export const CSV_MUTATIONS: ReadonlyArray<readonly [string, Mutation]> = [
  [
    'flip-byte',
    (b, rng) => {
      if (b.length === 0) return b;
      const out = Buffer.from(b);
      out[rng.int(b.length)] = rng.int(256);
      return out;
    },
  ],
  ['truncate', (b, rng) => b.subarray(0, rng.int(b.length + 1))],
  [
    'insert-nasty',
    (b, rng) => {
      const at = rng.int(b.length + 1);
      return Buffer.concat([b.subarray(0, at), Buffer.from(rng.pick(NASTY)), b.subarray(at)]);
    },
  ],
  [
    'delete-range',
    (b, rng) => {
      const from = rng.int(b.length + 1);
      const to = Math.min(b.length, from + 1 + rng.int(64));
      return Buffer.concat([b.subarray(0, from), b.subarray(to)]);
    },
  ],
  [
    'replace-cell',
    (b, rng) => {
      const ls = lines(b);
      const i = rng.int(ls.length);
      const cells = (ls[i] ?? '').split(',');
      cells[rng.int(cells.length)] = rng.pick(NASTY);
      ls[i] = cells.join(',');
      return join(ls);
    },
  ],
  [
    'nasty-header',
    (b, rng) => {
      const ls = lines(b);
      const cells = (ls[0] ?? '').split(',');
      const j = rng.int(cells.length);
      cells[j] = rng.chance(0.5) ? (cells[rng.int(cells.length)] ?? '') : rng.pick(NASTY);
      ls[0] = cells.join(',');
      return join(ls);
    },
  ],
  [
    'ragged-row',
    (b, rng) => {
      const ls = lines(b);
      const i = 1 + rng.int(Math.max(1, ls.length - 1));
      const cells = (ls[i] ?? '').split(',');
      if (rng.chance(0.5)) cells.splice(rng.int(cells.length), 1 + rng.int(3));
      else cells.push(...Array.from({ length: 1 + rng.int(5) }, () => String(rng.int(9))));
      ls[i] = cells.join(',');
      return join(ls);
    },
  ],
  [
    'duplicate-lines',
    (b, rng) => {
      const ls = lines(b);
      const i = rng.int(ls.length);
      ls.splice(i, 0, ...Array.from({ length: 1 + rng.int(4) }, () => ls[i] ?? ''));
      return join(ls);
    },
  ],
  [
    'line-ends',
    (b, rng) =>
      Buffer.from(text(b).replace(/\r?\n/g, rng.pick(['\r\n', '\r', '\n\n', '\u2028'])), 'utf8'),
  ],
  [
    'encoding',
    (b, rng) => {
      const t = text(b);
      switch (rng.int(4)) {
        case 0:
          return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
        case 1:
          return Buffer.from(t, 'utf16le'); // no BOM
        case 2:
          return Buffer.from(t, 'latin1');
        default:
          return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
      }
    },
  ],
  [
    'huge-cell',
    (b, rng) => {
      const ls = lines(b);
      const i = rng.int(ls.length);
      const size = rng.pick([5_000, 60_000, 300_000]);
      const cell = rng.chance(0.5) ? `"${'x'.repeat(size)}` : 'y'.repeat(size);
      ls[i] = `${ls[i] ?? ''},${cell}`;
      return join(ls);
    },
  ],
  [
    'wide',
    (b, rng) => {
      const ls = lines(b);
      const extra = rng.pick([50, 300, 2000]);
      ls.forEach((l, i) => {
        if (l === '') return;
        const add = Array.from({ length: extra }, (_, k) => (i === 0 ? `x${k}` : String(k % 7)));
        ls[i] = `${l},${add.join(',')}`;
      });
      return join(ls);
    },
  ],
  [
    'stray-quotes',
    (b, rng) => {
      const t = text(b);
      let out = '';
      for (const ch of t) out += ch === ',' && rng.chance(0.05) ? ',"' : ch;
      return Buffer.from(out, 'utf8');
    },
  ],
];

/** Applies one to three random mutations; returns the names applied (for the failure record). */
export function mutateCsv(input: Buffer, rng: Rng): { data: Buffer; applied: string[] } {
  let data = input;
  const applied: string[] = [];
  const count = 1 + rng.int(3);
  for (let k = 0; k < count; k++) {
    const [name, mutate] = rng.pick(CSV_MUTATIONS);
    data = mutate(data, rng);
    applied.push(name);
  }
  return { data, applied };
}

/**
 * Mutations of an instrument: a random node of the parsed JSON replaced, or the text itself hit.
 */
export function mutateInstrument(source: string, rng: Rng): { data: Buffer; applied: string[] } {
  const raw = JSON.parse(source) as unknown;
  const nodes: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v))
      v.forEach((x, i) => {
        nodes.push({ parent: v, key: i });
        walk(x);
      });
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) {
        nodes.push({ parent: v as Record<string, unknown>, key: k });
        walk(x);
      }
  };
  walk(raw);
  const choice = rng.int(6);
  const node = rng.pick(nodes);
  const set = (value: unknown): void => {
    (node.parent as Record<string | number, unknown>)[node.key] = value;
  };
  let name = 'instrument';
  switch (choice) {
    case 0:
      set(rng.pick(NASTY));
      name = 'instrument-nasty-string';
      break;
    case 1:
      set(rng.pick([null, 0, -1, 1e300, [], {}, true, [1, 2], { en: 5 }]));
      name = 'instrument-wrong-type';
      break;
    case 2: {
      // an id made reserved, or two constructs made each other's dimensions
      set(rng.pick(['__proto__', 'constructor', 'prototype', 'a b', 'SQ', 's1']));
      name = 'instrument-id';
      break;
    }
    case 3: {
      let deep: unknown = 1;
      for (let d = 0; d < rng.pick([10, 70, 5000]); d++)
        deep = rng.chance(0.5) ? [deep] : { a: deep };
      set(deep);
      name = 'instrument-deep';
      break;
    }
    case 4:
      set(fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: rng.next(), numRuns: 1 })[0]);
      name = 'instrument-json-value';
      break;
    default:
      set(`label ${rng.pick(NASTY)} ${rng.pick(NASTY)}`);
      name = 'instrument-label';
  }
  let out = JSON.stringify(raw);
  if (rng.chance(0.2))
    out = out.replace(/"max":\s*\d+/, `"max": ${rng.pick(['1e309', '-0', '1e-400', '7.0e0'])}`);
  let data: Buffer = Buffer.from(out, 'utf8');
  const applied = [name];
  if (rng.chance(0.25)) {
    const [n, mutate] = rng.pick(CSV_MUTATIONS.slice(0, 4));
    data = mutate(data, rng);
    applied.push(n);
  }
  return { data, applied };
}

/** A cell as a survey tool might write one, or something hostile. */
const cellArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 7 }).map(String) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

/**
 * A whole table for an instrument's columns, generated by fast-check: the real header (some names
 * replaced or repeated), 0–40 rows of cells, written as CSV with fields quoted when needed.
 */
export function generatedTable(header: readonly string[], seed: number): Buffer {
  const arb = fc.record({
    header: fc.array(fc.oneof(fc.constantFrom(...header), fc.constantFrom(...NASTY)), {
      minLength: 1,
      maxLength: header.length + 3,
    }),
    keepHeader: fc.boolean(),
    rows: fc.array(fc.array(cellArb, { minLength: 0, maxLength: header.length + 2 }), {
      maxLength: 40,
    }),
  });
  const [t] = fc.sample(arb, { seed, numRuns: 1 });
  if (t === undefined) return Buffer.alloc(0);
  const head = t.keepHeader ? [...header] : t.header;
  const quote = (c: string): string => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const body = [head, ...t.rows].map((r) => r.map(quote).join(',')).join('\n');
  return Buffer.from(`${body}\n`, 'utf8');
}
