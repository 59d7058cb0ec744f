import { Option, type Command } from 'commander';
import type { SourceLayout } from '../core/data/ingest-ratings.js';
import type { Instrument } from '../core/instrument/types.js';
import { PLATFORMS, PLATFORM_NAMES, type Platform } from '../core/platform/detect-platform.js';
import type { ColumnMap } from '../core/platform/parse-column-map.js';
import { ENCODINGS, type Encoding } from '../io/read-csv.js';
import type { CliContext } from './context.js';
import { mapFromOption } from './map-option.js';
import { plural } from './print-problems.js';

/**
 * How to read an input file: `--encoding`, `--from`, `--map` (shared by analyze, validate, compare,
 * map).
 */
export interface SourceOptions {
  readonly encoding?: Encoding;
  readonly from?: Platform;
  readonly map?: string;
  readonly sheet?: string;
}

export function addSourceOptions(
  command: Command,
  options: { readonly map: boolean } = { map: true },
): Command {
  command
    .addOption(
      new Option('--encoding <encoding>', "the file's encoding (default: detected)").choices([
        ...ENCODINGS,
      ]),
    )
    .addOption(
      new Option(
        '--from <platform>',
        'the survey platform that exported the file (default: detected)',
      ).choices([...PLATFORMS]),
    );
  command.option(
    '--sheet <sheet>',
    "a workbook's sheet: its name or number (default: the first sheet with data)",
  );
  if (options.map)
    command.option(
      '--map <file>',
      'mapping file: export column → attribute and role (servqual map --init writes one)',
    );
  return command;
}

/**
 * The settings `ingestFile` takes from these options; null when the mapping file is unusable (its
 * problems printed).
 */
export async function sourceSettings(
  options: SourceOptions,
  instrument: Instrument,
  context: CliContext,
): Promise<{ encoding?: Encoding; from?: Platform; map?: ColumnMap; sheet?: string } | null> {
  const map = await mapFromOption(options.map, instrument, context);
  if (map === null) return null;
  return {
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(map === undefined ? {} : { map }),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
  };
}

/**
 * Says on stderr how a platform export was read, e.g.
 * `export.csv: Qualtrics export (ResponseId column, ImportId row); 3 header rows;
 * columns mapped by their wording`.
 */
export function sayLayout(context: CliContext, label: string, layout: SourceLayout): void {
  if (layout.platform === null && layout.mappedBy === 'names') return;
  const what =
    layout.platform === null
      ? 'read'
      : `${PLATFORM_NAMES[layout.platform]} export (${layout.evidence ?? '--from'})`;
  const by = {
    names: 'by their names',
    map: 'by the mapping file',
    wording: 'by their wording (servqual map --init shows every guess)',
  }[layout.mappedBy];
  context.say(
    `${label}: ${what}; ${plural(layout.headerRows, 'header row')}; columns mapped ${by}`,
  );
}
