import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../src/core/data/map-columns.js';
import { surveyPlan } from '../../../src/core/survey/survey-plan.js';
import { createSession } from '../../../src/core/survey/survey-session.js';
import { defaultInstrument, tinyInstrument } from '../../helpers.js';

describe('surveyPlan', () => {
  it('writes exactly the columns analyze reads, with and without the zone of tolerance', () => {
    for (const zot of [false, true]) {
      const plan = surveyPlan(defaultInstrument(), { zot });
      const { plan: columns, problems } = mapColumns(plan.header, defaultInstrument());
      expect(problems).toEqual([]);
      expect(columns.baseline).toBe('importance');
      expect([...columns.roles].sort()).toEqual(
        zot ? ['adequate', 'desired', 'importance', 'performance'] : ['importance', 'performance'],
      );
    }
  });
  it('asks importance then performance per attribute, agreement only for outcomes', () => {
    const plan = surveyPlan(tinyInstrument(), { zot: false });
    expect(plan.header).toEqual([
      'respondent_id',
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
    // 22 SQ + 15 RQ attributes × 2 + 5 outcomes = 79 questions (hand)
    expect(surveyPlan(defaultInstrument(), { zot: false }).questions).toHaveLength(79);
    expect(surveyPlan(defaultInstrument(), { zot: true }).questions).toHaveLength(37 * 4 + 5);
  });
});

describe('createSession', () => {
  it('answers, goes back, keeps not-applicable empty, and resumes', () => {
    const plan = surveyPlan(tinyInstrument(), { zot: false });
    const s = createSession(plan, 'R0007', { segment: 'retail', tier: '' });
    expect(s.back()).toBe(false);
    s.answer(7);
    s.answer(2);
    expect(s.back()).toBe(true);
    s.answer(null);
    expect(s.position).toBe(2);
    expect(s.row()).toEqual(['R0007', 'retail', '', '7', '', '', '', '', '', '', '', '']);
    const resumed = createSession(plan, 'R0007', {}, [7, null, 5]);
    expect(resumed.position).toBe(3);
    for (let i = 0; i < 6; i++) resumed.answer(4);
    expect(resumed.complete).toBe(true);
    resumed.answer(1); // past the end: ignored
    expect(resumed.row()).toHaveLength(plan.header.length);
  });
});
