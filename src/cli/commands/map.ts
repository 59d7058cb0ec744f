import { Command } from 'commander';
import { PLATFORM_NAMES } from '../../core/platform/detect-platform.js';
import { draftColumnMap } from '../../core/platform/draft-column-map.js';
import { ProblemLog } from '../../core/problem-log.js';
import { scanExport } from '../../io/scan-export.js';
import { writeOutput } from '../../io/write-output.js';
import { renderColumnMap } from '../../render/render-column-map.js';
import type { CliContext, Outcome } from '../context.js';
import { refuseOutOverInput } from '../out-option.js';
import { instrumentFromOption } from '../instrument-option.js';
import { plural, printProblems } from '../print-problems.js';
import { addSourceOptions, type SourceOptions } from '../source-options.js';

interface MapOptions extends SourceOptions {
  readonly init: string;
  readonly instrument?: string;
  readonly out?: string;
}

/**
 * `servqual map --init export.csv`: a mapping file (export column → attribute and role) with its
 * guesses marked for review.
 */
export function mapCommand(context: CliContext): Command {
  return addSourceOptions(
    new Command('map')
      .description(
        "write a mapping file for a survey platform's export: " +
          'which column holds which attribute and role',
      )
      .requiredOption(
        '--init <export>',
        'the export to map (CSV from Qualtrics, SurveyMonkey, Google Forms, 问卷星, LimeSurvey…)',
      )
      .option('--instrument <file>', 'instrument JSON (default: the built-in instrument)')
      .option('--out <file>', 'write the mapping file here instead of stdout'),
    { map: false },
  ).action(async (options: MapOptions) => {
    context.finish(await runMap(options, context));
  });
}

async function runMap(options: MapOptions, context: CliContext): Promise<Outcome> {
  await refuseOutOverInput(options.out, [options.init, options.instrument]);
  const instrument = await instrumentFromOption(options.instrument, context);
  if (instrument === null) return { status: 'bad-input' };
  const label = options.init === '-' ? '<stdin>' : options.init;
  const scan = await scanExport(options.init, instrument, {
    label,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
  });
  if (scan.problems.length > 0 || scan.head === null) {
    const log = new ProblemLog();
    log.addAll(scan.problems);
    printProblems(context.say, log);
    return { status: 'bad-input' };
  }
  const { layout } = scan.head;
  const { draft, summary } = draftColumnMap(
    {
      source: label,
      layout,
      guesses: scan.guesses,
      unknownLabels: scan.unknownLabels,
      missing: scan.missing,
    },
    instrument,
  );
  await writeOutput(renderColumnMap(draft), options.out);
  const platform =
    layout.platform === null
      ? 'plain CSV'
      : `${PLATFORM_NAMES[layout.platform]} export (${layout.evidence ?? '--from'})`;
  const target = options.out ?? 'the mapping file';
  const mapped = `${summary.mapped} of ${scan.guesses.length} columns mapped`;
  context.say(`${label}: ${platform}; ${mapped}, ${summary.review} marked "review"`);
  const { unmapped } = summary;
  if (unmapped.length > 0) {
    const more = unmapped.length > 12 ? `, … ${unmapped.length - 12} more` : '';
    context.say(`not found (map them by hand): ${unmapped.slice(0, 12).join(', ')}${more}`);
  }
  if (scan.unknownLabels.length > 0) {
    const texts = plural(scan.unknownLabels.length, 'answer text');
    context.say(`${texts} without a number: give each one in "labels"`);
  }
  const file = label === '<stdin>' ? 'FILE' : label;
  context.say(`check ${target}, then: servqual analyze ${file} --map ${options.out ?? 'map.json'}`);
  return { status: 'ok' };
}
