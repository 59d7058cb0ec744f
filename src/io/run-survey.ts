import { existsSync, readFileSync } from 'node:fs';
import { textIn, type Instrument, type Language } from '../core/instrument/types.js';
import { roleQuestion, scaleAnchors } from '../core/survey/anchors.js';
import { surveyPlan } from '../core/survey/survey-plan.js';
import { createSession, type SurveySession } from '../core/survey/survey-session.js';
import { isInterrupt, type Asker, type RatingAnswer } from './survey-prompts.js';
import { SurveyFile, SurveyFileError, SurveyJournal, type JournalState } from './survey-file.js';
import { answerName } from '../core/complaints/answer-name.js';

export interface SurveyOptions {
  readonly out: string;
  readonly lang: Language;
  readonly zot: boolean;
  readonly resume: boolean;
  /** How the user gave the instrument, for the closing `servqual analyze` command. */
  readonly instrumentArg?: string;
}

export interface SurveySummary {
  readonly complete: number;
  readonly partial: number;
  readonly discarded: number;
}

const T = {
  en: {
    welcome: (name: string, q: number, min: number, max: number) => [
      `servqual survey — ${name}`,
      `${q} questions per respondent, each on a ${min}–${max} scale (the ends are labelled on every question).`,
      'Answers are saved as they are given: a crash or power cut loses at most the answer being typed.',
      'A number key answers; n = not applicable (left empty); b = back to the previous answer; Ctrl-C asks what to do.',
    ],
    na: 'n/a — not applicable',
    back: '← back (change the previous answer)',
    keys: 'a number key answers · n = not applicable · b = back · ↑↓ + Enter',
    respondent: (id: string) => `Respondent ${id}`,
    next: 'Next respondent?',
    yes: 'Yes, the next respondent',
    no: 'No, finish',
    interrupted: 'Interrupted. What about this respondent?',
    save: 'Save the answers given so far',
    discard: 'Discard this respondent',
    resume: 'Continue the survey',
    saved: (file: string, c: number, p: number) =>
      `Saved to ${file}: ${c} complete respondent${c === 1 ? '' : 's'}${p > 0 ? `, ${p} partial` : ''}.`,
    analyze: 'Analyse them with:',
    resumed: (id: string, n: number) => `Resuming respondent ${id} at question ${n + 1}.`,
    pending: (journal: string) =>
      `An unfinished respondent is saved in ${journal}: run with --resume to continue it.`,
  },
  zh: {
    welcome: (name: string, q: number, min: number, max: number) => [
      `servqual 问卷 — ${name}`,
      `每位受访者 ${q} 道题，均为 ${min}–${max} 分（每题都标明两端含义）。`,
      '答案随答随存：即使程序崩溃或断电，最多丢失正在输入的那一个答案。',
      '按数字键即可作答；n = 不适用（留空）；b = 返回上一题；Ctrl-C 会询问如何处理。',
    ],
    na: '不适用',
    back: '← 返回（修改上一题）',
    keys: '按数字键作答 · n = 不适用 · b = 返回 · ↑↓ + 回车',
    respondent: (id: string) => `受访者 ${id}`,
    next: '继续下一位受访者？',
    yes: '是，下一位',
    no: '否，结束',
    interrupted: '已中断。如何处理这位受访者？',
    save: '保存已回答的部分',
    discard: '放弃这位受访者',
    resume: '继续作答',
    saved: (file: string, c: number, p: number) =>
      `已保存到 ${file}：完整 ${c} 位${p > 0 ? `，部分 ${p} 位` : ''}。`,
    analyze: '分析命令：',
    resumed: (id: string, n: number) => `继续受访者 ${id}，从第 ${n + 1} 题开始。`,
    pending: (journal: string) => `${journal} 中有未完成的受访者：请加 --resume 继续。`,
  },
} as const;

/**
 * The interactive questionnaire: welcome, respondent fields, then construct by construct, attribute
 * by attribute, the ratings; every answer journaled (fsync) as it is given; each finished respondent
 * appended to the output as one fsynced row; Ctrl-C offers save / discard / continue; then the next
 * respondent, and at the end a summary with the `servqual analyze` command to run.
 */
export async function runSurvey(
  instrument: Instrument,
  options: SurveyOptions,
  ask: Asker,
): Promise<SurveySummary> {
  const L = T[options.lang];
  const plan = surveyPlan(instrument, { zot: options.zot });
  const pending = SurveyJournal.read(options.out);
  if (pending !== null && !options.resume)
    throw new SurveyFileError(L.pending(`${options.out}.journal`));
  const file = SurveyFile.open(options.out, plan.header);
  const journal = new SurveyJournal(options.out);
  const summary = { complete: 0, partial: 0, discarded: 0 };
  try {
    for (const line of L.welcome(
      instrument.name,
      plan.questions.length,
      instrument.scale.min,
      instrument.scale.max,
    ))
      ask.say(line);
    let resumeFrom: JournalState | null = pending;
    // A crash between saving the row and removing the journal: the row is there, the journal is done.
    if (resumeFrom !== null && lastRespondent(options.out) === resumeFrom.respondentId) {
      journal.finish();
      resumeFrom = null;
    }
    let nextNumber = countRows(options.out) + 1;
    for (;;) {
      const session =
        resumeFrom === null
          ? await startRespondent(
              plan,
              ask,
              journal,
              `R${String(nextNumber).padStart(4, '0')}`,
              options.lang,
            )
          : resumeSession(plan, resumeFrom, journal, ask, L);
      resumeFrom = null;
      if (session === null) break;
      const outcome = await askRatings(session, plan, ask, journal, options.lang);
      if (outcome === 'discard') {
        journal.finish();
        summary.discarded++;
        break;
      }
      file.append(session.row());
      journal.finish();
      nextNumber++;
      if (outcome === 'partial') {
        summary.partial++;
        break;
      }
      summary.complete++;
      const more = await guard(
        () =>
          ask.choice({
            message: L.next,
            choices: [
              { name: L.yes, value: 'yes' },
              { name: L.no, value: 'no' },
            ],
          }),
        'no',
      );
      if (more !== 'yes') break;
    }
  } finally {
    journal.close();
    file.release();
  }
  ask.say(L.saved(options.out, summary.complete, summary.partial));
  ask.say(L.analyze);
  ask.say(
    `  servqual analyze ${quote(options.out)}${options.instrumentArg === undefined ? '' : ` --instrument ${quote(options.instrumentArg)}`}`,
  );
  return summary;
}

type Plan = ReturnType<typeof surveyPlan>;

async function startRespondent(
  plan: Plan,
  ask: Asker,
  journal: SurveyJournal,
  id: string,
  lang: Language,
): Promise<SurveySession | null> {
  ask.say('');
  ask.say(T[lang].respondent(id));
  const fields: Record<string, string> = {};
  for (const f of plan.fields) {
    const label = textIn(f.label, lang);
    const answer = await guard(
      () =>
        f.choices === null
          ? ask.text({ message: label })
          : ask.choice({
              message: label,
              choices: [
                { name: '—', value: '' },
                ...f.choices.map((c) => ({ name: answerName(f, c, lang), value: c })),
              ],
            }),
      null,
    );
    if (answer === null) return null; // Ctrl-C before any rating: nothing to lose
    fields[f.id] = answer.trim();
  }
  journal.start(id, fields);
  return createSession(plan, id, fields);
}

function resumeSession(
  plan: Plan,
  state: JournalState,
  journal: SurveyJournal,
  ask: Asker,
  L: (typeof T)[Language],
): SurveySession {
  const session = createSession(plan, state.respondentId, state.fields, state.answers);
  // Rewrite the journal compactly so it stays the single source of this respondent's answers.
  journal.start(state.respondentId, state.fields);
  for (const a of session.answers()) journal.answer(a);
  ask.say(L.resumed(state.respondentId, session.position));
  return session;
}

async function askRatings(
  session: SurveySession,
  plan: Plan,
  ask: Asker,
  journal: SurveyJournal,
  lang: Language,
): Promise<'complete' | 'partial' | 'discard'> {
  const L = T[lang];
  let shownConstruct = '';
  let revisit: number | null | undefined;
  while (!session.complete) {
    const q = plan.questions[session.position];
    if (q === undefined) break;
    if (q.construct.id !== shownConstruct) {
      shownConstruct = q.construct.id;
      ask.say('');
      ask.say(
        `${textIn(q.construct.label, lang)}${q.construct.description === undefined ? '' : ` — ${textIn(q.construct.description, lang)}`}`,
      );
    }
    const message = `[${session.position + 1}/${plan.questions.length}] ${textIn(q.attribute.label, lang)}\n  ${roleQuestion(q.role, q.attribute.outcome, lang)}`;
    let answer: RatingAnswer;
    try {
      answer = await ask.rating({
        message,
        min: q.attribute.scale.min,
        max: q.attribute.scale.max,
        anchors: scaleAnchors(q.role, q.attribute.outcome, lang),
        labels: { na: L.na, back: L.back, keys: L.keys },
        ...(revisit === undefined ? {} : { current: revisit }),
        allowBack: session.position > 0,
      });
    } catch (e: unknown) {
      if (!isInterrupt(e)) throw e;
      const choice = await guard(
        () =>
          ask.choice({
            message: L.interrupted,
            choices: [
              { name: L.save, value: 'save' },
              { name: L.discard, value: 'discard' },
              { name: L.resume, value: 'continue' },
            ],
          }),
        'save',
      ); // a second Ctrl-C saves: never silent loss
      if (choice === 'save') return 'partial';
      if (choice === 'discard') return 'discard';
      continue;
    }
    revisit = undefined;
    if (answer === 'back') {
      const previous = session.answers()[session.position - 1];
      if (session.back()) {
        journal.back();
        revisit = previous;
      }
      continue;
    }
    const value = answer === 'na' ? null : answer;
    session.answer(value);
    journal.answer(value);
  }
  return 'complete';
}

/** Runs a prompt; Ctrl-C gives `onInterrupt` instead of an exception. */
async function guard<T, U>(prompt: () => Promise<T>, onInterrupt: U): Promise<T | U> {
  try {
    return await prompt();
  } catch (e: unknown) {
    if (isInterrupt(e)) return onInterrupt;
    throw e;
  }
}

/** The respondent id of the last row in the output, if any. */
function lastRespondent(path: string): string | null {
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines.length < 2 ? null : ((lines[lines.length - 1] as string).split(',')[0] ?? null);
}

/** Data rows already in the output (for the next respondent id). */
function countRows(path: string): number {
  if (!existsSync(path)) return 0;
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '').length;
  return Math.max(0, lines - 1);
}

function quote(arg: string): string {
  return /^[\w./@:-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
