import { Command } from 'commander';
import { createRandom } from '../../core/random/random-source.js';
import { simulateResponses, simulatedHeader } from '../../core/simulate/simulate-responses.js';
import { loyaltyHeader, simulateLoyalty } from '../../core/simulate/simulate-loyalty.js';
import { instrumentFromOption } from '../instrument-option.js';
import { streamLines } from '../../io/write-output.js';
import type { CliContext } from '../context.js';
import { refuseOutOverInput } from '../out-option.js';
import { nonNegativeInteger, positiveInteger, probability } from '../options.js';

interface SimulateOptions {
  readonly n: number;
  readonly seed: number;
  readonly missing: number;
  readonly instrument?: string;
  readonly out?: string;
  readonly loyalty?: boolean;
  readonly bom?: boolean;
}

/** `servqual simulate --n N --seed S`: a realistic ratings file drawn from a known model. */
export function simulateCommand(context: CliContext): Command {
  return new Command('simulate')
    .description(
      'write simulated respondents (importance + performance) from a known SQ → RQ → CL model',
    )
    .option('--n <count>', 'respondents', positiveInteger, 300)
    .option('--seed <seed>', 'random seed (same seed, same file)', nonNegativeInteger, 1)
    .option('--missing <rate>', 'probability that a rating is left empty', probability, 0.02)
    .option('--instrument <file>', 'instrument JSON (default: the built-in instrument)')
    .option('--out <file>', 'write to a file instead of stdout')
    .option(
      '--loyalty',
      'known loyalty types, asymmetric effects and complaint recovery, ' +
        'with complaint columns (see README)',
    )
    .option('--bom', 'CSV for Excel: a UTF-8 byte-order mark and CRLF line ends')
    .action(async (options: SimulateOptions) => {
      await refuseOutOverInput(options.out, [options.instrument]);
      const found = await instrumentFromOption(options.instrument, context);
      if (found === null) {
        context.finish({ status: 'bad-input' });
        return;
      }
      const instrument = found;
      const random = createRandom(options.seed);
      const settings = { n: options.n, random, missingRate: options.missing };
      const eol = options.bom === true ? '\r\n' : '\n';
      function* lines(): Generator<string> {
        const bom = options.bom === true ? '\uFEFF' : '';
        if (options.loyalty === true) {
          yield `${bom}${loyaltyHeader(instrument).join(',')}${eol}`;
          for (const row of simulateLoyalty(instrument, settings)) yield `${row.join(',')}${eol}`;
          return;
        }
        yield `${bom}${simulatedHeader(instrument).join(',')}${eol}`;
        for (const row of simulateResponses(instrument, settings)) yield `${row.join(',')}${eol}`;
      }
      await streamLines(lines(), options.out);
      context.finish({ status: 'ok' });
    });
}
