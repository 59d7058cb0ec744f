import { Command, Option } from 'commander';
import type { Baseline } from '../../core/data/map-columns.js';
import type { Language } from '../../core/instrument/types.js';
import { ProblemLog } from '../../core/problem-log.js';
import { buildReport } from '../../core/report/build-report.js';
import type {
  MultigroupReport,
  PathModelReport,
  RankBy,
  Report,
  SegmentsReport,
} from '../../core/report/types.js';
import { ingestFile } from '../../io/ingest-file.js';
import { physicalCores } from '../../io/cpu-cores.js';
import { instrumentFromOption } from '../instrument-option.js';
import { decideColor, isUtf8Locale, terminalWidth } from '../../io/terminal.js';
import { writeOutput } from '../../io/write-output.js';
import { VERSION } from '../version.js';
import { UsageError, type CliContext, type Outcome } from '../context.js';
import { refuseOutOverInput } from '../out-option.js';
import {
  finiteNumber,
  nonNegativeInteger,
  oneOf,
  positiveInteger,
  reportWidth,
} from '../options.js';
import { plsModel, type PlsModel } from '../../core/pls/model.js';
import type { InnerScheme } from '../../core/pls/structure.js';
import type { ColumnPlan } from '../../core/data/map-columns.js';
import type { GapTallySet } from '../../core/gaps/tally-gaps.js';
import { segmentRespondents } from '../../core/segments/segment-respondents.js';
import { checkLoyaltySettings, collectLoyalty } from '../../core/loyalty/collect-loyalty.js';
import type { RowSink } from '../../core/data/ingest-ratings.js';
import { compareGroupPaths, pathDraws, type GroupPaths } from '../../core/pls/multigroup.js';
import type { PlsData } from '../../core/pls/collect.js';
import { tallyMean } from '../../core/stats/tally.js';
import { plural, printProblems } from '../print-problems.js';
import { formatProblem } from '../../render/messages.js';
import { safeStrings } from '../../core/text/safe-strings.js';
import { evaluateRules } from '../../core/rules/evaluate-rules.js';
import { collectRule, gate, parseRules } from '../fail-on.js';
import {
  addSourceOptions,
  sayLayout,
  sourceSettings,
  type SourceOptions,
} from '../source-options.js';

const FORMATS = ['text', 'json', 'markdown', 'csv', 'html', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

export interface AnalyzeOptions extends SourceOptions {
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
  readonly bootstrap: number;
  readonly seed: number;
  readonly threads: number;
  readonly ci: 'percentile' | 'bca';
  readonly consistent?: boolean;
  readonly scheme: InnerScheme;
  readonly missing: 'mean' | 'listwise';
  readonly ipmaTarget?: string;
  readonly failOn: string[];
  readonly csvTable: 'attributes' | 'survival' | 'typology' | 'asymmetry' | 'complaints';
  readonly bom?: boolean;
  readonly segmentBy?: string;
  readonly weightBy?: string;
  readonly loyalty: boolean;
  readonly patronage?: string;
  readonly patronageThreshold?: number;
  readonly loyaltySplit: 'midpoint' | 'median';
  readonly asymmetryTarget?: string;
  readonly asymmetryOf?: string;
  readonly width?: number;
  readonly completeOnly?: boolean;
}

export function analyzeCommand(context: CliContext): Command {
  return addSourceOptions(
    new Command('analyze')
      .description('gaps per attribute and construct, and the ranked survival factors')
      .argument(
        '<file>',
        "ratings file (CSV, ; or tab delimited, or a survey platform's export), or - for stdin",
      ),
  )
    .option('--instrument <file>', 'instrument JSON (default: the built-in SQ/RQ/CL instrument)')
    .addOption(
      new Option('--baseline <role>', 'gap = performance − baseline').choices([
        'importance',
        'expectation',
      ]),
    )
    .addOption(
      new Option('--crosshair <where>', 'IPA crosshair')
        .choices(['mean', 'midpoint'])
        .default('mean'),
    )
    .addOption(
      new Option('--rank-by <key>', 'survival-factor order (derived: IPMA importance × shortfall)')
        .choices(['priority', 'gap', 'derived'])
        .default('priority'),
    )
    .option('--top <n>', 'survival factors shown in text and Markdown', nonNegativeInteger, 10)
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--csv-table <table>', 'which table --format csv writes')
        .choices(['attributes', 'survival', 'typology', 'asymmetry', 'complaints'])
        .default('attributes'),
    )
    .option('--bom', 'CSV for Excel: a UTF-8 byte-order mark and CRLF line ends')
    .option(
      '--lang <lang>',
      'language of labels and text: en or zh',
      oneOf(['en', 'zh'] as const),
      'en',
    )
    .option('--no-paths', 'skip the path model')
    .option(
      '--bootstrap <n>',
      'bootstrap resamples for the path model (0 skips)',
      nonNegativeInteger,
      5000,
    )
    .option(
      '--seed <seed>',
      'bootstrap seed (recorded in the report)',
      nonNegativeInteger,
      DEFAULT_SEED,
    )
    .addOption(
      new Option(
        '--threads <n>',
        'threads for scoring large files and for the bootstrap (1: no worker threads)',
      )
        .argParser(positiveInteger)
        .default(physicalCores(), 'physical cores, one for small bootstraps'),
    )
    .addOption(
      new Option('--ci <method>', 'bootstrap confidence intervals')
        .choices(['percentile', 'bca'])
        .default('percentile'),
    )
    .option(
      '--consistent',
      'consistent PLS (PLSc): correct paths and reflective loadings for attenuation by rho_A',
    )
    .addOption(
      new Option('--scheme <scheme>', 'PLS inner weighting scheme')
        .choices(['path', 'factorial', 'centroid'])
        .default('path'),
    )
    .addOption(
      new Option('--missing <treatment>', 'missing ratings in the path model')
        .choices(['mean', 'listwise'])
        .default('mean'),
    )
    .option('--ipma-target <id>', 'target construct of the IPMA (default: CL)')
    .option(
      '--segment-by <column>',
      'per-segment tables and survival factors, and the attributes that differ between segments',
    )
    .option(
      '--weight-by <column>',
      'weight respondents by this column (e.g. customer value): ' +
        'weighted means and gaps, Kish effective-n SEs',
    )
    .option(
      '--no-loyalty',
      'skip the loyalty typology, penalty–reward contrast and complaint analysis',
    )
    .option(
      '--patronage <column>',
      "loyalty typology: patronage from this column of the firm's records " +
        '(e.g. purchases per year) instead of the behavioural items',
    )
    .option(
      '--patronage-threshold <x>',
      'high patronage above x in the --patronage column (default: its median)',
      finiteNumber,
    )
    .addOption(
      new Option(
        '--loyalty-split <where>',
        'high attitude / patronage: above the scale midpoint, or above the sample median',
      )
        .choices(['midpoint', 'median'])
        .default('midpoint'),
    )
    .option(
      '--asymmetry-target <id>',
      'penalty–reward contrast: the construct explained ' +
        '(default: satisfaction, else the first outcome)',
    )
    .option(
      '--asymmetry-of <group>',
      'penalty–reward contrast: the group whose attributes explain it (default: SQ)',
    )
    .option(
      '--complete-only',
      'leave out respondents marked partial in the completion column (written by servqual survey)',
    )
    .addOption(
      new Option(
        '--fail-on <rule>',
        'exit 1 when the rule holds, e.g. "gap < -1", "path SQ->RQ < 0.3" (repeatable)',
      )
        .argParser(collectRule)
        .default([] as string[], 'none'),
    )
    .option(
      '--lenient',
      'turn bad cells into missing values (and report how many) instead of stopping',
    )
    .option('--no-color', 'no colours in the text report')
    .option(
      '--width <n>',
      'text report width in columns (default: the terminal, else COLUMNS, else 100)',
      reportWidth,
    )
    .action(async (file: string, options: AnalyzeOptions) => {
      context.finish(await runAnalyze(file, options, context));
    });
}

export async function runAnalyze(
  file: string,
  options: AnalyzeOptions,
  context: CliContext,
): Promise<Outcome> {
  if (options.format === 'xlsx' && options.out === undefined && process.stdout.isTTY === true)
    throw new UsageError('--format xlsx writes a workbook (binary): give --out FILE.xlsx');
  await refuseOutOverInput(options.out, [file, options.instrument, options.map]);
  const rules = parseRules(options.failOn);
  const instrument = await instrumentFromOption(options.instrument, context);
  if (instrument === null) return { status: 'bad-input' };
  const specified = options.paths ? plsModel(instrument) : { model: null, problems: [] };
  const model = specified.model;
  const ipmaTarget = options.ipmaTarget;
  if (
    specified.problems.length > 0 ||
    (model !== null && ipmaTarget !== undefined && !isConstruct(model, ipmaTarget))
  ) {
    const log = new ProblemLog();
    log.addAll(specified.problems);
    printProblems(context.say, log);
    if (ipmaTarget !== undefined)
      context.say(`servqual: --ipma-target ${ipmaTarget}: not a construct of the path model`);
    return { status: 'bad-input' };
  }
  const source = await sourceSettings(options, instrument, context);
  if (source === null) return { status: 'bad-input' };
  const loyaltySettings = {
    split: options.loyaltySplit,
    ...(options.patronage === undefined ? {} : { patronage: options.patronage }),
    ...(options.patronageThreshold === undefined
      ? {}
      : { patronageThreshold: options.patronageThreshold }),
    ...(options.asymmetryTarget === undefined ? {} : { asymmetryTarget: options.asymmetryTarget }),
    ...(options.asymmetryOf === undefined ? {} : { asymmetryOf: options.asymmetryOf }),
  };
  const loyaltyError = options.loyalty ? checkLoyaltySettings(instrument, loyaltySettings) : null;
  if (loyaltyError !== null) {
    context.say(`servqual: ${loyaltyError}`);
    return { status: 'bad-input' };
  }
  const segmenter =
    options.segmentBy === undefined
      ? null
      : segmentRespondents(
          options.segmentBy,
          instrument,
          model === null || options.bootstrap === 0
            ? null
            : { model, missing: options.missing, keepRows: true },
        );
  const loyalty = options.loyalty
    ? collectLoyalty(instrument, { ...loyaltySettings, file: file === '-' ? '<stdin>' : file })
    : null;
  const extraSinks = [segmenter, loyalty].filter((x) => x !== null);
  if (model !== null) {
    const { prepareWorkers } = await import('../../io/estimate-path-model.js');
    prepareWorkers({
      file,
      threads: options.threads,
      resamples: options.bootstrap,
      items: model.items.length,
    });
  }
  const {
    result,
    log,
    file: label,
  } = await ingestFile(file, instrument, {
    lenient: options.lenient,
    ...source,
    scoring: options.threads > 1 ? 'auto' : 'inline',
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    ...(model === null
      ? {}
      : { pls: { model, missing: options.missing, keepRows: options.bootstrap > 0 } }),
    ...(extraSinks.length === 0
      ? {}
      : { also: (plan: ColumnPlan) => combineSinks(extraSinks.map((x) => x.sink(plan))) }),
    ...(options.weightBy === undefined ? {} : { weightBy: options.weightBy }),
    ...(options.completeOnly === true ? { completeOnly: true } : {}),
  });
  if (result !== null) sayLayout(context, label, result.layout);
  if (result === null || log.errors > 0) {
    printProblems(context.say, log);
    return { status: 'bad-input' };
  }
  if (log.warnings > 0) {
    const lenient = options.lenient
      ? ` (--lenient: ${plural(result.cellsMadeMissing, 'bad cell')} read as missing)`
      : '';
    const which = log.warnings > 5 ? '; the first 5:' : ':';
    context.say(`${label}: ${plural(log.warnings, 'warning')}${lenient}${which}`);
    printProblems(context.say, log, 5);
  }
  let pathModel: PathModelReport | null = null;
  if (model !== null && result.pls !== null) {
    const progress = progressBar(options.lang === 'zh' ? '自助法' : 'bootstrap');
    const { estimatePathModel } = await import('../../io/estimate-path-model.js');
    const estimated = await estimatePathModel(model, result.pls, {
      file: label,
      scheme: options.scheme,
      missing: options.missing,
      resamples: options.bootstrap,
      seed: options.seed,
      threads: options.threads,
      ci: options.ci,
      ...(options.consistent === true ? { consistent: true } : {}),
      predict: true,
      statedImportance: statedImportance(result),
      ...(ipmaTarget === undefined ? {} : { ipmaTarget }),
      ...(progress === null ? {} : { onProgress: progress }),
      onNotice: context.say,
    });
    progress?.(-1, 0);
    for (const problem of estimated.problems) {
      log.add(problem);
      context.say(formatProblem(problem));
    }
    pathModel = estimated.report;
  }
  const settings = {
    file: label,
    version: VERSION,
    crosshair: options.crosshair,
    rankBy: options.rankBy,
    lenientCells: result.cellsMadeMissing,
    partial: result.partial,
  };
  const segmented = segmenter === null ? null : segmenter.finish(result.plan, settings);
  if (typeof segmented === 'string') {
    context.say(`${label}: --segment-by ${options.segmentBy ?? ''}: ${segmented}`);
    return { status: 'bad-input' };
  }
  let segments: SegmentsReport | null = segmented?.report ?? null;
  if (segments !== null && segmented?.pls?.length === 2 && model !== null && pathModel !== null) {
    const multigroup = await compareSegmentModels(
      model,
      segmented.pls,
      { ...options, file: label, statedImportance: statedImportance(result) },
      context,
    );
    segments = { ...segments, multigroup };
  }
  const loyal = loyalty === null ? null : loyalty.finish(result.plan, settings);
  if (typeof loyal === 'string') {
    context.say(`${label}: ${loyal}`);
    return { status: 'bad-input' };
  }
  if (loyal !== null && loyal.problems.length > 0) {
    log.addAll(loyal.problems);
    const answers = plural(loyal.unread, 'complaint or patronage answer');
    const which = loyal.problems.length > 5 ? '; the first 5:' : ':';
    context.say(`${label}: ${answers} not understood (read as not answered)${which}`);
    for (const p of loyal.problems.slice(0, 5)) context.say(formatProblem(p));
  }
  const report = buildReport(instrument, result.plan, result.tallies, log, {
    ...settings,
    ...(loyal === null ? {} : { loyalty: loyal.analyses }),
    model: pathModel,
    zone: result.zone,
    segments,
    source: {
      platform: result.layout.platform,
      headerRows: result.layout.headerRows,
      mappedBy: result.layout.mappedBy,
    },
  });
  const missingTable =
    options.format === 'csv' ? absentLoyaltyTable(report, options.csvTable) : null;
  if (missingTable !== null) {
    // An empty table would pass for "no rows": say the analysis is not in the report.
    context.say(`servqual: --csv-table ${options.csvTable}: ${missingTable}`);
    return { status: 'bad-input' };
  }
  await writeOutput(await render(report, options, context), options.out);
  return gate(evaluateRules(report, rules), context, options.lang);
}

/**
 * PLS multigroup comparison of two segments: each segment's model estimated and bootstrapped
 * (`--bootstrap` resamples; segment g, 0 or 1, with seed + g so the two bootstraps are
 * independent), then every path compared (Henseler's PLS-MGA, `compareGroupPaths`). Null, with a
 * warning, when a segment's model cannot be estimated.
 */
async function compareSegmentModels(
  model: PlsModel,
  groups: ReadonlyArray<{ readonly value: string; readonly data: PlsData }>,
  options: AnalyzeOptions & {
    readonly file: string;
    readonly statedImportance: ReadonlyMap<string, number>;
  },
  context: CliContext,
): Promise<MultigroupReport | null> {
  const { estimatePathModel, measurementInvariance } = await import(
    '../../io/estimate-path-model.js'
  );
  const fitted: Array<{
    value: string;
    respondents: number;
    estimate: GroupPaths;
    failed: number;
    signFlips: number;
  }> = [];
  // MICOM needs neither bootstrap: with more than one thread it runs on a worker meanwhile.
  const invariance = measurementInvariance(model, groups, {
    resamples: options.bootstrap,
    seed: options.seed,
    scheme: options.scheme,
    threads: options.threads,
    file: options.file,
    onNotice: context.say,
  });
  for (const [g, { value, data }] of groups.entries()) {
    const progress = progressBar(
      options.lang === 'zh' ? `多组比较 ${value}` : `multigroup ${value}`,
    );
    const run = await estimatePathModel(model, data, {
      file: options.file,
      scheme: options.scheme,
      missing: options.missing,
      resamples: options.bootstrap,
      seed: options.seed + g,
      threads: options.threads,
      ci: 'percentile',
      statedImportance: options.statedImportance,
      ...(progress === null ? {} : { onProgress: progress }),
      onNotice: context.say,
    });
    progress?.(-1, 0);
    if (run.report === null || run.boot === null) {
      const why = run.problems.map((p) => p.found ?? '').join('; ') || 'no bootstrap';
      context.say(`${options.file}: no multigroup comparison: segment "${value}": ${why}`);
      return null;
    }
    fitted.push({
      value,
      respondents: run.report.respondents,
      estimate: { paths: run.report.paths, draws: pathDraws(run.boot, run.report.paths.length) },
      failed: run.boot.failed,
      signFlips: run.report.bootstrap?.signFlips?.resamples ?? 0,
    });
  }
  const [first, second] = fitted as [(typeof fitted)[number], (typeof fitted)[number]];
  return {
    method: 'henseler',
    resamples: options.bootstrap,
    seed: options.seed,
    groups: fitted.map(({ value, respondents, failed, signFlips }) => ({
      value,
      respondents,
      failed,
      signFlips,
    })),
    paths: compareGroupPaths(first.estimate, second.estimate),
    micom: await invariance,
  };
}

/** One row sink that hands each respondent to several. */
function combineSinks(sinks: readonly RowSink[]): RowSink {
  if (sinks.length === 1) return sinks[0] as RowSink;
  return {
    add(values, record, weight, line) {
      for (const s of sinks) s.add(values, record, weight, line);
    },
  };
}

/** The seed used when --seed is not given (any fixed number; it is recorded in every report). */
const DEFAULT_SEED = 20031;

function isConstruct(model: PlsModel, id: string): boolean {
  return model.constructs.some((c) => c.id === id) || model.higherOrder.some((h) => h.id === id);
}

/**
 * Stated importance per attribute: the mean importance rating (when importance is the baseline).
 */
function statedImportance(result: { plan: ColumnPlan; tallies: GapTallySet }): Map<string, number> {
  const out = new Map<string, number>();
  if (result.plan.baseline !== 'importance') return out;
  for (const [id, t] of result.tallies.attributes)
    if (t.baseline.n > 0) out.set(id, tallyMean(t.baseline));
  return out;
}

/**
 * A one-line progress bar on stderr, only when stderr is a terminal; call with done = −1 to clear
 * it.
 */
function progressBar(label: string): ((done: number, total: number) => void) | null {
  if (process.stderr.isTTY !== true) return null;
  let last = -1;
  return (done, total) => {
    if (done < 0) {
      if (last >= 0) process.stderr.write('\r\u001b[2K');
      return;
    }
    const percent = Math.floor((done / total) * 100);
    if (percent === last) return;
    last = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    process.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`,
    );
  };
}

/** Renders in the chosen format; each renderer (and its libraries) is loaded only when used. */
async function render(
  raw: Report,
  options: AnalyzeOptions,
  context: CliContext,
): Promise<string | Uint8Array> {
  // JSON is data (JSON.stringify escapes controls); every other format (the xlsx workbook's XML
  // too, which may not hold C0 controls at all) shows text to a person.
  const report = options.format === 'json' ? raw : safeStrings(raw);
  switch (options.format) {
    case 'xlsx':
      return (await import('../../render/render-xlsx.js')).renderXlsx(report, {
        lang: options.lang,
      });
    case 'json':
      return (await import('../../render/render-json.js')).renderJson(report, {
        lang: options.lang,
      });
    case 'markdown':
      return (await import('../../render/render-markdown.js')).renderMarkdown(report, {
        lang: options.lang,
        top: options.top,
      });
    case 'csv': {
      const csv = (await import('../../render/render-csv.js')).renderCsv(report, {
        lang: options.lang,
        table: options.csvTable,
      });
      return options.bom === true ? (await import('../../render/excel-csv.js')).excelCsv(csv) : csv;
    }
    case 'html':
      return (await import('../../render/render-html.js')).renderHtml(report, {
        lang: options.lang,
        top: options.top,
      });
    case 'text': {
      const { renderText } = await import('../../render/render-text.js');
      const toTerminal = options.out === undefined && process.stdout.isTTY === true;
      return renderText(report, {
        lang: options.lang,
        color: decideColor({
          flag: options.color && options.out === undefined,
          isTTY: toTerminal,
          env: context.env,
        }),
        width: terminalWidth(process.stdout, context.env, options.width),
        top: options.top,
        unicode: isUtf8Locale(context.env),
      });
    }
  }
}

/**
 * Why the loyalty table `--csv-table` asks for is not in the report (its analysis did not run), or
 * null when it is there or the table is not a loyalty one.
 */
function absentLoyaltyTable(report: Report, table: AnalyzeOptions['csvTable']): string | null {
  const analyses = report.loyalty ?? null;
  switch (table) {
    case 'typology':
      return (analyses?.typology ?? null) === null
        ? 'the report has no loyalty typology (the instrument marks no attitudinal items or no ' +
            'patronage items)'
        : null;
    case 'asymmetry':
      return (analyses?.asymmetry ?? null) === null
        ? 'the report has no penalty–reward contrast (no target construct or no attributes)'
        : null;
    case 'complaints':
      return (analyses?.complaints ?? null) === null
        ? 'the report has no complaint analysis (the file has no "complained" column)'
        : null;
    default:
      return null;
  }
}
