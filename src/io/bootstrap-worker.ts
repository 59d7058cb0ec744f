// Worker entry of `runBootstrap`: runs the resample ranges it is given and sends back their statistics.
import { parentPort, workerData } from 'node:worker_threads';
import { bootstrapPls, type BootstrapData } from '../core/pls/bootstrap.js';
import type { PlsOptions } from '../core/pls/estimate.js';
import type { PlsFit } from '../core/pls/fit.js';
import type { PlsModel } from '../core/pls/model.js';
import { createRandom } from '../core/random/random-source.js';

const { data, model, full, seed, options } = workerData as {
  data: BootstrapData;
  model: PlsModel;
  full: PlsFit;
  seed: number;
  options: PlsOptions;
};
parentPort?.on('message', (range: { from: number; to: number }) => {
  const chunk = bootstrapPls(data, model, full, range, (i) => createRandom(seed, i), options);
  parentPort?.postMessage(chunk, [chunk.values.buffer as ArrayBuffer]);
});
