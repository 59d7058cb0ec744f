import { describe, expect, it } from 'vitest';
import { renderCsv, text as csvText } from '../../src/render/render-csv.js';
import { renderJson } from '../../src/render/render-json.js';
import { renderMarkdown } from '../../src/render/render-markdown.js';
import { renderText } from '../../src/render/render-text.js';
import { expectGolden } from '../golden.js';
import { analyzeRecords, readFixture, simpleRecords, tinyInstrument } from '../helpers.js';

// Golden files (test/golden/): the renderers' output for the tiny fixture; see test/golden.ts.
const report = () => analyzeRecords(simpleRecords(readFixture('tiny.csv')), tinyInstrument());

describe('renderers (golden files)', () => {
  it('text, English, no colour, 100 columns', () => {
    expectGolden(
      'tiny.en.txt',
      renderText(report(), { lang: 'en', color: false, width: 100, top: 10 }),
    );
  });
  it('text, plain ASCII for a non-UTF-8 terminal', () => {
    const text = renderText(report(), {
      lang: 'en',
      color: false,
      width: 100,
      top: 10,
      unicode: false,
    });
    expect(text).not.toMatch(/[─│┌┐└┘├┤┬┴┼•↑→]/);
    expectGolden('tiny.ascii.txt', text);
  });
  it('text, Chinese', () => {
    expectGolden(
      'tiny.zh.txt',
      renderText(report(), { lang: 'zh', color: false, width: 100, top: 10 }),
    );
  });
  it('Markdown', () => {
    expectGolden('tiny.md', renderMarkdown(report(), { lang: 'en', top: 10 }));
  });
  it('CSV', () => {
    expectGolden('tiny.csv', renderCsv(report(), { lang: 'en' }));
  });
  it('text with colour marks significant shortfalls red', () => {
    const coloured = renderText(report(), { lang: 'en', color: true, width: 100, top: 10 });
    expect(coloured).toContain('\u001b[31m−1.67\u001b[39m'); // speed: gap −1.67, Holm p 0.0016
  });
  it('JSON keeps full precision and writes undefined statistics as null', () => {
    const doc = JSON.parse(renderJson(report(), { lang: 'en' })) as {
      attributes: Array<{ id: string; gap: { mean: number } | null; importance?: unknown }>;
    };
    expect(doc.attributes[0]?.gap?.mean).toBe(-2.1666666666666665);
    expect(doc.attributes.find((a) => a.id === 'l1')).toMatchObject({ gap: null });
    expect(doc.attributes.find((a) => a.id === 'l1')).not.toHaveProperty('importance');
  });
  it('CSV survival table: rank order, reason in words', () => {
    const lines = renderCsv(report(), { lang: 'en', table: 'survival' }).trim().split('\n');
    expect(lines[0]).toBe(
      [
        'rank,id,construct,label,priority,importance,performance,gap,gap_ci_low,gap_ci_high',
        'p_holm,significant,quadrant,important_share,reason,impact_class,impact_advice',
      ].join(','),
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['1,s1', '2,s2']);
    expect(lines[1]).toMatch(
      new RegExp(
        /,concentrate,1,"important to 100 % of respondents, /.source +
          /rated 2\.2 below importance; not significant",,$/.source,
      ),
    );
  });
  it('CSV neutralises formulas in text cells (OWASP), numbers stay numbers', () => {
    expect(['=SUM(A1)', '+1', '-x', '@cmd', '\tx', '\rx', 'ok'].map(csvText)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-x",
      "'@cmd",
      // Tab and CR are control characters: shown escaped (safe-text), so they no longer lead.
      '\\u0009x',
      '\\u000Dx',
      'ok',
    ]);
    expect(renderCsv(report(), { lang: 'en' }).split('\n')[1]).toMatch(
      /^s1,speed,SQ,Answers within a day,false,6,6\.333333333333333,/,
    );
  });
});
