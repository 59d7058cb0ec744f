// Worker entry of `runBootstrap`: for each bootstrap job, claims chunks of resamples from the
// shared counter until none are left, writes their statistics into the shared result matrix, and
// says when done. A task job (`runTask`) runs one of `workerTasks` and replies with its result.
import { parentPort } from 'node:worker_threads';
import { bootstrapPls, type BootstrapData } from '../core/pls/bootstrap.js';
import type { PlsOptions } from '../core/pls/estimate.js';
import type { PlsFit } from '../core/pls/fit.js';
import type { PlsModel } from '../core/pls/model.js';
import { createResampleMoments } from '../core/pls/resample-moments.js';
import { createRandom } from '../core/random/random-source.js';
import { adoptWasmModules } from '../core/wasm/runtime.js';
import { runTaskHere, type TaskArgs, type TaskName } from './worker-tasks.js';

export interface BootstrapJob {
  readonly kind: 'bootstrap';
  /** The job's number, repeated in its replies. */
  readonly job: number;
  readonly data: BootstrapData;
  readonly model: PlsModel;
  readonly full: PlsFit;
  readonly seed: number;
  readonly options: PlsOptions;
  readonly resamples: number;
  readonly chunk: number;
  /** width × resamples (statistic-major, `BootstrapMatrix`), shared. */
  readonly values: Float64Array;
  /** Shared [next resample to claim, failed resamples]. */
  readonly control: Int32Array;
}

export interface TaskJob {
  readonly kind: 'task';
  readonly job: number;
  readonly name: TaskName;
  readonly args: TaskArgs<TaskName>;
}

/**
 * A job as posted: with the WebAssembly modules the posting thread has compiled
 * (`compiledWasmModules`), which the worker adopts before it runs the job.
 */
export type WorkerJob = (BootstrapJob | TaskJob) & {
  readonly modules: ReadonlyArray<readonly [string, object]>;
};

/** A job's replies; 'failed' is made by the pool when the worker thread itself fails. */
export type WorkerReply =
  | { kind: 'progress'; job: number; count: number }
  | { kind: 'done'; job: number }
  | { kind: 'result'; job: number; result: unknown }
  | { kind: 'failed'; job: number; error: unknown };

parentPort?.on('message', (job: WorkerJob) => {
  adoptWasmModules(job.modules);
  if (job.kind === 'task') {
    const reply: WorkerReply = {
      kind: 'result',
      job: job.job,
      result: runTaskHere(job.name, job.args),
    };
    parentPort?.postMessage(reply);
    return;
  }
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
      { values, resamples },
    );
    Atomics.add(control, 1, result.failed);
    const reply: WorkerReply = { kind: 'progress', job: job.job, count: to - from };
    parentPort?.postMessage(reply);
  }
  parentPort?.postMessage({ kind: 'done', job: job.job } satisfies WorkerReply);
});
