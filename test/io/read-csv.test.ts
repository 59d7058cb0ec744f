import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectDelimiter, readCsv, sniffEncoding, splitPlainCsv } from '../../src/io/read-csv.js';
import { ingestFile } from '../../src/io/ingest-file.js';
import { formatProblem } from '../../src/render/messages.js';
import { tinyInstrument } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-read-'));
let counter = 0;
const file = (content: string | Buffer): string => {
  const path = join(dir, `f${counter++}.csv`);
  writeFileSync(path, content);
  return path;
};

async function collect(path: string, route: 'auto' | 'parser' = 'auto') {
  const header: string[][] = [];
  const records: Array<{ fields: string[]; line: number }> = [];
  let delimiter = '';
  let encoding = '';
  const result = await readCsv(
    path,
    {
      header(fields, format) {
        header.push(fields);
        delimiter = format.delimiter;
        encoding = format.encoding;
      },
      record(fields, line) {
        records.push({ fields, line });
      },
    },
    { route },
  );
  return { header: header[0], records, delimiter, encoding, result };
}

describe('readCsv', () => {
  it('a file in its simplest form: its split gives what csv-parse gives (property)', async () => {
    // Fields from letters, digits, spaces, CJK, the three delimiters, a quote and (rarely) a lone
    // CR, each written as it is or enclosed in quotes (inner quotes doubled); lines joined by LF
    // or CRLF (or, rarely, a mix), empty lines, with or without a BOM and a final line end. Where
    // the split declines (a quote inside a field, a lone CR, mixed ends), csv-parse reads both.
    const unit = fc.constantFrom('a', 'Z', '7', ' ', '好', ',', ';', '\t', '\t', '"', '\r');
    const field = fc
      .tuple(fc.string({ unit, maxLength: 4 }), fc.integer({ min: 0, max: 3 }))
      .map(([value, how]) => (how === 0 ? `"${value.replaceAll('"', '""')}"` : value));
    const text = fc.record({
      lines: fc.array(fc.array(field, { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
      delimiter: fc.constantFrom(',', ';', '\t'),
      ends: fc.constantFrom(['\n'], ['\r\n'], ['\n', '\r\n']),
      bom: fc.boolean(),
      last: fc.boolean(),
    });
    let split = 0;
    await fc.assert(
      fc.asyncProperty(text, async ({ lines, delimiter, ends, bom, last }) => {
        const joined = lines.map((f, i) => f.join(delimiter) + (ends[i % ends.length] ?? ''));
        const body = (bom ? '\uFEFF' : '') + joined.join('');
        const content = last ? body : body.replace(/\r?\n$/, '');
        if (splitPlainCsv(content, detectDelimiter(content.replace(/^\uFEFF/, ''))) !== null)
          split++;
        const path = file(content);
        expect(await collect(path, 'auto')).toEqual(await collect(path, 'parser'));
      }),
      { numRuns: 400, seed: 20261203 },
    );
    // The law was checked on the split itself, not only where it declines.
    expect(split).toBeGreaterThan(60);
  });
  const declines =
    'the split takes enclosing quotes off; declines other quotes, lone CRs, mixed line ends ' +
    'and undecodable bytes';
  it(declines, () => {
    expect(splitPlainCsv('a,b\n1,2\n', ',')).toEqual([
      { fields: ['a', 'b'], line: 1, emptyLines: 0 },
      { fields: ['1', '2'], line: 2, emptyLines: 0 },
    ]);
    // Hand-checked against csv-parse: line 3 after one skipped empty line; BOM dropped.
    expect(splitPlainCsv('\uFEFFa;b\r\n\r\n1;2', ';')).toEqual([
      { fields: ['a', 'b'], line: 1, emptyLines: 0 },
      { fields: ['1', '2'], line: 3, emptyLines: 1 },
    ]);
    expect(splitPlainCsv('"a","",b\n', ',')).toEqual([
      { fields: ['a', '', 'b'], line: 1, emptyLines: 0 },
    ]);
    for (const text of ['a,"b,c"\n', 'a,"b""c"\n', 'a,"b\nc"\n', 'a,b"\n', 'a,"\n'])
      expect(splitPlainCsv(text, ',')).toBeNull();
    for (const text of ['a\rb\n', 'a\r\nb\n', 'a\n\uFFFD\n'])
      expect(splitPlainCsv(text, ',')).toBeNull();
  });
  it('UTF-8 with BOM and CRLF: the first header has no U+FEFF', async () => {
    const r = await collect(file('\uFEFFa,b\r\n1,2\r\n3,4\r\n'));
    expect(r.header).toEqual(['a', 'b']);
    expect(r.records).toEqual([
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 3 },
    ]);
    expect(r.encoding).toBe('utf-8');
  });
  it('detects ; and tab delimiters', async () => {
    expect((await collect(file('a;b;c\n1;2,5;3\n'))).records[0]?.fields).toEqual(['1', '2,5', '3']);
    expect((await collect(file('a\tb\n1\t2\n'))).delimiter).toBe('\t');
    expect(detectDelimiter('"x,y";b;c\n')).toBe(';');
    expect(detectDelimiter('a,b;c,d\n')).toBe(',');
  });
  it('reads UTF-16 LE with BOM (Excel "Unicode text") and BE', async () => {
    const text = 'a\tb\r\n1\t2\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = await collect(file(le));
    expect([r.encoding, r.delimiter, r.header, r.records[0]?.fields]).toEqual([
      'utf-16le',
      '\t',
      ['a', 'b'],
      ['1', '2'],
    ]);
    const be = Buffer.from(le).swap16();
    expect((await collect(file(be))).records[0]?.fields).toEqual(['1', '2']);
    // no BOM: NUL bytes
    expect(sniffEncoding(Buffer.from('a,b\n1,2\n', 'utf16le'))).toBe('utf-16le');
  });
  const gb18030 =
    'reads GB18030 (Chinese Excel/问卷星 exports): detected when the file is not UTF-8, or given';
  it(gb18030, async () => {
    const text = '编号,细分\r\nR1,零售\r\nR2,企业\r\n';
    const gb = Buffer.from([
      0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xcf, 0xb8, 0xb7, 0xd6, 0x0d, 0x0a, 0x52, 0x31, 0x2c, 0xc1,
      0xe3, 0xca, 0xdb, 0x0d, 0x0a, 0x52, 0x32, 0x2c, 0xc6, 0xf3, 0xd2, 0xb5, 0x0d, 0x0a,
    ]);
    // the bytes are the GB18030 encoding of text
    expect(new TextDecoder('gb18030').decode(gb)).toBe(text);
    const r = await collect(file(gb));
    expect([r.encoding, r.header, r.records.map((x) => x.fields)]).toEqual([
      'gb18030',
      ['编号', '细分'],
      [
        ['R1', '零售'],
        ['R2', '企业'],
      ],
    ]);
    const given = await readCsv(
      file(gb),
      { header: () => {}, record: () => {} },
      { encoding: 'gb18030' },
    );
    expect(given.problems).toEqual([]);
  });
  it('physical lines: empty lines skipped, quoted newlines counted', async () => {
    const r = await collect(file('a,b\n\n1,"x\ny"\n2,3\n'));
    expect(r.records.map((x) => x.line)).toEqual([4, 5]); // record 1 ends on line 4, record 2 on 5
  });
  it('an unterminated quote is reported where it opens', async () => {
    const r = await collect(file('a,b,c\n1,2,3\n\n4,"open,5\n6,7,8\n'));
    expect(r.result.problems.map(formatProblem)).toEqual([
      `${dir}/f${counter - 1}.csv:4:2: unterminated quote: ` +
        'a field opened with " is never closed (still open at the end of the file)',
    ]);
  });
  const boundedQuote =
    'an unterminated quote in a huge file stops at the record bound instead of buffering the rest';
  it(boundedQuote, async () => {
    const big = `a,b\n1,"${'x'.repeat(3 << 20)}\n`;
    const r = await collect(file(big));
    expect(r.result.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ['record-too-long', 2, 2],
    ]);
  });
  it('unreadable and empty files, invalid UTF-8', async () => {
    expect((await collect(join(dir, 'nope.csv'))).result.problems.map(formatProblem)).toEqual([
      `${dir}/nope.csv: cannot read the file: no such file`,
    ]);
    expect((await collect(file(''))).result.problems.map((p) => p.code)).toEqual(['empty-file']);
    const latin1 = file(
      Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0x63, 0xe9, 0x2c, 0x33, 0x0a])]),
    );
    expect((await collect(latin1)).result.problems.map((p) => [p.code, p.line])).toEqual([
      ['unsupported-encoding', 3],
    ]);
    // A directory: not a regular file, so streamed, and reported as before.
    expect((await collect(dir)).result.problems.map((p) => p.code)).toEqual(['unreadable-file']);
  });

  const wholeEncoding =
    'a file of up to 1 MiB is looked at whole for its encoding (GB18030 after 64 KiB)';
  it(wholeEncoding, async () => {
    // 80 KB of ASCII, then one GB18030 line (好 is 0xBA 0xC3): read as GB18030, not as UTF-8.
    const ascii = Buffer.from(`a,b\n${'1,2\n'.repeat(20_000)}`);
    const r = await collect(
      file(Buffer.concat([ascii, Buffer.from([0xba, 0xc3, 0x2c, 0x33, 0x0a])])),
    );
    expect([r.encoding, r.records.at(-1)]).toEqual([
      'gb18030',
      { fields: ['好', '3'], line: 20_002 },
    ]);
  });

  it('a named pipe is streamed (not read at once as a small regular file is)', async () => {
    const fifo = join(dir, `pipe${counter++}.csv`);
    execFileSync('mkfifo', [fifo]);
    // The writer opens the pipe once the reader has; the reader sees its bytes in order.
    const writer = spawn('sh', ['-c', `printf 'a;b\\n1;2\\n3;4\\n' > '${fifo}'`]);
    const written = new Promise((resolve) => writer.on('close', resolve));
    const r = await collect(fifo);
    await written;
    expect([r.header, r.records, r.delimiter]).toEqual([
      ['a', 'b'],
      [
        { fields: ['1', '2'], line: 2 },
        { fields: ['3', '4'], line: 3 },
      ],
      ';',
    ]);
  });
});

describe('ingestFile: every problem with file:line:column', () => {
  it('non-numeric, out of range, ragged; positions are physical lines', async () => {
    const path = file(
      [
        'id,s1_imp,s1_perf,s2_imp,s2_perf,c1_imp,c1_perf,c2_imp,c2_perf,l1',
        'R1,7,4,6,5,5,6,4,3,6',
        '"R2',
        'two lines",6,abc,7,7,4,5,5,2,5',
        'R3,7,5,5,4,6,9,3,5,4',
        'R4,5,5,6,3,3,4,4,1',
        '',
      ].join('\n'),
    );
    const { log } = await ingestFile(path, tinyInstrument(), { lenient: false });
    expect(log.problems.map(formatProblem)).toEqual([
      `${path}:4:3: column "s1_perf": not a number: "abc" (expected a rating from 1 to 7)`,
      `${path}:5:7: column "c1_perf": rating 9 is outside the scale ` +
        '(expected a rating from 1 to 7)',
      `${path}:6:10: row has 9 fields but the header has 10 fields`,
    ]);
    expect(log.errors).toBe(3);
  });
  it('--lenient: the same cells become missing and are counted as warnings', async () => {
    const path = file(
      [
        'id,s1_imp,s1_perf,s2_imp,s2_perf,c1_imp,c1_perf,c2_imp,c2_perf,l1',
        'R1,7,x,6,5,5,6,4,3,6',
        'R2,6,3,7,7,4,5,5,2',
        '',
      ].join('\n'),
    );
    const { log, result } = await ingestFile(path, tinyInstrument(), { lenient: true });
    expect([log.errors, log.warnings, result?.cellsMadeMissing, result?.respondents]).toEqual([
      0, 2, 1, 2,
    ]);
  });
  it('a header without respondents', async () => {
    const { log } = await ingestFile(
      file('id,s1_imp,s1_perf,s2_imp,s2_perf,c1_imp,c1_perf,c2_imp,c2_perf,l1\n'),
      tinyInstrument(),
      { lenient: false },
    );
    expect(log.problems.map((p) => p.code)).toEqual(['no-respondents']);
  });
});
