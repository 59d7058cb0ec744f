import { Command, Option } from 'commander';
import type { Baseline } from '../../core/data/map-columns.js';
import type { Wave } from '../../core/compare/compare-waves.js';
import type { ScoreLayout } from '../../core/gaps/score-respondent.js';
import type { Instrument, Language } from '../../core/instrument/types.js';
import { evaluateCompareRules } from '../../core/rules/evaluate-rules.js';
import { ingestFile } from '../../io/ingest-file.js';
import { writeOutput } from '../../io/write-output.js';
import type { CompareFormat } from '../../render/render-compare.js';
import { VERSION } from '../version.js';
import { UsageError, type CliContext, type Outcome } from '../context.js';
import { instrumentFromOption } from '../instrument-option.js';
import { nonNegativeInteger, oneOf } from '../options.js';
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
}

/** `servqual compare before.csv after.csv`: change in performance and gap between two survey waves. */
export function compareCommand(context: CliContext): Command {
  return addSourceOptions(
    new Command('compare')
      .description('change in performance and in gap between two survey waves')
      .argument('<before>', 'the earlier wave')
      .argument('<after>', 'the later wave'),
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
        .choices(['text', 'json', 'markdown', 'csv', 'xlsx'])
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
    .option(
      '--fail-on <rule>',
      'exit 1 when the rule holds, e.g. "delta(gap) < -0.3" (repeatable)',
      collectRule,
      [] as string[],
    )
    .action(async (before: string, after: string, options: CompareOptions) => {
      context.finish(await runCompare(before, after, options, context));
    });
}

async function runCompare(
  beforeFile: string,
  afterFile: string,
  options: CompareOptions,
  context: CliContext,
): Promise<Outcome> {
  if (options.format === 'xlsx' && options.out === undefined && process.stdout.isTTY === true)
    throw new UsageError('--format xlsx writes a workbook (binary): give --out FILE.xlsx');
  const rules = parseRules(options.failOn);
  const instrument = await instrumentFromOption(options.instrument, context);
  if (instrument === null) return { status: 'bad-input' };
  const source = await sourceSettings(options, instrument, context);
  if (source === null) return { status: 'bad-input' };
  const before = await readWave(beforeFile, instrument, options, source, context);
  const after = await readWave(afterFile, instrument, options, source, context);
  if (before === null || after === null) return { status: 'bad-input' };
  // Loaded here, not at start-up: other commands do not need them.
  const [{ compareWaves }, { renderCompare }] = await Promise.all([
    import('../../core/compare/compare-waves.js'),
    import('../../render/render-compare.js'),
  ]);
  const report = compareWaves(before.layout, before.attributes, before.wave, after.wave, {
    instrument: instrument.name,
    version: VERSION,
  });
  if (options.format === 'xlsx') {
    const { renderCompareXlsx } = await import('../../render/render-xlsx.js');
    await writeOutput(renderCompareXlsx(report, { lang: options.lang }), options.out);
    return gate(evaluateCompareRules(report, rules), context);
  }
  const text = renderCompare(report, {
    format: options.format,
    lang: options.lang,
    top: options.top,
  });
  await writeOutput(
    options.format === 'csv' && options.bom === true
      ? (await import('../../render/excel-csv.js')).excelCsv(text)
      : text,
    options.out,
  );
  return gate(evaluateCompareRules(report, rules), context);
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
