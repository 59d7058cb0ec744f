import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../src/core/data/map-columns.js';
import { DEFAULT_INSTRUMENT_SOURCE } from '../../../src/core/instrument/default-instrument.js';
import { allAttributes } from '../../../src/core/instrument/types.js';
import { questionText } from '../../../src/core/survey/anchors.js';
import { type AnswerProblem, SURVEY_MESSAGES } from '../../../src/core/survey/survey-messages.js';
import { surveyMinutes, surveyPlan } from '../../../src/core/survey/survey-plan.js';
import { createSession } from '../../../src/core/survey/survey-session.js';
import { defaultInstrument, instrumentFrom, tinyInstrument } from '../../helpers.js';

describe('surveyPlan', () => {
  it('writes exactly the columns analyze reads, with and without the zone of tolerance', () => {
    for (const zot of [false, true]) {
      const plan = surveyPlan(defaultInstrument(), { zot });
      const { plan: columns, problems } = mapColumns(plan.header, defaultInstrument());
      expect(problems).toEqual([]);
      // --zot without the instrument's zotImportance: no importance, the adequate level is the
      // yardstick
      expect(columns.baseline).toBe(zot ? null : 'importance');
      expect([...columns.roles].sort()).toEqual(
        zot ? ['adequate', 'desired', 'performance'] : ['importance', 'performance'],
      );
      expect(columns.extras.map((i) => plan.header[i])).toEqual([
        'respondent_id',
        'completion',
        'segment',
        'tier',
        'complained',
        'resolved',
        'response_hours',
      ]);
    }
  });
  it('asks importance then performance per attribute, agreement only for outcomes', () => {
    const plan = surveyPlan(tinyInstrument(), { zot: false });
    expect(plan.header).toEqual([
      'respondent_id',
      'completion',
      'segment',
      'tier',
      's1_imp',
      's1_perf',
      's2_imp',
      's2_perf',
      'c1_imp',
      'c1_perf',
      'c2_imp',
      'c2_perf',
      'l1_perf',
    ]);
    expect(plan.questions.map((q) => `${q.column}:${q.kind}`)).toEqual([
      's1_imp:feature',
      's1_perf:feature',
      's2_imp:feature',
      's2_perf:feature',
      'c1_imp:feature',
      'c1_perf:feature',
      'c2_imp:feature',
      'c2_perf:feature',
      'l1_perf:statement',
    ]);
  });
  it('the default instrument: question counts with and without --zot (hand counts)', () => {
    // Without --zot: 22 SQ features × (importance, performance) + 15 RQ statements × (topic
    // importance, agreement) + 5 CL outcomes × agreement = 44 + 30 + 5 = 79.
    expect(surveyPlan(defaultInstrument(), { zot: false }).questions).toHaveLength(79);
    // With --zot (the default instrument does not set zotImportance): 22 × (adequate, desired,
    // perceived) + 15 statements × agreement + 5 outcomes = 66 + 15 + 5 = 86.
    expect(surveyPlan(defaultInstrument(), { zot: true }).questions).toHaveLength(86);
    // With "zotImportance": true: 22 × 4 + 15 × 2 + 5 = 123.
    const withImportance = instrumentFrom({ ...DEFAULT_INSTRUMENT_SOURCE, zotImportance: true });
    expect(surveyPlan(withImportance, { zot: true }).questions).toHaveLength(123);
    // Minutes on the welcome screen, with the 5 respondent fields (segment, tier and the three
    // complaint questions): ⌈(79 × 6 s + 5 × 10 s) / 60⌉ = ⌈524/60⌉ = 9;
    // --zot: ⌈(86 × 6 + 50) / 60⌉ = ⌈566/60⌉ = 10.
    expect(surveyMinutes(surveyPlan(defaultInstrument(), { zot: false }))).toBe(9);
    expect(surveyMinutes(surveyPlan(defaultInstrument(), { zot: true }))).toBe(10);
  });
  it(
    '--zot: adequate, desired, then perceived performance together per feature; ' +
      'statements agreement only',
    () => {
      const plan = surveyPlan(defaultInstrument(), { zot: true });
      expect(plan.questions.slice(0, 6).map((q) => q.column)).toEqual([
        'tan1_adeq',
        'tan1_des',
        'tan1_perf',
        'tan2_adeq',
        'tan2_des',
        'tan2_perf',
      ]);
      const int2 = plan.questions.filter((q) => q.attribute.id === 'int2');
      expect(int2.map((q) => q.column)).toEqual(['int2_perf']);
      // The statement's adequate and desired cells exist (analyze needs every role's column) but
      // stay empty.
      expect(plan.header).toContain('int2_adeq');
    },
  );
  it(
    'every RQ and CL item of the default instrument is a statement, ' +
      'every RQ one with a topic in en and zh',
    () => {
      for (const a of allAttributes(defaultInstrument())) {
        expect(a.kind).toBe(a.group === 'SQ' ? 'feature' : 'statement');
        if (a.group === 'RQ') {
          expect(a.topic?.en).toMatch(/^[a-z]/);
          expect(a.topic?.zh).toMatch(/[\u4e00-\u9fff]/);
        } else expect(a.topic).toBeNull();
      }
    },
  );
});

describe('questionText: the wording per kind and role', () => {
  const plan = surveyPlan(defaultInstrument(), { zot: true });
  const full = surveyPlan(defaultInstrument(), { zot: false });
  const find = (p: typeof plan, column: string) => {
    const q = p.questions.find((x) => x.column === column);
    if (q === undefined) throw new Error(column);
    return q;
  };
  it('a feature: its label with the role question', () => {
    expect(questionText(find(full, 'tan3_imp'), 'zh')).toEqual({
      title: '员工仪表整洁专业',
      question: '这一点对您有多重要？',
      anchors: ['非常不重要', '非常重要'],
    });
    expect(questionText(find(full, 'tan3_perf'), 'en')).toEqual({
      title: 'Staff who are neat and professional in appearance',
      question: 'How well do we do it?',
      anchors: ['very poor', 'excellent'],
    });
    expect(questionText(find(plan, 'tan3_adeq'), 'en').question).toBe(
      'What is the minimum level you would accept?',
    );
  });
  it(
    'a reverse-keyed statement is asked as worded, as agreement; ' +
      'its importance names its positive topic',
    () => {
      expect(questionText(find(full, 'con1_perf'), 'en')).toEqual({
        title: 'You feel angry with this firm',
        question: 'How much do you agree?',
        anchors: ['strongly disagree', 'strongly agree'],
      });
      expect(questionText(find(full, 'con1_perf'), 'zh')).toEqual({
        title: '您对这家公司感到生气',
        question: '您在多大程度上同意？',
        anchors: ['非常不同意', '非常同意'],
      });
      expect(questionText(find(full, 'con1_imp'), 'en')).toEqual({
        title: 'How important is this to you: not being given reasons to feel angry?',
        question: null,
        anchors: ['not at all important', 'extremely important'],
      });
      expect(questionText(find(full, 'int2_imp'), 'zh').title).toBe(
        '对您来说，“被诚实对待”有多重要？',
      );
      expect(questionText(find(full, 'com1_perf'), 'en').question).toBe('How much do you agree?');
      expect(questionText(find(full, 'recommend_perf'), 'zh').question).toBe(
        '您在多大程度上同意？',
      );
    },
  );
  it('a statement without a topic has no importance question', () => {
    const instrument = instrumentFrom({
      constructs: [
        {
          id: 'k',
          kind: 'statement',
          attributes: [
            { id: 'a1', label: 'You trust them' },
            { id: 'a2', label: 'They are honest', topic: 'honesty' },
            { id: 'a3', label: 'Fast', kind: 'feature' },
          ],
        },
      ],
    });
    const p = surveyPlan(instrument, { zot: false });
    expect(p.questions.map((q) => q.column)).toEqual([
      'a1_perf',
      'a2_imp',
      'a2_perf',
      'a3_imp',
      'a3_perf',
    ]);
    expect(p.header).toContain('a1_imp'); // written empty: analyze reads the same columns
  });
});

describe('the survey messages', () => {
  it('every message exists in English and Chinese, and the Chinese is Chinese', () => {
    // A problem of every kind, as `survey --answers` reports them.
    const problems: AnswerProblem[] = [
      { kind: 'header', found: 'a', expected: 'b', columns: 9 },
      { kind: 'header', found: null, expected: 'b', columns: 9 },
      { kind: 'header', found: 'a', expected: null, columns: 9 },
      { kind: 'fields', found: 3, expected: 9 },
      { kind: 'completion', found: 'done' },
      { kind: 'desired-below', column: 's1_des', desired: 2, adequate: 6 },
      { kind: 'hours', column: 'response_hours', found: 'abc' },
      { kind: 'rating', column: 's1_imp', found: '9', min: 1, max: 7 },
      { kind: 'unreadable', code: 'ENOENT' },
      { kind: 'unreadable', code: 'EISDIR' },
      { kind: 'unreadable', code: 'CSV_QUOTE_NOT_CLOSED' },
    ];
    const leaves = (value: unknown, path: string): Array<[string, unknown]> => {
      if (path === '.answerProblem')
        return problems.map((p, i) => [
          `${path}[${i}]`,
          (value as (p: AnswerProblem) => string)(p),
        ]);
      if (typeof value === 'function') {
        // Call with sample arguments; every argument type is a string or a number.
        const args = ['F', 3, 9, 1, 7].slice(0, value.length);
        return [[path, value(...args)]];
      }
      if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
      if (typeof value === 'object' && value !== null)
        return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
      return [[path, value]];
    };
    const flatten = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(flatten) : [String(v)]);
    const en = new Map(leaves(SURVEY_MESSAGES.en, ''));
    const zh = new Map(leaves(SURVEY_MESSAGES.zh, ''));
    expect([...zh.keys()]).toEqual([...en.keys()]);
    expect(en.size).toBeGreaterThan(50);
    for (const [key, value] of zh) {
      for (const text of flatten(value)) {
        expect(text, key).not.toBe('');
        expect(text, key).toMatch(/[\u4e00-\u9fff]/);
      }
      for (const text of flatten(en.get(key))) expect(text, key).toMatch(/[a-z]/i);
    }
  });
});

describe('createSession', () => {
  it(
    'answers, goes back, keeps not-applicable empty, ' +
      'marks the row complete or partial, and resumes',
    () => {
      const plan = surveyPlan(tinyInstrument(), { zot: false });
      const s = createSession(plan, 'R0007', { segment: 'retail', tier: '' });
      expect(s.back()).toBe(false);
      s.answer(7);
      s.answer(2);
      expect(s.back()).toBe(true);
      s.answer(null);
      expect(s.position).toBe(2);
      expect(s.row()).toEqual([
        'R0007',
        'partial',
        'retail',
        '',
        '7',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ]);
      const resumed = createSession(plan, 'R0007', {}, [7, null, 5]);
      expect(resumed.position).toBe(3);
      for (let i = 0; i < 6; i++) resumed.answer(4);
      expect(resumed.complete).toBe(true);
      resumed.answer(1); // past the end: ignored
      expect(resumed.row()).toEqual([
        'R0007',
        'complete',
        '',
        '',
        '7',
        '',
        '5',
        '4',
        '4',
        '4',
        '4',
        '4',
        '4',
      ]);
    },
  );
});
