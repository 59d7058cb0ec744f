import { Command, Option } from 'commander';
import type { Baseline } from '../../core/data/map-columns.js';
import { ProblemLog } from '../../core/problem-log.js';
import { ingestFile } from '../../io/ingest-file.js';
import { loadInstrument } from '../../io/load-instrument.js';
import { writeOutput } from '../../io/write-output.js';
import { renderProblemsJson } from '../../render/render-problems-json.js';
import type { CliContext, Outcome } from '../context.js';
import { reportWidth } from '../options.js';
import { terminalWidth } from '../../io/terminal.js';
import { wrapIndented } from '../../render/display-width.js';
import { plural, printProblems } from '../print-problems.js';
import {
  addSourceOptions,
  sayLayout,
  sourceSettings,
  type SourceOptions,
} from '../source-options.js';

interface ValidateOptions extends SourceOptions {
  readonly instrument?: string;
  readonly baseline?: Baseline;
  readonly lenient: boolean;
  readonly format: 'text' | 'json';
  readonly weightBy?: string;
  readonly width?: number;
}

/** `servqual validate FILE`: only the checks; exit 0 when the file can be analysed, 2 when not. */
export function validateCommand(context: CliContext): Command {
  return addSourceOptions(
    new Command('validate')
      .description('check a ratings file against the instrument without analysing it')
      .argument('<file>', 'ratings file, or - for stdin'),
  )
    .option('--instrument <file>', 'instrument JSON (default: the built-in instrument)')
    .addOption(
      new Option('--baseline <role>', 'require this baseline').choices([
        'importance',
        'expectation',
      ]),
    )
    .option('--lenient', 'bad cells are warnings, not errors')
    .option('--weight-by <column>', 'also check this column of respondent weights (numbers ≥ 0)')
    .addOption(
      new Option('--format <format>', 'text (stderr) or json (stdout)')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option(
      '--width <n>',
      'wrap the problems to this many columns (default: the terminal; one line each when piped)',
      reportWidth,
    )
    .action(async (file: string, options: ValidateOptions) => {
      context.finish(await runValidate(file, options, context));
    });
}

async function runValidate(
  file: string,
  options: ValidateOptions,
  context: CliContext,
): Promise<Outcome> {
  const loaded = await loadInstrument(options.instrument);
  let log = new ProblemLog();
  let respondents = 0;
  let label = file === '-' ? '<stdin>' : file;
  const source =
    loaded.instrument === null ? null : await sourceSettings(options, loaded.instrument, context);
  if (loaded.instrument === null) {
    log.addAll(loaded.problems);
  } else if (source === null) {
    return { status: 'bad-input' };
  } else {
    const ingested = await ingestFile(file, loaded.instrument, {
      lenient: options.lenient,
      ...source,
      ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
      ...(options.weightBy === undefined ? {} : { weightBy: options.weightBy }),
    });
    log = ingested.log;
    label = ingested.file;
    respondents = ingested.result?.respondents ?? 0;
    if (ingested.result !== null && options.format === 'text')
      sayLayout(context, label, ingested.result.layout);
  }
  const ok = log.errors === 0;
  if (options.format === 'json') {
    await writeOutput(renderProblemsJson({ file: label, ok, respondents, log }), undefined);
  } else {
    // One line per problem in a pipe (grep-able); wrapped to the terminal (or --width) on screen.
    const width =
      options.width ??
      (process.stderr.isTTY === true ? terminalWidth(process.stderr, context.env) : null);
    const say =
      width === null
        ? context.say
        : (line: string) => {
            for (const l of wrapIndented(line, width, 4)) context.say(l);
          };
    printProblems(say, log);
    if (ok) {
      const warnings = log.warnings > 0 ? `, ${plural(log.warnings, 'warning')}` : '';
      context.say(`${label}: ok, ${plural(respondents, 'respondent')}${warnings}`);
    }
  }
  return ok ? { status: 'ok' } : { status: 'bad-input' };
}
