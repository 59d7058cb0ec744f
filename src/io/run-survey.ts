import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { textIn, type Instrument, type Language } from '../core/instrument/types.js';
import { questionText } from '../core/survey/anchors.js';
import { SURVEY_MESSAGES, type SurveyMessages } from '../core/survey/survey-messages.js';
import { surveyMinutes, surveyPlan, type SurveyPlan } from '../core/survey/survey-plan.js';
import { createSession, type SurveySession } from '../core/survey/survey-session.js';
import { isInterrupt, type Asker, type RatingAnswer } from './survey-prompts.js';
import { SurveyFile, SurveyFileError, SurveyJournal, type JournalState } from './survey-file.js';
import { answerName } from '../core/complaints/answer-name.js';

export type StopSignal = 'SIGHUP' | 'SIGTERM';

export interface SurveyOptions {
  readonly out: string;
  readonly lang: Language;
  readonly zot: boolean;
  readonly resume: boolean;
  /** How the user gave the instrument, for the closing `servqual analyze` command. */
  readonly instrumentArg?: string;
  /**
   * Aborted when the terminal hangs up (SIGHUP) or the process is asked to stop (SIGTERM); its
   * `reason` is the signal. The prompts are given the same signal so they end at once.
   */
  readonly stop?: AbortSignal;
}

export interface SurveySummary {
  readonly complete: number;
  readonly partial: number;
  readonly discarded: number;
  /** The signal that ended the survey (the respondent in progress saved as partial), or null. */
  readonly stopped: StopSignal | null;
}

type Outcome = 'complete' | 'partial' | 'discard' | 'stopped';

/**
 * The interactive questionnaire: welcome (questions and minutes per respondent), respondent fields,
 * then construct by construct, attribute by attribute, the ratings (`surveyPlan`), worded per item
 * kind (`questionText`); every answer journaled (fsync) as it is given; each finished respondent
 * appended to the output as one fsynced row marked `complete`; Ctrl-C offers save (a row marked
 * `partial`) / discard / continue; a hang-up or SIGTERM saves the respondent as partial and keeps
 * the journal for `--resume`; at the end a truthful summary and the `servqual analyze` command.
 */
export async function runSurvey(
  instrument: Instrument,
  options: SurveyOptions,
  ask: Asker,
): Promise<SurveySummary> {
  const M = SURVEY_MESSAGES[options.lang];
  const plan = surveyPlan(instrument, { zot: options.zot });
  const pending = SurveyJournal.read(options.out);
  if (pending !== null && !options.resume)
    throw new SurveyFileError(M.pending(`${options.out}.journal`));
  const file = SurveyFile.open(options.out, plan.header, options.lang);
  const journal = new SurveyJournal(options.out);
  const summary = { complete: 0, partial: 0, discarded: 0 };
  let stopped: StopSignal | null = null;
  let lastId: string | null = null;
  try {
    for (const line of M.welcome(
      textIn(instrument.name, options.lang),
      plan.questions.length,
      surveyMinutes(plan),
      instrument.scale.min,
      instrument.scale.max,
    ))
      ask.say(line);
    let resumeFrom: JournalState | null = pending;
    // The journal's respondent may already be the last row: a crash between saving the row and
    // removing the journal (the row is complete: the journal is done), or a hang-up that saved it
    // as partial (continue it, and replace that row when it is saved again).
    let replacing = false;
    if (resumeFrom !== null) {
      const last = lastRow(options.out);
      if (last !== null && last.id === resumeFrom.respondentId) {
        if (last.completion === 'partial') replacing = true;
        else {
          journal.finish();
          resumeFrom = null;
        }
      }
    }
    let nextNumber = countRows(options.out) + (replacing ? 0 : 1);
    for (;;) {
      const session =
        resumeFrom === null
          ? await startRespondent(
              plan,
              ask,
              journal,
              `R${String(nextNumber).padStart(4, '0')}`,
              M,
              options.stop,
            )
          : resumeSession(plan, resumeFrom, journal, ask, M);
      resumeFrom = null;
      if (session === null) {
        if (options.stop?.aborted === true) stopped = options.stop.reason as StopSignal;
        break;
      }
      lastId = session.respondentId;
      const outcome = await askRatings(session, plan, ask, journal, M, options.stop);
      if (outcome === 'discard') {
        journal.finish();
        summary.discarded++;
        replacing = false;
        break;
      }
      if (outcome === 'stopped') {
        stopped = (options.stop?.reason as StopSignal | undefined) ?? 'SIGTERM';
        // Saved as partial, the journal kept: --resume continues this respondent.
        if (session.position > 0) {
          if (replacing) file.replaceLast(session.respondentId, session.row());
          else file.append(session.row());
          summary.partial++;
        } else lastId = null;
        journal.close();
        break;
      }
      if (replacing) file.replaceLast(session.respondentId, session.row());
      else file.append(session.row());
      replacing = false;
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
            message: M.next,
            choices: [
              { name: M.yes, value: 'yes' },
              { name: M.no, value: 'no' },
            ],
            keys: M.choiceKeys,
          }),
        'no',
      );
      if (more !== 'yes') {
        if (options.stop?.aborted === true) stopped = options.stop.reason as StopSignal;
        break;
      }
    }
  } finally {
    journal.close();
    file.release();
  }
  if (stopped !== null) {
    ask.say(
      M.stopped(
        M.stopReason[stopped],
        options.out,
        summary.partial > 0 ? lastId : null,
        `${options.out}.journal`,
      ),
    );
    return { ...summary, stopped };
  }
  const saved = summary.complete + summary.partial;
  if (saved === 0) {
    ask.say(M.nothingSaved(options.out, summary.discarded));
    return { ...summary, stopped };
  }
  ask.say(M.saved(options.out, summary.complete, summary.partial));
  ask.say(M.analyze);
  const instrumentOption =
    options.instrumentArg === undefined ? '' : ` --instrument ${quote(options.instrumentArg)}`;
  ask.say(`  servqual analyze ${quote(options.out)}${instrumentOption}`, { verbatim: true });
  return { ...summary, stopped };
}

async function startRespondent(
  plan: SurveyPlan,
  ask: Asker,
  journal: SurveyJournal,
  id: string,
  M: SurveyMessages,
  stop: AbortSignal | undefined,
): Promise<SurveySession | null> {
  ask.say('');
  ask.say(M.respondent(id));
  const fields: Record<string, string> = {};
  for (const f of plan.fields) {
    if (stop?.aborted === true) return null;
    const label = textIn(f.label, langOf(M));
    const answer = await guard(
      () =>
        f.choices === null
          ? ask.text({
              message: label,
              // Hours until the firm responded: a number ≥ 0 or nothing (as the analysis reads it).
              ...(f.meaning === 'response-hours' ? { validate: hoursAnswer(M) } : {}),
            })
          : ask.choice({
              message: label,
              choices: [
                { name: M.skip, value: '' },
                ...f.choices.map((c) => ({ name: answerName(f, c, langOf(M)), value: c })),
              ],
              keys: M.choiceKeys,
            }),
      null,
    );
    if (answer === null) return null; // Ctrl-C before any rating: nothing to lose
    fields[f.id] = answer.trim();
  }
  journal.start(id, fields);
  return createSession(plan, id, fields);
}

function langOf(M: SurveyMessages): Language {
  return M === SURVEY_MESSAGES.zh ? 'zh' : 'en';
}

function resumeSession(
  plan: SurveyPlan,
  state: JournalState,
  journal: SurveyJournal,
  ask: Asker,
  M: SurveyMessages,
): SurveySession {
  const session = createSession(plan, state.respondentId, state.fields, state.answers);
  // Rewrite the journal compactly so it stays the single source of this respondent's answers.
  journal.start(state.respondentId, state.fields);
  for (const a of session.answers()) journal.answer(a);
  ask.say(M.resumed(state.respondentId, session.position));
  return session;
}

async function askRatings(
  session: SurveySession,
  plan: SurveyPlan,
  ask: Asker,
  journal: SurveyJournal,
  M: SurveyMessages,
  stop: AbortSignal | undefined,
): Promise<Outcome> {
  const lang = langOf(M);
  let shownConstruct = '';
  let revisit: number | null | undefined;
  while (!session.complete) {
    if (stopped(stop)) return 'stopped';
    const q = plan.questions[session.position];
    if (q === undefined) break;
    if (q.construct.id !== shownConstruct) {
      shownConstruct = q.construct.id;
      ask.say('');
      const { label, description } = q.construct;
      const about = description === undefined ? '' : ` — ${textIn(description, lang)}`;
      ask.say(`${textIn(label, lang)}${about}`);
    }
    const text = questionText(q, lang);
    // Zone of tolerance: the desired level may not be below the adequate (minimum) level.
    const adequate = q.role === 'desired' ? adequateAnswer(plan, session, q.attribute.id) : null;
    const counter = `[${session.position + 1}/${plan.questions.length}]`;
    const question = text.question === null ? '' : `\n  ${text.question}`;
    const message = `${counter} ${text.title}${question}`;
    let answer: RatingAnswer;
    try {
      answer = await ask.rating({
        message,
        min: q.attribute.scale.min,
        max: q.attribute.scale.max,
        anchors: text.anchors,
        labels: M,
        ...(revisit === undefined ? {} : { current: revisit }),
        allowBack: session.position > 0,
        ...(adequate === null
          ? {}
          : {
              refuse: (v: number) => (v < adequate ? M.zoneRefused(adequate, v) : null),
            }),
      });
    } catch (e: unknown) {
      if (stopped(stop)) return 'stopped';
      if (!isInterrupt(e)) throw e;
      const choice = await guard(
        () =>
          ask.choice({
            message: M.interrupted,
            choices: [
              { name: M.save, value: 'save' },
              { name: M.discard, value: 'discard' },
              { name: M.resume, value: 'continue' },
            ],
            keys: M.choiceKeys,
          }),
        'save',
      ); // a second Ctrl-C saves: never silent loss
      if (stopped(stop)) return 'stopped';
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
    // The prompt refuses such an answer on the spot; an asker that cannot is answered here.
    if (adequate !== null && typeof answer === 'number' && answer < adequate) {
      ask.say(M.zoneRefused(adequate, answer));
      continue;
    }
    const value = answer === 'na' ? null : answer;
    session.answer(value);
    journal.answer(value);
  }
  return 'complete';
}

/** The adequate rating this respondent gave the attribute, if any. */
function adequateAnswer(
  plan: SurveyPlan,
  session: SurveySession,
  attribute: string,
): number | null {
  const k = plan.questions.findIndex((q) => q.attribute.id === attribute && q.role === 'adequate');
  const v = k < 0 ? undefined : session.answers()[k];
  return typeof v === 'number' ? v : null;
}

/** True once the survey was told to stop (hang-up, SIGTERM). */
function stopped(stop: AbortSignal | undefined): boolean {
  return stop?.aborted === true;
}

/** Runs a prompt; Ctrl-C (or a stop) gives `onInterrupt` instead of an exception. */
async function guard<T, U>(prompt: () => Promise<T>, onInterrupt: U): Promise<T | U> {
  try {
    return await prompt();
  } catch (e: unknown) {
    if (isInterrupt(e) || (e instanceof Error && e.name === 'AbortPromptError')) return onInterrupt;
    throw e;
  }
}

/** The respondent id and completion of the last row in the output, if any. */
function lastRow(path: string): { id: string; completion: string } | null {
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  if (lines.length < 2) return null;
  const cells = (
    parse(lines[lines.length - 1] as string, { relax_column_count: true }) as string[][]
  )[0];
  return cells === undefined ? null : { id: cells[0] ?? '', completion: cells[1] ?? '' };
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

/** Accepts an empty answer or a number ≥ 0 (hours); else the message asking again. */
function hoursAnswer(M: SurveyMessages): (answer: string) => string | null {
  return (answer) => {
    const text = answer.trim();
    const hours = Number(text);
    return text === '' || (Number.isFinite(hours) && hours >= 0) ? null : M.hoursRefused;
  };
}
