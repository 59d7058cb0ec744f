import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { runSurvey } from '../../src/io/run-survey.js';
import { SurveyFile, SurveyFileError, SurveyJournal } from '../../src/io/survey-file.js';
import {
  ratingKeyPrompt,
  ratingPrompt,
  type Asker,
  type RatingAnswer,
} from '../../src/io/survey-prompts.js';
import { analyzeRecords, simpleRecords, tinyInstrument } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-survey-'));
let counter = 0;
const outFile = (): string => join(dir, `r${counter++}.csv`);
const header = [
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
];

class Interrupt extends Error {
  override name = 'ExitPromptError';
}

/** A scripted terminal: ratings, texts and choices answered from queues; 'ctrl-c' raises Ctrl-C. */
function scripted(script: {
  ratings: Array<RatingAnswer | 'ctrl-c'>;
  texts?: string[];
  choices?: string[];
}): Asker & { said: string[] } {
  const said: string[] = [];
  const ratings = [...script.ratings];
  const texts = [...(script.texts ?? [])];
  const choices = [...(script.choices ?? [])];
  return {
    said,
    rating: async () => {
      const next = ratings.shift();
      if (next === undefined) throw new Error('script ran out of ratings');
      if (next === 'ctrl-c') throw new Interrupt('User force closed the prompt');
      return next;
    },
    text: async () => texts.shift() ?? '',
    choice: async <T extends string>(): Promise<T> => {
      const next = choices.shift();
      if (next === 'ctrl-c') throw new Interrupt('User force closed the prompt');
      return (next ?? 'no') as T;
    },
    say: (line) => said.push(line),
  };
}

describe('runSurvey', () => {
  it('saves complete respondents in the format analyze reads, with back and not-applicable', async () => {
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
    expect(summary).toEqual({ complete: 2, partial: 0, discarded: 0 });
    expect(readFileSync(out, 'utf8')).toBe(
      `${header.join(',')}\nR0001,retail,A,7,4,5,5,,6,3,5,6\nR0002,business,B,6,3,7,6,4,5,4,2,6\n`,
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
    expect(readFileSync(save, 'utf8').split('\n')[1]).toBe('R0001,,,7,4,,,,,,,');
    const twice = outFile();
    await runSurvey(
      tinyInstrument(),
      { out: twice, lang: 'en', zot: false, resume: false },
      scripted({ ratings: [3, 'ctrl-c'], choices: ['ctrl-c'] }),
    );
    expect(readFileSync(twice, 'utf8').split('\n')[1]).toBe('R0001,,,3,,,,,,,,');
    const discard = outFile();
    const summary = await runSurvey(
      tinyInstrument(),
      { out: discard, lang: 'en', zot: false, resume: false },
      scripted({ ratings: [3, 'ctrl-c'], choices: ['discard'] }),
    );
    expect(summary.discarded).toBe(1);
    expect(readFileSync(discard, 'utf8')).toBe(`${header.join(',')}\n`);
    const carryOn = outFile();
    await runSurvey(
      tinyInstrument(),
      { out: carryOn, lang: 'en', zot: false, resume: false },
      scripted({ ratings: [3, 'ctrl-c', 4, 5, 5, 5, 5, 5, 5, 5], choices: ['continue', 'no'] }),
    );
    expect(readFileSync(carryOn, 'utf8').split('\n')[1]).toBe('R0001,,,3,4,5,5,5,5,5,5,5');
  });
  it('every answer is journaled as given; --resume continues after a crash, a torn last line is ignored', async () => {
    const out = outFile();
    // What a crash leaves: the header, and a journal whose last line was cut mid-write.
    writeFileSync(out, `${header.join(',')}\n`);
    writeFileSync(
      `${out}.journal`,
      '{"type":"start","respondentId":"R0001","fields":{"segment":"x","tier":""}}\n{"type":"answer","value":6}\n{"type":"answer","value":null}\n{"type":"answer","val',
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
    expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('R0001,x,,6,,5,5,5,5,5,5,5');
    expect(existsSync(`${out}.journal`)).toBe(false);
  });
  it('a crash after the row was saved but before the journal went does not save the respondent twice', async () => {
    const out = outFile();
    writeFileSync(out, `${header.join(',')}\nR0001,,,1,2,3,4,5,6,7,1,2\n`);
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
  });
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
      /its header does not match this instrument \(3 columns, the survey writes 12\); choose another --out file \(the file was not changed\)/,
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
    again.append(['R1', '', '', '1', '2', '3', '4', '5', '6', '7', '1', '2']);
    again.release();
    expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('R1,,,1,2,3,4,5,6,7,1,2');
  });
  it('an unwritable location is a clear error', () => {
    expect(() => SurveyFile.open(join(dir, 'no', 'such', 'dir.csv'), header)).toThrow(
      /cannot lock: no such directory|cannot write: no such directory/,
    );
  });
  it('quotes cells that need it', () => {
    const out = outFile();
    const file = SurveyFile.open(out, header);
    file.append(['R1', 'a, "b"', '', '', '', '', '', '', '', '', '', '']);
    file.release();
    expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('R1,"a, ""b""",,,,,,,,,,');
    expect(SurveyJournal.read(out)).toBeNull();
  });
});

describe('the rating prompt (@inquirer/core, rendered with @inquirer/testing)', () => {
  const q = {
    message: '[3/9] Delivers on time\n  How important is this to you?',
    min: 1,
    max: 7,
    anchors: ['not at all important', 'extremely important'] as const,
    labels: { na: 'n/a — not applicable', back: '← back' },
    allowBack: true,
  };
  it('labels the scale ends and answers with one number key', async () => {
    const { answer, events, getScreen } = await render(ratingKeyPrompt, ratingPrompt(q));
    const screen = getScreen();
    expect(screen).toContain('[3/9] Delivers on time');
    expect(screen).toContain('1 = not at all important');
    expect(screen).toContain('7 = extremely important');
    expect(screen).toContain('n · n/a — not applicable');
    expect(screen).toContain('b · ← back');
    events.keypress('3');
    await expect(answer).resolves.toBe(3);
    expect(getScreen()).toContain('3');
  });
  it('n is not applicable, b is back, digits off the scale are ignored, arrows and Enter work', async () => {
    const na = await render(ratingKeyPrompt, ratingPrompt(q));
    na.events.keypress('9');
    na.events.keypress('n');
    await expect(na.answer).resolves.toBe('na');
    const back = await render(ratingKeyPrompt, ratingPrompt(q));
    back.events.keypress('b');
    await expect(back.answer).resolves.toBe('back');
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
    expect(wide.getScreen()).toContain('↑↓ + Enter');
    wide.events.keypress('1');
    wide.events.keypress('down');
    wide.events.keypress('enter');
    await expect(wide.answer).resolves.toBe(1);
  });
});
