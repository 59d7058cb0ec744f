import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT_SOURCE } from '../../../src/core/instrument/default-instrument.js';
import { parseInstrument } from '../../../src/core/instrument/parse-instrument.js';
import { allAttributes } from '../../../src/core/instrument/types.js';
import { formatProblem } from '../../../src/render/messages.js';

describe('the default instrument', () => {
  const { instrument, problems } = parseInstrument(DEFAULT_INSTRUMENT_SOURCE);
  it('parses without problems', () => {
    expect(problems).toEqual([]);
    expect(instrument).not.toBeNull();
  });
  it('has 22 SQ attributes in 5 dimensions, 5 RQ dimensions of 3, 5 loyalty outcomes', () => {
    const attrs = allAttributes(instrument!);
    const sq = instrument!.constructs.filter((c) => c.group === 'SQ' && c.attributes.length > 0);
    expect(sq.map((c) => c.id)).toEqual([
      'tangibles',
      'reliability',
      'responsiveness',
      'assurance',
      'empathy',
    ]);
    expect(attrs.filter((a) => a.group === 'SQ')).toHaveLength(22);
    const rq = instrument!.constructs.filter((c) => c.group === 'RQ' && c.attributes.length > 0);
    expect(rq.map((c) => c.attributes.length)).toEqual([3, 3, 3, 3, 3]);
    expect(attrs.filter((a) => a.reverse).map((a) => a.construct)).toEqual([
      'affective_conflict',
      'affective_conflict',
      'affective_conflict',
    ]);
    expect(attrs.filter((a) => a.outcome).map((a) => a.id)).toEqual([
      'repurchase',
      'wallet',
      'recommend',
      'forgive',
      'try_new',
    ]);
    expect(instrument!.paths).toEqual([
      ['SQ', 'RQ'],
      ['RQ', 'CL'],
      ['SQ', 'CL'],
    ]);
  });
  it('labels every attribute and construct in English and Chinese', () => {
    for (const c of instrument!.constructs) {
      expect(c.label.zh).toMatch(/\p{Script=Han}/u);
      for (const a of c.attributes)
        expect([a.label.en.length > 0, /\p{Script=Han}/u.test(a.label.zh ?? '')]).toEqual([
          true,
          true,
        ]);
    }
  });
});

describe('instrument problems name their JSON path', () => {
  interface RawInstrument {
    name: string;
    scale: unknown;
    constructs: Array<{
      id: string;
      group: string;
      attributes?: Array<Record<string, unknown>>;
      dimensions?: string[];
    }>;
    paths: string[][];
  }
  const base = (): RawInstrument => ({
    name: 'x',
    scale: { min: 1, max: 5 },
    constructs: [
      {
        id: 'reliability',
        group: 'SQ',
        attributes: [
          { id: 'rel1', label: 'a' },
          { id: 'rel2', label: 'b' },
        ],
      },
      {
        id: 'speed',
        group: 'SQ',
        attributes: [{ id: 'sp1', label: 'c' }],
      },
      { id: 'SQ', group: 'SQ', dimensions: ['reliability', 'speed'] },
      {
        id: 'loyal',
        group: 'CL',
        attributes: [{ id: 'l1', label: 'd', scale: { min: 0, max: 10 } }],
      },
    ],
    paths: [['SQ', 'loyal']],
  });
  const messages = (raw: unknown) => parseInstrument(raw, 'i.json').problems.map(formatProblem);

  const validCustom =
    'accepts a valid custom instrument with plain-string labels, per-attribute scales and outcomes';
  it(validCustom, () => {
    const { instrument, problems } = parseInstrument(base());
    expect(problems).toEqual([]);
    const attrs = allAttributes(instrument!);
    expect(attrs.find((a) => a.id === 'l1')?.scale).toEqual({ min: 0, max: 10 });
    expect(attrs.find((a) => a.id === 'rel1')?.scale).toEqual({ min: 1, max: 5 });
    expect(attrs.find((a) => a.id === 'rel1')?.label).toEqual({ en: 'a' });
    expect(attrs.find((a) => a.id === 'l1')?.outcome).toBe(true);
  });
  it(
    'mixed scales among the rated attributes are refused ' +
      '(their means and the IPA crosshair would mix them raw)',
    () => {
      const raw = base();
      raw.constructs[1]!.attributes![0]!['scale'] = { min: 0, max: 10 };
      expect(messages(raw)).toEqual([
        'i.json: constructs[1].attributes[0].scale: scale 0–10 differs from 1–5 like "rel1": ' +
          'servqual averages ratings only on one scale ' +
          '(convert the ratings, or put the attribute on the same scale)',
      ]);
    },
  );
  it('the odd scale is the problem, not the attributes that agree (the first one differs)', () => {
    // rel1 on 1–7, rel2 and sp1 on the instrument's 1–5: only rel1 is named, against rel2.
    const raw = base();
    raw.constructs[0]!.attributes![0]!['scale'] = { min: 1, max: 7 };
    expect(messages(raw)).toEqual([
      'i.json: constructs[0].attributes[0].scale: scale 1–7 differs from 1–5 like "rel2": ' +
        'servqual averages ratings only on one scale ' +
        '(convert the ratings, or put the attribute on the same scale)',
    ]);
  });
  it('duplicate attribute id', () => {
    const raw = base();
    raw.constructs[3]!.attributes!.push({ id: 'rel2', label: 'dup', scale: { min: 0, max: 10 } });
    expect(messages(raw)).toEqual(['i.json: constructs[3].attributes[1].id: duplicate id "rel2"']);
  });
  it('unknown construct in a path, with a suggestion; a cycle', () => {
    const raw = base();
    raw.paths = [
      ['SQ', 'loyl'],
      ['SQ', 'loyal'],
      ['loyal', 'SQ'],
    ];
    expect(messages(raw)).toEqual([
      'i.json: paths[0][1]: unknown construct "loyl" — did you mean "loyal"?',
      'i.json: paths: the paths form a cycle: SQ → loyal → SQ',
    ]);
  });
  it('bad scale, unknown role, wrong types, both attributes and dimensions', () => {
    const raw = base() as unknown as { constructs: Array<Record<string, unknown>>; scale: unknown };
    raw.scale = { min: 5, max: 1 };
    (raw.constructs[0]!['attributes'] as Array<Record<string, unknown>>)[0]!['columns'] = {
      importanse: 'I1',
    };
    (raw.constructs[0]!['attributes'] as Array<Record<string, unknown>>)[1]!['reverse'] = 'yes';
    raw.constructs[1]!['dimensions'] = ['reliability'];
    expect(messages(raw)).toEqual([
      'i.json: scale: bad scale {"min":5,"max":1} ' +
        '(expected {"min": number, "max": number} with min < max)',
      'i.json: constructs[0].attributes[0].columns.importanse: unknown key "importanse" ' +
        '(expected importance, performance, expectation, adequate, desired)',
      'i.json: constructs[0].attributes[1].reverse: expected true or false, found "yes"',
      'i.json: constructs[1]: expected either "attributes" (a first-order construct) ' +
        'or "dimensions" (a higher-order one)',
      'i.json: constructs[2].dimensions[0]: construct "reliability" ' +
        'is already a dimension of another construct (expected only in "speed")',
    ]);
  });
  it('not an object, no constructs', () => {
    expect(messages([])).toEqual(['i.json: $: expected object, found array']);
    expect(messages({ name: 'x' })).toEqual([
      'i.json: constructs: missing: expected an array of constructs',
    ]);
  });
});

describe('item kinds and topics', () => {
  it(
    'a construct sets the default kind, an attribute may override it; ' +
      'outcomes default to statements',
    () => {
      const { instrument, problems } = parseInstrument({
        constructs: [
          {
            id: 'k',
            kind: 'statement',
            attributes: [
              { id: 'a1', label: 'They are honest', topic: { en: 'honesty', zh: '诚实' } },
              { id: 'a2', label: 'Fast', kind: 'feature' },
            ],
          },
          { id: 'f', attributes: [{ id: 'b1' }] },
          { id: 'CL', group: 'CL', attributes: [{ id: 'l1' }] },
        ],
        zotImportance: true,
      });
      expect(problems).toEqual([]);
      expect(allAttributes(instrument!).map((a) => [a.id, a.kind, a.topic])).toEqual([
        ['a1', 'statement', { en: 'honesty', zh: '诚实' }],
        ['a2', 'feature', null],
        ['b1', 'feature', null],
        ['l1', 'statement', null],
      ]);
      expect(instrument!.zotImportance).toBe(true);
    },
  );
  it(
    'an unknown kind, a topic on a feature or an outcome, a non-boolean zotImportance ' +
      'are errors naming the JSON path',
    () => {
      const { instrument, problems } = parseInstrument(
        {
          constructs: [
            { id: 'k', kind: 'claim', attributes: [{ id: 'a1', topic: 'x' }] },
            { id: 'CL', group: 'CL', attributes: [{ id: 'l1', topic: 'loyalty' }] },
          ],
          zotImportance: 'yes',
        },
        'i.json',
      );
      expect(instrument).toBeNull();
      expect(problems.map(formatProblem)).toEqual([
        'i.json: constructs[0].kind: expected "feature" or "statement", found "claim"',
        'i.json: constructs[0].attributes[0].topic: ' +
          'expected a topic only on a statement ("kind": "statement"), found a topic on a feature',
        'i.json: constructs[1].attributes[0].topic: ' +
          'expected no topic on an outcome item (outcomes have no importance question), ' +
          'found a topic',
        'i.json: zotImportance: expected true or false, found "yes"',
      ]);
    },
  );
});
