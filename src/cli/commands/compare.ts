import { Command, Option } from 'commander';
import type { Baseline } from '../../core/data/map-columns.js';
import type { Wave } from '../../core/compare/compare-waves.js';
import type { ScoreLayout } from '../../core/gaps/score-respondent.js';
import type { Instrument, Language } from '../../core/instrument/types.js';
import { evaluateCompareRules } from '../../core/rules/evaluate-rules.js';
import { ingestFile } from '../../io/ingest-file.js';
import { writeOutput } from '../../io/write-output.js';
import { safeStrings } from '../../core/text/safe-strings.js';
import type { CompareFormat } from '../../render/render-compare.js';
import { VERSION } from '../version.js';
import { UsageError, type CliContext, type Outcome } from '../context.js';
import { refuseOutOverInput } from '../out-option.js';
import { instrumentFromOption } from '../instrument-option.js';
import { nonNegativeInteger, oneOf, reportWidth } from '../options.js';
import { decideColor, isUtf8Locale, terminalWidth } from '../../io/terminal.js';
import { printProblems } from '../print-problems.js';
import { collectRule, gate, parseRules } from '../fail-on.js';
import {
  addSourceOptions,
  sayLayout,
  sourceSettings,
  type SourceOptions,
} from '../source-options.js';

interface CompareOptions extends SourceOptions {
  readonly instrument?: string;
  readonly baseline?: Baseline;
  readonly format: CompareFormat | 'xlsx';
  readonly out?: string;
  readonly bom?: boolean;
  readonly lang: Language;
  readonly top: number;
  readonly lenient: boolean;
  readonly idColumn: string;
  readonly failOn: string[];
  readonly color: boolean;
  readonly width?: number;
}

/**
 * `servqual compare w1.csv w2.csv [w3.csv …]`: change in performance and gap between consecutive
 * survey waves, and from three waves the trend per attribute.
 */
export function compareCommand(context: CliContext): Command {
  return addSourceOptions(
    new Command('compare')
      .description(
        'change in performance and in gap between survey waves (two or more, oldest first), ' +
          'and the trend',
      )
      .argument('<waves...>', 'the waves in time order (at least two files)'),
  )
    .option('--instrument <file>', 'instrument JSON (default: the built-in instrument)')
    .addOption(
      new Option('--baseline <role>', 'gap = performance − baseline').choices([
        'importance',
        'expectation',
      ]),
    )
    .addOption(
      new Option('--format <format>', 'report format')
        .choices(['text', 'json', 'markdown', 'csv', 'html', 'xlsx'])
        .default('text'),
    )
    .option('--bom', 'CSV for Excel: a UTF-8 byte-order mark and CRLF line ends')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--lang <lang>', 'language: en or zh', oneOf(['en', 'zh'] as const), 'en')
    .option('--top <n>', 'improvements and deteriorations shown', nonNegativeInteger, 5)
    .option('--lenient', 'bad cells become missing values')
    .option(
      '--id-column <name>',
      'respondent id column: waves are paired when both hold the same ids',
      'respondent_id',
    )
    .addOption(
      new Option(
        '--fail-on <rule>',
        'exit 1 when the rule holds, e.g. "delta(gap) < -0.3" (repeatable)',
      )
        .argParser(collectRule)
        .default([] as string[], 'none'),
    )
    .option('--no-color', 'no colours in the text report')
    .option(
      '--width <n>',
      'text report width in columns (default: the terminal, else COLUMNS, else 100)',
      reportWidth,
    )
    .action(async (files: string[], options: CompareOptions) => {
      if (files.length < 2)
        throw new UsageError('compare needs at least two waves: servqual compare w1.csv w2.csv');
      if (files.filter((f) => f === '-').length > 1)
        throw new UsageError('stdin (-) can be read once: give it for one wave at most');
      context.finish(await runCompare(files, options, context));
    });
}

async function runCompare(
  files: readonly string[],
  options: CompareOptions,
  context: CliContext,
): Promise<Outcome> {
  if (options.format === 'xlsx' && options.out === undefined && process.stdout.isTTY === true)
    throw new UsageError('--format xlsx writes a workbook (binary): give --out FILE.xlsx');
  await refuseOutOverInput(options.out, [...files, options.instrument, options.map]);
  const rules = parseRules(options.failOn);
  const instrument = await instrumentFromOption(options.instrument, context);
  if (instrument === null) return { status: 'bad-input' };
  const source = await sourceSettings(options, instrument, context);
  if (source === null) return { status: 'bad-input' };
  const waves: Array<NonNullable<Awaited<ReturnType<typeof readWave>>>> = [];
  for (const file of files) {
    const wave = await readWave(file, instrument, options, source, context);
    if (wave === null) return { status: 'bad-input' };
    waves.push(wave);
  }
  const first = waves[0] as (typeof waves)[number];
  // Loaded here, not at start-up: other commands do not need them.
  const [{ compareSeries }, { renderCompare }] = await Promise.all([
    import('../../core/compare/compare-series.js'),
    import('../../render/render-compare.js'),
  ]);
  const report = compareSeries(
    first.layout,
    first.attributes,
    waves.map((w) => w.wave),
    instrument,
    { version: VERSION },
  );
  // JSON is data; every other format shows text to a person: control and bidi characters escaped.
  const shown = options.format === 'json' ? report : safeStrings(report);
  if (options.format === 'xlsx') {
    // the workbook holds the latest change (the top level of the series report)
    const { renderCompareXlsx } = await import('../../render/render-xlsx.js');
    await writeOutput(renderCompareXlsx(shown, { lang: options.lang }), options.out);
    return gate(evaluateCompareRules(report, rules), context, options.lang);
  }
  const toTerminal = options.out === undefined && process.stdout.isTTY === true;
  const text = renderCompare(shown, {
    format: options.format,
    lang: options.lang,
    top: options.top,
    width: terminalWidth(process.stdout, context.env, options.width),
    color: decideColor({
      flag: options.color && options.out === undefined,
      isTTY: toTerminal,
      env: context.env,
    }),
    unicode: isUtf8Locale(context.env),
  });
  await writeOutput(
    options.format === 'csv' && options.bom === true
      ? (await import('../../render/excel-csv.js')).excelCsv(text)
      : text,
    options.out,
  );
  return gate(evaluateCompareRules(report, rules), context, options.lang);
}

async function readWave(
  file: string,
  instrument: Instrument,
  options: CompareOptions,
  source: NonNullable<Awaited<ReturnType<typeof sourceSettings>>>,
  context: CliContext,
): Promise<{ wave: Wave; layout: ScoreLayout; attributes: number } | null> {
  const { createRespondentScorer } = await import('../../core/gaps/score-respondent.js');
  const scores: Float64Array[] = [];
  const ids: string[] = [];
  let idAt = -1;
  let layout: ScoreLayout | null = null;
  let attributes = 0;
  const {
    result,
    log,
    file: label,
  } = await ingestFile(file, instrument, {
    lenient: options.lenient,
    ...source,
    scoring: 'inline',
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    also: (plan) => {
      const scorer = createRespondentScorer(plan, instrument, { pairedPerformance: true });
      layout = scorer.layout;
      attributes = plan.attributes.length;
      idAt = plan.header.indexOf(options.idColumn);
      return {
        add(values, record) {
          scores.push(scorer.score(values));
          ids.push(idAt < 0 ? '' : (record[idAt] ?? '').trim());
        },
      };
    },
  });
  if (result !== null) sayLayout(context, label, result.layout);
  if (result === null || log.errors > 0 || layout === null) {
    printProblems(context.say, log);
    return null;
  }
  return { wave: { file: label, ids: idAt < 0 ? null : ids, scores }, layout, attributes };
}
