import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { welchTTest } from '../../../src/core/stats/welch-t-test.js';
import { readFixture } from '../../helpers.js';
import { servqual } from '../../cli/run.js';

const close = (a: number | null | undefined, b: number, tol = 1e-9): void => {
  expect(a).not.toBeNull();
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
};

describe('welchTTest', () => {
  it('matches R t.test(y, x) (Welch)', () => {
    // R: x <- c(5,3,6,2,7,4,4,5); y <- c(6,5,6,4,7,6,3,7,7,5); t.test(y, x)
    const x = [5, 3, 6, 2, 7, 4, 4, 5];
    const y = [6, 5, 6, 4, 7, 6, 3, 7, 7, 5];
    const s = (v: number[]) => {
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      return {
        n: v.length,
        mean,
        sd: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)),
      };
    };
    const r = welchTTest(s(x), s(y));
    close(r.t, 1.54998652942917903);
    close(r.df, 13.74954311045774169);
    close(r.p, 0.14385069997546429);
    close(r.ci[0], -0.42472521616338549);
    close(r.ci[1], 2.62472521616338472);
    close(r.se, 0.70968358699549594);
  });
});

describe('servqual compare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'servqual-compare-'));
  const tiny = ['--instrument', 'fixtures/tiny-instrument.json'];
  // The after wave: fixtures/tiny.csv with s1_perf 4 3 5 5 2 6 → 5 5 5 5 3 6, so the s1 gaps go
  // from −3 −3 −2 0 −4 −1 to −2 −1 −2 0 −3 −1 (hand).
  const lines = readFixture('tiny.csv').trim().split('\n');
  /** fixtures/tiny.csv with each respondent's fields edited (respondent i, 0-based), as `name`. */
  const wave = (name: string, edit: (fields: string[], i: number) => void): string => {
    const path = join(dir, name);
    const rows = lines.slice(1).map((l, i) => {
      const f = l.split(',');
      edit(f, i);
      return f.join(',');
    });
    writeFileSync(path, `${[lines[0], ...rows].join('\n')}\n`);
    return path;
  };
  const newPerf = ['5', '5', '5', '5', '3', '6'];
  const after = wave('after.csv', (f, i) => {
    f[2] = newPerf[i] as string;
  });
  type Doc = {
    meta: { design: string; matched: number };
    rows: Array<{
      id: string;
      measure: string;
      before: { n: number; mean: number };
      after: { n: number; mean: number };
      delta: { estimate: number; t: number; df: number; p: number; ci: [number, number] };
    }>;
  };
  const run = (extra: string[]) =>
    JSON.parse(
      servqual(['compare', 'fixtures/tiny.csv', after, ...tiny, '--format', 'json', ...extra])
        .stdout,
    ) as Doc;

  const pairsById =
    'pairs the waves by respondent id: paired t on the changes (R t.test of the differences)';
  it(pairsById, () => {
    const doc = run(['--id-column', 'id']);
    expect(doc.meta).toMatchObject({ design: 'paired', matched: 6 });
    const s1 = doc.rows.find((r) => r.id === 's1' && r.measure === 'gap')!;
    // R (test/reference/compare.R): t.test(after - before) = t.test(c(1,2,0,0,1,0)):
    // estimate 0.6667, t = 2, df = 5, p = 0.10193947882985828, CI [−0.19019394521210456,
    // 1.5235272785454379]
    close(s1.delta.estimate, 0.66666666666666663);
    close(s1.delta.t, 2);
    expect(s1.delta.df).toBe(5);
    close(s1.delta.p, 0.10193947882985828);
    close(s1.delta.ci[0], -0.19019394521210456);
    close(s1.delta.ci[1], 1.5235272785454379);
  });
  it('paired: before and after are those rated in both waves (Δ = after − before)', () => {
    // The after wave of fixtures/tiny.csv without R1's s2 performance rating. s2 gaps (perf − imp,
    // hand): before R1…R5 −1, 0, −1, −3, −1 (R6 has none); after R2…R5 0, −1, −3, −1. Rated in
    // both: R2…R5, before mean −1.25, after −1.25, Δ 0 (over every rating before: −1.2).
    const missing = wave('after-missing.csv', (f, i) => {
      if (i === 0) f[4] = '';
    });
    const args = ['compare', 'fixtures/tiny.csv', missing, ...tiny, '--id-column', 'id'];
    const doc = JSON.parse(servqual([...args, '--format', 'json']).stdout) as Doc;
    expect(doc.meta.design).toBe('paired');
    const s2 = doc.rows.find((r) => r.id === 's2' && r.measure === 'gap')!;
    expect(s2.before).toEqual({ n: 4, mean: -1.25 });
    expect(s2.after).toEqual({ n: 4, mean: -1.25 });
    expect(s2.delta.estimate).toBe(0);
  });
  it('waves sharing only some ids are independent, and the report says how many they share', () => {
    // The after wave without R6: 5 of 6 ids in both (hand count).
    const fewer = join(dir, 'after-fewer.csv');
    writeFileSync(fewer, `${lines.slice(0, 6).join('\n')}\n`);
    const args = ['compare', 'fixtures/tiny.csv', fewer, ...tiny, '--id-column', 'id'];
    const doc = JSON.parse(servqual([...args, '--format', 'json']).stdout) as Doc & {
      meta: { ids: { before: number; after: number; shared: number } };
    };
    expect(doc.meta.design).toBe('independent');
    expect(doc.meta.ids).toEqual({ before: 6, after: 5, shared: 5 });
    expect(servqual([...args, '--width', '200']).stdout).toContain(
      'independent waves (Welch t-tests): 5 respondent ids are in both waves (of 6 and 5); ' +
        'pairing needs the same respondents in both',
    );
  });
  it('two waves with the same file name are named by their paths', () => {
    for (const year of ['y1', 'y2']) mkdirSync(join(dir, year), { recursive: true });
    const [first, second] = [join(dir, 'y1', 'wave.csv'), join(dir, 'y2', 'wave.csv')];
    writeFileSync(first, readFixture('tiny.csv'));
    writeFileSync(second, readFixture('tiny.csv'));
    const text = servqual(['compare', first, second, ...tiny, '--width', '200']).stdout;
    expect(text).toContain(`Change ${first} → ${second}`);
    // Distinct names: the file names alone.
    expect(servqual(['compare', 'fixtures/tiny.csv', after, ...tiny]).stdout).toContain(
      'Change tiny.csv → after.csv',
    );
  });
  it('without ids the waves are independent: Welch t (R t.test(after, before))', () => {
    const doc = run([]); // fixtures/tiny.csv has no respondent_id column
    expect(doc.meta.design).toBe('independent');
    const s1 = doc.rows.find((r) => r.id === 's1' && r.measure === 'gap')!;
    // R (test/reference/compare.R): t.test(c(-2,-1,-2,0,-3,-1), c(-3,-3,-2,0,-4,-1)):
    // t = 0.90350790290525107, df = 9.0365073391042543, p = 0.38970633014724942,
    // CI [−1.0014720784452216, 2.3348054117785546]
    close(s1.delta.estimate, 0.66666666666666652);
    close(s1.delta.t, 0.90350790290525107);
    close(s1.delta.df, 9.0365073391042543);
    close(s1.delta.p, 0.38970633014724942);
    close(s1.delta.ci[0], -1.0014720784452216);
    close(s1.delta.ci[1], 2.3348054117785546);
  });
  it('--fail-on "delta(gap) < …" sets exit 1; text lists improvements', () => {
    const r = servqual([
      'compare',
      after,
      'fixtures/tiny.csv',
      ...tiny,
      '--id-column',
      'id',
      '--fail-on',
      'delta(gap) < -0.3',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('fail: delta(gap) < -0.3 — s1 = -0.667\n');
    const ok = servqual([
      'compare',
      'fixtures/tiny.csv',
      after,
      ...tiny,
      '--id-column',
      'id',
      '--fail-on',
      'delta(gap) < -0.3',
    ]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(
      'paired by respondent id (6 respondents in both waves; paired t-tests)',
    );
    // A titled table, the label beside the id (s1 gap −2.17 → −1.50, hand: see the after wave
    // above)
    expect(ok.stdout).toMatch(/Biggest improvements \(change in gap, after − before\)\n┌/);
    expect(ok.stdout).toMatch(/│ s1 Answers within a day │ +−2\.17 │ +−1\.50 │ +0\.67 │/);
    // no empty rows: the outcome construct (l1, no gap) has no gap row
    expect(ok.stdout).not.toMatch(/— +│ +— +│ +— +│/);
  });
});
