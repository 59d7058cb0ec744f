import { inputNamedByOut } from '../io/write-output.js';
import { UsageError } from './context.js';

/**
 * Before any work: a usage error (exit 2) when `--out` names one of the command's input files —
 * writing the output would replace the data, instrument or mapping it was made from (README
 * "`--out FILE`: never clobbers").
 */
export async function refuseOutOverInput(
  out: string | undefined,
  inputs: ReadonlyArray<string | undefined>,
): Promise<void> {
  const input = await inputNamedByOut(out, inputs);
  if (input !== null)
    throw new UsageError(
      `--out ${out}: that is the input ${input}; writing would replace it (choose another file)`,
    );
}
