import { Command, CommanderError, Help } from 'commander';
import { OutputError, quietEpipe } from '../io/write-output.js';
import { COMMANDS, commandNamed } from './command-list.js';
import { UsageError, type CliContext, type Outcome } from './context.js';
import { VERSION } from './version.js';

/**
 * Exit codes, decided here and nowhere else:
 *   0  ok
 *   1  a --fail-on rule tripped (the report was still written)
 *   2  bad input or usage (problems were printed, one line each, with file:line:column)
 *   70 internal error (a bug: short message; the stack trace only with --debug)
 *   129, 143  `survey` stopped by a hang-up (SIGHUP) or SIGTERM, after saving the respondent (128 + signal)
 */
export const EXIT = { ok: 0, rulesFailed: 1, badInput: 2, internal: 70 } as const;

export function exitCode(outcome: Outcome): number {
  switch (outcome.status) {
    case 'ok':
      return EXIT.ok;
    case 'bad-input':
      return EXIT.badInput;
    case 'rules-failed':
      return EXIT.rulesFailed;
    case 'signal':
      return outcome.signal === 'SIGHUP' ? 129 : 143;
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
  const debug = argv.includes('--debug');
  let outcome: Outcome | null = null;
  const context: CliContext = {
    env,
    say: (line) => process.stderr.write(`${line}\n`),
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
        .showHelpAfterError(true)
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
    if (e instanceof UsageError || e instanceof OutputError) {
      context.say(`servqual: ${e.message}`);
      return EXIT.badInput;
    }
    const message = e instanceof Error ? e.message : String(e);
    context.say(`servqual: internal error: ${message}`);
    context.say(
      debug && e instanceof Error && e.stack !== undefined
        ? e.stack
        : 'This is a bug in servqual; run again with --debug for details and report it.',
    );
    return EXIT.internal;
  }
}
