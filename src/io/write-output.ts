import { createWriteStream } from 'node:fs';
import { chmod, lstat, open, readlink, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * Writes a rendered report to `--out FILE` or to stdout. `--out` never replaces what it should
 * write into (see `outputTarget`):
 * - a regular file (or a name that does not exist yet) is written whole or not at all: a
 *   temporary file in the same folder, then rename, so an interrupted run never leaves half a
 *   report over a good one and no temporary file is left behind;
 * - a symbolic link is followed and its target treated by the same rule (the link stays a link);
 * - anything else — a device such as `/dev/null` or `/dev/full`, a FIFO, `/dev/stdout`, any path
 *   under /dev or /proc — is opened and written in place.
 * A failure is an `OutputError` (exit 74).
 */
export async function writeOutput(
  text: string | Uint8Array,
  out: string | undefined,
): Promise<void> {
  if (out === undefined || out === '-') {
    await writeStdout(text);
    return;
  }
  const target = await outputTarget(out);
  if (target.kind === 'in-place') {
    try {
      // Append: a device or FIFO ignores it, and `--out /dev/stdout >> log` keeps the log.
      const handle = await open(target.path, 'a');
      try {
        await handle.writeFile(text);
      } finally {
        await handle.close();
      }
    } catch (e: unknown) {
      // `--out /dev/stdout | head -1`: the reader went away, as with stdout itself.
      if ((e as { code?: unknown }).code === 'EPIPE') return;
      throw new OutputError(out, e);
    }
    return;
  }
  const temporary = temporaryName(target.path);
  pending.add(temporary);
  try {
    const handle = await open(temporary, 'wx', 0o666);
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    if (target.mode !== null) await chmod(temporary, target.mode);
    await rename(temporary, target.path);
  } catch (e: unknown) {
    await rm(temporary, { force: true });
    throw new OutputError(out, e);
  } finally {
    pending.delete(temporary);
  }
}

/**
 * The input among `inputs` that `--out` names under this or another name (a link, `./`, a hard
 * link: the same device and inode), or null: `--out` would replace the data it reads. Only a
 * regular file counts (a terminal may be both `/dev/stdin` and `/dev/stdout`); `-`, absent
 * options and files that do not exist yet are skipped.
 */
export async function inputNamedByOut(
  out: string | undefined,
  inputs: ReadonlyArray<string | undefined>,
): Promise<string | null> {
  if (out === undefined || out === '-') return null;
  const identity = async (path: string) => {
    try {
      const info = await stat(path);
      return info.isFile() ? `${info.dev}:${info.ino}` : null;
    } catch {
      return null; // not there yet, or unreadable: reading it will say why
    }
  };
  const target = await identity(out);
  if (target === null) return null;
  for (const input of inputs)
    if (input !== undefined && input !== '-' && (await identity(input)) === target) return input;
  return null;
}

/** Where `--out` writes: a regular file replaced atomically, or a special file written in place. */
export type OutputTarget =
  | { readonly kind: 'atomic'; readonly path: string; readonly mode: number | null }
  | { readonly kind: 'in-place'; readonly path: string };

/**
 * Decides how `--out PATH` is written. Symbolic links are followed one by one (a dangling link
 * names the file to create); the final path is replaced atomically when it is a regular file or
 * does not exist, and written in place otherwise. Paths under /dev and /proc are always written
 * in place (`/dev/stdout` is a link to /proc/self/fd/1, which must be opened, never replaced).
 */
export async function outputTarget(out: string): Promise<OutputTarget> {
  if (isSpecialTree(resolve(out))) return { kind: 'in-place', path: out };
  let path = resolve(out);
  for (let hops = 0; hops < 40; hops++) {
    let info: Awaited<ReturnType<typeof lstat>>;
    try {
      info = await lstat(path);
    } catch (e: unknown) {
      if ((e as { code?: unknown }).code === 'ENOENT') return { kind: 'atomic', path, mode: null };
      throw new OutputError(out, e);
    }
    if (info.isSymbolicLink()) {
      const link = await readlink(path);
      path = isAbsolute(link) ? link : resolve(dirname(path), link);
      if (isSpecialTree(path)) return { kind: 'in-place', path };
      continue;
    }
    if (info.isFile()) return { kind: 'atomic', path, mode: info.mode & 0o7777 };
    if (info.isDirectory())
      throw new OutputError(out, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
    return { kind: 'in-place', path };
  }
  throw new OutputError(out, Object.assign(new Error('too many links'), { code: 'ELOOP' }));
}

function isSpecialTree(path: string): boolean {
  return /^\/(dev|proc)(\/|$)/.test(path);
}

function temporaryName(path: string): string {
  const salt = Math.floor(Math.random() * 0x100000000).toString(16);
  return join(dirname(path), `.${basename(path)}.${process.pid}.${salt}.tmp`);
}

/**
 * Temporary files being written now: removed if a signal ends the run (see `removePendingOutputs`).
 */
const pending = new Set<string>();

/** Removes the temporary files of writes still in progress (called on SIGINT/SIGTERM/SIGHUP). */
export async function removePendingOutputs(): Promise<void> {
  await Promise.all([...pending].map((p) => rm(p, { force: true })));
}

/**
 * Writes to stdout and waits until it is written. A closed pipe (EPIPE) is the reader going away
 * (`servqual … | head -1`): the run ends quietly. Any other failure (`> /dev/full`: ENOSPC) is an
 * `OutputError` for `<stdout>` (exit 74).
 */
export async function writeStdout(text: string | Uint8Array): Promise<void> {
  await new Promise<void>((done, fail) => {
    process.stdout.write(text, (e?: Error | null) => {
      if (e === undefined || e === null) done();
      else if ((e as NodeJS.ErrnoException).code === 'EPIPE') done();
      else fail(new OutputError('<stdout>', e));
    });
  });
}

/**
 * Lines streamed to a file or stdout with back-pressure (for `simulate`, which can write millions
 * of rows).
 */
export async function streamLines(lines: Iterable<string>, out: string | undefined): Promise<void> {
  const toFile = out !== undefined && out !== '-';
  const target = toFile ? await outputTarget(out) : null;
  const temporary = target?.kind === 'atomic' ? temporaryName(target.path) : null;
  if (temporary !== null) pending.add(temporary);
  let failure: unknown = null;
  const stream: NodeJS.WritableStream =
    target === null
      ? process.stdout
      : createWriteStream(temporary ?? target.path, { flags: temporary === null ? 'a' : 'wx' });
  const onError = (e: unknown): void => {
    failure ??= e;
  };
  stream.on('error', onError);
  const check = (): void => {
    if (failure !== null) throw failure;
  };
  const write = async (chunk: string): Promise<void> => {
    check();
    if (!stream.write(chunk)) await settle(stream, 'drain');
    check();
  };
  try {
    let batch: string[] = [];
    for (const line of lines) {
      batch.push(line);
      if (batch.length === 2000) {
        await write(batch.join(''));
        batch = [];
      }
    }
    if (batch.length > 0) await write(batch.join(''));
    if (target !== null) {
      stream.end();
      await settle(stream, 'close');
      check();
      if (temporary !== null && target.kind === 'atomic') {
        if (target.mode !== null) await chmod(temporary, target.mode);
        await rename(temporary, target.path);
      }
    } else {
      await writeStdout('');
    }
  } catch (e: unknown) {
    if (temporary !== null) await rm(temporary, { force: true });
    if ((e as { code?: unknown }).code === 'EPIPE' && target === null) return;
    throw e instanceof OutputError ? e : new OutputError(toFile ? out : '<stdout>', e);
  } finally {
    stream.off('error', onError);
    if (temporary !== null) pending.delete(temporary);
  }
}

/** Waits for `event` or an error (recorded by the stream's own error listener), then unlistens. */
function settle(stream: NodeJS.WritableStream, event: string): Promise<void> {
  return new Promise((done) => {
    const end = (): void => {
      stream.off(event, end);
      stream.off('error', end);
      done();
    };
    stream.on(event, end);
    stream.on('error', end);
  });
}

/** The output (a file or stdout) could not be written: exit 74 (EX_IOERR). */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const code = (cause as { code?: unknown } | null)?.code;
    const reasons: Record<string, string> = {
      ENOENT: 'no such directory',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EISDIR: 'is a directory',
      ENOSPC: 'no space left on the device',
      EROFS: 'read-only file system',
      ELOOP: 'too many symbolic links',
      EXDEV: 'cannot rename across devices',
      EDQUOT: 'disk quota exceeded',
      EFBIG: 'file too large',
      EIO: 'input/output error',
    };
    const reason =
      typeof code === 'string'
        ? (reasons[code] ?? code)
        : cause instanceof Error
          ? cause.message
          : String(cause);
    super(`${path}: cannot write: ${reason}`);
  }
}

const guarded = new WeakSet<NodeJS.WriteStream>();

/**
 * A closed pipe (`servqual … | head -1`) ends the run quietly instead of with an EPIPE trace;
 * other stream errors are left to the write that fails (`writeStdout`), never thrown from here.
 */
export function quietEpipe(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return; // once per stream (main runs many times in the tests)
  guarded.add(stream);
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
}

/**
 * Messages to a closed stderr (`servqual … 2>&1 | head -1` after the first line) are dropped: the
 * run ends with the exit code it would have had (a usage error stays 2), not with an EPIPE crash
 * (70). Messages are for the person; the exit code is what a script reads.
 */
export function dropMessagesOnEpipe(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', () => {});
}
