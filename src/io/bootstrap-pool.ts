import { Worker } from 'node:worker_threads';
import { bootstrapPls, type BootstrapData } from '../core/pls/bootstrap.js';
import type { PlsOptions } from '../core/pls/estimate.js';
import type { PlsFit } from '../core/pls/fit.js';
import type { PlsModel } from '../core/pls/model.js';
import type { BootstrapResult } from '../core/pls/summarize-pls.js';
import { createRandom } from '../core/random/random-source.js';

export interface BootstrapRun {
  readonly resamples: number;
  readonly seed: number;
  readonly threads: number;
  readonly options: PlsOptions;
  /** Called with the number of resamples done so far. */
  readonly onProgress?: (done: number) => void;
  /** Below this much work (resamples × respondents × items²) one thread is used (default 1.5·10⁹). */
  readonly workThreshold?: number;
}

/** Resamples per work unit handed to a thread. */
const CHUNK = 125;

/**
 * Runs the bootstrap on `threads` threads (this one and threads − 1 worker_threads). Resample i always
 * draws from createRandom(seed, i) and the results are stored by resample index, so the output is
 * bit-identical for any number of threads. Work is handed out in chunks of 125 resamples as
 * threads become free. The report records the number of threads actually used.
 */
export async function runBootstrap(
  data: BootstrapData,
  model: PlsModel,
  full: PlsFit,
  run: BootstrapRun,
): Promise<BootstrapResult> {
  const { resamples, seed } = run;
  const chunks: Array<{ from: number; to: number }> = [];
  for (let from = 0; from < resamples; from += CHUNK)
    chunks.push({ from, to: Math.min(resamples, from + CHUNK) });
  // Worker threads pay off only for long runs (each costs ~60 ms to start, and this machine class
  // shares cores between hyper-threads): below about a second of single-thread work (≈ 1.5·10⁹
  // resample × respondent × item² operations), one thread is used whatever --threads says.
  const work = resamples * data.n * data.p * data.p;
  const threads =
    work < (run.workThreshold ?? 1.5e9) ? 1 : Math.max(1, Math.min(run.threads, chunks.length));
  let width = 0;
  let values = new Float64Array(0);
  let failed = 0;
  let done = 0;
  const store = (chunk: {
    from: number;
    values: Float64Array;
    width: number;
    failed: number;
  }): void => {
    if (width === 0) {
      width = chunk.width;
      values = new Float64Array(resamples * width);
    }
    values.set(chunk.values, chunk.from * width);
    failed += chunk.failed;
    done += chunk.values.length / chunk.width;
    run.onProgress?.(done);
  };
  // This thread works too: threads − 1 workers take chunks as they finish, and between its own
  // chunks this thread yields so that their results are stored and they get the next chunk.
  let next = 0;
  const take = (): { from: number; to: number } | undefined => chunks[next++];
  const workers = Array.from(
    { length: threads - 1 },
    () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(new URL('./bootstrap-worker.js', import.meta.url), {
          workerData: { data, model, full, seed, options: run.options },
        });
        const give = (): void => {
          const chunk = take();
          if (chunk === undefined) {
            void worker.terminate().then(() => resolve());
            return;
          }
          worker.postMessage(chunk);
        };
        worker.on(
          'message',
          (result: { from: number; values: Float64Array; width: number; failed: number }) => {
            store(result);
            give();
          },
        );
        worker.on('error', reject);
        give();
      }),
  );
  for (let chunk = take(); chunk !== undefined; chunk = take()) {
    store(bootstrapPls(data, model, full, chunk, (i) => createRandom(seed, i), run.options));
    if (threads > 1) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  return { values, width, resamples, failed, seed, threads };
}
