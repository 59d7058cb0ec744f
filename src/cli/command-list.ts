import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** A command as `servqual --help` lists it, and how to load it. */
export interface CommandEntry {
  readonly name: string;
  /**
   * The command's term in the help listing (commander's `subcommandTerm` of the loaded command).
   */
  readonly term: string;
  /** The command's description (the same as its module's `.description(…)`; a test checks). */
  readonly description: string;
  readonly load: () => Promise<(context: CliContext) => Command>;
}

/**
 * Every command, in the order `servqual --help` lists them. A run imports only the module of the
 * command it names (start-up: `servqual --help` loads none of them; bench/startup.mjs measures).
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'analyze',
    term: 'analyze [options] <file>',
    description: 'gaps per attribute and construct, and the ranked survival factors',
    load: async () => (await import('./commands/analyze.js')).analyzeCommand,
  },
  {
    name: 'compare',
    term: 'compare [options] <waves...>',
    description:
      'change in performance and in gap between survey waves (two or more, oldest first), ' +
      'and the trend',
    load: async () => (await import('./commands/compare.js')).compareCommand,
  },
  {
    name: 'validate',
    term: 'validate [options] <file>',
    description: 'check a ratings file against the instrument without analysing it',
    load: async () => (await import('./commands/validate.js')).validateCommand,
  },
  {
    name: 'map',
    term: 'map [options]',
    description:
      "write a mapping file for a survey platform's export: " +
      'which column holds which attribute and role',
    load: async () => (await import('./commands/map.js')).mapCommand,
  },
  {
    name: 'instrument',
    term: 'instrument [options]',
    description: 'print the built-in instrument as JSON (copy it to make your own)',
    load: async () => (await import('./commands/instrument.js')).instrumentCommand,
  },
  {
    name: 'simulate',
    term: 'simulate [options]',
    description:
      'write simulated respondents (importance + performance) from a known SQ → RQ → CL model',
    load: async () => (await import('./commands/simulate.js')).simulateCommand,
  },
  {
    name: 'survey',
    term: 'survey [options]',
    description: 'interactive questionnaire in the terminal; answers saved as they are given',
    load: async () => (await import('./commands/survey.js')).surveyCommand,
  },
];

/**
 * The command a command line names: its first word that is not an option (after `help`, the next).
 */
export function commandNamed(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}
