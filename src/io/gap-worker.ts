// Worker entry of `workerGapSink`: scores batches of respondents into the gap tallies.
import { parentPort, workerData } from 'node:worker_threads';
import type { ColumnPlan } from '../core/data/map-columns.js';
import { createGapAccumulator, toPlainTallies } from '../core/gaps/tally-gaps.js';
import type { Instrument } from '../core/instrument/types.js';

const { plan, instrument } = workerData as { plan: ColumnPlan; instrument: Instrument };
const accumulator = createGapAccumulator(plan, instrument);
const width = plan.used.length;
const port = parentPort;
port?.on('message', (message: { rows?: number; values?: Float64Array<ArrayBuffer>; end?: true }) => {
  if (message.end === true) {
    port.postMessage({ tallies: toPlainTallies(accumulator.tallies()) });
    port.close();
    return;
  }
  const { rows = 0, values } = message;
  if (values === undefined) return;
  for (let r = 0; r < rows; r++) accumulator.add(values, r * width);
  port.postMessage({ spare: values }, [values.buffer]);
});
