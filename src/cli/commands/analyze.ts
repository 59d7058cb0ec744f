import { Command, Option } from 'commander';
import type { Baseline } from '../../core/data/map-columns.js';
import type { Language } from '../../core/instrument/types.js';
import { ProblemLog } from '../../core/problem-log.js';
import { buildReport } from '../../core/report/build-report.js';
import type { RankBy, Report } from '../../core/report/types.js';
import { ingestFile } from '../../io/ingest-file.js';
import { loadInstrument } from '../../io/load-instrument.js';
import { decideColor, terminalWidth } from '../../io/terminal.js';
import { writeOutput } from '../../io/write-output.js';
import { VERSION } from '../version.js';
import type { CliContext, Outcome } from '../context.js';
import { nonNegativeInteger, oneOf } from '../options.js';
import { printProblems } from '../print-problems.js';

const FORMATS = ['text', 'json', 'markdown', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export interface AnalyzeOptions {
  readonly instrument?: string;
  readonly baseline?: Baseline;
  readonly crosshair: 'mean' | 'midpoint';
  readonly rankBy: RankBy;
  readonly top: number;
  readonly format: Format;
  readonly out?: string;
  readonly lang: Language;
  readonly paths: boolean;
  readonly lenient: boolean;
  readonly color: boolean;
}

export function analyzeCommand(context: CliContext): Command {
  return new Command('analyze')
    .description('gaps per attribute and construct, and the ranked survival factors')
    .argument('<file>', 'ratings file (CSV, ; or tab delimited), or - for stdin')
    .option('--instrument <file>', 'instrument JSON (default: the built-in SQ/RQ/CL instrument)')
    .addOption(new Option('--baseline <role>', 'gap = performance − baseline').choices(['importance', 'expectation']))
    .addOption(new Option('--crosshair <where>', 'IPA crosshair').choices(['mean', 'midpoint']).default('mean'))
    .addOption(new Option('--rank-by <key>', 'survival-factor order').choices(['priority', 'gap']).default('priority'))
    .option('--top <n>', 'survival factors shown in text and Markdown', nonNegativeInteger, 10)
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--lang <lang>', 'language of labels and text: en or zh', oneOf(['en', 'zh'] as const), 'en')
    .option('--no-paths', 'skip the path model')
    .option('--lenient', 'turn bad cells into missing values (and report how many) instead of stopping')
    .option('--no-color', 'no colours in the text report')
    .action(async (file: string, options: AnalyzeOptions) => {
      context.finish(await runAnalyze(file, options, context));
    });
}

export async function runAnalyze(file: string, options: AnalyzeOptions, context: CliContext): Promise<Outcome> {
  const loaded = await loadInstrument(options.instrument);
  if (loaded.instrument === null) {
    const log = new ProblemLog();
    log.addAll(loaded.problems);
    printProblems(context.say, log);
    return { status: 'bad-input' };
  }
  const instrument = loaded.instrument;
  const { result, log, file: label } = await ingestFile(file, instrument, {
    lenient: options.lenient,
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
  });
  if (result === null || log.errors > 0) {
    printProblems(context.say, log);
    return { status: 'bad-input' };
  }
  if (log.warnings > 0) {
    context.say(`${label}: ${log.warnings} warning${log.warnings === 1 ? '' : 's'}${options.lenient ? ` (--lenient: ${result.cellsMadeMissing} bad cells read as missing)` : ''}; first ones:`);
    printProblems(context.say, log, 5);
  }
  const report = buildReport(instrument, result.plan, result.tallies, log, {
    file: label, version: VERSION, crosshair: options.crosshair, rankBy: options.rankBy, lenientCells: result.cellsMadeMissing,
  });
  await writeOutput(await render(report, options, context), options.out);
  return { status: 'ok' };
}

/** Renders in the chosen format; each renderer (and its libraries) is loaded only when used. */
async function render(report: Report, options: AnalyzeOptions, context: CliContext): Promise<string> {
  switch (options.format) {
    case 'json':
      return (await import('../../render/render-json.js')).renderJson(report, { lang: options.lang });
    case 'markdown':
      return (await import('../../render/render-markdown.js')).renderMarkdown(report, { lang: options.lang, top: options.top });
    case 'csv':
      return (await import('../../render/render-csv.js')).renderCsv(report, { lang: options.lang });
    case 'text': {
      const { renderText } = await import('../../render/render-text.js');
      const toTerminal = options.out === undefined && process.stdout.isTTY === true;
      return renderText(report, {
        lang: options.lang,
        color: decideColor({ flag: options.color && options.out === undefined, isTTY: toTerminal, env: context.env }),
        width: terminalWidth(process.stdout, context.env),
        top: options.top,
      });
    }
  }
}
