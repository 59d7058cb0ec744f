import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../../src/core/rules/evaluate-rules.js';
import { parseRule, type Rule } from '../../../src/core/rules/parse-rule.js';
import { describeRuleError, describeViolation } from '../../../src/render/messages.js';
import { analyzeRecords, readFixture, simpleRecords, tinyInstrument } from '../../helpers.js';

const rule = (text: string): Rule => {
  const parsed = parseRule(text);
  if ('error' in parsed) throw new Error(parsed.error.message);
  return parsed.rule;
};

describe('parseRule', () => {
  it('reads the documented forms', () => {
    expect(rule('gap < -1.0')).toMatchObject({ metric: 'gap', target: null, op: '<', value: -1 });
    expect(rule('gap(reliability) < -0.5')).toMatchObject({
      metric: 'gap',
      target: 'reliability',
      value: -0.5,
    });
    expect(rule('significant-shortfalls > 3')).toMatchObject({
      metric: 'significant-shortfalls',
      op: '>',
      value: 3,
    });
    expect(rule('path SQ->RQ < 0.3')).toMatchObject({
      metric: 'path',
      path: ['SQ', 'RQ'],
      value: 0.3,
    });
    expect(rule('r2(CL) < 0.4')).toMatchObject({ metric: 'r2', target: 'CL' });
    expect(rule('  alpha>=.7 ')).toMatchObject({ metric: 'alpha', op: '>=', value: 0.7 });
    expect(rule('path try-new->CL != 0')).toMatchObject({ path: ['try-new', 'CL'], op: '!=' });
    expect(rule('srmr > 0.08')).toMatchObject({ metric: 'srmr', op: '>', value: 0.08 });
    expect(rule('f2(SQ->RQ) < 0.02')).toMatchObject({ metric: 'f2', path: ['SQ', 'RQ'] });
    expect(rule('f2 < 0.02')).toMatchObject({ metric: 'f2', path: null });
    expect(rule('q2predict(CUSL1) <= 0')).toMatchObject({ metric: 'q2predict', target: 'CUSL1' });
  });
  it('points at the bad character', () => {
    const bad = (text: string) => {
      const parsed = parseRule(text);
      if (!('error' in parsed)) throw new Error('parsed');
      return [parsed.error.column, parsed.error.message];
    };
    expect(bad('gap << 1')).toEqual([6, 'expected a number']);
    expect(bad('gpa < 1')).toEqual([
      1,
      'expected one of significant-shortfalls, gap, path, r2, alpha, rhoa, rhoc, ave, htmt, ' +
        'srmr, f2, q2predict, delta(gap), delta(performance), share, silent-dissatisfied',
    ]);
    expect(bad('path SQ-RQ < 1')).toEqual([11, 'expected "->"']);
    expect(bad('gap(rel < 1')).toEqual([9, 'expected ")"']);
    expect(bad('gap < 1 2')).toEqual([9, 'unexpected text after the number']);
    expect(bad('significant-shortfalls(x) > 1')).toEqual([
      23,
      'significant-shortfalls takes no (id)',
    ]);
    const parsed = parseRule('gap << 1');
    if (!('error' in parsed)) throw new Error('"gap << 1" parsed');
    expect(describeRuleError(parsed.error)).toBe(
      '--fail-on "gap << 1": expected a number at column 6\n  gap << 1\n       ^',
    );
  });
});

describe('evaluateRules on the tiny fixture (gaps from R, see test/core/gaps)', () => {
  const report = analyzeRecords(simpleRecords(readFixture('tiny.csv')), tinyInstrument());
  it('gap rules over any attribute, one attribute, one construct', () => {
    // s1 gap −2.1667, s2 −1.2, c1 0.8333, c2 0.6 (R t.test estimates); speed construct −1.6667
    const [any] = evaluateRules(report, [rule('gap < -1')]);
    expect(any?.offenders).toEqual([
      { id: 's1', value: -2.1666666666666665 },
      { id: 's2', value: -1.2 },
    ]);
    expect(describeViolation(any!)).toBe('fail: gap < -1 — s1 = -2.167, s2 = -1.200');
    expect(evaluateRules(report, [rule('gap(c1) < 0')])).toEqual([]);
    expect(evaluateRules(report, [rule('gap(speed) <= -1.5')])[0]?.offenders).toEqual([
      { id: 'speed', value: -1.6666666666666667 },
    ]);
  });
  it('significant shortfalls: none survive Holm in six respondents (s1 Holm p = 0.062)', () => {
    expect(evaluateRules(report, [rule('significant-shortfalls > 0')])).toEqual([]);
    expect(evaluateRules(report, [rule('significant-shortfalls == 0')])[0]?.offenders).toEqual([
      { id: 'significant shortfalls', value: 0 },
    ]);
  });
  it('a rule the report cannot answer trips as missing (no silent pass)', () => {
    const [v] = evaluateRules(report, [rule('path SQ->loyalty < 0.3')]);
    expect(v?.missing).toBe(true);
    expect(describeViolation(v!)).toBe(
      'fail: path SQ->loyalty < 0.3 — the report has no such path',
    );
    expect(evaluateRules(report, [rule('gap(nope) < 0')])[0]?.missing).toBe(true);
  });
  it('a rule whose every value is undefined trips as missing (no importance, no gap)', () => {
    // The same report without importance ratings: every gap is null (hand-made).
    const noGaps = {
      ...report,
      attributes: report.attributes.map((a) => ({ ...a, gap: null })),
      constructs: report.constructs.map((c) => ({ ...c, gap: null })),
    };
    const texts = ['gap < -1', 'gap(s1) > -100', 'gap(speed) != 0', 'significant-shortfalls > 3'];
    for (const text of texts) {
      const [v] = evaluateRules(noGaps, [rule(text)]);
      expect(v?.missing).toBe(true);
      expect(describeViolation(v!)).toMatch(/— the report has no such value/);
    }
    // One attribute without a gap beside others with one: the others decide.
    const oneMissing = {
      ...report,
      attributes: report.attributes.map((a, i) => (i === 0 ? { ...a, gap: null } : a)),
    };
    expect(evaluateRules(oneMissing, [rule('gap < -100')])).toEqual([]);
  });
});
