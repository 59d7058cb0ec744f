import type { Command } from 'commander';

/** How a command ended; `main` alone turns this into an exit code. */
export type Outcome =
  | { readonly status: 'ok' }
  /** The user's input has problems (already printed): exit 2. */
  | { readonly status: 'bad-input' }
  /** The report was written and a --fail-on rule tripped (already printed): exit 1. */
  | { readonly status: 'rules-failed' }
  /**
   * Ended by a signal after saving what it had (survey: hang-up, SIGTERM): exit 128 + signal
   * number.
   */
  | { readonly status: 'signal'; readonly signal: 'SIGHUP' | 'SIGTERM' };

/** A command line the user must correct (bad option value): exit 2 with the message. */
export class UsageError extends Error {}

export interface CliContext {
  readonly env: NodeJS.ProcessEnv;
  /** Messages for the person (stderr). */
  say(line: string): void;
  /** Records how the command ended. */
  finish(outcome: Outcome): void;
}

/** Defines a subcommand on the program. */
export type CommandFactory = (context: CliContext) => Command;
