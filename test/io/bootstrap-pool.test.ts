import { describe, expect, it } from 'vitest';
import { fitPls, firstOrderStructure } from '../../src/core/pls/fit.js';
import { correlation, createMomentsAccumulator } from '../../src/core/pls/moments.js';
import type * as PoolModule from '../../src/io/bootstrap-pool.js';
import type * as TasksModule from '../../src/io/worker-tasks.js';
import { ecsiModel, ecsiValues } from '../core/pls/ecsi-data.js';

// Worker threads run compiled code: use the build in dist/ (`npm test` builds first). Each test
// file has its own module instances, so the pool below starts empty.
const dist = '../../dist/io/';
const { runBootstrap, runTask } = (await import(`${dist}bootstrap-pool.js`)) as typeof PoolModule;
const { runTaskHere } = (await import(`${dist}worker-tasks.js`)) as typeof TasksModule;

// The ECSI data (test/reference/ecsi, n = 250, 24 items) and model.
const model = ecsiModel;
const data = ecsiValues();
const p = model.items.length;
const n = data.length;
const rows = new Float64Array(n * p);
const accumulator = createMomentsAccumulator(p, { missing: 'mean' });
data.forEach((x, i) => {
  rows.set(x, i * p);
  accumulator.add(x);
});
const fit = fitPls(correlation(accumulator.moments().cov, p) as Float64Array, model)!;
const sample = { n, p, codes: null, decode: null, values: rows };
const pls = { scheme: 'path', tolerance: 1e-7, maxIterations: 300 } as const;
/** Work large enough for a task to go to a worker (`TASK_WORK_THRESHOLD`). */
const onWorker = { threads: 2, work: Number.POSITIVE_INFINITY };

describe('the worker pool', () => {
  it('a task gives the same result on a worker thread as on this one, to the bit', async () => {
    const checks = [sample, model, fit, { resamples: 200, seed: 5, pls }] as const;
    const there = await runTask(onWorker, 'modelChecks', ...checks);
    const here = runTaskHere('modelChecks', [...checks]);
    expect(there.srmr?.resamples).toBe(200);
    expect(there.predict?.items.length).toBeGreaterThan(0);
    expect(there).toEqual(here);
    // Two groups: the first 125 respondents and the last 125, as wide (double) rows.
    const half = n / 2;
    const groups = [
      { n: half, p, codes: null, decode: null, values: rows.slice(0, half * p) },
      { n: n - half, p, codes: null, decode: null, values: rows.slice(half * p) },
    ] as const;
    const micom = [
      groups,
      firstOrderStructure(model),
      { permutations: 100, seed: 5, stream: -3, pls },
    ] as const;
    const micomThere = await runTask(onWorker, 'micom', ...micom);
    expect(micomThere?.constructs.length).toBe(7);
    expect(micomThere).toEqual(runTaskHere('micom', [...micom]));
  });

  it('a worker busy with a task joins a later bootstrap: the same bits as one thread', async () => {
    const bootstrap = (threads: number) =>
      runBootstrap(sample, model, fit, { resamples: 400, seed: 9, threads, options: pls });
    const one = await bootstrap(1);
    expect(one.threads).toBe(1);
    // The worker gets the task first and the bootstrap's chunks after it; below the work
    // threshold the bootstrap starts no worker of its own, but takes the one already started.
    const task = runTask(onWorker, 'modelChecks', sample, model, fit, {
      resamples: 100,
      seed: 1,
      pls,
    });
    const two = await bootstrap(2);
    expect(two.threads).toBe(2);
    expect(two.values).toEqual(one.values);
    expect(two.failed).toBe(one.failed);
    await task;
    // --threads 1 never uses the started worker.
    expect((await bootstrap(1)).threads).toBe(1);
  });
});
