import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/render/xlsx-workbook.js';
import { servqual } from '../cli/run.js';
import { n, sheetRows } from './workbook-rows.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-xlsx-'));

/** The XML of one part of a (deflated) workbook, for checking its styles and views. */
function part(bytes: Buffer, name: string): string {
  let at = 0;
  while (at < bytes.length && bytes.readUInt32LE(at) === 0x04034b50) {
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const entry = bytes.toString('utf8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extra;
    if (entry === name) return inflateRawSync(bytes.subarray(start, start + size)).toString('utf8');
    at = start + size;
  }
  throw new Error(`no part ${name}`);
}

// biome-ignore lint/suspicious/noExplicitAny: the JSON report, read back
type Json = Record<string, any>;

describe('analyze --format xlsx (the real binary)', () => {
  const args = [
    'analyze',
    'fixtures/sample.csv',
    '--bootstrap',
    '100',
    '--seed',
    '3',
    '--segment-by',
    'segment',
  ];
  const book = join(dir, 'report.xlsx');
  const written = servqual([...args, '--format', 'xlsx', '--out', book]);
  const json = servqual([...args, '--format', 'json']);
  const doc = JSON.parse(json.stdout) as Json;

  const readBack =
    "writes the workbook; read back, its numbers are the JSON report's, at full precision";
  it(readBack, async () => {
    expect(written.status, written.stderr).toBe(0);
    expect(json.status).toBe(0);
    const attributes = await sheetRows(book, 'Attributes');
    expect(attributes[0]?.slice(0, 5)).toEqual(['Id', 'Construct', 'Group', 'Attribute', 'n']);
    expect(attributes).toHaveLength(1 + doc.attributes.length);
    doc.attributes.forEach((a: Json, i: number) => {
      const row = attributes[i + 1] ?? [];
      expect([row[0], n(row[4]), n(row[5]), n(row[7]), n(row[9]), n(row[12]), n(row[17])]).toEqual([
        a.id,
        a.n,
        a[doc.meta.baseline]?.mean ?? null, // the JSON names the baseline (importance)
        a.performance.mean,
        a.gap?.mean ?? null,
        a.gap?.ci[0] ?? null,
        a.gap?.pAdjusted ?? null,
      ]);
    });
    const survival = await sheetRows(book, 'Survival factors');
    expect(survival.slice(1).map((r) => [r[1], Number(r[4]), Number(r[7])])).toEqual(
      doc.survivalFactors.map((f: Json) => [f.id, f.priority, f.gap]),
    );
    const paths = await sheetRows(book, 'Path model');
    doc.model.paths.forEach((p: Json, i: number) => {
      const row = paths[i + 1] ?? [];
      expect([row[0], row[1], Number(row[2]), Number(row[7]), Number(row[8])]).toEqual([
        p.from,
        p.to,
        p.estimate,
        p.p,
        p.ci[0], // the JSON flattens the bootstrap inference into the path
      ]);
    });
    const measurement = await sheetRows(book, 'Measurement');
    expect(measurement.slice(1, 1 + doc.model.loadings.length).map((r) => Number(r[2]))).toEqual(
      doc.model.loadings.map((l: Json) => l.loading),
    );
    const segments = await sheetRows(book, 'Segments');
    const first = doc.segments.segments[0];
    expect([segments[1]?.[0], Number(segments[1]?.[1]), Number(segments[1]?.[4])]).toEqual([
      first.value,
      first.respondents,
      first.attributes[0].performance,
    ]);
    const summary = await sheetRows(book, 'Summary');
    expect(summary.find((r) => r[0] === 'Respondents')?.[1]).toBe(String(doc.meta.respondents));
    expect(summary.find((r) => r[0] === 'Headline')?.[1]).toMatch(
      /^\d+ survival factors? \(\d+ significant after Holm\)/,
    );
  });

  const sheetsAsListed =
    'sheets as listed; header frozen; numbers with formats; significant shortfalls highlighted';
  it(sheetsAsListed, () => {
    const bytes = readFileSync(book);
    const names = [...part(bytes, 'xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(names).toEqual([
      'Summary',
      'Survival factors',
      'Attributes',
      'Constructs',
      'Path model',
      'Measurement',
      'Segments',
      'IPMA',
      'Loyalty types', // fixtures/sample.csv has the typology and the penalty–reward contrast
      'Penalty–reward',
      'Notes',
    ]);
    const attributes = part(bytes, 'xl/worksheets/sheet3.xml');
    expect(attributes).toContain(
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
    );
    expect(attributes).toMatch(/<cols><col min="1" max="1" width="\d+" customWidth="1"\/>/);
    expect(attributes).not.toContain('<f>');
    // Each attribute's gap cell (column J) is a number; style 9 (shortfall) exactly when gap < 0
    // and Holm p < 0.05.
    doc.attributes.forEach((a: Json, i: number) => {
      if (a.gap === null) return; // outcome items: no gap
      const cell = new RegExp(`<c r="J${i + 2}" s="(\\d+)"><v>([^<]+)</v></c>`).exec(attributes);
      expect(cell?.[2]).toBe(String(a.gap.mean));
      expect(cell?.[1]).toBe(a.gap.mean < 0 && a.gap.pAdjusted < 0.05 ? '9' : '5');
    });
    expect(
      doc.attributes.some((a: Json) => a.gap !== null && a.gap.mean < 0 && a.gap.pAdjusted < 0.05),
    ).toBe(true);
  });

  it("labels in the report's language (--lang zh)", async () => {
    const zh = join(dir, 'zh.xlsx');
    expect(servqual([...args, '--format', 'xlsx', '--out', zh, '--lang', 'zh']).status).toBe(0);
    const names = [
      ...part(readFileSync(zh), 'xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g),
    ].map((m) => m[1]);
    expect(names).toEqual([
      '摘要',
      '生存因素',
      '属性',
      '构念',
      '路径模型',
      '测量模型',
      '细分',
      '重要性-表现图',
      '忠诚类型',
      '惩罚–奖励',
      '说明',
    ]);
    expect((await sheetRows(zh, '属性'))[0]?.slice(0, 2)).toEqual(['编号', '构念']);
    // The constructs sheet heads its labels "construct", not "attribute".
    expect((await sheetRows(zh, '构念'))[0]?.slice(0, 4)).toEqual(['编号', '组', '构念', '层级']);
  });

  it('compare --format xlsx: every change read back equals the JSON', async () => {
    const out = join(dir, 'compare.xlsx');
    const c = ['compare', 'fixtures/exports/truth.csv', 'fixtures/sample.csv'];
    expect(servqual([...c, '--format', 'xlsx', '--out', out]).status).toBe(0);
    const cj = JSON.parse(servqual([...c, '--format', 'json']).stdout) as Json;
    const rows = await sheetRows(out, 'Changes');
    expect(rows.slice(1).map((r) => [r[0], r[2], n(r[7]), n(r[14])])).toEqual(
      cj.rows.map((r: Json) => [r.id, r.measure, r.delta.estimate, r.delta.pAdjusted]),
    );
    // The summary in the report's language: the design in words, the measures translated.
    const zh = join(dir, 'compare-zh.xlsx');
    expect(servqual([...c, '--format', 'xlsx', '--out', zh, '--lang', 'zh']).status).toBe(0);
    const summary = await sheetRows(zh, '摘要');
    const design = summary.find((r) => r[0] === '设计')?.[1];
    expect(design).toBe(cj.meta.design === 'paired' ? '按受访者编号配对' : '独立样本');
    expect(summary.find((r) => r[0] === '改进')?.[1] ?? '').toMatch(/差距/);
  });
});

describe('buildWorkbook', () => {
  it(
    'a text cell starting with = is text (an inline string), never a formula; ' +
      'NaN leaves the cell empty; control characters escaped',
    async () => {
      const bytes = Buffer.from(
        buildWorkbook([
          {
            name: 'A/B',
            rows: [['=1+1', '@SUM(A1)', Number.NaN, 'tab\u0001x', 2.5]],
            widths: [],
            freezeRows: 0,
          },
        ]),
      );
      const xml = part(bytes, 'xl/worksheets/sheet1.xml');
      expect(xml).toContain(
        '<c r="A1" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c>',
      );
      expect(xml).not.toContain('<f>');
      expect(xml).not.toContain('C1');
      expect(part(bytes, 'xl/workbook.xml')).toContain('<sheet name="A B"');
      const path = join(dir, 'formula.xlsx');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(path, bytes);
      expect(await sheetRows(path, '1')).toEqual([['=1+1', '@SUM(A1)', '', 'tab\u0001x', '2.5']]);
    },
  );
});

const soffice = [
  '/usr/bin/soffice',
  '/usr/bin/libreoffice',
  '/usr/lib/libreoffice/program/soffice',
].find((p) => existsSync(p));

describe('the workbook in LibreOffice (a second reader)', () => {
  it(
    'converted to CSV by LibreOffice headless, ' +
      "the Attributes sheet holds the JSON report's numbers",
    (context) => {
      if (soffice === undefined)
        return context.skip('no LibreOffice (soffice): apt-get install libreoffice-calc to run it');
      const out = mkdtempSync(join(tmpdir(), 'servqual-soffice-'));
      const book = join(out, 'report.xlsx');
      const args = ['analyze', 'fixtures/sample.csv', '--bootstrap', '0'];
      expect(servqual([...args, '--format', 'xlsx', '--out', book]).status).toBe(0);
      const doc = JSON.parse(servqual([...args, '--format', 'json']).stdout) as Json;
      // Every sheet to its own file (token 12 = -1: report-SheetName.csv), full precision
      // ("save cell contents as shown" off: token 9 false). LibreOffice 7.2+.
      const r = spawnSync(
        soffice,
        [
          '--headless',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
          '--outdir',
          out,
          book,
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      // Labels may hold commas, so the CSV is read with a CSV parser, not split on commas.
      const csv = parse(readFileSync(join(out, 'report-Attributes.csv'), 'utf8')) as string[][];
      expect(csv).toHaveLength(doc.attributes.length + 1);
      doc.attributes.forEach((a: Json, i: number) => {
        const f = csv[i + 1] ?? [];
        expect(f[0]).toBe(a.id);
        expect(Number(f[7])).toBeCloseTo(a.performance.mean, 12);
        if (a.gap !== null) expect(Number(f[9])).toBeCloseTo(a.gap.mean, 12);
      });
    },
  );
});
