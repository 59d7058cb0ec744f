import { Command } from 'commander';
import { DEFAULT_INSTRUMENT_SOURCE } from '../../core/instrument/default-instrument.js';
import { writeOutput } from '../../io/write-output.js';
import type { CliContext } from '../context.js';

/** `servqual instrument`: prints the built-in instrument as JSON, to copy and edit. */
export function instrumentCommand(context: CliContext): Command {
  return new Command('instrument')
    .description('print the built-in instrument as JSON (copy it to make your own)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (options: { out?: string }) => {
      await writeOutput(`${JSON.stringify(DEFAULT_INSTRUMENT_SOURCE, null, 2)}\n`, options.out);
      context.finish({ status: 'ok' });
    });
}
