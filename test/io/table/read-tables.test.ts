import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../src/io/table/read-table.js';
import {
  columnIndex,
  columnLetters,
  isDateFormat,
  serialDate,
} from '../../../src/io/table/read-xlsx.js';
import { zipFiles } from '../../../src/io/table/zip-write.js';
import { ROOT } from '../../helpers.js';
import { writeSav } from '../../write-sav.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-tables-'));
const { gb18030 } = (await import(
  pathToFileURL(join(ROOT, 'fixtures/exports/make-exports.mjs')).href
)) as { gb18030(text: string): Buffer };

/** Reads a file through readTable and returns its header, records (with lines) and problems. */
async function read(path: string, sheet?: string) {
  const rows: Array<{ fields: string[]; line: number }> = [];
  const result = await readTable(
    path,
    {
      header: (fields) => rows.push({ fields: [...fields], line: 1 }),
      record: (fields, line) => rows.push({ fields: [...fields], line }),
    },
    { label: path, ...(sheet === undefined ? {} : { sheet }) },
  );
  return { rows, result };
}

const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** A workbook with one sheet of the given XML, shared strings and styles, as Excel lays it out. */
function book(sheetData: string, strings: string, cellXfs: string, numFmts = ''): Buffer {
  const parts: Array<[string, string]> = [
    [
      '_rels/.rels',
      [
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
        `<Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/>`,
        '</Relationships>',
      ].join(''),
    ],
    [
      'xl/workbook.xml',
      [
        `<workbook xmlns:r="${R}"><workbookPr/>`,
        '<sheets><sheet name="Ratings &amp; more" sheetId="1" r:id="rId1"/></sheets>',
        '</workbook>',
      ].join(''),
    ],
    [
      'xl/_rels/workbook.xml.rels',
      [
        '<Relationships>',
        `<Relationship Id="rId1" Type="${R}/worksheet" Target="/xl/worksheets/sheet1.xml"/>`,
        `<Relationship Id="rId2" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`,
        `<Relationship Id="rId3" Type="${R}/styles" Target="styles.xml"/>`,
        '</Relationships>',
      ].join(''),
    ],
    [
      'xl/worksheets/sheet1.xml',
      [
        '<?xml version="1.0"?>',
        '<x:worksheet xmlns:x="main"><x:dimension ref="A1:Z99"/>',
        `<x:sheetData>${sheetData}</x:sheetData>`,
        '</x:worksheet>',
      ].join(''),
    ],
    ['xl/sharedStrings.xml', `<sst>${strings}</sst>`],
    [
      'xl/styles.xml',
      [
        '<styleSheet>',
        `<numFmts>${numFmts}</numFmts>`,
        `<cellXfs count="9">${cellXfs}</cellXfs>`,
        '</styleSheet>',
      ].join(''),
    ],
  ];
  return Buffer.from(zipFiles(parts.map(([name, text]) => ({ name, data: Buffer.from(text) }))));
}

describe('readTable: .xlsx cells as analysts have them', () => {
  it(
    'shared and rich strings, inline strings, formulas by their cached value, numbers as text, ' +
      'booleans, errors, dates, entities, empty trailing rows and columns',
    async () => {
      const strings = [
        '<si><t>id</t></si>',
        '<si><r><t>q</t></r><r><rPr/><t xml:space="preserve">1 </t></r><rPh><t>ふりがな</t></rPh></si>',
        '<si><t>5</t></si>',
        '<si><t>a&amp;b_x000D_c</t></si>',
        '<si><t><![CDATA[<x>]]></t></si>',
      ].join('');
      const xfs = [
        '<xf numFmtId="0"/>',
        '<xf numFmtId="14"/>',
        '<xf numFmtId="164"/>',
        '<xf numFmtId="2"/>',
        '<xf numFmtId="165"/>',
      ].join('');
      const fmts = [
        '<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd hh:mm"/>',
        '<numFmt numFmtId="165" formatCode="&quot;days&quot; 0.0"/>',
      ].join('');
      const sheet = [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>',
        '<c r="C1" t="inlineStr"><is>\n <r><t>wh</t></r>\n <r><t>en</t></r></is></c>',
        '<c r="D1" t="str"><v>n</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" s="1"/></row>',
        '<row r="2" spans="1:6"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>2</v></c>',
        '<c r="C2" s="1"><v>46300</v></c><c r="D2"><f>2+2</f><v>4</v></c>',
        '<c r="E2" t="b"><v>1</v></c><c r="F2"><v><![CDATA[6]]></v></c></row>',
        '<row r="3"/>',
        '<row r="5"><c r="A5" t="e"><v>#N/A</v></c><c r="C5" s="2"><v>46300.5</v></c>',
        '<c r="D5" s="3"><v>4.5E-1</v></c><c r="E5" s="4"><v>3</v></c></row>',
        '<row r="6"><c r="B6"><v>7</v></c><c><v>8</v></c>',
        '<c t="str"><f>"x"</f><v>&lt;y&gt;&#x4E2D;</v></c></row>',
        '<row r="7"><c r="A7" s="1"/><c r="B7" t="inlineStr"><is><t></t></is></c></row>',
      ].join('');
      const path = join(dir, 'cells.xlsx');
      writeFileSync(path, book(sheet, strings, xfs, fmts));
      const { rows, result } = await read(path);
      expect(result.problems).toEqual([]);
      expect(result.kind).toBe('xlsx');
      expect(rows).toEqual([
        // F1 has a style but no value: an empty header cell (F2 has a value, a CDATA section).
        { fields: ['id', 'q1 ', 'when', 'n', '<x>', ''], line: 1 },
        // Serial 46300 = 30 Dec 1899 + 46300 days = 2026-10-05 (Python:
        // date(1899,12,30)+timedelta(46300)).
        { fields: ['a&b\rc', '5', '2026-10-05', '4', 'TRUE', '6'], line: 2 },
        { fields: ['#N/A', '', '2026-10-05 12:00:00', '0.45', '3', ''], line: 5 },
        { fields: ['', '7', '8', '<y>中', '', ''], line: 6 },
      ]);
      expect(result.records).toBe(3);
      // A problem at line 5, column 3 is the cell C5 of the sheet, quoted as Excel quotes names
      // with spaces.
      expect(
        result.locate({ code: 'non-numeric', severity: 'error', file: path, line: 5, column: 3 }),
      ).toEqual({
        code: 'non-numeric',
        severity: 'error',
        file: path,
        cell: "'Ratings & more'!C5",
      });
    },
  );

  it('column letters and date formats', () => {
    expect([columnIndex('A1'), columnIndex('Z9'), columnIndex('AA1'), columnIndex('XFD1')]).toEqual(
      [0, 25, 26, 16383],
    ); // XFD = 24·26² + 6·26 + 4 − 1 = 16383, Excel's last column
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('[h]:mm:ss')).toBe(true);
    expect(isDateFormat('0.00')).toBe(false);
    expect(isDateFormat('"days" 0.0')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
    // 1 Jan 1900 is serial 2 in the 1900 system counted from 30 Dec 1899; 0 in the 1904 system is 1
    // Jan 1904.
    expect(serialDate(2, false)).toBe('1900-01-01');
    expect(serialDate(0, true)).toBe('1904-01-01');
    expect(serialDate(0.75, true)).toBe('1904-01-01 18:00:00');
    expect(serialDate(1e300, false)).toBe('1e+300'); // beyond any date: the number as written
  });
});

describe('readTable: SPSS .sav', () => {
  const variables = [
    { name: 'RespondentIdentifier', label: '受访者编号', width: 20 },
    { name: 'Q1', label: '设备和工具先进', width: 0, missing: [8, 9] },
    { name: 'Q2', width: 0, missing: { low: -9, high: -1 } },
    { name: 'city', width: 16 },
    { name: 'big', width: 0 },
  ];
  const cases = [
    ['R1', 5, 4, '上海', 1e9],
    ['R2', 9, -3, '北京-朝阳', 0.1],
    ['R3', null, 7, '', -2.5],
  ];
  const expected = [
    { fields: ['RespondentIdentifier', 'Q1', 'Q2', 'city', 'big'], line: 1 },
    { fields: ['R1', '5', '4', '上海', '1000000000'], line: 2 },
    // 9: discrete user-missing; -3: in the missing range
    { fields: ['R2', '', '', '北京-朝阳', '0.1'], line: 3 },
    { fields: ['R3', '', '7', '', '-2.5'], line: 4 }, // system-missing
  ];
  it.each([
    ['UTF-8, compressed', { compress: true }],
    ['UTF-8, uncompressed', { compress: false }],
    [
      'GBK (code page 936, no encoding record name but GBK), compressed',
      { compress: true, encoding: 'GBK', codePage: 936, encode: gb18030 },
    ],
  ])('%s: long names, strings over 8 bytes, user- and system-missing', async (_, options) => {
    const path = join(dir, `t-${Math.random().toString(36).slice(2)}.sav`);
    writeFileSync(path, writeSav({ variables, cases, ...options }));
    const { rows, result } = await read(path);
    expect(result.problems).toEqual([]);
    expect(result.kind).toBe('sav');
    expect(rows).toEqual(expected);
    expect(
      result.locate({ code: 'out-of-range', severity: 'error', file: path, line: 3, column: 2 }),
    ).toMatchObject({ cell: 'case 2, variable Q1' });
  });
});

describe('readTable: damaged workbooks and .sav files', () => {
  const fixtureBytes = (name: string): Buffer => readFileSync(join(ROOT, 'fixtures/exports', name));
  it.each(['qualtrics.xlsx', 'qualtrics.sav', 'surveymonkey.xlsx'])(
    '%s cut short or with bytes changed: problems or rows, never an exception',
    async (name) => {
      const good = fixtureBytes(name);
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 4, max: good.length - 1 }),
          fc.array(
            fc.tuple(
              fc.integer({ min: 4, max: good.length - 1 }),
              fc.integer({ min: 0, max: 255 }),
            ),
            { maxLength: 8 },
          ),
          fc.boolean(),
          async (cut, flips, truncate) => {
            const bytes = Buffer.from(truncate ? good.subarray(0, cut) : good);
            if (!truncate) for (const [at, value] of flips) bytes[at] = value;
            const path = join(dir, `damaged-${name}`);
            writeFileSync(path, bytes);
            const { result } = await read(path);
            for (const p of result.problems) expect(p.file).toBe(path);
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});

describe('readTable: damage found by the property above, kept as cases', () => {
  it('a .sav whose value-label record counts backwards: a damaged-file problem', async () => {
    const bytes = Buffer.from(readFileSync(join(ROOT, 'fixtures/exports/qualtrics.sav')));
    for (const [at, value] of [
      [12564, 138],
      [22462, 15],
      [11564, 195],
      [17411, 246],
      [17759, 142],
    ] as const)
      bytes[at] = value;
    const path = join(dir, 'backwards.sav');
    writeFileSync(path, bytes);
    const { result } = await read(path);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'damaged-file', file: path });
  });

  it('a cell beyond column XFD: a damaged-file problem, not a 10⁸-cell row', async () => {
    const path = join(dir, 'far.xlsx');
    writeFileSync(
      path,
      book(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="ZZZZZ1"><v>1</v></c></row>',
        '',
        '<xf numFmtId="0"/>',
      ),
    );
    const { result } = await read(path);
    expect(result.problems).toEqual([
      {
        code: 'damaged-file',
        severity: 'error',
        file: path,
        found:
          "a part of the workbook is not valid: cell ZZZZZ1 lies beyond Excel's last column, XFD",
      },
    ]);
  });
});
