import { stat } from 'node:fs/promises';
import {
  createRatingsIngest,
  type IngestOptions,
  type IngestResult,
  type RowSink,
} from '../core/data/ingest-ratings.js';
import type { ColumnPlan } from '../core/data/map-columns.js';
import {
  createGapAccumulator,
  type GapAccumulator,
  type GapTallySet,
  type ZoneTallies,
} from '../core/gaps/tally-gaps.js';
import type { Instrument } from '../core/instrument/types.js';
import { createPlsCollector, type PlsCollector, type PlsData } from '../core/pls/collect.js';
import type { PlsModel } from '../core/pls/model.js';
import type { MissingTreatment } from '../core/pls/moments.js';
import type { ProblemLog } from '../core/problem-log.js';
import { inlineGapSink, workerGapSink, type GapSink } from './gap-sink.js';
import type { Encoding } from './read-csv.js';
import { LocatedLog } from './table/located-log.js';
import { readTable } from './table/read-table.js';

/**
 * Files at least this large are scored in a worker thread (below it, starting one costs more than
 * it saves).
 */
export const WORKER_THRESHOLD_BYTES = 4 << 20;

export interface IngestedFile {
  readonly result:
    | (IngestResult & {
        readonly tallies: GapTallySet;
        readonly pls: PlsData | null;
        readonly zone: ZoneTallies | null;
      })
    | null;
  readonly log: ProblemLog;
  readonly file: string;
  readonly bytes: number;
}

/**
 * Reads a ratings file (path or `-`) through the streaming pipeline: read → map columns →
 * validate → score. All problems, of the file and of its ratings, end up in `log`. Scoring runs in
 * a worker thread for files of 4 MiB and more (`scoring: 'worker'` or `'inline'` forces one way).
 */
export async function ingestFile(
  source: string,
  instrument: Instrument,
  options: Omit<IngestOptions, 'file'> & {
    readonly scoring?: 'auto' | 'worker' | 'inline';
    /** The file's encoding; detected when absent. */
    readonly encoding?: Encoding;
    /** A workbook's sheet (`--sheet`): a name or a 1-based position. */
    readonly sheet?: string;
    /** Also collect the path model's data (its items' moments, and the rows when `keepRows`). */
    readonly pls?: {
      readonly model: PlsModel;
      readonly missing: MissingTreatment;
      readonly keepRows: boolean;
    };
    /** Another consumer of each validated respondent (e.g. the wave comparison's scorer). */
    readonly also?: (plan: ColumnPlan) => RowSink;
  },
): Promise<IngestedFile> {
  const file = source === '-' ? '<stdin>' : source;
  const log = new LocatedLog();
  const size =
    source === '-'
      ? 0
      : await stat(source).then(
          (s) => s.size,
          () => 0,
        );
  const useWorker =
    options.scoring === 'worker' ||
    ((options.scoring ?? 'auto') === 'auto' && size >= WORKER_THRESHOLD_BYTES);
  let sink: GapSink | null = null;
  let collector: PlsCollector | null = null;
  let zone: Record<keyof ZoneTallies, GapAccumulator> | null = null;
  const ingest = createRatingsIngest(
    instrument,
    {
      file,
      lenient: options.lenient,
      ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.map === undefined ? {} : { map: options.map }),
      ...(options.weightBy === undefined ? {} : { weightBy: options.weightBy }),
      ...(options.completeOnly === undefined ? {} : { completeOnly: options.completeOnly }),
    },
    (plan) => {
      const gaps = useWorker ? workerGapSink(plan, instrument) : inlineGapSink(plan, instrument);
      sink = gaps;
      const others: RowSink[] = [];
      if (options.pls !== undefined) {
        collector = createPlsCollector(plan, options.pls.model, options.pls);
        others.push(collector);
      }
      if (options.also !== undefined) others.push(options.also(plan));
      if (plan.roles.has('adequate') && plan.roles.has('desired')) {
        zone = {
          msa: createGapAccumulator(plan, instrument, { baseline: 'adequate' }),
          mss: createGapAccumulator(plan, instrument, { baseline: 'desired' }),
          width: createGapAccumulator(plan, instrument, {
            baseline: 'adequate',
            performance: 'desired',
          }),
        };
        for (const accumulator of Object.values(zone))
          others.push({ add: (values, _record, weight) => accumulator.add(values, 0, weight) });
      }
      if (others.length === 0) return gaps;
      return {
        add(values, record, weight, line) {
          gaps.add(values, record, weight, line);
          for (const other of others) other.add(values, record, weight, line);
        },
        drain: () => gaps.drain?.() ?? null,
      };
    },
    log,
  );
  const read = await readTable(source, ingest, {
    label: file,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
  });
  log.locate = read.locate;
  log.addAll(read.problems);
  const result = ingest.finish();
  const tallies = sink === null ? null : await (sink as GapSink).finish();
  if (result !== null && result.respondents === 0 && read.problems.length === 0) {
    log.add({ code: 'no-respondents', severity: 'error', file, line: 2 });
  } else if (
    result !== null &&
    tallies !== null &&
    result.respondents > 0 &&
    log.errors === 0 &&
    [...(tallies as GapTallySet).attributes.values()].every((t) => t.performanceAll.n === 0)
  ) {
    // Respondents, but not one rating to analyse (--lenient dropped every cell, every weight is
    // 0): an error, not a report saying nothing falls short (errors already printed say why).
    const read = `${result.respondents} respondent${result.respondents === 1 ? '' : 's'} read`;
    log.add({ code: 'no-usable-ratings', severity: 'error', file, found: read });
  }
  const pls = collector === null ? null : (collector as PlsCollector).finish();
  const z = zone as Record<keyof ZoneTallies, GapAccumulator> | null;
  const zoneTallies =
    z === null ? null : { msa: z.msa.tallies(), mss: z.mss.tallies(), width: z.width.tallies() };
  return {
    result:
      result === null || tallies === null ? null : { ...result, tallies, pls, zone: zoneTallies },
    log,
    file,
    bytes: read.bytes,
  };
}
