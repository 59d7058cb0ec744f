// The computations a worker thread can run besides the bootstrap's chunks (`runTask` in
// bootstrap-pool.ts), by name. Each takes only data a worker can be sent (structured clone; no
// functions), so a random stream is given as its seed and stream number.
import { percentileInferences } from '../core/pls/bootstrap-inference.js';
import type { CompactRows } from '../core/pls/compact-rows.js';
import type { PlsOptions } from '../core/pls/estimate.js';
import { fSquared } from '../core/pls/f-squared.js';
import { micom } from '../core/pls/micom.js';
import { modelChecks } from '../core/pls/model-checks.js';
import type { PlsStructure } from '../core/pls/structure.js';
import { createRandom } from '../core/random/random-source.js';

export const workerTasks = {
  modelChecks,
  fSquared,
  percentileInferences,
  /** `micom` with its permutations drawn from stream `stream` of `seed`. */
  micom: (
    groups: readonly [CompactRows, CompactRows],
    structure: PlsStructure,
    options: {
      readonly permutations: number;
      readonly seed: number;
      readonly stream: number;
      readonly pls: PlsOptions;
    },
  ) =>
    micom(groups, structure, {
      permutations: options.permutations,
      random: createRandom(options.seed, options.stream),
      pls: options.pls,
    }),
};

export type TaskName = keyof typeof workerTasks;
export type TaskArgs<T extends TaskName> = Parameters<(typeof workerTasks)[T]>;
export type TaskResult<T extends TaskName> = ReturnType<(typeof workerTasks)[T]>;

/** Runs task `name` here, now. */
export function runTaskHere<T extends TaskName>(name: T, args: TaskArgs<T>): TaskResult<T> {
  // TypeScript cannot tie a task to its arguments through an index type; the names do.
  const task = workerTasks[name] as (...a: TaskArgs<T>) => unknown;
  return task(...args) as TaskResult<T>;
}
