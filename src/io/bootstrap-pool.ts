import { Worker } from 'node:worker_threads';
import { bootstrapPls, type BootstrapData } from '../core/pls/bootstrap.js';
import type { PlsOptions } from '../core/pls/estimate.js';
import type { PlsFit } from '../core/pls/fit.js';
import type { PlsModel } from '../core/pls/model.js';
import { createResampleMoments } from '../core/pls/resample-moments.js';
import { statisticsLayout } from '../core/pls/statistics.js';
import type { BootstrapResult } from '../core/pls/summarize-pls.js';
import { createRandom } from '../core/random/random-source.js';
import { compiledWasmModules } from '../core/wasm/runtime.js';
import type { WorkerJob, WorkerReply } from './bootstrap-worker.js';
import { runTaskHere, type TaskArgs, type TaskName, type TaskResult } from './worker-tasks.js';

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

/** Whether this runtime shares memory between threads (workers need it; else one thread). */
const canShare = typeof SharedArrayBuffer === 'function';

/** A started worker thread and the jobs it has been given and not finished. */
interface PooledWorker {
  readonly worker: Worker;
  jobs: number;
}

/**
 * The workers started by this process, kept for its later jobs (e.g. the second group of a
 * multigroup comparison). A worker runs its jobs one after another, in the order given.
 */
const started: PooledWorker[] = [];
/** The reply handlers of the jobs given and not finished, by job number. */
const handlers = new Map<number, (reply: WorkerReply) => void>();
let lastJob = 0;

function startWorker(): PooledWorker {
  const worker = new Worker(new URL('./bootstrap-worker.js', import.meta.url));
  const pooled: PooledWorker = { worker, jobs: 0 };
  worker.on('message', (reply: WorkerReply) => handlers.get(reply.job)?.(reply));
  worker.on('error', (e: unknown) => {
    // A worker that fails is a bug: every job waiting on any worker ends with it.
    for (const handle of handlers.values()) handle({ kind: 'failed', job: 0, error: e });
  });
  worker.unref();
  started.push(pooled);
  return pooled;
}

/**
 * Starts a worker now, if none is started, so that it is ready when the first task or bootstrap
 * comes (a worker takes 55–100 ms to start, on its own thread, while this one reads the data).
 */
export function prestartWorker(): void {
  if (started.length === 0 && canShare) startWorker();
}

/**
 * Gives `job` (without its number) to `pooled`; `onReply` receives the job's replies until one
 * with kind 'done' or 'result' (its last), when the worker may let the process end again.
 */
function give(
  pooled: PooledWorker,
  job: DistributiveOmit<WorkerJob, 'job' | 'modules'>,
  onReply: (reply: WorkerReply) => void,
  transfer: readonly ArrayBuffer[] = [],
): void {
  const id = ++lastJob;
  pooled.jobs++;
  pooled.worker.ref();
  handlers.set(id, (reply) => {
    if (reply.kind !== 'progress') {
      handlers.delete(id);
      if (--pooled.jobs === 0) pooled.worker.unref();
    }
    onReply(reply);
  });
  const modules = compiledWasmModules();
  pooled.worker.postMessage({ ...job, job: id, modules } as WorkerJob, [...transfer]);
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Work (the path bootstrap's resamples × respondents × items²) from which a task goes to a worker
 * thread: below it (a tenth of a second here) starting a worker costs more than the task takes.
 */
export const TASK_WORK_THRESHOLD = 2e8;

/**
 * Runs one of `workerTasks` (the main run's model checks, MICOM) on a worker thread while this
 * thread goes on (with a path bootstrap, which the worker joins when done with the task), when
 * `threads` > 1, the runtime shares memory and `work` (a measure of what runs meanwhile: the
 * bootstrap's resamples × respondents × items²) is at least `TASK_WORK_THRESHOLD`; otherwise here,
 * now. The tasks draw from their own random streams, so the numbers are the same either way.
 */
export function runTask<T extends TaskName>(
  run: {
    readonly threads: number;
    readonly work: number;
    /**
     * Buffers of the arguments made for this task alone: moved to the worker, not copied (they
     * are unusable here afterwards).
     */
    readonly transfer?: readonly ArrayBuffer[];
  },
  name: T,
  ...args: TaskArgs<T>
): Promise<TaskResult<T>> {
  const here = run.threads <= 1 || !canShare || run.work < TASK_WORK_THRESHOLD;
  if (here) return Promise.resolve(runTaskHere(name, args));
  // An idle worker, else a new one within --threads, else the least busy (its jobs run in turn).
  const idle = started.find((w) => w.jobs === 0);
  const pooled =
    idle ??
    (started.length < run.threads - 1
      ? startWorker()
      : started.reduce((a, b) => (b.jobs < a.jobs ? b : a)));
  return new Promise((resolve, reject) => {
    give(
      pooled,
      { kind: 'task', name, args },
      (reply) => {
        if (reply.kind === 'result') resolve(reply.result as TaskResult<T>);
        else if (reply.kind === 'failed') reject(reply.error);
      },
      run.transfer,
    );
  });
}

/**
 * Runs the bootstrap on `threads` threads: this one, the workers `bootstrapThreads` asks for, and
 * every worker this process has already started (up to --threads; one still busy with an earlier
 * job — the model checks — joins when it is done). Resample i always draws from
 * createRandom(seed, i) and its statistics are written at row i of one shared result matrix, so
 * the output is bit-identical for any number of threads. Every thread claims the next small chunk
 * of resamples from a shared counter (Atomics), so none waits for another, and the bootstrap ends
 * when every resample is written, not when every worker has replied; the workers read the
 * respondents' compact rows from shared memory (no copy per thread). The report records the
 * number of threads the resamples were shared among.
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
  const threads = canShare
    ? Math.max(
        bootstrapThreads(data.n, data.p, resamples, run.threads, run.workThreshold),
        Math.min(run.threads, 1 + started.length, Math.ceil(resamples / chunk)),
      )
    : 1;
  const shared = threads > 1;
  const values = shared
    ? new Float64Array(new SharedArrayBuffer(resamples * width * 8))
    : new Float64Array(resamples * width);
  // [0]: next resample to claim; [1]: failed resamples.
  const control = new Int32Array(shared ? new SharedArrayBuffer(8) : new ArrayBuffer(8));
  let done = 0;
  let finished: (() => void) | null = null;
  let failure: unknown = null;
  const progress = (count: number): void => {
    done += count;
    run.onProgress?.(done);
    if (done === resamples) finished?.();
  };
  if (shared) {
    const helpers = [...started].sort((a, b) => a.jobs - b.jobs).slice(0, threads - 1);
    while (helpers.length < threads - 1) helpers.push(startWorker());
    for (const pooled of helpers)
      give(
        pooled,
        {
          kind: 'bootstrap',
          data,
          model,
          full,
          seed,
          options: run.options,
          resamples,
          chunk,
          values,
          control,
        },
        (reply) => {
          if (reply.kind === 'progress') progress(reply.count);
          else if (reply.kind === 'failed') {
            failure = reply.error;
            finished?.();
          }
        },
      );
  }
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
      { values, resamples },
    );
    Atomics.add(control, 1, result.failed);
    progress(to - from);
    if (shared) await new Promise((resolve) => setImmediate(resolve));
  }
  // The chunks the workers still hold.
  if (done < resamples && failure === null)
    await new Promise<void>((resolve) => {
      finished = resolve;
    });
  if (failure !== null) throw failure;
  return { values, width, resamples, failed: Atomics.load(control, 1), seed, threads };
}
