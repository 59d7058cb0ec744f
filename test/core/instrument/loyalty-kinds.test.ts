import { describe, expect, it } from 'vitest';
import { parseInstrument } from '../../../src/core/instrument/parse-instrument.js';
import { allAttributes } from '../../../src/core/instrument/types.js';
import { surveyPlan } from '../../../src/core/survey/survey-plan.js';
import { defaultInstrument } from '../../helpers.js';

const minimal = (attribute: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  constructs: [
    { id: 'q', group: 'SQ', attributes: [{ id: 'a1' }] },
    { id: 'CL', group: 'CL', attributes: [attribute] },
  ],
  ...extra,
});

describe('instrument: loyalty kinds and complaint fields', () => {
  it('the default instrument marks behavioural and attitudinal items', () => {
    const kinds = Object.fromEntries(
      allAttributes(defaultInstrument())
        .filter((a) => a.outcome)
        .map((a) => [a.id, a.loyalty]),
    );
    expect(kinds).toEqual({
      repurchase: 'behavioural',
      wallet: 'behavioural',
      recommend: 'attitudinal',
      forgive: 'attitudinal',
      try_new: 'attitudinal',
    });
  });
  const complaintQuestions =
    'the default instrument declares the optional complaint questions, in English and Chinese';
  it(complaintQuestions, () => {
    const fields = defaultInstrument().respondentFields;
    expect(fields.map((f) => [f.id, f.meaning ?? null, f.choices])).toEqual([
      ['segment', null, null],
      ['tier', null, null],
      ['complained', 'complained', ['yes', 'no']],
      ['resolved', 'resolved', ['yes', 'partly', 'no']],
      ['response_hours', 'response-hours', null],
    ]);
    for (const f of fields) expect(f.label.zh ?? '').not.toBe('');
    expect(surveyPlan(defaultInstrument(), { zot: false }).header.slice(0, 7)).toEqual([
      'respondent_id',
      'completion',
      'segment',
      'tier',
      'complained',
      'resolved',
      'response_hours',
    ]);
  });
  it('reads "loyalty" and "meaning"; rejects unknown ones and kinds on non-outcome items', () => {
    const ok = parseInstrument(
      minimal(
        { id: 'rec', loyalty: 'attitudinal' },
        { respondentFields: [{ id: 'c', meaning: 'complained', choices: ['yes', 'no'] }] },
      ),
    );
    expect(ok.problems).toEqual([]);
    expect(ok.instrument?.constructs[1]?.attributes[0]?.loyalty).toBe('attitudinal');
    expect(ok.instrument?.respondentFields[0]?.meaning).toBe('complained');
    const bad = parseInstrument(
      minimal(
        { id: 'rec', loyalty: 'emotional' },
        { respondentFields: [{ id: 'c', meaning: 'angry' }] },
      ),
    );
    expect(bad.instrument).toBeNull();
    expect(bad.problems.map((p) => p.path)).toEqual([
      'constructs[1].attributes[0].loyalty',
      'respondentFields[0].meaning',
    ]);
    const misplaced = parseInstrument({
      constructs: [{ id: 'q', group: 'SQ', attributes: [{ id: 'a1', loyalty: 'behavioural' }] }],
    });
    expect(misplaced.problems[0]?.path).toBe('constructs[0].attributes[0].loyalty');
  });
  it('a custom instrument without respondentFields asks segment and tier only', () => {
    const { instrument } = parseInstrument(minimal({ id: 'rec' }));
    expect(instrument?.respondentFields.map((f) => f.id)).toEqual(['segment', 'tier']);
  });
});
