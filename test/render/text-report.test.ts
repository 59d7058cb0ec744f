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
  });
});

describe('text report details', () => {
  it('--top 0 prints no empty survival table (text and Markdown)', () => {
    const text = renderText(report(), { lang: 'en', color: false, width: 80, top: 0 });
    const lines = text.split('\n');
    const heading = lines.findIndex((l) => l.startsWith('Survival factors'));
    expect(lines[heading + 1]).not.toMatch(/^[┌+]/);
    const md = renderMarkdown(report(), { lang: 'en', top: 0 });
    expect(md).not.toContain('| # | attribute');
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
