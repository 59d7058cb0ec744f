import { describe, expect, it } from 'vitest';
import { displayWidth, wrap } from '../../src/render/display-width.js';
import { renderMarkdown } from '../../src/render/render-markdown.js';
import { renderText } from '../../src/render/render-text.js';
import { servqual } from '../cli/run.js';
import { analyzeRecords, readFixture, simpleRecords, tinyInstrument } from '../helpers.js';

const report = () => analyzeRecords(simpleRecords(readFixture('tiny.csv')), tinyInstrument());

describe('display width (UAX #11 East Asian Width)', () => {
  it('counts CJK as 2 columns, combining marks as 0, colour codes as 0 (hand counts)', () => {
    expect(displayWidth('gap')).toBe(3);
    expect(displayWidth('差距')).toBe(4);
    expect(displayWidth('P̄ − Ī')).toBe(5); // P + U+0304 (0) + space + − + space + Ī (precomposed)
    expect(displayWidth('（种子）')).toBe(8); // fullwidth brackets are wide
    expect(displayWidth('\u001b[31m−1.67\u001b[39m')).toBe(5);
  });
  it('wraps Chinese between characters and English at spaces, never past the width', () => {
    expect(wrap('第一次就把服务做对', 8)).toEqual(['第一次就', '把服务做', '对']);
    expect(wrap('Gets the service right', 10)).toEqual(['Gets the', 'service', 'right']);
    // brackets stay with the character they enclose
    expect(wrap('按承诺的时间（完成）', 6)).toEqual(['按承诺', '的时间', '（完', '成）']);
    // a number keeps its percent sign: no line starts with "%"
    expect(wrap('置信区间 4 %–10 %', 9)).toEqual(['置信区间', '4 %–10 %']);
    expect(wrap('share 6 % of all', 7)).toEqual(['share', '6 % of', 'all']);
  });
});

describe('text report details', () => {
  it('performance ratings only: constructs and every attribute with mean and SD, no gap', () => {
    // tiny.csv without its importance columns (keep id, the *_perf columns and l1).
    const csv = readFixture('tiny.csv')
      .split('\n')
      .map((line) =>
        line
          .split(',')
          .filter((_, i) => [0, 2, 4, 6, 8, 9].includes(i))
          .join(','),
      )
      .join('\n');
    const perfOnly = analyzeRecords(simpleRecords(csv), tinyInstrument());
    const text = renderText(perfOnly, { lang: 'en', color: false, width: 80, top: 10 });
    expect(text).not.toMatch(/\bgap\b|p \(Holm\)/);
    const row = (id: string) => text.split('\n').find((l) => l.startsWith(`│ ${id} `)) ?? '';
    // Hand arithmetic from fixtures/tiny.csv: s1 4,3,5,5,2,6 → 25/6 = 4.17, SD 1.47; s2 (one
    // blank) 5,7,4,3,6 → 5.00, SD 1.58; c2 reverse-keyed 8 − (3,2,5,1,4,2) → 31/6 = 5.17;
    // speed, each respondent's mean of s1 and s2: 4.5, 5, 4.5, 4, 4, 6 → 28/6 = 4.67,
    // SD √(2.833/5) = 0.75.
    expect(row('s1').replace(/\s+/g, ' ')).toBe('│ s1 Answers within a day │ 6 │ 4.17 │ 1.47 │');
    expect(row('s2').replace(/\s+/g, ' ')).toBe('│ s2 Delivers on time │ 5 │ 5.00 │ 1.58 │');
    expect(row('c2')).toContain('│ 5.17 │');
    expect(row('speed')).toMatch(/│ 6 │ 4\.67 │ 0\.75 │$/);
  });

  it('at width 40 a table too wide is cut after its labels narrow: the numbers stay', () => {
    const r = servqual(['analyze', 'fixtures/sample.csv', '--bootstrap', '0', '--width', '40']);
    const survival = r.stdout.slice(r.stdout.indexOf('Survival factors ('));
    // res2's gap −2.14 and its interval (README's example) are on screen, not cut off.
    expect(survival).toMatch(/│ {2}1 │ res2 +│ +−2\.14 │/);
    expect(survival).toContain('[−2.29, −1.99]');
  });
  it('--top 0 prints no survival table nor its heading (text and Markdown)', () => {
    const text = renderText(report(), { lang: 'en', color: false, width: 80, top: 0 });
    expect(text).not.toContain('Survival factors (');
    expect(text).toMatch(/^2 survival factors/m); // the headline still counts them
    const md = renderMarkdown(report(), { lang: 'en', top: 0 });
    expect(md).not.toContain('| # | attribute');
    expect(md).not.toContain('## Survival factors');
  });

  it('the IPA map: points drawn + points it says it could not draw = all points', () => {
    for (const width of [60, 80, 100]) {
      const run = servqual([
        'analyze',
        'fixtures/sample.csv',
        '--no-paths',
        '--width',
        String(width),
      ]);
      const lines = run.stdout.split('\n');
      const start = lines.indexOf('Importance–performance map');
      const grid = lines.slice(start + 3, start + 16).map((l) => l.slice(7));
      const drawn = grid.join('').replace(/[^0-9•]/g, '').length;
      const said = /(\d+) points? could not be drawn separately/.exec(run.stdout);
      const hidden = said === null ? 0 : Number(said[1]);
      // sample.csv: 37 attributes with an importance column (37 *_imp headers), each in a quadrant
      expect(drawn + hidden).toBe(37);
    }
  });
});
