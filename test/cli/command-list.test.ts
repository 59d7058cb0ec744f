import { Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandNamed } from '../../src/cli/command-list.js';
import type { CliContext } from '../../src/cli/context.js';

const context: CliContext = { env: {}, say: () => {}, finish: () => {} };

describe('the command list', () => {
  it('lists each command with the term and description its own module gives it', async () => {
    for (const entry of COMMANDS) {
      const command = (await entry.load())(context);
      expect(command.name()).toBe(entry.name);
      expect(command.description()).toBe(entry.description);
      expect(new Help().subcommandTerm(command)).toBe(entry.term);
    }
  });
  it('finds the command a command line names', () => {
    expect(commandNamed(['analyze', 'x.csv', '--threads', '1'])).toBe('analyze');
    expect(commandNamed(['--debug', 'simulate'])).toBe('simulate');
    expect(commandNamed(['help', 'compare'])).toBe('compare');
    expect(commandNamed(['--help'])).toBeUndefined();
  });
});
