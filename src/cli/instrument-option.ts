import type { Instrument } from '../core/instrument/types.js';
import { ProblemLog } from '../core/problem-log.js';
import { loadInstrument } from '../io/load-instrument.js';
import type { CliContext } from './context.js';
import { printProblems } from './print-problems.js';

/**
 * The instrument of `--instrument FILE` (or the built-in one); its problems printed and null when
 * it is unusable.
 */
export async function instrumentFromOption(
  path: string | undefined,
  context: CliContext,
): Promise<Instrument | null> {
  const loaded = await loadInstrument(path);
  if (loaded.instrument !== null) return loaded.instrument;
  const log = new ProblemLog();
  log.addAll(loaded.problems);
  printProblems(context.say, log);
  return null;
}
