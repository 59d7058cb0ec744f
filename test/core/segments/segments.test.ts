import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneAttributeSet, tally } from './one-attribute-tallies.js';
import { compareSegments } from '../../../src/core/segments/compare-segments.js';
import { kruskalWallis } from '../../../src/core/stats/kruskal-wallis.js';
import { servqual } from '../../cli/run.js';

const close = (a: number | undefined, b: number, tol = 1e-9): void =>
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
const set = oneAttributeSet;

describe('kruskalWallis', () => {
  it('matches R kruskal.test, ties included', () => {
    // R: kruskal.test(c(1,2,2,3,5,5,4), factor(c("a","a","b","b","c","c","c"))) →
    // 5.166666666666667, df 2, p 0.075521844508773764
    const r = kruskalWallis([tally([1, 2]), tally([2, 3]), tally([5, 5, 4])]);
    close(r.statistic, 5.166666666666667);
    expect(r.df).toBe(2);
    close(r.p, 0.075521844508773764);
  });
});

describe('compareSegments', () => {
  it('two segments: Welch t, second minus first (R t.test(c(3,4,4,5,6), c(2,2,3,5)))', () => {
    const [d] = compareSegments(
      [
        { value: 'a', tallies: set(tally([2, 2, 3, 5])) },
        { value: 'b', tallies: set(tally([3, 4, 4, 5, 6])) },
      ],
      ['a1'],
      { hasBaseline: true },
    );
    // R: t = 1.60591013709393260, df = 5.76255404057199794, p = 0.16144603718476178
    expect(d?.test).toBe('welch');
    close(d?.statistic, 1.6059101370939326);
    close(d?.df, 5.762554040571998);
    close(d?.p, 0.16144603718476178);
    expect(d?.means).toEqual([3, 4.4]);
  });
  it('three segments: Kruskal–Wallis', () => {
    const [d] = compareSegments(
      [
        { value: 'a', tallies: set(tally([1, 2])) },
        { value: 'b', tallies: set(tally([2, 3])) },
        { value: 'c', tallies: set(tally([5, 5, 4])) },
      ],
      ['a1'],
      { hasBaseline: true },
    );
    expect(d?.test).toBe('kruskal-wallis');
    close(d?.p, 0.075521844508773764);
  });
});

describe('servqual analyze --segment-by', () => {
  it('per-segment survival factors and the attributes that differ', () => {
    const dir = mkdtempSync(join(tmpdir(), 'servqual-seg-'));
    const file = join(dir, 'seg.csv');
    // s1 gap: segment "x" −3 every time, segment "y" 0 every time (with a little spread) → a clear
    // difference
    const rows = Array.from({ length: 20 }, (_, i) =>
      i < 10 ? `R${i},x,7,${4 + (i % 2)},6,5,5,6,4,3,6` : `R${i},y,5,${5 + (i % 2)},6,5,5,6,4,3,6`,
    );
    writeFileSync(
      file,
      `id,seg,s1_imp,s1_perf,s2_imp,s2_perf,c1_imp,c1_perf,c2_imp,c2_perf,l1\n${rows.join('\n')}\n`,
    );
    const r = servqual([
      'analyze',
      file,
      '--instrument',
      'fixtures/tiny-instrument.json',
      '--no-paths',
      '--segment-by',
      'seg',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      segments: {
        column: string;
        segments: Array<{
          value: string;
          respondents: number;
          survivalFactors: Array<{ id: string }>;
        }>;
        differences: Array<{ id: string; test: string; pAdjusted: number; means: number[] }>;
      };
    };
    expect(doc.segments.segments.map((s) => [s.value, s.respondents])).toEqual([
      ['x', 10],
      ['y', 10],
    ]);
    expect(doc.segments.segments[0]?.survivalFactors[0]?.id).toBe('s1');
    const s1 = doc.segments.differences.find((d) => d.id === 's1');
    expect(s1?.test).toBe('welch');
    expect(s1?.means).toEqual([-2.5, 0.5]); // x: 4.5 − 7; y: 5.5 − 5 (hand)
    expect(s1?.pAdjusted).toBeLessThan(0.001);
    const text = servqual([
      'analyze',
      file,
      '--instrument',
      'fixtures/tiny-instrument.json',
      '--no-paths',
      '--segment-by',
      'seg',
    ]).stdout;
    expect(text).toContain('Segments (seg): survival rank and gap per attribute');
    // Hand: gaps x −3 −2 …, y 0 1 … (sd √(5/18) = 0.527 each); SE = √(2 · 0.2778/10) = 0.2357; t =
    // 3/0.2357 = 12.73
    expect(text).toMatch(
      / {2}s1: Welch t = 12\.73, df = 18\.0, p \(Holm\) < 0\.001; gap x: −2\.50 · y: 0\.50/,
    );
  });
});
