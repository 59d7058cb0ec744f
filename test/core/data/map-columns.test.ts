import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../src/core/data/map-columns.js';
import { LIMITS } from '../../../src/core/limits.js';
import { parseRating } from '../../../src/core/data/parse-rating.js';
import { formatProblem } from '../../../src/render/messages.js';
import { instrumentFrom, tinyInstrument } from '../../helpers.js';

const header = 'id,s1_imp,s1_perf,s2_imp,s2_perf,c1_imp,c1_perf,c2_imp,c2_perf,l1'.split(',');

describe('mapColumns', () => {
  it('finds default column names, outcome items by bare id, extras carried', () => {
    const { plan, problems } = mapColumns(header, tinyInstrument());
    expect(problems).toEqual([]);
    expect(plan.baseline).toBe('importance');
    expect([...plan.roles].sort()).toEqual(['importance', 'performance']);
    expect(plan.used.map((u) => `${u.header}:${u.attribute.id}:${u.role}`)).toContain(
      'l1:l1:performance',
    );
    expect(plan.extras).toEqual([0]);
  });
  it('a header of 100 000 columns, most of them empty: each repeated name one warning', () => {
    // Columns of one name were collected by copying the list for each (quadratic: 90 s for this
    // header, in a CSV file of 100 KB, beyond the suite's 30 s a test; now appended in place).
    const wide = [...header, ...Array.from({ length: LIMITS.columns - header.length }, () => '')];
    const { problems } = mapColumns(wide, tinyInstrument());
    expect(problems.filter((p) => p.code === 'duplicate-header')).toHaveLength(
      LIMITS.columns - header.length - 1,
    );
  });
  it('performance only: no baseline, no problem', () => {
    const { plan, problems } = mapColumns(
      ['c1_perf', 'c2_perf', 's1_perf', 's2_perf', 'l1_perf'],
      tinyInstrument(),
    );
    expect(problems).toEqual([]);
    expect(plan.baseline).toBeNull();
  });
  it('expectation as the baseline when there is no importance', () => {
    const h = header.map((x) => x.replace('_imp', '_exp'));
    expect(mapColumns(h, tinyInstrument()).plan.baseline).toBe('expectation');
  });
  it('explicit columns and case-insensitive matching', () => {
    const instrument = instrumentFrom({
      scale: { min: 1, max: 5 },
      constructs: [
        {
          id: 'k',
          group: 'SQ',
          attributes: [{ id: 'a', columns: { importance: 'IMP1', performance: 'PERF1' } }],
        },
      ],
    });
    const { plan, problems } = mapColumns(['imp1', 'PERF1'], instrument);
    expect(problems).toEqual([]);
    expect(plan.used.map((u) => u.index)).toEqual([0, 1]);
  });
  it('a missing column is an error with a did-you-mean; duplicates flagged', () => {
    const h = [...header];
    h[4] = 's2_pref';
    h.push('id', 'c1_perf');
    const { problems } = mapColumns(h, tinyInstrument(), { file: 'f.csv' });
    expect(problems.map(formatProblem)).toEqual([
      'f.csv:1: missing column "s2_perf" for s2 (performance) — did you mean "s2_pref"?',
      'f.csv:1:11: warning: duplicate header "id" (also column 1)',
      'f.csv:1:12: duplicate header "c1_perf" (also column 7): ' +
        'the instrument reads this column, rename one',
    ]);
  });
  it('headers named __proto__ or constructor are ordinary extra columns', () => {
    const { plan, problems } = mapColumns(
      ['__proto__', 'constructor', ...header],
      tinyInstrument(),
    );
    expect(problems).toEqual([]);
    expect(plan.extras).toEqual([0, 1, 2]);
  });
  it('--baseline expectation without expectation columns', () => {
    const { problems } = mapColumns(header, tinyInstrument(), { baseline: 'expectation' });
    expect(problems.map((p) => p.code)).toEqual(['missing-baseline']);
  });
});

describe('parseRating', () => {
  it('numbers, missing markers, garbage', () => {
    expect(parseRating('5')).toBe(5);
    expect(parseRating(' 4.5 ')).toBe(4.5);
    expect(parseRating('-1')).toBe(-1);
    for (const m of ['', ' ', 'NA', 'n/a', 'N/A', '.']) expect(parseRating(m)).toBeNaN();
    for (const bad of ['abc', '0x10', 'Infinity', '5 stars', '1,5'])
      expect(parseRating(bad)).toBeUndefined();
    expect(parseRating('4,5', true)).toBe(4.5);
  });
});
