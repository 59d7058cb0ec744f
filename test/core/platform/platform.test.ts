import { describe, expect, it } from 'vitest';
import { detectPlatform } from '../../../src/core/platform/detect-platform.js';
import { draftColumnMap } from '../../../src/core/platform/draft-column-map.js';
import { exportColumns } from '../../../src/core/platform/export-columns.js';
import { createExportHead } from '../../../src/core/platform/export-head.js';
import { guessMapping, labelSimilarity } from '../../../src/core/platform/guess-mapping.js';
import {
  LIKERT_LABELS,
  createLabelReader,
  normalizeLabel,
} from '../../../src/core/platform/likert-labels.js';
import { parseColumnMap } from '../../../src/core/platform/parse-column-map.js';
import { defaultInstrument } from '../../helpers.js';

const seven = { min: 1, max: 7 };
const five = { min: 1, max: 5 };

describe('Likert labels', () => {
  it('within one scale length every label has one value, whichever list it comes from', () => {
    for (const [points, lists] of Object.entries(LIKERT_LABELS)) {
      const seen = new Map<string, number>();
      for (const list of lists) {
        expect(list).toHaveLength(Number(points));
        list.forEach((label, k) => {
          const key = normalizeLabel(label);
          expect(seen.get(key) ?? k, `${label} on ${points} points`).toBe(k);
          seen.set(key, k);
        });
      }
    }
  });
  const anchors =
    'reads English and Chinese anchors by scale length, numbered labels, and "no rating" answers';
  it(anchors, () => {
    const read = createLabelReader();
    // The issue's examples; the values are the anchors' positions in LIKERT_LABELS (lowest = 1).
    expect(read('Extremely important', seven)).toBe(7);
    expect(read('非常同意', seven)).toBe(7);
    expect(read('Strongly agree', five)).toBe(5);
    expect(read('比较好', seven)).toBe(5);
    expect(read('  strongly   DISAGREE ', seven)).toBe(1); // case and spaces
    // a common misspelling of the midpoint
    expect(read('Neither agree or disagree', seven)).toBe(4);
    expect(read('一般', five)).toBe(3);
    expect(read('6 - Very important', seven)).toBe(6);
    expect(read('7（非常重要）', seven)).toBe(7);
    expect(read('5分', five)).toBe(5);
    expect(read('Not applicable', seven)).toBeNaN();
    expect(read('（跳过）', seven)).toBeNaN();
    expect(read('No answer', seven)).toBeNaN();
    expect(read('Quite nice', seven)).toBeUndefined();
    // no 11-point anchors: ask
    expect(read('Extremely important', { min: 0, max: 10 })).toBeUndefined();
  });
  it("the mapping file's labels come first and may override a built-in one", () => {
    const read = createLabelReader(
      new Map([
        ['Quite nice', 5],
        ['Fair', 2],
      ]),
    );
    expect(read('quite nice', seven)).toBe(5);
    expect(read('Fair', seven)).toBe(2);
    expect(read('Excellent', seven)).toBe(7);
  });
});

describe('detecting the platform', () => {
  const qualtricsTop = ['StartDate', 'EndDate', 'Status', 'Progress', 'ResponseId', 'Q2_1'];
  it('names each platform by its fixed columns and knows its header rows', () => {
    expect(
      detectPlatform([qualtricsTop, ['Start Date'], ['{"ImportId":"startDate"}']]),
    ).toMatchObject({ platform: 'qualtrics', headerRows: 3 });
    expect(detectPlatform([qualtricsTop, ['Start Date'], ['2026-10-05 08:00:00']])).toMatchObject({
      platform: 'qualtrics',
      headerRows: 2,
      evidence: 'ResponseId column, question texts in the second header row',
    });
    expect(
      detectPlatform([
        ['Respondent ID', 'Collector ID', 'Start Date'],
        ['', '', ''],
      ]),
    ).toMatchObject({ platform: 'surveymonkey', headerRows: 2 });
    expect(detectPlatform([['\uFEFFTimestamp', 'Q [a]']])).toMatchObject({
      platform: 'googleforms',
      headerRows: 1,
    });
    expect(detectPlatform([['时间戳', 'Q [a]']])).toMatchObject({ platform: 'googleforms' });
    expect(detectPlatform([['序号', '提交答卷时间', '所用时间', '1、问题']])).toMatchObject({
      platform: 'wjx',
      headerRows: 1,
    });
    expect(detectPlatform([['id', 'submitdate', 'lastpage', 'startlanguage']])).toMatchObject({
      platform: 'limesurvey',
    });
    expect(detectPlatform([['Response ID', 'Date submitted', 'Last page']])).toMatchObject({
      platform: 'limesurvey',
    });
    expect(detectPlatform([['respondent_id', 'tan1_imp']])).toEqual({
      platform: null,
      headerRows: 1,
      evidence: null,
    });
  });
  it('--from lays out the named platform without evidence', () => {
    expect(
      detectPlatform(
        [
          ['a', 'b'],
          ['x', 'y'],
        ],
        'surveymonkey',
      ),
    ).toEqual({ platform: 'surveymonkey', headerRows: 2, evidence: null });
  });
  it('the export head waits for all header rows before it names the columns', () => {
    const head = createExportHead();
    expect(head.push(['Respondent ID', 'Collector ID', 'How important?', ''], 1)).toBeNull();
    const ready = head.push(['', '', 'Speed', 'Price'], 2);
    expect(ready?.columns.map((c) => c.name)).toEqual([
      'Respondent ID',
      'Collector ID',
      'How important? - Speed',
      'How important? - Price',
    ]);
    expect(ready?.rest).toEqual([]);
    expect(head.push(['1', '2', '3', '4'], 3)).toBeNull();
  });
});

describe('naming export columns', () => {
  it("splits each platform's headers into question and matrix row", () => {
    const q = exportColumns({ platform: 'qualtrics', headerRows: 3, evidence: null }, [
      ['Q2_1', 'Q9'],
      ['How important? - Speed - of service', 'Your age'],
    ]);
    expect(q).toEqual([
      // Qualtrics puts the row after the last " - "
      { name: 'Q2_1', question: 'How important? - Speed', item: 'of service' },
      { name: 'Q9', question: 'Your age', item: null },
    ]);
    const w = exportColumns({ platform: 'wjx', headerRows: 1, evidence: null }, [
      ['3、以下各项对您有多重要？—设备和工具先进', '7(设备和工具先进)', '8、您的年龄'],
    ]);
    expect(w).toEqual([
      {
        name: '3、以下各项对您有多重要？—设备和工具先进',
        question: '以下各项对您有多重要？',
        item: '设备和工具先进',
      },
      { name: '7(设备和工具先进)', question: '', item: '设备和工具先进' },
      { name: '8、您的年龄', question: '您的年龄', item: null },
    ]);
    const l = exportColumns({ platform: 'limesurvey', headerRows: 1, evidence: null }, [
      ['IMP[SQ001]. How important? [Speed]', 'Seed'],
    ]);
    expect(l).toEqual([
      { name: 'IMP[SQ001]. How important? [Speed]', question: 'How important?', item: 'Speed' },
      { name: 'Seed', question: 'Seed', item: null },
    ]);
    const s = exportColumns({ platform: 'surveymonkey', headerRows: 2, evidence: null }, [
      ['Age', 'How well?', ''],
      ['Response', 'Speed', 'Price'],
    ]);
    expect(s.map((c) => c.name)).toEqual(['Age', 'How well? - Speed', 'How well? - Price']);
  });
});

describe('guessing the mapping', () => {
  const instrument = defaultInstrument();
  const column = (question: string, item: string | null, name = `${question} [${item ?? ''}]`) => ({
    name,
    question,
    item,
  });
  it(
    'an exact label with a role word is certain; ' +
      'a similar label or a missing role word asks for review',
    () => {
      const guesses = guessMapping(
        [
          column(
            'How important is each of the following to you?',
            'Up-to-date equipment and tools',
          ),
          column('您认为我们在以下各项的表现如何？', '设备和工具先进'),
          column('How important is each of the following to you?', 'Up to date equipment & tools!'),
          column('Please rate', 'Keeps its promises to you'),
          column('Tell us', 'Keeps its promises to you'),
          column('How much do you agree?', 'You will buy from this firm again'),
          column('tan2_imp', null, 'tan2_imp'),
          column('Your age', null),
        ],
        instrument,
      );
      expect(guesses.map((g) => [g.attribute, g.role, g.review === null])).toEqual([
        ['tan1', 'importance', true],
        ['tan1', 'performance', true],
        ['tan1', 'importance', false], // similar wording, and tan1's importance is already taken
        ['int1', 'performance', true],
        ['int1', 'performance', false], // no role word (and already taken)
        ['repurchase', 'performance', true], // a loyalty item is rated once
        ['tan2', 'importance', true], // the instrument's own column name
        [null, null, true],
      ]);
      expect(guesses[2]?.review).toMatch(
        /only similar to "Up-to-date equipment and tools" \(\d+ %\)|also guessed/,
      );
    },
  );
  it('label similarity is the bigram Dice coefficient', () => {
    // "night" vs "nacht": bigrams {ni, ig, gh, ht} and {na, ac, ch, ht} share one: 2·1/(4+4) =
    // 0.25.
    expect(labelSimilarity('night', 'nacht')).toBe(0.25);
    expect(labelSimilarity('Same text', 'same  TEXT')).toBe(1);
    expect(labelSimilarity('', '')).toBe(0);
  });
});

describe('the mapping file', () => {
  const instrument = defaultInstrument();
  it('collects every problem with its JSON path', () => {
    const { map, problems } = parseColumnMap(
      {
        format: 'servqual-map/1',
        from: 'qualtricz',
        columns: {
          Q1: { attribute: 'tan9', role: 'importance' },
          Q2: { attribute: 'repurchase', role: 'importance' },
          Q3: { attribute: 'tan1', role: 'liking' },
          Q4: 7,
        },
        labels: { Good: 'six' },
        missing: {},
        extra: 1,
      },
      instrument,
      'map.json',
    );
    expect(map).toBeNull();
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['unknown-key', 'extra'],
      ['wrong-type', 'from'],
      ['unknown-attribute', 'columns["Q1"].attribute'],
      ['wrong-type', 'columns["Q2"].role'],
      ['wrong-type', 'columns["Q3"].role'],
      ['wrong-type', 'columns["Q4"]'],
      ['wrong-type', 'labels["Good"]'],
      ['wrong-type', 'missing'],
    ]);
    expect(problems[2]).toMatchObject({
      suggestion: expect.stringMatching(/^tan\d$/),
      file: 'map.json',
    });
  });
  const readsMap =
    'reads assignments, columns left out, labels still unnumbered and guesses still to review';
  it(readsMap, () => {
    const { map, problems } = parseColumnMap(
      {
        columns: {
          Q1: { attribute: 'tan1', role: 'importance', review: 'check' },
          Q2: { attribute: 'tan1' },
          Age: null,
        },
        labels: { 'Quite nice': 5, 'So-so': null },
        missing: [-99, 'n/a'],
      },
      instrument,
    );
    expect(problems).toEqual([]);
    expect(map).toEqual({
      from: null,
      columns: new Map([
        ['Q1', { attribute: 'tan1', role: 'importance' }],
        ['Q2', { attribute: 'tan1', role: 'performance' }],
        ['Age', null],
      ]),
      unreviewed: ['Q1'],
      labels: new Map([['Quite nice', 5]]),
      unnumbered: ['So-so'],
      missing: ['-99', 'n/a'],
    });
  });
  it('a draft written by map --init reads back as the same assignments', () => {
    const columns = [
      { name: 'Q2_1', question: 'How important is it?', item: 'Up-to-date equipment and tools' },
      { name: 'Q3_1', question: 'How well do we perform?', item: 'Up-to-date equipment and tools' },
      { name: 'Q3_2', question: 'Tell us', item: 'Premises that are clean and pleasant' },
      { name: 'Age', question: 'Age', item: null },
    ];
    const guesses = guessMapping(columns, instrument);
    const { draft, summary } = draftColumnMap(
      {
        source: 'x.csv',
        layout: { platform: 'qualtrics', headerRows: 3, evidence: 'e' },
        guesses,
        unknownLabels: ['Quite nice'],
        missing: ['-99'],
      },
      instrument,
    );
    expect(summary.mapped).toBe(3);
    expect(summary.review).toBe(1);
    // The default instrument has 37 rated attributes and 5 loyalty items: 37 importance + 42
    // performance pairs, less the three guessed.
    expect(summary.unmapped).toHaveLength(37 + 42 - 3);
    const { map, problems } = parseColumnMap(JSON.parse(JSON.stringify(draft)), instrument);
    expect(problems).toEqual([]);
    expect(map?.from).toBe('qualtrics');
    expect([...(map?.columns ?? [])]).toEqual([
      ['Q2_1', { attribute: 'tan1', role: 'importance' }],
      ['Q3_1', { attribute: 'tan1', role: 'performance' }],
      ['Q3_2', { attribute: 'tan2', role: 'performance' }],
      ['Age', null],
    ]);
    expect(map?.unreviewed).toEqual(['Q3_2']);
    expect(map?.unnumbered).toEqual(['Quite nice']);
    expect(map?.missing).toEqual(['-99']);
  });
});
