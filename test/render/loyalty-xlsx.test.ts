import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/io/table/read-table.js';
import { servqual } from '../cli/run.js';
import { n, sheetRows } from './workbook-rows.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-loyalty-xlsx-'));

// biome-ignore lint/suspicious/noExplicitAny: the JSON report, read back
type Json = Record<string, any>;
/** The `count` rows after the first row whose first cell is `first` (a table's header). */
function tableAfter(rows: string[][], first: string, count: number): string[][] {
  const at = rows.findIndex((r) => r[0] === first);
  expect(at).toBeGreaterThanOrEqual(0);
  return rows.slice(at + 1, at + 1 + count);
}

// fixtures/loyalty.csv (servqual simulate --loyalty --n 600 --seed 18 --missing 0.01; its numbers
// are checked against R in test/cli/loyalty.test.ts): the workbook must hold the JSON report's
// loyalty numbers, at full precision.
describe('analyze --format xlsx: the loyalty sheets (the real binary)', () => {
  const args = ['analyze', 'fixtures/loyalty.csv', '--no-paths'];
  const book = join(dir, 'loyalty.xlsx');
  const written = servqual([...args, '--format', 'xlsx', '--out', book]);
  const doc = JSON.parse(servqual([...args, '--format', 'json']).stdout) as Json;
  const loyalty = doc.loyalty as Json;

  it('Loyalty types: each type; the attributes compared between true and spurious', async () => {
    expect(written.status, written.stderr).toBe(0);
    const rows = await sheetRows(book, 'Loyalty types');
    expect(rows[0]).toEqual([
      'Type',
      'n',
      'Share',
      '95% CI low (Wilson)',
      '95% CI high (Wilson)',
      'RQ n',
      'Mean RQ',
      'RQ SD',
      'Top survival factors',
    ]);
    loyalty.typology.types.forEach((t: Json, i: number) => {
      const r = rows[i + 1] ?? [];
      expect([n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7])]).toEqual([
        t.count,
        t.share,
        t.ci[0],
        t.ci[1],
        t.rq.n,
        t.rq.mean,
        t.rq.sd,
      ]);
      expect(r[8]?.startsWith(`${t.survivalFactors[0].id} (`)).toBe(true);
    });
    expect(rows.slice(1, 5).map((r) => r[0])).toEqual([
      'true loyalty',
      'latent loyalty',
      'spurious loyalty',
      'no loyalty',
    ]);
    const compared = tableAfter(rows, 'Attribute', loyalty.typology.spuriousVsTrue.length);
    expect(compared.map((r) => [r[0], n(r[3]), n(r[6]), n(r[7]), n(r[8])])).toEqual(
      loyalty.typology.spuriousVsTrue.map((d: Json) => [
        d.id,
        d.statistic,
        d.pAdjusted,
        d.means[0],
        d.means[1],
      ]),
    );
    // The text report's sentences follow the tables.
    expect(rows.map((r) => r[0])).toContain(loyalty.typology.message);
  });

  it('Penalty–reward: each attribute with RI, PI, RoI, SGP, DGP, IA, class, advice', async () => {
    const rows = await sheetRows(book, 'Penalty–reward');
    expect(rows[0]?.slice(0, 5)).toEqual(['Attribute', 'n', 'Low', 'High', 'RI (reward)']);
    loyalty.asymmetry.rows.forEach((a: Json, i: number) => {
      const r = rows[i + 1] ?? [];
      expect([r[0], n(r[1]), n(r[4]), n(r[7]), n(r[8]), n(r[11]), n(r[12]), n(r[15])]).toEqual([
        a.id,
        a.n,
        a.reward.estimate,
        a.reward.p,
        a.penalty.estimate,
        a.penalty.p,
        a.rangeOfImpact,
        a.asymmetry,
      ]);
      expect(r[17]).toBe(a.advice);
    });
    expect(rows.find((r) => r[0] === 'R² (joint regression)')?.[1]).toBe(
      String(loyalty.asymmetry.rSquared),
    );
  });

  it('Complaints: shares, loyalty by group, the Welch tests, response times', async () => {
    const rows = await sheetRows(book, 'Complaints');
    const c = loyalty.complaints;
    expect(rows.slice(1, 3).map((r) => [n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5])])).toEqual(
      [c.complained, c.silentDissatisfied].map((p: Json) => [p.n, p.count, p.share, ...p.ci]),
    );
    const groups = tableAfter(rows, 'Group', 4);
    expect(groups.map((r) => [n(r[1]), n(r[2]), n(r[3])])).toEqual(
      ['nonComplainers', 'resolved', 'partly', 'unresolved'].map((g) => [
        c.groups[g].n,
        c.groups[g].mean,
        c.groups[g].sd,
      ]),
    );
    const tests = tableAfter(rows, 'Comparison', c.tests.length);
    expect(tests.map((r) => [n(r[1]), n(r[2]), n(r[3]), n(r[7])])).toEqual(
      c.tests.map((x: Json) => [x.test.estimate, x.test.ci[0], x.test.ci[1], x.pAdjusted]),
    );
    const spearman = tableAfter(rows, "Spearman's ρ (response time, loyalty)", 1);
    expect(spearman[0]?.slice(0, 3).map(n)).toEqual([
      c.responseTime.spearman.rho,
      c.responseTime.spearman.n,
      c.responseTime.spearman.p,
    ]);
  });

  it('in Chinese: the sheets and their headers', async () => {
    const zh = join(dir, 'loyalty-zh.xlsx');
    expect(servqual([...args, '--format', 'xlsx', '--lang', 'zh', '--out', zh]).status).toBe(0);
    expect((await sheetRows(zh, '忠诚类型'))[0]?.slice(0, 3)).toEqual(['类型', '人数', '占比']);
    expect((await sheetRows(zh, '惩罚–奖励'))[1]?.[16]).toMatch(/因素|无明确影响|不规则/);
    const complaints = await sheetRows(zh, '投诉与补救');
    expect(complaints[1]?.[0]).toBe('投诉过（占回答者）');
  });

  it('a sheet only for the analyses the report has', async () => {
    const sheets = async (path: string): Promise<string[]> => {
      const names: string[] = [];
      for (const name of ['Loyalty types', 'Penalty–reward', 'Complaints']) {
        const r = await readTable(
          path,
          { header: () => {}, record: () => {} },
          { label: path, sheet: name },
        );
        if (r.problems.length === 0) names.push(name);
      }
      return names;
    };
    // The tiny instrument has no attitudinal items and the file no complaint column.
    const tiny = join(dir, 'tiny.xlsx');
    const instrument = ['--instrument', 'fixtures/tiny-instrument.json', '--no-paths'];
    const run = servqual([
      'analyze',
      'fixtures/tiny.csv',
      ...instrument,
      '--format',
      'xlsx',
      '--out',
      tiny,
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(await sheets(tiny)).toEqual(['Penalty–reward']);
    const none = join(dir, 'none.xlsx');
    expect(servqual([...args, '--no-loyalty', '--format', 'xlsx', '--out', none]).status).toBe(0);
    expect(await sheets(none)).toEqual([]);
  });
});
