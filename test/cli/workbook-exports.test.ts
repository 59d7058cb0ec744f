import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.js';
import { ROOT, fixture } from '../helpers.js';
import { servqual } from './run.js';
import { writeSav } from '../write-sav.js';

// The .xlsx and .sav exports hold, cell for cell, the CSV exports that make-exports.mjs builds from
// one simulation (fixtures/exports/make-workbooks.mjs), so each must give the report of truth.csv.
const dir = mkdtempSync(join(tmpdir(), 'servqual-workbooks-'));
const FILES = {
  'qualtrics.xlsx': { platform: 'qualtrics', headerRows: 3 },
  'qualtrics.sav': { platform: 'qualtrics', headerRows: 2 },
  'surveymonkey.xlsx': { platform: 'surveymonkey', headerRows: 2 },
  'wjx-coded.xlsx': { platform: 'wjx', headerRows: 1 },
  'wjx-text.xlsx': { platform: 'wjx', headerRows: 1 },
} as const;
const NAMES = Object.keys(FILES) as Array<keyof typeof FILES>;

type Doc = Record<string, unknown> & { meta: Record<string, unknown> };
function analyzeJson(args: readonly string[]): { doc: Doc; stderr: string } {
  const r = servqual(['analyze', ...args, '--format', 'json']);
  expect(r.status, r.stderr).toBe(0);
  return { doc: JSON.parse(r.stdout) as Doc, stderr: r.stderr };
}
const results = (doc: Doc) => ({
  attributes: doc['attributes'],
  constructs: doc['constructs'],
  survivalFactors: doc['survivalFactors'],
  model: doc['model'],
  segments: doc['segments'],
});
const truth = analyzeJson(['fixtures/exports/truth.csv', '--bootstrap', '0']).doc;

interface Workbooks {
  makeWorkbooks(): Record<string, Buffer>;
  workbook(sheets: Array<{ name: string; rows: unknown[][]; merges?: string[] }>): Buffer;
}
const workbooks = (await import(
  pathToFileURL(join(ROOT, 'fixtures/exports/make-workbooks.mjs')).href
)) as Workbooks;

/**
 * `bytes` written to `name` in the temp folder: `analyze` and `validate` both exit 2, and `check`
 * reads each one's stderr (with the file's path). Returns the path.
 */
function refusedByBoth(
  name: string,
  bytes: Buffer,
  check: (stderr: string, path: string) => void,
): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  for (const command of ['analyze', 'validate']) {
    const r = servqual([command, path]);
    expect(r.status, `${command} ${name}: ${r.stderr}`).toBe(2);
    check(r.stderr, path);
  }
  return path;
}

describe('Excel and SPSS exports (the real binary)', () => {
  it('the committed files are what make-workbooks.mjs builds, byte for byte', () => {
    const made = workbooks.makeWorkbooks();
    expect(Object.keys(made).sort()).toEqual([...NAMES].sort());
    for (const [name, bytes] of Object.entries(made))
      expect(readFileSync(fixture(`exports/${name}`)).equals(bytes), name).toBe(true);
  });

  it.each(NAMES)(
    '%s: detected by content, read and mapped by wording; the report of truth.csv',
    (name) => {
      const { doc, stderr } = analyzeJson([`fixtures/exports/${name}`, '--bootstrap', '0']);
      expect(doc.meta).toMatchObject({
        respondents: 40,
        source: { ...FILES[name], mappedBy: 'wording' },
      });
      expect(results(doc)).toEqual(results(truth));
      expect(stderr.trim().split('\n')).toHaveLength(1);
    },
  );

  it('the format is found by content: a workbook or .sav named .csv reads the same', () => {
    for (const name of ['qualtrics.xlsx', 'qualtrics.sav']) {
      const renamed = join(dir, `${name}.csv`);
      writeFileSync(renamed, readFileSync(fixture(`exports/${name}`)));
      expect(results(analyzeJson([renamed, '--bootstrap', '0']).doc)).toEqual(results(truth));
    }
  });

  it('a workbook and a .sav on stdin (-)', () => {
    for (const name of ['surveymonkey.xlsx', 'qualtrics.sav']) {
      const r = servqual(['analyze', '-', '--format', 'json', '--bootstrap', '0'], {
        input: readFileSync(fixture(`exports/${name}`)),
      });
      expect(r.status, r.stderr).toBe(0);
      expect(results(JSON.parse(r.stdout) as Doc)).toEqual(results(truth));
    }
  });

  it(
    'segments, bootstrap and weights as from the CSV ' +
      '(segment and weight columns of a .sav and a workbook)',
    () => {
      const args = ['--bootstrap', '200', '--seed', '9', '--segment-by', 'segment'];
      const plain = analyzeJson(['fixtures/exports/truth.csv', ...args]).doc;
      expect(results(analyzeJson(['fixtures/exports/qualtrics.sav', ...args]).doc)).toEqual(
        results(plain),
      );
      expect(results(analyzeJson(['fixtures/exports/qualtrics.xlsx', ...args]).doc)).toEqual(
        results(plain),
      );
      // Weights: truth.csv with a weight column, as CSV and as a workbook of the same cells.
      const lines = readFileSync(fixture('exports/truth.csv'), 'utf8').trimEnd().split('\n');
      const rows = lines.map((l, i) => [...l.split(','), i === 0 ? 'w' : String(1 + (i % 3))]);
      const csv = join(dir, 'weighted.csv');
      writeFileSync(csv, `${rows.map((r) => r.join(',')).join('\n')}\n`);
      const xlsx = join(dir, 'weighted.xlsx');
      writeFileSync(
        xlsx,
        workbooks.workbook([
          {
            name: 'Data',
            rows: rows.map((r, i) =>
              r.map((v) => (v === '' ? null : i > 0 && /^\d+$/.test(v) ? Number(v) : v)),
            ),
          },
        ]),
      );
      const w = ['--bootstrap', '0', '--weight-by', 'w'];
      expect(results(analyzeJson([xlsx, ...w]).doc)).toEqual(results(analyzeJson([csv, ...w]).doc));
    },
  );

  it('validate, compare and map --init read workbooks and .sav files', () => {
    const v = servqual(['validate', 'fixtures/exports/qualtrics.sav']);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stderr).toContain('fixtures/exports/qualtrics.sav: ok, 40 respondents');
    const csvCompare = servqual([
      'compare',
      'fixtures/exports/truth.csv',
      'fixtures/exports/wjx-coded.csv',
      '--format',
      'json',
    ]);
    const xlsxCompare = servqual([
      'compare',
      'fixtures/exports/truth.csv',
      'fixtures/exports/wjx-coded.xlsx',
      '--format',
      'json',
    ]);
    expect(xlsxCompare.status, xlsxCompare.stderr).toBe(0);
    // the file names differ (meta, and since issue 14 the waves and each pair's meta); the rest not
    const body = (s: string) => {
      const d = JSON.parse(s) as Record<string, unknown>;
      delete d['meta'];
      delete d['waves'];
      d['pairs'] = (d['pairs'] as Array<Record<string, unknown>>).map(
        ({ meta: _, ...rest }) => rest,
      );
      return d;
    };
    expect(body(xlsxCompare.stdout)).toEqual(body(csvCompare.stdout));
    const mapFile = join(dir, 'wjx-map.json');
    const init = servqual(['map', '--init', 'fixtures/exports/wjx-coded.xlsx', '--out', mapFile]);
    expect(init.status, init.stderr).toBe(0);
    // as for wjx-coded.csv
    expect(init.stderr).toContain('79 of 87 columns mapped, 0 marked "review"');
    const { doc } = analyzeJson([
      'fixtures/exports/wjx-coded.xlsx',
      '--map',
      mapFile,
      '--bootstrap',
      '0',
    ]);
    expect(results(doc)).toEqual(results(truth));
  });

  it('--sheet by name or number; by default the first sheet with data', () => {
    const rows = readFileSync(fixture('exports/truth.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.split(',').map((v) => (v === '' ? null : v)));
    const book = join(dir, 'two-sheets.xlsx');
    writeFileSync(
      book,
      workbooks.workbook([
        { name: 'About this file', rows: [] },
        { name: 'Data', rows },
      ]),
    );
    expect(results(analyzeJson([book, '--bootstrap', '0']).doc)).toEqual(results(truth));
    expect(results(analyzeJson([book, '--sheet', 'Data', '--bootstrap', '0']).doc)).toEqual(
      results(truth),
    );
    expect(results(analyzeJson([book, '--sheet', '2', '--bootstrap', '0']).doc)).toEqual(
      results(truth),
    );
    const empty = servqual(['analyze', book, '--sheet', '1']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe(
      `${book}: 'About this file': the sheet is empty: ` +
        'expected a header row and one row per respondent\n',
    );
    const unknown = servqual(['analyze', book, '--sheet', 'Sheet1']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      `${book}: the workbook has no sheet "Sheet1": its sheets are "About this file", "Data" ` +
        '(--sheet takes a name or a number from 1)\n',
    );
  });

  it('a bad cell is located as Sheet!D17 in a workbook and as case, variable in a .sav', () => {
    // truth.csv's layout (one header row): respondent 3 is sheet row 4 and case 3; column D is
    // tan1_imp, set to 9 on its 1–7 scale.
    const rows = readFileSync(fixture('exports/truth.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.split(',').map((v) => (v === '' ? null : v)));
    (rows[3] as unknown[])[3] = 9;
    const book = join(dir, 'bad-cell.xlsx');
    writeFileSync(book, workbooks.workbook([{ name: 'Sheet1', rows }]));
    const r = servqual(['analyze', book]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^${book}: Sheet1!D4: column "tan1_imp": rating 9 is outside the scale`),
    );

    const header = (rows[0] as string[]).map(String);
    const file = join(dir, 'bad-case.sav');
    writeFileSync(
      file,
      writeSav({
        variables: header.map((name) =>
          name === 'respondent_id' || name === 'segment' || name === 'tier'
            ? { name, width: 8 }
            : { name, width: 0 },
        ),
        cases: rows
          .slice(1)
          .map((row) =>
            row.map((v, k) => (k < 3 ? String(v ?? '') : v === null ? null : Number(v))),
          ),
      }),
    );
    const s = servqual(['analyze', file]);
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(
      new RegExp(
        `^${file}: case 3, variable tan1_imp: column "tan1_imp": rating 9 is outside the scale`,
      ),
    );
  });

  it('malformed files exit 2 with a located one-line message, no stack trace', () => {
    const good = readFileSync(fixture('exports/qualtrics.xlsx'));
    const cases: Array<[string, Buffer, string]> = [
      [
        'truncated.xlsx',
        good.subarray(0, Math.floor(good.length / 2)),
        'cannot read the file: the zip archive has no end record: ' +
          'the file is cut short (an incomplete download or copy)',
      ],
      [
        'not-a-workbook.xlsx',
        Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 7)]),
        'cannot read the file: the zip archive has no end record',
      ],
      [
        'truncated.sav',
        readFileSync(fixture('exports/qualtrics.sav')).subarray(0, 5000),
        'cannot read the file: the file ends inside',
      ],
      [
        'wrong-layout.sav',
        Buffer.concat([Buffer.from('$FL2'), Buffer.alloc(300, 0x41)]),
        'cannot read the file: the header has no valid layout code: the file is damaged',
      ],
      [
        'no-header.xlsx',
        workbooks.workbook([
          {
            name: 'Sheet1',
            rows: [
              [1, 2, 3],
              [4, 5, 6],
            ],
          },
        ]),
        'Sheet1!1:1: the first row holds numbers (1, 2, 3), not column names',
      ],
      [
        'empty.xlsx',
        workbooks.workbook([{ name: 'Sheet1', rows: [] }]),
        'the workbook has no sheet with data',
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const path = refusedByBoth(name, bytes, (stderr, at) => {
        expect(stderr.startsWith(`${at}: ${message}`), `${name}: ${stderr}`).toBe(true);
        expect(stderr).not.toMatch(/\n\s+at /);
      });
      const m = servqual(['map', '--init', path]);
      expect(m.status, `map ${name}`).toBe(2);
      expect(m.stderr.startsWith(`${path}: ${message}`), `map ${name}: ${m.stderr}`).toBe(true);
    }
  });

  it('inputs over the limits, or with impossible counts, exit 2 with one located line', () => {
    const i32 = (...xs: number[]): Buffer => {
      const b = Buffer.alloc(4 * xs.length);
      xs.forEach((x, k) => b.writeInt32LE(x, 4 * k));
      return b;
    };
    const end = i32(999, 0); // the dictionary's end
    const variables = [
      { name: 'id', width: 8 },
      { name: 'note', width: 16 },
    ];
    const small = writeSav({ variables, cases: [['R1', 'first']] });
    const pairs = Buffer.from('NOTE=1e999\0\t');
    const veryLong = Buffer.concat([
      small.subarray(0, small.indexOf(end)),
      i32(7, 14, 1, pairs.length),
      pairs,
      small.subarray(small.indexOf(end)),
    ]);
    const strings = workbooks.workbook([
      {
        name: 'Sheet1',
        rows: [
          ['id', 'q1'],
          ['R1', 'a'],
        ],
      },
    ]);
    // the shared-string table's size in the zip's directory (its second mention of the name)
    const bigStrings = Buffer.from(strings);
    bigStrings.writeUInt32LE(300 << 20, bigStrings.lastIndexOf('xl/sharedStrings.xml') - 46 + 24);
    const wide = Array.from({ length: LIMITS.columns + 1 }, (_, k) => ({
      name: `V${k}`,
      width: 0,
    }));
    const cases: Array<[string, Buffer, string]> = [
      [
        'long-cell.xlsx',
        workbooks.workbook([
          {
            name: 'Sheet1',
            rows: [
              ['id', 'q1'],
              ['R1', 'x'.repeat(LIMITS.recordBytes + 1)],
            ],
          },
        ]),
        'Sheet1!B2: record too long (expected a record under 1 MiB): ' +
          'the cell holds over 1 MiB of text',
      ],
      [
        'big-strings.xlsx',
        bigStrings,
        `too large: xl/sharedStrings.xml unzips to ${300 << 20} bytes (expected at most 256 MiB)`,
      ],
      [
        // once an endless loop that ignored SIGTERM
        'no-variables.sav',
        Buffer.concat([small.subarray(0, 176), end, Buffer.alloc(64, 1)]),
        'cannot read the file: the file has no variables: it is damaged',
      ],
      [
        // once out of memory (a loop over Infinity segments), exit 134
        'very-long.sav',
        veryLong,
        'cannot read the file: the very long string note has an impossible width (1e999): ' +
          'the file is damaged',
      ],
      [
        'wide.sav',
        writeSav({ variables: wide, cases: [wide.map(() => 1)] }),
        `the variable list: the header has ${LIMITS.columns + 1} columns ` +
          `(expected at most ${LIMITS.columns})`,
      ],
    ];
    for (const [name, bytes, message] of cases)
      refusedByBoth(name, bytes, (stderr, at) => expect(stderr).toBe(`${at}: ${message}\n`));
  });
});
