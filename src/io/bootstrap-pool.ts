import { Worker } from 'node:worker_threads';
import { bootstrapPls, type BootstrapData } from '../core/pls/bootstrap.js';
import type { PlsOptions } from '../core/pls/estimate.js';
import type { PlsFit } from '../core/pls/fit.js';
import type { PlsModel } from '../core/pls/model.js';
import { createResampleMoments } from '../core/pls/resample-moments.js';
import { statisticsLayout } from '../core/pls/statistics.js';
import type { BootstrapResult } from '../core/pls/summarize-pls.js';
import { createRandom } from '../core/random/random-source.js';
import type { BootstrapJob, WorkerReply } from './bootstrap-worker.js';

export interface BootstrapRun {
  readonly resamples: number;
  readonly seed: number;
  readonly threads: number;
  readonly options: PlsOptions;
  /** Called with the number of resamples done so far. */
  readonly onProgress?: (done: number) => void;
  /**
   * Below this much work (resamples × respondents × items²) one thread is used (default
   * `WORK_THRESHOLD`).
   */
  readonly workThreshold?: number;
}

/**
 * Below this much work (resamples × respondents × items², ≈ 5 s of one thread here) the bootstrap
 * runs on one thread whatever --threads says: a worker costs 55–100 ms to start and, on machines
 * whose logical CPUs are hyper-threads of one core (this project's reference machine, whose
 * virtual CPUs show as cores), a second thread costs ≈ 10–20 % more CPU time for little gain:
 * the consultant run (500 × 42 items, 5 000 resamples, 4.4·10⁹) used 3.07 CPU-s on one thread and
 * 3.26 on two (bench/bootstrap.mjs measures both).
 */
export const WORK_THRESHOLD = 1e10;

/**
 * Resamples per claim: about 2·10⁷ multiply-adds of cross-products (≈ 20 ms), a multiple of 4, 4 …
 * 64.
 */
export function chunkSize(n: number, p: number): number {
  const perResample = Math.max(1, (n * p * (p + 1)) / 2);
  return Math.max(4, Math.min(64, 4 * Math.round(2e7 / perResample / 4)));
}

/**
 * Threads a bootstrap runs on: one below `threshold` work, else `requested` (at most one per
 * chunk).
 */
export function bootstrapThreads(
  n: number,
  p: number,
  resamples: number,
  requested: number,
  threshold = WORK_THRESHOLD,
): number {
  if (resamples * n * p * p < threshold) return 1;
  return Math.max(1, Math.min(requested, Math.ceil(resamples / chunkSize(n, p))));
}

const idle: Worker[] = [];

/**
 * A started worker (kept for the next bootstrap of this process, e.g. the second group of a
 * multigroup comparison).
 */
function takeWorker(): Worker {
  const worker = idle.pop() ?? new Worker(new URL('./bootstrap-worker.js', import.meta.url));
  worker.ref();
  return worker;
}
function giveBack(worker: Worker): void {
  worker.removeAllListeners('message');
  worker.removeAllListeners('error');
  worker.unref();
  idle.push(worker);
}

/**
 * Runs the bootstrap on `threads` threads (this one and threads − 1 worker_threads). Resample i
 * always
 * draws from createRandom(seed, i) and its statistics are written at row i of one shared result
 * matrix, so the output is bit-identical for any number of threads. Every thread claims the next
 * small chunk of resamples from a shared counter (Atomics), so none waits for another; the workers
 * read the respondents' compact rows from shared memory (no copy per thread). The report records
 * the
 * number of threads actually used.
 */
export async function runBootstrap(
  data: BootstrapData,
  model: PlsModel,
  full: PlsFit,
  run: BootstrapRun,
): Promise<BootstrapResult> {
  const { resamples, seed } = run;
  const width = statisticsLayout(full).length;
  const chunk = chunkSize(data.n, data.p);
  const threads = bootstrapThreads(data.n, data.p, resamples, run.threads, run.workThreshold);
  const shared = threads > 1 && typeof SharedArrayBuffer === 'function';
  const values = shared
    ? new Float64Array(new SharedArrayBuffer(resamples * width * 8))
    : new Float64Array(resamples * width);
  // [0]: next resample to claim; [1]: failed resamples.
  const control = new Int32Array(shared ? new SharedArrayBuffer(8) : new ArrayBuffer(8));
  let done = 0;
  const progress = (count: number): void => {
    done += count;
    run.onProgress?.(done);
  };
  const workers = shared
    ? Array.from(
        { length: threads - 1 },
        () =>
          new Promise<void>((resolve, reject) => {
            const worker = takeWorker();
            worker.on('message', (reply: WorkerReply) => {
              if (reply.kind === 'progress') progress(reply.count);
              else {
                giveBack(worker);
                resolve();
              }
            });
            worker.on('error', reject);
            const job: BootstrapJob = {
              data,
              model,
              full,
              seed,
              options: run.options,
              resamples,
              chunk,
              values,
              control,
            };
            worker.postMessage(job);
          }),
      )
    : [];
  // This thread claims chunks too, yielding between them so that the workers' progress is reported.
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
      run.options,
      kernel,
    );
    values.set(result.values, from * width);
    Atomics.add(control, 1, result.failed);
    progress(to - from);
    if (threads > 1) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  return { values, width, resamples, failed: Atomics.load(control, 1), seed, threads };
}
