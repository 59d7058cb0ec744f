import { Command, CommanderError, Help } from 'commander';
import {
  dropMessagesOnEpipe,
  OutputError,
  quietEpipe,
  removePendingOutputs,
} from '../io/write-output.js';
import { COMMANDS, commandNamed } from './command-list.js';
import { UsageError, type CliContext, type Outcome } from './context.js';
import { VERSION } from './version.js';
import { safeText } from '../core/text/safe-text.js';

/**
 * Exit codes, decided here and nowhere else (the table is in README "Exit codes"):
 *   0   ok
 *   1   a --fail-on rule tripped (the report was still written) — and nothing else
 *   2   bad input or usage (problems were printed, one line each, with file:line:column),
 *       including an input over a documented limit
 *   70  internal error (a bug: short message; the stack trace only with --debug), in the main
 *       thread or in a worker thread (EX_SOFTWARE)
 *   74  the output could not be written: `--out` or stdout (EX_IOERR); a closed pipe is not
 *       an error (exit 0)
 *   129, 130, 143  ended by SIGHUP, SIGINT (Ctrl-C), SIGTERM: 128 + the signal's number (`survey`
 *       handles SIGHUP and SIGTERM itself: it saves the respondent, then ends with the same codes)
 */
export const EXIT = {
  ok: 0,
  rulesFailed: 1,
  badInput: 2,
  internal: 70,
  ioError: 74,
  hangup: 129,
  interrupt: 130,
  terminated: 143,
} as const;

/** The signals that end a run, and their exit codes. */
export const SIGNAL_EXIT = {
  SIGHUP: EXIT.hangup,
  SIGINT: EXIT.interrupt,
  SIGTERM: EXIT.terminated,
} as const;

/**
 * Process-wide guards, installed once by bin/servqual.js: an error that escapes every handler
 * (an uncaught exception, a rejected promise nobody awaited) ends the run with exit 70 and a short
 * message — the stack trace only with --debug — and a signal removes the temporary file of an
 * output being written, then exits 128 + its number.
 */
export function installProcessGuards(argv: readonly string[]): void {
  const debug = argv.includes('--debug');
  const crash = (e: unknown): void => {
    try {
      process.stderr.write(internalErrorText(e, debug));
    } finally {
      process.exit(EXIT.internal);
    }
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(signal, () => {
      // A command listening for the signal itself (survey saves the respondent first) ends the run.
      if (process.listenerCount(signal) > 1) return;
      void removePendingOutputs().finally(() => process.exit(code));
    });
  }
}

/**
 * The two lines printed for an internal error (with --debug, the stack trace instead of the
 * advice).
 */
export function internalErrorText(e: unknown, debug: boolean): string {
  const message = e instanceof Error ? e.message : String(e);
  const detail =
    debug && e instanceof Error && e.stack !== undefined
      ? e.stack
      : 'This is a bug in servqual; run again with --debug for details and report it.';
  return `servqual: internal error: ${firstLine(message)}\n${detail}\n`;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

export function exitCode(outcome: Outcome): number {
  switch (outcome.status) {
    case 'ok':
      return EXIT.ok;
    case 'bad-input':
      return EXIT.badInput;
    case 'rules-failed':
      return EXIT.rulesFailed;
    case 'signal':
      return SIGNAL_EXIT[outcome.signal];
  }
}

/**
 * After a hang-up the process ends by SIGHUP itself (the shell sees 129): a normal exit would make
 * Node 20 restore the terminal's modes, and on a terminal that is gone that aborts the process
 * (nodejs/node#51519, fixed after Node 20). Everything was saved before this is called.
 */
async function endByHangUp(outcome: Outcome): Promise<void> {
  if (outcome.status !== 'signal' || outcome.signal !== 'SIGHUP') return;
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
  await new Promise((resolve) => setTimeout(resolve, 1000)); // the signal is on its way
}

export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  quietEpipe(process.stdout);
  dropMessagesOnEpipe(process.stderr);
  const debug = argv.includes('--debug');
  let outcome: Outcome | null = null;
  const context: CliContext = {
    env,
    say: (line) => {
      const kept = line.length > 10_000 ? `${line.slice(0, 10_000)}…` : line;
      process.stderr.write(`${safeText(kept, { keepLineBreaks: true })}\n`);
    },
    finish: (o) => {
      outcome = o;
    },
  };
  const program = new Command('servqual')
    .description(
      'service quality → relationship quality → loyalty: gaps, survival factors, path model',
    )
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces of internal errors')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
    })
    .showHelpAfterError('(run servqual --help for usage)');
  // Only the named command's module is loaded; the others are listed by name (start-up time).
  const named = commandNamed(argv);
  program.configureHelp({
    subcommandTerm: (cmd) =>
      COMMANDS.find((c) => c.name === cmd.name())?.term ??
      Help.prototype.subcommandTerm.call(new Help(), cmd),
  });
  for (const entry of COMMANDS) {
    if (entry.name !== named) {
      program.addCommand(new Command(entry.name).description(entry.description));
      continue;
    }
    const make = await entry.load();
    program.addCommand(
      make(context)
        .exitOverride()
        // One line, as every problem: the error, then where the usage is (not the whole help).
        .showHelpAfterError(`(run servqual ${entry.name} --help for usage)`)
        .option('--debug', 'show stack traces of internal errors'),
    );
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (outcome !== null) await endByHangUp(outcome);
    return outcome === null ? EXIT.ok : exitCode(outcome);
  } catch (e: unknown) {
    if (e instanceof CommanderError) {
      return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code)
        ? EXIT.ok
        : EXIT.badInput;
    }
    if (e instanceof UsageError) {
      context.say(`servqual: ${e.message}`);
      return EXIT.badInput;
    }
    if (e instanceof OutputError) {
      context.say(`servqual: ${e.message}`);
      return EXIT.ioError;
    }
    process.stderr.write(internalErrorText(e, debug));
    return EXIT.internal;
  }
}
