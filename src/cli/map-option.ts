import type { Instrument } from '../core/instrument/types.js';
import { parseColumnMap, type ColumnMap } from '../core/platform/parse-column-map.js';
import { ProblemLog } from '../core/problem-log.js';
import { readJsonFile } from '../io/read-json-file.js';
import type { CliContext } from './context.js';
import { printProblems } from './print-problems.js';

/**
 * The mapping file of `--map FILE`, checked against the instrument; its problems printed and null
 * when it is unusable.
 */
export async function mapFromOption(
  path: string | undefined,
  instrument: Instrument,
  context: CliContext,
): Promise<ColumnMap | undefined | null> {
  if (path === undefined) return undefined;
  const read = await readJsonFile(path);
  const log = new ProblemLog();
  if ('problem' in read) log.add(read.problem);
  else {
    const parsed = parseColumnMap(read.value, instrument, path);
    log.addAll(parsed.problems);
    if (parsed.map !== null) return parsed.map;
  }
  printProblems(context.say, log);
  return null;
}
