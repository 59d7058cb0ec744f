// Worker entry of `workerGapSink`: scores batches of respondents into the gap tallies.
import { parentPort, workerData } from 'node:worker_threads';
import type { ColumnPlan } from '../core/data/map-columns.js';
import { createGapAccumulator, toPlainTallies } from '../core/gaps/tally-gaps.js';
import type { Instrument } from '../core/instrument/types.js';

const { plan, instrument } = workerData as { plan: ColumnPlan; instrument: Instrument };
const accumulator = createGapAccumulator(plan, instrument);
const weighted = plan.weight !== null;
const width = plan.used.length + (weighted ? 1 : 0); // a row's ratings, then its weight
const port = parentPort;
port?.on(
  'message',
  (message: { rows?: number; values?: Float64Array<ArrayBuffer>; end?: true }) => {
    if (message.end === true) {
      port.postMessage({ tallies: toPlainTallies(accumulator.tallies()) });
      port.close();
      return;
    }
    const { rows = 0, values } = message;
    if (values === undefined) return;
    for (let r = 0; r < rows; r++)
      accumulator.add(values, r * width, weighted ? values[r * width + width - 1] : 1);
    port.postMessage({ spare: values }, [values.buffer]);
  },
);
