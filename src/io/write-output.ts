import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a rendered report to `--out FILE` or to stdout. A file is written whole or not at all
 * (temporary file in the same directory, then rename), so an interrupted run never leaves half a
 * report over a good one.
 */
export async function writeOutput(
  text: string | Uint8Array,
  out: string | undefined,
): Promise<void> {
  if (out === undefined || out === '-') {
    await writeStdout(text);
    return;
  }
  const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, out);
  } catch (e: unknown) {
    await rm(temporary, { force: true });
    throw new OutputError(out, e);
  }
}

/** Writes to stdout and waits until it is flushed (or the reader went away: see `quietEpipe`). */
export async function writeStdout(text: string | Uint8Array): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

/** Lines streamed to a file or stdout with back-pressure (for `simulate`, which can write millions of rows). */
export async function streamLines(lines: Iterable<string>, out: string | undefined): Promise<void> {
  const toFile = out !== undefined && out !== '-';
  const temporary = toFile ? join(dirname(out), `.${basename(out)}.${process.pid}.tmp`) : '';
  const stream = toFile ? createWriteStream(temporary) : process.stdout;
  try {
    let batch: string[] = [];
    for (const line of lines) {
      batch.push(line);
      if (batch.length === 2000) {
        if (!stream.write(batch.join(''))) await once(stream, 'drain');
        batch = [];
      }
    }
    if (batch.length > 0 && !stream.write(batch.join(''))) await once(stream, 'drain');
    if (toFile) {
      stream.end();
      await once(stream, 'finish');
      await rename(temporary, out);
    }
  } catch (e: unknown) {
    if (toFile) await rm(temporary, { force: true });
    throw toFile ? new OutputError(out, e) : e;
  }
}

/** The output file could not be written (a user-facing error, exit 2). */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const code = (cause as { code?: unknown }).code;
    const reasons: Record<string, string> = {
      ENOENT: 'no such directory',
      EACCES: 'permission denied',
      EISDIR: 'is a directory',
      ENOSPC: 'disk full',
      EROFS: 'read-only file system',
    };
    super(
      `${path}: cannot write: ${typeof code === 'string' ? (reasons[code] ?? code) : String(cause)}`,
    );
  }
}

/**
 * A closed pipe (`servqual … | head -1`) ends the run quietly instead of with an EPIPE trace.
 */
export function quietEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
