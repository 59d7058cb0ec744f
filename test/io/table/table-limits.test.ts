import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/core/limits.js';
import type { Problem } from '../../../src/core/problems.js';
import { readTable } from '../../../src/io/table/read-table.js';
import { readXlsx } from '../../../src/io/table/read-xlsx.js';
import { bufferSource, type ByteSource } from '../../../src/io/table/zip-read.js';
import { zipFiles } from '../../../src/io/table/zip-write.js';
import { writeSav } from '../../write-sav.js';

// Hostile and mistaken workbooks and SPSS files: the CSV reader's limits (README "Limits") hold for
// them too, and no count or size a file declares makes a reader crash, hang or hold memory beyond
// the data. Every file is built here, small, from its parts.
const dir = mkdtempSync(join(tmpdir(), 'servqual-table-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let serial = 0;
/** Writes `bytes` to a fresh file and reads it through readTable. */
async function read(bytes: Buffer) {
  const path = join(dir, `t${serial++}`);
  writeFileSync(path, bytes);
  const rows: string[][] = [];
  const result = await readTable(
    path,
    {
      header: (fields) => rows.push([...fields]),
      record: (fields) => rows.push([...fields]),
    },
    { label: path },
  );
  return { path, rows, result, located: result.problems.map(result.locate) };
}

const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** A workbook of one sheet "Data" (the rows' XML), with shared strings and styles. */
function book(rows: string, options: { strings?: string[]; sheets?: string } = {}): Buffer {
  const strings = (options.strings ?? []).map((s) => `<si><t>${s}</t></si>`).join('');
  const parts: Array<[string, string]> = [
    [
      '_rels/.rels',
      `<Relationships><Relationship Id="rId1" Type="${R}/officeDocument" ` +
        'Target="xl/workbook.xml"/></Relationships>',
    ],
    [
      'xl/workbook.xml',
      `<workbook xmlns:r="${R}"><sheets>` +
        (options.sheets ?? '<sheet name="Data" sheetId="1" r:id="rId1"/>') +
        '</sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<Relationships>' +
        `<Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${R}/worksheet" Target="worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId3" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>` +
        `<Relationship Id="rId4" Type="${R}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    ],
    ['xl/worksheets/sheet1.xml', `<worksheet><sheetData>${rows}</sheetData></worksheet>`],
    ['xl/worksheets/sheet2.xml', '<worksheet><sheetData/></worksheet>'],
    ['xl/sharedStrings.xml', `<sst>${strings}</sst>`],
    ['xl/styles.xml', '<styleSheet><cellXfs><xf numFmtId="0"/></cellXfs></styleSheet>'],
  ];
  return Buffer.from(zipFiles(parts.map(([name, text]) => ({ name, data: Buffer.from(text) }))));
}
const inline = (ref: string, text: string): string =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/** Row 1: the header id, q1 (…); then the rows given. */
const sheet = (rows: string, header = ['id', 'q1']): string =>
  `<row r="1">${header.map((h, k) => inline(`${String.fromCharCode(65 + k)}1`, h)).join('')}` +
  `</row>${rows}`;

/**
 * The zip with an entry's central-directory record changed: its declared size, or its data
 * offset set to another entry's (two names for the same bytes).
 */
function patchEntry(
  zip: Buffer,
  name: string,
  change: { size?: number; sameDataAs?: string },
): Buffer {
  const out = Buffer.from(zip);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const offsets = new Map<string, number>();
  const records = new Map<string, number>();
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < out.readUInt16LE(end + 10); i++) {
    const nameLength = out.readUInt16LE(at + 28);
    const entry = out.toString('utf8', at + 46, at + 46 + nameLength);
    offsets.set(entry, out.readUInt32LE(at + 42));
    records.set(entry, at);
    at += 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  const record = records.get(name) as number;
  if (change.size !== undefined) out.writeUInt32LE(change.size, record + 24);
  if (change.sameDataAs !== undefined)
    out.writeUInt32LE(offsets.get(change.sameDataAs) as number, record + 42);
  return out;
}

const TOO_LONG = {
  code: 'record-too-long',
  severity: 'error',
  expected: 'a record under 1 MiB',
} as const;
const LIMIT = LIMITS.recordBytes;

describe('workbooks: a row or cell over LIMITS.recordBytes (1 MiB of UTF-8 text)', () => {
  it.each([
    ['an inline string', inline('B2', 'x'.repeat(LIMIT + 1))],
    [
      'an inline string in many runs',
      `<c r="B2" t="inlineStr"><is>${'<r><t>xx</t></r>'.repeat(LIMIT / 2 + 1)}</is></c>`,
    ],
    ['a cached formula text', `<c r="B2" t="str"><f>x</f><v>${'v'.repeat(LIMIT + 1)}</v></c>`],
    // longer than the XML scanner keeps of an open text (4 million characters): once a damaged
    // file, "an XML tag or text runs on…", now handed over in pieces and refused at the cell
    ['a value of 5 million characters', `<c r="B2" t="str"><v>${'v'.repeat(5_000_000)}</v></c>`],
    ['a CDATA section of 5 million', `<c r="B2" t="str"><v><![CDATA[${'d'.repeat(5e6)}]]></v></c>`],
    ['a value in CDATA runs', `<c r="B2"><v>${'<![CDATA[123]]>'.repeat(LIMIT / 3 + 1)}</v></c>`],
    // 400 000 characters, 1 200 000 bytes in UTF-8: the limit counts bytes, as for CSV
    ['Chinese text (3 bytes a character)', inline('B2', '中'.repeat(400_000))],
  ])('%s: refused at its cell, the reading stops', async (_, cell) => {
    const { path, rows, result } = await read(
      book(sheet(`<row r="2">${inline('A2', 'R1')}${cell}</row><row r="3"><c r="A3"/></row>`)),
    );
    expect(result.problems).toEqual([
      { ...TOO_LONG, file: path, cell: 'Data!B2', found: 'the cell holds over 1 MiB of text' },
    ]);
    expect(rows).toEqual([]); // the row was one of the first three (the table's width unknown)
  });

  it('a row of exactly 1 MiB is read; a byte more is refused at the cell passing it', async () => {
    const exact = await read(
      book(sheet(`<row r="2">${inline('A2', 'R1')}${inline('B2', 'x'.repeat(LIMIT - 2))}</row>`)),
    );
    expect(exact.result.problems).toEqual([]);
    expect(exact.rows.map((r) => r.map((f) => f.length))).toEqual([
      [2, 2],
      [2, LIMIT - 2],
    ]);
    const over = await read(
      book(sheet(`<row r="2">${inline('A2', 'R1')}${inline('B2', 'x'.repeat(LIMIT - 1))}</row>`)),
    );
    expect(over.result.problems).toEqual([
      {
        ...TOO_LONG,
        file: over.path,
        cell: 'Data!B2',
        found: "the row's cells hold over 1 MiB of text",
      },
    ]);
  });

  it("one shared string shown in many cells: the row's text is counted cell by cell", async () => {
    // 'R1' + 4 × 300 000 characters: over 1 MiB at the fourth, E5 (rows 2–4 are ordinary)
    const shared = (ref: string) => `<c r="${ref}" t="s"><v>0</v></c>`;
    const ok = [2, 3, 4].map((r) => `<row r="${r}">${inline(`A${r}`, `R${r}`)}</row>`).join('');
    const cells = ['B5', 'C5', 'D5', 'E5'].map(shared).join('');
    const { path, rows, result } = await read(
      book(
        sheet(`${ok}<row r="5">${inline('A5', 'R5')}${cells}</row>`, ['id', 'a', 'b', 'c', 'd']),
        { strings: ['s'.repeat(300_000)] },
      ),
    );
    expect(result.problems).toEqual([
      {
        ...TOO_LONG,
        file: path,
        cell: 'Data!E5',
        found: "the row's cells hold over 1 MiB of text",
      },
    ]);
    expect(rows.map((r) => r[0])).toEqual(['id', 'R2', 'R3', 'R4']);
  });

  it('a shared string over the limit is not kept, and refused where a cell shows it', async () => {
    const strings = ['ok', 'y'.repeat(LIMIT + 1)];
    const rows = [2, 3, 4].map(
      (r) => `<row r="${r}">${inline(`A${r}`, `R${r}`)}<c r="B${r}" t="s"><v>0</v></c></row>`,
    );
    const unused = await read(book(sheet(rows.join('')), { strings }));
    expect(unused.result.problems).toEqual([]);
    expect(unused.rows).toEqual([
      ['id', 'q1'],
      ['R2', 'ok'],
      ['R3', 'ok'],
      ['R4', 'ok'],
    ]);
    const shown = await read(
      book(sheet(`${rows.join('')}<row r="7"><c r="A7" t="s"><v>1</v></c></row>`), { strings }),
    );
    expect(shown.result.problems).toEqual([
      {
        ...TOO_LONG,
        file: shown.path,
        cell: 'Data!A7',
        found: 'the cell holds over 1 MiB of text',
      },
    ]);
    expect(shown.rows).toHaveLength(4);
  });
});

describe('workbooks: rows and cells where Excel has none', () => {
  it.each([
    ['1048577', "row 1048577 lies beyond Excel's last row, 1048576"],
    ['99999999999', "row 99999999999 lies beyond Excel's last row, 1048576"],
    ['x1', 'row "x1" is not a row number'],
    ['0', 'row "0" is not a row number'],
  ])('row r="%s": a damaged-file problem (not a location like BNaN)', async (r, why) => {
    const { path, result } = await read(
      book(sheet(`<row r="${r}">${inline('A2', 'R1')}<c><v>abc</v></c></row>`)),
    );
    expect(result.problems).toEqual([
      {
        code: 'damaged-file',
        severity: 'error',
        file: path,
        found: `a part of the workbook is not valid: ${why}`,
      },
    ]);
  });

  it('empty cells far to the right (XFD) widen nothing', async () => {
    // 20 000 rows, each an empty styled cell at XFD: once 16 384 pushes a row (minutes for a
    // million), now nothing; the table stays two columns wide.
    const empty = Array.from(
      { length: 20_000 },
      (_, k) => `<row r="${k + 3}"><c r="XFD${k + 3}" s="0"/><c r="XFC${k + 3}"><v></v></c></row>`,
    ).join('');
    const { rows, result } = await read(
      book(sheet(`<row r="2">${inline('A2', 'R1')}<c r="B2"><v>5</v></c></row>${empty}`)),
    );
    expect(result.problems).toEqual([]);
    expect(rows).toEqual([
      ['id', 'q1'],
      ['R1', '5'],
    ]);
  });
});

describe('workbooks: parts held whole, and a zip directory that lies', () => {
  it.each(['xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml'])(
    '%s declared over 256 MiB unzipped: input-too-large, nothing inflated',
    async (part) => {
      const size = 300 << 20;
      const good = book(sheet(''), { strings: ['a'] });
      const { path, result } = await read(patchEntry(good, part, { size }));
      expect(result.problems).toEqual([
        {
          code: 'input-too-large',
          severity: 'error',
          file: path,
          found: `${part} unzips to ${size} bytes`,
          expected: `at most ${LIMITS.workbookPartBytes >> 20} MiB`,
        },
      ]);
    },
  );

  it('an entry unzipping to more than its directory says is damaged (a bomb lies so)', async () => {
    const good = book(sheet(`<row r="2">${inline('A2', 'R1')}</row>`));
    const { path, result } = await read(patchEntry(good, 'xl/worksheets/sheet1.xml', { size: 10 }));
    expect(result.problems).toEqual([
      {
        code: 'damaged-file',
        severity: 'error',
        file: path,
        found:
          'the zip entry "xl/worksheets/sheet1.xml" unzips to more than the 10 bytes its ' +
          'directory gives: the file is damaged',
      },
    ]);
  });

  it('a sheet listed 5 000 times, or two names for the same bytes, is scanned once', async () => {
    /** Reads the workbook and counts the reads of the empty sheet's bytes. */
    const scans = async (zip: Buffer): Promise<{ problems: Problem[]; scans: number }> => {
      const inner = bufferSource(zip);
      const sheetAt = zip.indexOf('xl/worksheets/sheet2.xml') + 'xl/worksheets/sheet2.xml'.length;
      let count = 0;
      const source: ByteSource = {
        size: inner.size,
        read: (p, n) => inner.read(p, n),
        chunks(p, n) {
          if (p === sheetAt) count++;
          return inner.chunks(p, n);
        },
        close: () => inner.close(),
      };
      const r = await readXlsx(source, { header: () => {}, record: () => {} }, { file: 'f' });
      return { problems: r.problems, scans: count };
    };
    const many = '<sheet name="S" sheetId="1" r:id="rId2"/>'.repeat(5000);
    const emptySheet = {
      code: 'empty-sheet',
      severity: 'error',
      file: 'f',
      found: 'no sheet',
    };
    expect(await scans(book('', { sheets: many }))).toEqual({ problems: [emptySheet], scans: 1 });
    // sheet1.xml's directory record pointing at sheet2.xml's bytes: both names, one scan
    const twoNames = patchEntry(
      book('', {
        sheets:
          '<sheet name="A" sheetId="1" r:id="rId2"/><sheet name="B" sheetId="2" r:id="rId1"/>',
      }),
      'xl/worksheets/sheet1.xml',
      { sameDataAs: 'xl/worksheets/sheet2.xml' },
    );
    expect(await scans(twoNames)).toEqual({ problems: [emptySheet], scans: 1 });
  });
});

const i32 = (...xs: number[]): Buffer => {
  const b = Buffer.alloc(4 * xs.length);
  xs.forEach((x, k) => b.writeInt32LE(x, 4 * k));
  return b;
};
const DICTIONARY_END = i32(999, 0);
/** A .sav with `records` inserted just before the dictionary's end. */
function withRecords(sav: Buffer, records: Buffer): Buffer {
  const at = sav.indexOf(DICTIONARY_END);
  return Buffer.concat([sav.subarray(0, at), records, sav.subarray(at)]);
}
const small = () =>
  writeSav({
    variables: [
      { name: 'id', width: 8 },
      { name: 'q1', width: 0 },
      { name: 'note', width: 300 },
    ],
    cases: [
      ['R1', 5, 'first'],
      ['R2', 3, 'second'],
    ],
  });

describe('SPSS files: impossible counts and widths', () => {
  it.each([true, false])(
    'no variables (compressed: %s): a damaged-file problem, not an endless loop',
    async (compress) => {
      const header = writeSav({ variables: [{ name: 'a', width: 0 }], cases: [[1]], compress });
      const bytes = Buffer.concat([header.subarray(0, 176), DICTIONARY_END, Buffer.alloc(64, 1)]);
      const { path, result } = await read(bytes);
      expect(result.problems).toEqual([
        {
          code: 'damaged-file',
          severity: 'error',
          file: path,
          found: 'the file has no variables: it is damaged',
        },
      ]);
    },
  );

  it.each([
    ['1e999', '1e999'], // was a loop without end over Infinity segments, then out of memory
    ['999999999', '999999999'], // was 4 million segments joined for every case
    ['40000', '40000'], // wider than SPSS's 32 767
    ['300.5', '300.5'],
    ['600', '600'], // three segments, but no variables follow NOTE to hold them
  ])('a very long string of width %s: a damaged-file problem', async (width, shown) => {
    const pairs = Buffer.from(`NOTE=${width}\0\t`);
    const { path, result } = await read(
      withRecords(small(), Buffer.concat([i32(7, 14, 1, pairs.length), pairs])),
    );
    expect(result.problems).toEqual([
      {
        code: 'damaged-file',
        severity: 'error',
        file: path,
        found: `the very long string note has an impossible width (${shown}): the file is damaged`,
      },
    ]);
  });

  it.each([
    ['documents', i32(6, 20_000_000), 'documents'],
    ['value-label variables', i32(3, 0, 4, 500_000_000), 'value labels'],
    ['an extension record', i32(7, 99, 1, 1 << 28), 'an extension record'],
  ])(
    '%s claiming more bytes than the file has: cut short, where it starts',
    async (_, record, what) => {
      const sav = small();
      const at = sav.indexOf(DICTIONARY_END) + record.length;
      const { path, result } = await read(withRecords(sav, record));
      expect(result.problems).toEqual([
        {
          code: 'damaged-file',
          severity: 'error',
          file: path,
          found: `the file ends inside ${what} (byte ${at}): it is cut short`,
        },
      ]);
    },
  );

  it('records servqual does not read are passed over in chunks, whatever their size', async () => {
    // 3 MiB of an unknown extension record and 1 MiB of documents, read in 64 KiB chunks
    const unknown = Buffer.concat([i32(7, 99, 1, 3 << 20), Buffer.alloc(3 << 20, 7)]);
    const documents = Buffer.concat([i32(6, 13_107), Buffer.alloc(13_107 * 80, 0x20)]);
    const { rows, result } = await read(withRecords(small(), Buffer.concat([unknown, documents])));
    expect(result.problems).toEqual([]);
    expect(rows).toEqual([
      ['id', 'q1', 'note'],
      ['R1', '5', 'first'],
      ['R2', '3', 'second'],
    ]);
  });
});

describe('SPSS files: LIMITS.columns and LIMITS.recordBytes', () => {
  it('more variables than LIMITS.columns: refused at the variable list', async () => {
    const n = LIMITS.columns + 1;
    const variables = Array.from({ length: n }, (_, k) => ({ name: `V${k + 1}`, width: 0 }));
    const { path, rows, located } = await read(
      writeSav({ variables, cases: [variables.map(() => 1)] }),
    );
    expect(located).toEqual([
      {
        code: 'too-many-columns',
        severity: 'error',
        file: path,
        cell: 'the variable list',
        found: String(n),
        expected: `at most ${LIMITS.columns}`,
      },
    ]);
    expect(rows).toEqual([]);
  });

  it('a case whose text passes 1 MiB: refused at the variable where it does', async () => {
    // 'R1' + 255-byte strings: 2 + 4112 × 255 = 1 048 562 bytes; the 4113th passes 1 MiB
    const strings = Array.from({ length: 4113 }, (_, k) => ({ name: `S${k + 1}`, width: 255 }));
    const variables = [{ name: 'id', width: 8 }, ...strings];
    const full = strings.map(() => 'z'.repeat(255));
    const { path, rows, located } = await read(
      writeSav({
        variables,
        cases: [
          ['R0', ...full.map(() => 'ok')],
          ['R1', ...full],
        ],
      }),
    );
    expect(located).toEqual([
      {
        ...TOO_LONG,
        file: path,
        cell: 'case 2, variable S4113',
        found: "the case's values hold over 1 MiB of text",
      },
    ]);
    expect(rows.map((r) => r[0])).toEqual(['id', 'R0']);
  });

  it('a Qualtrics file whose variable labels hold over 1 MiB: refused at the label', async () => {
    // Qualtrics' second header row is the labels (the question texts), as in its CSV export
    const variables = [
      { name: 'ResponseId', label: 'Response ID', width: 8 },
      ...Array.from({ length: 20 }, (_, k) => ({
        name: `Q1_${k + 1}`,
        label: 'q'.repeat(60_000),
        width: 0,
      })),
    ];
    const { path, rows, located } = await read(
      writeSav({ variables, cases: [['R1', ...variables.slice(1).map(() => 4)]] }),
    );
    // 'Response ID' (11) + 17 × 60 000 = 1 020 011; the 18th label, Q1_18, passes 1 MiB
    expect(located).toEqual([
      {
        ...TOO_LONG,
        file: path,
        cell: 'variable Q1_18',
        found: 'the variable names or labels hold over 1 MiB of text',
      },
    ]);
    expect(rows).toEqual([]);
  });
});
