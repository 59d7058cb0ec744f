// Worker entry of `runBootstrap`: for each job, claims chunks of resamples from the shared counter
// until none are left, writes their statistics into the shared result matrix, and says when done.
import { parentPort } from 'node:worker_threads';
import { bootstrapPls, type BootstrapData } from '../core/pls/bootstrap.js';
import type { PlsOptions } from '../core/pls/estimate.js';
import type { PlsFit } from '../core/pls/fit.js';
import type { PlsModel } from '../core/pls/model.js';
import { createResampleMoments } from '../core/pls/resample-moments.js';
import { createRandom } from '../core/random/random-source.js';

export interface BootstrapJob {
  readonly data: BootstrapData;
  readonly model: PlsModel;
  readonly full: PlsFit;
  readonly seed: number;
  readonly options: PlsOptions;
  readonly resamples: number;
  readonly chunk: number;
  /** resamples × width, shared. */
  readonly values: Float64Array;
  /** Shared [next resample to claim, failed resamples]. */
  readonly control: Int32Array;
}

export type WorkerReply = { kind: 'progress'; count: number } | { kind: 'done' };

parentPort?.on('message', (job: BootstrapJob) => {
  const { data, model, full, seed, options, resamples, chunk, values, control } = job;
  const kernel = createResampleMoments(data);
  for (;;) {
    const from = Atomics.add(control, 0, chunk);
    if (from >= resamples) break;
    const to = Math.min(resamples, from + chunk);
    const result = bootstrapPls(
      data,
      model,
      full,
      { from, to },
      (i) => createRandom(seed, i),
      options,
      kernel,
    );
    values.set(result.values, from * result.width);
    Atomics.add(control, 1, result.failed);
    parentPort?.postMessage({ kind: 'progress', count: to - from } satisfies WorkerReply);
  }
  parentPort?.postMessage({ kind: 'done' } satisfies WorkerReply);
});
