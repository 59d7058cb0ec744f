import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { ColumnPlan } from '../core/data/map-columns.js';
import type { RowSink } from '../core/data/ingest-ratings.js';
import {
  createGapAccumulator,
  fromPlainTallies,
  type GapTallySet,
  type PlainGapTallySet,
} from '../core/gaps/tally-gaps.js';
import type { Instrument } from '../core/instrument/types.js';

/** A row sink that ends in the gap tallies. */
export interface GapSink extends RowSink {
  finish(): Promise<GapTallySet>;
}

/** Tallies in this thread. */
export function inlineGapSink(plan: ColumnPlan, instrument: Instrument): GapSink {
  const accumulator = createGapAccumulator(plan, instrument);
  return {
    add: (values, _record, weight) => accumulator.add(values, 0, weight),
    finish: () => Promise.resolve(accumulator.tallies()),
  };
}

/** Respondents per message to the worker. */
const BATCH = 2048;
/** Batches in flight before the reader waits for the worker. */
const IN_FLIGHT = 4;

/**
 * Tallies in a worker thread, so that scoring runs on the second core while this thread parses
 * and validates the CSV. Rows travel in batches of 2 048 in transferred Float64Arrays (no copying
 * across threads); the worker returns emptied buffers for reuse, and the reader waits while four
 * batches are in flight, so memory stays a few batches whatever the file size. With a weight
 * column, each row carries its weight after the ratings. Tallies do not depend on the order of
 * respondents, so the result is the same, bit for bit, as `inlineGapSink` (tested).
 */
export function workerGapSink(plan: ColumnPlan, instrument: Instrument): GapSink {
  const width = plan.used.length + (plan.weight === null ? 0 : 1);
  const worker = new Worker(new URL('./gap-worker.js', import.meta.url), {
    workerData: { plan, instrument },
  });
  const spare: Array<Float64Array<ArrayBuffer>> = [];
  let failure: unknown = null;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  worker.on('message', (message: { spare?: Float64Array<ArrayBuffer> }) => {
    if (message.spare === undefined) return;
    spare.push(message.spare);
    inFlight--;
    wake?.();
    wake = null;
  });
  worker.on('error', (e: unknown) => {
    failure = e;
  });
  let batch = new Float64Array(BATCH * width);
  let rows = 0;
  const flush = (): void => {
    if (rows === 0) return;
    worker.postMessage({ rows, values: batch }, [batch.buffer]);
    inFlight++;
    batch = spare.pop() ?? new Float64Array(BATCH * width);
    rows = 0;
  };
  return {
    add(values, _record, weight) {
      batch.set(values, rows * width);
      if (plan.weight !== null) batch[rows * width + width - 1] = weight;
      rows++;
      if (rows === BATCH) flush();
    },
    drain() {
      if (inFlight < IN_FLIGHT || failure !== null) return null;
      return new Promise<void>((resolve) => {
        wake = resolve;
        worker.once('error', () => resolve());
      });
    },
    async finish() {
      flush();
      const done = new Promise<PlainGapTallySet>((resolve, reject) => {
        worker.on('message', (message: { tallies?: PlainGapTallySet }) => {
          if (message.tallies !== undefined) resolve(message.tallies);
        });
        worker.once('error', reject);
        worker.once('exit', (code) =>
          reject(failure ?? new Error(`gap worker exited with code ${code}`)),
        );
      });
      worker.postMessage({ end: true });
      const tallies = fromPlainTallies(await done);
      await once(worker, 'exit');
      return tallies;
    },
  };
}
