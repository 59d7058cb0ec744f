import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { olsSlope } from '../../../src/core/compare/wave-trend.js';
import { readFixture } from '../../helpers.js';
import { servqual } from '../../cli/run.js';

const close = (a: number | undefined, b: number, tol = 1e-9): void => {
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
};

describe('olsSlope: the trend across waves', () => {
  it('matches R summary(lm(y ~ x)) and confint (test/reference/trend/ols-slope.R)', () => {
    const x = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
    const y = [-3, -2, 0, -1, 0, 1, -1, 0, 2, 1];
    const r = olsSlope(x, y);
    close(r.estimate, 1.0579710144927539);
    close(r.se, 0.47351621022332013);
    close(r.t, 2.2342867924073659);
    close(r.p, 0.055921721436832141, 1e-7);
    close(r.ci[0], -0.033959324368427524, 1e-7);
    close(r.ci[1], 2.1499013533539353, 1e-7);
    expect(r.df).toBe(8);
  });
});

describe('servqual compare with three waves (the real binary)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'servqual-trend-'));
  const tiny = ['--instrument', 'fixtures/tiny-instrument.json'];
  // Waves 2 and 3: fixtures/tiny.csv with s1_perf raised by 1 and by 2 (capped at 7), so the s1
  // gaps (−3 −3 −2 0 −4 −1 in wave 1; hand) rise by 1 and then by 2, except where capped.
  const lines = readFixture('tiny.csv').trim().split('\n');
  const wave = (k: number): string => {
    const file = join(dir, `w${k}.csv`);
    writeFileSync(
      file,
      `${[
        lines[0],
        ...lines.slice(1).map((l) => {
          const f = l.split(',');
          f[2] = String(Math.min(7, Number(f[2]) + k - 1));
          return f.join(',');
        }),
      ].join('\n')}\n`,
    );
    return file;
  };
  const files = [wave(1), wave(2), wave(3)];
  type Doc = {
    waves: string[];
    pairs: Array<{ meta: { before: string; after: string } }>;
    trends: Array<{
      id: string;
      measure: string;
      means: Array<{ mean: number }>;
      slope: { estimate: number };
    }>;
    meta: { before: string; after: string };
    labels: Record<string, { en?: string }>;
  };

  it('compares each consecutive pair, the latest change at the top level, and the trend', () => {
    const r = servqual(['compare', ...files, ...tiny, '--format', 'json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.waves).toEqual(files);
    expect(doc.pairs.map((p) => [p.meta.before, p.meta.after])).toEqual([
      [files[0], files[1]],
      [files[1], files[2]],
    ]);
    expect([doc.meta.before, doc.meta.after]).toEqual([files[1], files[2]]);
    expect(doc.labels['s1']?.en).toBe('Answers within a day');
    const s1 = doc.trends.find((t) => t.id === 's1' && t.measure === 'performance');
    // s1_perf per wave: 4 3 5 5 2 6 → mean 25/6; +1 each → 31/6; +2 each, 8 capped at 7 → 36/6
    // (hand)
    close(s1?.means[0]?.mean, 25 / 6);
    close(s1?.means[1]?.mean, 31 / 6);
    close(s1?.means[2]?.mean, 36 / 6);
    // equal n per wave, x = 0 1 2: slope = (mean₃ − mean₁) / 2 = (11/6) / 2 = 11/12 (hand)
    close(s1?.slope.estimate, 11 / 12);
  });

  it('is in every format: titled tables, labels beside ids, HTML with a trend chart', () => {
    const text = servqual(['compare', ...files, ...tiny, '--no-color', '--width', '80']).stdout;
    expect(text).toContain('Trend across waves (gap; slope = change per wave, OLS)');
    // tiny has 4 attributes with a gap: with --top 1 the table shows the steepest 2 of 4.
    const top1 = servqual(['compare', ...files, ...tiny, '--top', '1', '--width', '100']).stdout;
    expect(top1).toContain('OLS): the steepest 2 of 4');
    expect(text).toMatch(/│ s1 Answers within a day/);
    const html = servqual(['compare', ...files, ...tiny, '--format', 'html']).stdout;
    expect(html).toContain('data-chart="trend"');
    // Red means a significant fall here, and no trend line borrows the red or the blue.
    expect(html).toContain('significant fall (Δ &lt; 0, Holm p &lt; 0.05)');
    const chart = html.slice(html.indexOf('data-chart="trend"'));
    expect(chart.slice(0, chart.indexOf('</svg>'))).not.toMatch(/#c0392b|#2c6fbb/);
    expect(html).toContain('<caption>');
    const md = servqual(['compare', ...files, ...tiny, '--format', 'markdown']).stdout;
    expect(md).toContain('## Change w1.csv → w2.csv');
    const csv = servqual(['compare', ...files, ...tiny, '--format', 'csv']).stdout;
    expect(csv.split('\n')[0]).toMatch(/,design,from_wave,to_wave$/);
    expect(csv).toMatch(/,trend,/);
    const zh = servqual(['compare', ...files, ...tiny, '--lang', 'zh', '--width', '80']).stdout;
    expect(zh).toContain('各波次趋势');
    expect(servqual(['compare', files[0] as string, ...tiny]).status).toBe(2);
  });
});
