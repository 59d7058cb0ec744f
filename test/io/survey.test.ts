import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { runSurvey } from '../../src/io/run-survey.js';
import { SurveyFile, SurveyFileError, SurveyJournal } from '../../src/io/survey-file.js';
import { SURVEY_MESSAGES } from '../../src/core/survey/survey-messages.js';
import {
  choiceKeyPrompt,
  displayWidth,
  fitLine,
  inquirerAsker,
  ratingKeyPrompt,
  ratingPrompt,
  type Asker,
  type RatingAnswer,
} from '../../src/io/survey-prompts.js';
import { analyzeRecords, defaultInstrument, simpleRecords, tinyInstrument } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-survey-'));
let counter = 0;
const outFile = (): string => join(dir, `r${counter++}.csv`);
const header = [
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
];

class Interrupt extends Error {
  override name = 'ExitPromptError';
}

/** A scripted terminal: ratings, texts and choices answered from queues; 'ctrl-c' raises Ctrl-C. */
function scripted(script: {
  ratings: Array<RatingAnswer | 'ctrl-c'>;
  texts?: string[];
  choices?: string[];
}): Asker & {
  said: string[];
  asked: string[];
  validators: Array<{ message: string; validate: (answer: string) => string | null }>;
} {
  const said: string[] = [];
  const asked: string[] = [];
  const validators: Array<{ message: string; validate: (answer: string) => string | null }> = [];
  const ratings = [...script.ratings];
  const texts = [...(script.texts ?? [])];
  const choices = [...(script.choices ?? [])];
  return {
    said,
    asked,
    validators,
    rating: async (q) => {
      asked.push(q.message);
      const next = ratings.shift();
      if (next === undefined) throw new Error('script ran out of ratings');
      if (next === 'ctrl-c') throw new Interrupt('User force closed the prompt');
      return next;
    },
    text: async (q) => {
      if (q.validate !== undefined) validators.push({ message: q.message, validate: q.validate });
      return texts.shift() ?? '';
    },
    choice: async <T extends string>(q: { message: string }): Promise<T> => {
      asked.push(q.message);
      const next = choices.shift();
      if (next === 'ctrl-c') throw new Interrupt('User force closed the prompt');
      return (next ?? 'no') as T;
    },
    say: (line) => said.push(line),
  };
}

describe('runSurvey', () => {
  const savesComplete =
    'saves complete respondents in the format analyze reads, with back and not-applicable';
  it(savesComplete, async () => {
    const out = outFile();
    const ask = scripted({
      ratings: [
        7,
        4,
        6,
        'back',
        5,
        5,
        'na',
        6,
        3,
        5,
        6,
        /* respondent 2 */ 6,
        3,
        7,
        6,
        4,
        5,
        4,
        2,
        6,
      ],
      texts: ['retail', 'A', 'business', 'B'],
      choices: ['yes', 'no'],
    });
    const summary = await runSurvey(
      tinyInstrument(),
      {
        out,
        lang: 'en',
        zot: false,
        resume: false,
        instrumentArg: 'fixtures/tiny-instrument.json',
      },
      ask,
    );
    expect(summary).toEqual({ complete: 2, partial: 0, discarded: 0, stopped: null });
    expect(readFileSync(out, 'utf8')).toBe(
      [
        header.join(','),
        'R0001,complete,retail,A,7,4,5,5,,6,3,5,6',
        'R0002,complete,business,B,6,3,7,6,4,5,4,2,6',
        '',
      ].join('\n'),
    );
    expect(existsSync(`${out}.journal`)).toBe(false);
    expect(existsSync(`${out}.lock`)).toBe(false);
    expect(ask.said.slice(-2)).toEqual([
      'Analyse them with:',
      `  servqual analyze ${out} --instrument fixtures/tiny-instrument.json`,
    ]);
    expect(ask.said).toContain('Speed');
    // analyze reads the file: 2 respondents, s1 gap = mean(4 − 7, 3 − 6) = −3 (hand)
    const report = analyzeRecords(simpleRecords(readFileSync(out, 'utf8')), tinyInstrument());
    expect(report.meta.respondents).toBe(2);
    expect(report.attributes[0]?.gap?.mean).toBe(-3);
  });
  it('Ctrl-C offers save (partial row), discard, continue; a second Ctrl-C saves', async () => {
    const save = outFile();
    await runSurvey(
      tinyInstrument(),
      { out: save, lang: 'en', zot: false, resume: false },
      scripted({ ratings: [7, 4, 'ctrl-c'], choices: ['save'] }),
    );
    expect(readFileSync(save, 'utf8').split('\n')[1]).toBe('R0001,partial,,,7,4,,,,,,,');
    const twice = outFile();
    await runSurvey(
      tinyInstrument(),
      { out: twice, lang: 'en', zot: false, resume: false },
      scripted({ ratings: [3, 'ctrl-c'], choices: ['ctrl-c'] }),
    );
    expect(readFileSync(twice, 'utf8').split('\n')[1]).toBe('R0001,partial,,,3,,,,,,,,');
    const discard = outFile();
    const summary = await runSurvey(
      tinyInstrument(),
      { out: discard, lang: 'en', zot: false, resume: false },
      scripted({ ratings: [3, 'ctrl-c'], choices: ['discard'] }),
    );
    expect(summary.discarded).toBe(1);
    expect(readFileSync(discard, 'utf8')).toBe(`${header.join(',')}\n`);
    const discarder = scripted({ ratings: [3, 'ctrl-c'], choices: ['discard'] });
    await runSurvey(
      tinyInstrument(),
      { out: outFile(), lang: 'zh', zot: false, resume: false },
      discarder,
    );
    expect(discarder.said.at(-1)).toMatch(/^没有受访者保存到 .*（放弃 1 位）。$/);
    const carryOn = outFile();
    await runSurvey(
      tinyInstrument(),
      { out: carryOn, lang: 'en', zot: false, resume: false },
      scripted({ ratings: [3, 'ctrl-c', 4, 5, 5, 5, 5, 5, 5, 5], choices: ['continue', 'no'] }),
    );
    expect(readFileSync(carryOn, 'utf8').split('\n')[1]).toBe('R0001,complete,,,3,4,5,5,5,5,5,5,5');
  });
  it(
    'every answer is journaled as given; ' +
      '--resume continues after a crash, a torn last line is ignored',
    async () => {
      const out = outFile();
      // What a crash leaves: the header, and a journal whose last line was cut mid-write.
      writeFileSync(out, `${header.join(',')}\n`);
      writeFileSync(
        `${out}.journal`,
        [
          '{"type":"start","respondentId":"R0001","fields":{"segment":"x","tier":""}}',
          '{"type":"answer","value":6}',
          '{"type":"answer","value":null}',
          '{"type":"answer","val',
        ].join('\n'),
      );
      await expect(
        runSurvey(
          tinyInstrument(),
          { out, lang: 'en', zot: false, resume: false },
          scripted({ ratings: [] }),
        ),
      ).rejects.toThrow(SurveyFileError);
      const ask = scripted({ ratings: [5, 5, 5, 5, 5, 5, 5], choices: ['no'] });
      await runSurvey(tinyInstrument(), { out, lang: 'en', zot: false, resume: true }, ask);
      expect(ask.said).toContain('Resuming respondent R0001 at question 3.');
      expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('R0001,complete,x,,6,,5,5,5,5,5,5,5');
      expect(existsSync(`${out}.journal`)).toBe(false);
    },
  );
  it(
    'a crash after the row was saved but before the journal went ' +
      'does not save the respondent twice',
    async () => {
      const out = outFile();
      writeFileSync(out, `${header.join(',')}\nR0001,complete,,,1,2,3,4,5,6,7,1,2\n`);
      writeFileSync(
        `${out}.journal`,
        '{"type":"start","respondentId":"R0001","fields":{}}\n' +
          '{"type":"answer","value":1}\n'.repeat(9),
      );
      await runSurvey(
        tinyInstrument(),
        { out, lang: 'en', zot: false, resume: true },
        scripted({ ratings: [1, 1, 1, 1, 1, 1, 1, 1, 1], texts: ['', ''], choices: ['no'] }),
      );
      expect(
        readFileSync(out, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => l.split(',')[0]),
      ).toEqual(['respondent_id', 'R0001', 'R0002']);
    },
  );
  it('the journal holds each answer the moment it is given', async () => {
    const out = outFile();
    let journalAtThirdQuestion = '';
    const ask = scripted({ ratings: [2, 3], choices: [] });
    const rating = ask.rating;
    let calls = 0;
    ask.rating = async (q) => {
      if (++calls === 3) {
        journalAtThirdQuestion = readFileSync(`${out}.journal`, 'utf8');
        throw new Interrupt('kill');
      }
      return rating(q);
    };
    await runSurvey(
      tinyInstrument(),
      { out, lang: 'en', zot: false, resume: false },
      { ...ask, choice: async <T extends string>() => 'save' as T },
    );
    expect(
      journalAtThirdQuestion
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string }),
    ).toEqual([
      { type: 'start', respondentId: 'R0001', fields: { segment: '', tier: '' } },
      { type: 'answer', value: 2 },
      { type: 'answer', value: 3 },
    ]);
  });
});

describe('SurveyFile', () => {
  it('refuses a file whose header does not match and leaves it untouched', () => {
    const out = outFile();
    writeFileSync(out, 'id,x,y\n1,2,3\n');
    expect(() => SurveyFile.open(out, header)).toThrow(
      new RegExp(
        /its header does not match this instrument \(3 columns, the survey writes 13\); /.source +
          /choose another --out file \(the file was not changed\)/.source,
      ),
    );
    expect(readFileSync(out, 'utf8')).toBe('id,x,y\n1,2,3\n');
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
  it('locks the file against a second survey; a lock left by a dead process is taken over', () => {
    const out = outFile();
    const first = SurveyFile.open(out, header);
    expect(() => SurveyFile.open(out, header)).toThrow(
      `another survey (process ${process.pid}) is writing this file`,
    );
    first.release();
    writeFileSync(`${out}.lock`, '999999999'); // no such process
    const again = SurveyFile.open(out, header);
    again.append(['R1', 'complete', '', '', '1', '2', '3', '4', '5', '6', '7', '1', '2']);
    again.release();
    expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('R1,complete,,,1,2,3,4,5,6,7,1,2');
  });
  it('an unwritable location is a clear error', () => {
    expect(() => SurveyFile.open(join(dir, 'no', 'such', 'dir.csv'), header)).toThrow(
      /cannot lock: no such directory|cannot write: no such directory/,
    );
  });
  it('quotes cells that need it', () => {
    const out = outFile();
    const file = SurveyFile.open(out, header);
    file.append(['R1', 'partial', 'a, "b"', '', '', '', '', '', '', '', '', '', '']);
    file.release();
    expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('R1,partial,"a, ""b""",,,,,,,,,,');
    expect(SurveyJournal.read(out)).toBeNull();
  });
});

describe('the rating prompt (@inquirer/core, rendered with @inquirer/testing)', () => {
  const labels = SURVEY_MESSAGES.en;
  const q = {
    message: '[3/9] Delivers on time\n  How important is this to you?',
    min: 1,
    max: 7,
    anchors: ['not at all important', 'extremely important'] as const,
    labels,
    allowBack: true,
  };
  it('labels the scale ends, preselects nothing and answers with one number key', async () => {
    const { answer, events, getScreen } = await render(ratingKeyPrompt, ratingPrompt(q));
    const screen = getScreen();
    expect(screen).toContain('[3/9] Delivers on time');
    expect(screen).toContain('1 = not at all important');
    expect(screen).toContain('7 = extremely important');
    expect(screen).toContain('n · n/a — not applicable');
    expect(screen).toContain('b · ← back (change the previous answer)');
    expect(screen).not.toContain('❯'); // no rating is preselected
    events.keypress('3');
    await expect(answer).resolves.toBe(3);
    expect(getScreen()).toContain('3');
  });
  it('Enter alone does nothing until a rating is chosen', async () => {
    const { answer, events, getScreen } = await render(ratingKeyPrompt, ratingPrompt(q));
    let settled = false;
    void answer.then(() => {
      settled = true;
    });
    events.keypress('enter');
    events.keypress('enter');
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    expect(getScreen()).toContain('Choose a rating first (a number key, or ↑↓).');
    events.keypress('down'); // the first rating
    events.keypress('enter');
    await expect(answer).resolves.toBe(1);
  });
  it('going back shows the earlier answer selected, and Enter keeps it', async () => {
    const back = await render(ratingKeyPrompt, ratingPrompt({ ...q, current: 5 }));
    expect(back.getScreen()).toContain('❯ 5');
    back.events.keypress('enter');
    await expect(back.answer).resolves.toBe(5);
    const na = await render(ratingKeyPrompt, ratingPrompt({ ...q, current: null }));
    expect(na.getScreen()).toContain('❯ n · n/a');
  });
  const keyboard =
    'n is not applicable, b is back, digits off the scale are ignored, arrows and Enter work';
  it(keyboard, async () => {
    const na = await render(ratingKeyPrompt, ratingPrompt(q));
    na.events.keypress('9');
    na.events.keypress('n');
    await expect(na.answer).resolves.toBe('na');
    const back = await render(ratingKeyPrompt, ratingPrompt(q));
    back.events.keypress('b');
    await expect(back.answer).resolves.toBe('back');
    expect(back.getScreen()).toContain('← back');
    expect(back.getScreen()).not.toContain('b · ');
    const arrows = await render(ratingKeyPrompt, ratingPrompt({ ...q, current: 5 }));
    arrows.events.keypress('down');
    arrows.events.keypress('enter');
    await expect(arrows.answer).resolves.toBe(6);
  });
  it('a 0–10 scale answers with the arrows and Enter (digits would be ambiguous)', async () => {
    const wide = await render(
      ratingKeyPrompt,
      ratingPrompt({ ...q, min: 0, max: 10, allowBack: false }),
    );
    expect(wide.getScreen()).toContain(labels.arrowKeys);
    wide.events.keypress('1');
    wide.events.keypress('down');
    wide.events.keypress('down');
    wide.events.keypress('enter');
    await expect(wide.answer).resolves.toBe(1);
  });
  const refusedRating =
    'a refused rating (desired below adequate) is explained on the spot and not recorded';
  it(refusedRating, async () => {
    const zone = await render(
      ratingKeyPrompt,
      ratingPrompt({
        ...q,
        refuse: (v: number) => (v < 6 ? SURVEY_MESSAGES.en.zoneRefused(6, v) : null),
      }),
    );
    let settled = false;
    void zone.answer.then(() => {
      settled = true;
    });
    zone.events.keypress('2');
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    expect(zone.getScreen()).toContain(
      'The desired level (2) cannot be below the minimum you would accept (6). ' +
        'Please answer again.',
    );
    zone.events.keypress('6'); // equal is allowed
    await expect(zone.answer).resolves.toBe(6);
  });
  it('Chinese key hints under the rating and the menus', async () => {
    const zh = await render(ratingKeyPrompt, ratingPrompt({ ...q, labels: SURVEY_MESSAGES.zh }));
    expect(zh.getScreen()).toContain('按数字键作答 · n = 不适用 · b = 返回 · ↑↓ 后按回车');
    expect(zh.getScreen()).not.toMatch(/navigate|select/);
    zh.events.keypress('4');
    await expect(zh.answer).resolves.toBe(4);
  });
  it('the Ctrl-C menu answers with one key', async () => {
    const M = SURVEY_MESSAGES.zh;
    const menu = await render(choiceKeyPrompt, {
      message: M.interrupted,
      choices: [
        { name: M.save, value: 'save' },
        { name: M.discard, value: 'discard' },
        { name: M.resume, value: 'continue' },
      ],
      keys: M.choiceKeys,
    });
    expect(menu.getScreen()).toContain('2. 放弃这位受访者');
    expect(menu.getScreen()).toContain('按数字键选择');
    menu.events.keypress('2');
    await expect(menu.answer).resolves.toBe('discard');
  });
});

describe('runSurvey: item kinds, the zone of tolerance, hang-up', () => {
  const asksByKind =
    'asks features as importance/performance and statements as agreement, in English and Chinese';
  it(asksByKind, async () => {
    for (const lang of ['en', 'zh'] as const) {
      const ask = scripted({ ratings: Array(79).fill(4), choices: ['no'] });
      await runSurvey(
        defaultInstrument(),
        { out: outFile(), lang, zot: false, resume: false },
        ask,
      );
      // The hours until the firm responded: a number ≥ 0 or nothing, refused otherwise.
      expect(ask.validators).toHaveLength(1);
      const [hours] = ask.validators;
      expect(hours?.validate('abc')).toBe(SURVEY_MESSAGES[lang].hoursRefused);
      expect(hours?.validate('-2')).toBe(SURVEY_MESSAGES[lang].hoursRefused);
      expect([hours?.validate(''), hours?.validate(' 12.5 '), hours?.validate('0')]).toEqual([
        null,
        null,
        null,
      ]);
      // 79 questions: 44 for the 22 SQ features, 30 for the 15 RQ statements, 5 CL (hand count)
      // The complaint questions (complained, resolved: choices) + 79 ratings + "Next respondent?"
      expect(ask.asked).toHaveLength(82);
      // con1 is the 13th RQ item: questions 44 + 12 × 2 + 1 = 69 (its topic) and 70 (hand count)
      const con1 = ask.asked.filter((m) => /con1|生气|angry/.test(m));
      if (lang === 'en') {
        expect(ask.said[1]).toBe(
          '79 questions per respondent, about 9 minutes, each on a 1–7 scale ' +
            '(the ends are labelled on every question).',
        );
        expect(ask.asked[2]).toBe(
          '[1/79] Up-to-date equipment and tools\n  How important is this to you?',
        );
        expect(con1).toEqual([
          '[69/79] How important is this to you: not being given reasons to feel angry?',
          '[70/79] You feel angry with this firm\n  How much do you agree?',
        ]);
      } else {
        expect(ask.said[1]).toBe(
          '每位受访者 79 道题，约 9 分钟，均为 1–7 分（每题都标明两端含义）。',
        );
        expect(ask.asked[7]).toBe('[6/79] 员工仪表整洁专业\n  我们做得怎么样？');
        expect(con1).toEqual([
          '[69/79] 对您来说，“没有让您生气的理由”有多重要？',
          '[70/79] 您对这家公司感到生气\n  您在多大程度上同意？',
        ]);
      }
    }
  });
  it(
    '--zot: adequate, desired, perceived in that order; ' +
      'desired below adequate is refused and asked again',
    async () => {
      const ask = scripted({ ratings: [6, 2, 6, 5, ...Array(85).fill(5)], choices: ['no'] });
      const out = outFile();
      await runSurvey(defaultInstrument(), { out, lang: 'en', zot: true, resume: false }, ask);
      expect(ask.said[1]).toMatch(/^86 questions per respondent, about 10 minutes/);
      expect(ask.asked.slice(2, 6)).toEqual([
        '[1/86] Up-to-date equipment and tools\n  What is the minimum level you would accept?',
        '[2/86] Up-to-date equipment and tools\n  What level do you desire?',
        '[2/86] Up-to-date equipment and tools\n  What level do you desire?',
        '[3/86] Up-to-date equipment and tools\n  How well do we do it?',
      ]);
      expect(ask.said).toContain(
        'The desired level (2) cannot be below the minimum you would accept (6). ' +
          'Please answer again.',
      );
      const [head = '', row = ''] = readFileSync(out, 'utf8').split('\n');
      const cell = (name: string): string => row.split(',')[head.split(',').indexOf(name)] ?? '?';
      expect([cell('tan1_adeq'), cell('tan1_des'), cell('tan1_perf')]).toEqual(['6', '6', '5']);
      expect([cell('int1_adeq'), cell('int1_des'), cell('int1_perf')]).toEqual(['', '', '5']);
      expect(cell('completion')).toBe('complete');
    },
  );
  it(
    'a hang-up or SIGTERM saves the respondent as partial, keeps the journal, removes the lock; ' +
      '--resume completes the same row',
    async () => {
      const out = outFile();
      const stop = new AbortController();
      const ask = scripted({ ratings: [7, 4, 6] });
      const rating = ask.rating;
      let calls = 0;
      ask.rating = async (q) => {
        if (++calls === 4) {
          stop.abort('SIGHUP');
          throw Object.assign(new Error('aborted'), { name: 'AbortPromptError' });
        }
        return rating(q);
      };
      const summary = await runSurvey(
        tinyInstrument(),
        { out, lang: 'en', zot: false, resume: false, stop: stop.signal },
        ask,
      );
      expect(summary).toEqual({ complete: 0, partial: 1, discarded: 0, stopped: 'SIGHUP' });
      expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('R0001,partial,,,7,4,6,,,,,,');
      expect(existsSync(`${out}.lock`)).toBe(false);
      expect(SurveyJournal.read(out)?.answers).toEqual([7, 4, 6]);
      expect(ask.said.at(-1)).toBe(
        `servqual survey: the terminal closed; respondent R0001 saved to ${out} as partial, ` +
          `answers kept in ${out}.journal (--resume continues).`,
      );
      const resumed = scripted({ ratings: [5, 5, 5, 5, 5, 5], choices: ['no'] });
      await runSurvey(tinyInstrument(), { out, lang: 'en', zot: false, resume: true }, resumed);
      expect(resumed.said).toContain('Resuming respondent R0001 at question 4.');
      expect(readFileSync(out, 'utf8')).toBe(
        `${header.join(',')}\nR0001,complete,,,7,4,6,5,5,5,5,5,5\n`,
      );
      expect(existsSync(`${out}.journal`)).toBe(false);
    },
  );
});

describe('history lines fit the terminal', () => {
  it('cuts the question, never the answer; Chinese characters count two columns', () => {
    expect(displayWidth('员工仪表 ab')).toBe(11); // 4 × 2 + 3 (hand)
    const line = fitLine(
      '✔ [1/79] Staff who are neat and professional in appearance · How important is this to you?',
      ' 7 = extremely important',
      80,
    );
    expect(displayWidth(line)).toBeLessThanOrEqual(79);
    expect(line.endsWith('… 7 = extremely important')).toBe(true);
    const zh = fitLine(
      '✔ [5/79] 员工仪表整洁专业 · 这一点对您有多重要？这一点对您有多重要？',
      ' 5',
      40,
    );
    expect(displayWidth(zh)).toBeLessThanOrEqual(39);
    expect(fitLine('✔ short', ' 3', 80)).toBe('✔ short 3');
  });
});

describe('importAnswers (survey --answers)', () => {
  it('response hours must be empty or a number ≥ 0, as in the interactive survey', async () => {
    const { importAnswers } = await import('../../src/io/import-answers.js');
    const { surveyPlan } = await import('../../src/core/survey/survey-plan.js');
    const instrument = defaultInstrument();
    const plan = surveyPlan(instrument, { zot: false });
    const hoursAt = plan.header.indexOf('response_hours');
    // One complete respondent rating 4 everywhere, no complaint fields but the hours.
    const row = plan.header.map((_, k) =>
      k === 0
        ? 'R1'
        : k === 1
          ? 'complete'
          : k === hoursAt
            ? 'abc'
            : k < 2 + plan.fields.length
              ? ''
              : '4',
    );
    const answers = join(dir, 'hours.csv');
    writeFileSync(answers, `${plan.header.join(',')}\n${row.join(',')}\n`);
    const out = outFile();
    const { problems, appended } = importAnswers(answers, instrument, { out, zot: false });
    expect(problems).toEqual([
      {
        line: 2,
        column: hoursAt + 1,
        problem: { kind: 'hours', column: 'response_hours', found: 'abc' },
      },
    ]);
    expect(appended).toBe(0);
    expect(existsSync(out)).toBe(false);
    writeFileSync(answers, `${plan.header.join(',')}\n${row.join(',').replace(',abc,', ',12,')}\n`);
    expect(importAnswers(answers, instrument, { out, zot: false }).appended).toBe(1);
  });
});

describe('inquirerAsker.say', () => {
  it("wraps prose at the terminal's width; a verbatim line (a command) is written whole", () => {
    const written: string[] = [];
    const output = {
      columns: 40,
      write: (s: string) => written.push(s),
    } as unknown as NodeJS.WriteStream;
    const ask = inquirerAsker(output);
    ask.say('79 questions per respondent, about 9 minutes, each on a 1–7 scale.');
    expect(written.join('')).toBe(
      '79 questions per respondent, about 9\nminutes, each on a 1–7 scale.\n',
    );
    written.length = 0;
    const command = '  servqual analyze responses.csv --instrument my-instrument.json';
    ask.say(command, { verbatim: true });
    expect(written.join('')).toBe(`${command}\n`);
    written.length = 0;
    ask.say('每位受访者 79 道题，约 9 分钟，均为 1–7 分（每题都标明两端含义）。');
    for (const line of written.join('').trimEnd().split('\n'))
      expect(displayWidth(line)).toBeLessThanOrEqual(39);
  });
});
