import { Command } from 'commander';
import { SURVEY_MESSAGES } from '../../core/survey/survey-messages.js';
import { instrumentFromOption } from '../instrument-option.js';
import type { Language } from '../../core/instrument/types.js';
import type { CliContext, Outcome } from '../context.js';
import { UsageError } from '../context.js';
import { oneOf } from '../options.js';
import { safeStrings } from '../../core/text/safe-strings.js';

interface SurveyCommandOptions {
  readonly out: string;
  readonly instrument?: string;
  readonly lang: Language;
  /** Absent unless given (commander sets a flag only when it is on). */
  readonly zot?: boolean;
  readonly resume?: boolean;
  readonly answers?: string;
}

/**
 * `servqual survey --out FILE`: the interactive questionnaire (or `--answers FILE` for scripted
 * respondents).
 */
export function surveyCommand(context: CliContext): Command {
  return new Command('survey')
    .description('interactive questionnaire in the terminal; answers saved as they are given')
    .requiredOption(
      '--out <file>',
      'responses file (created, or appended to when its header matches)',
    )
    .option('--instrument <file>', 'instrument JSON (default: the built-in instrument)')
    .option('--lang <lang>', 'language: en or zh', oneOf(['en', 'zh'] as const), 'en')
    .option('--zot', 'also ask the adequate and desired service levels (zone of tolerance)')
    .option('--resume', 'continue the unfinished respondent saved in FILE.journal')
    .option(
      '--answers <file>',
      "append scripted respondents from a CSV with the survey's columns (no terminal needed)",
    )
    .action(async (options: SurveyCommandOptions) => {
      context.finish(await runSurveyCommand(options, context));
    });
}

async function runSurveyCommand(
  options: SurveyCommandOptions,
  context: CliContext,
): Promise<Outcome> {
  const instrument = await instrumentFromOption(options.instrument, context);
  if (instrument === null) return { status: 'bad-input' };
  try {
    if (options.answers !== undefined) {
      const { importAnswers } = await import('../../io/import-answers.js');
      const { problems, appended } = importAnswers(options.answers, instrument, {
        out: options.out,
        zot: options.zot === true,
      });
      const messages = SURVEY_MESSAGES[options.lang];
      // FILE:LINE:COLUMN: the problem in the survey's language, one line each (the first 20).
      for (const { line, column, problem } of problems.slice(0, 20)) {
        const where = [options.answers, line, column].filter((x) => x !== undefined).join(':');
        context.say(`${where}: ${messages.answerProblem(problem)}`);
      }
      if (problems.length > 20) context.say(messages.moreProblems(problems.length - 20));
      if (problems.length > 0) return { status: 'bad-input' };
      context.say(messages.appended(options.out, appended));
      return { status: 'ok' };
    }
    if (process.stdin.isTTY !== true) {
      throw new UsageError(SURVEY_MESSAGES[options.lang].notATerminal);
    }
    // The prompt library is loaded only when a survey runs (it is the heaviest module at start-up).
    const [{ runSurvey }, { inquirerAsker, tolerateHangUp }] = await Promise.all([
      import('../../io/run-survey.js'),
      import('../../io/survey-prompts.js'),
    ]);
    // A hang-up (the terminal closed: SIGHUP, or its input ending) or SIGTERM stops the survey: the
    // respondent in progress is saved as partial, the journal kept, the lock removed, exit 129/143.
    const stop = new AbortController();
    const onSignal = (signal: 'SIGHUP' | 'SIGTERM') => (): void => {
      if (!stop.signal.aborted) stop.abort(signal);
    };
    const undo = tolerateHangUp(process.stdin, [process.stderr]);
    const onHup = onSignal('SIGHUP');
    const onTerm = onSignal('SIGTERM');
    process.on('SIGHUP', onHup);
    process.on('SIGTERM', onTerm);
    process.stdin.on('end', onHup);
    try {
      const summary = await runSurvey(
        safeStrings(instrument), // labels reach the terminal: control and bidi characters escaped
        {
          out: options.out,
          lang: options.lang,
          zot: options.zot === true,
          resume: options.resume === true,
          stop: stop.signal,
          ...(options.instrument === undefined ? {} : { instrumentArg: options.instrument }),
        },
        inquirerAsker(process.stderr, stop.signal),
      );
      return summary.stopped === null
        ? { status: 'ok' }
        : { status: 'signal', signal: summary.stopped };
    } finally {
      process.off('SIGHUP', onHup);
      process.off('SIGTERM', onTerm);
      process.stdin.off('end', onHup);
      process.stdin.pause();
      undo();
    }
  } catch (e: unknown) {
    const { SurveyFileError } = await import('../../io/survey-file.js');
    if (e instanceof SurveyFileError) throw new UsageError(e.message);
    throw e;
  }
}
