import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/** The lock is held by a live process: another survey is writing the file. */
export interface LockHeld {
  readonly held: true;
  readonly pid: number;
}

/** A lock this process holds; `release()` removes it (idempotent). */
export interface FileLock {
  readonly held: false;
  readonly path: string;
  release(): void;
}

/** One link of a lock chain as read from disk. */
interface Link {
  readonly file: string;
  readonly pid: number;
  readonly token: string;
}

/**
 * An exclusive lock on `path` (the file `path`), with atomic takeover of a lock whose process is
 * gone — of any number of processes racing for it, exactly one gets it.
 *
 * Every lock file is written completely under a private name first and then hard-linked into
 * place (`link(2)` fails with EEXIST when the name exists), so a lock is never seen half-written.
 * Each holds `pid token` (the token is random). The holder is the end of a *chain*: `path` holds
 * token t0; the file `path.t0`, if it exists, took over from t0 and holds t1; `path.t1` took over
 * from t1; … A process that finds the chain's last link dead (its pid does not exist) takes over by
 * creating the successor `path.<token of the last link>` with `link(2)`: for one dead link only one
 * process can create that name, so exactly one wins; the others see the winner alive and refuse.
 * The winner then checks that the chain it followed is still in place (a chain being released
 * under it makes it step back and start over). Nothing is ever renamed over or deleted except by
 * its live holder, which on release removes the head first, then the rest of its chain.
 *
 * Why not "delete the stale lock, then create": two processes can both see the stale lock, both
 * delete (the second deleting the first one's new lock) and both create.
 */
export function acquireLock(path: string): FileLock | LockHeld {
  for (let attempt = 0; attempt < 100; attempt++) {
    const token = randomBytes(12).toString('hex');
    const candidate = `${path}.new-${token}`;
    writeCandidate(candidate, `${process.pid} ${token}\n`);
    try {
      if (tryLink(candidate, path)) return holding(path, [path]);
      const chain = readChain(path);
      if (chain === null) continue; // changed while read: look again
      const last = chain[chain.length - 1] as Link;
      if (alive(last.pid)) return { held: true, pid: last.pid };
      const successor = `${path}.${last.token}`;
      if (!tryLink(candidate, successor)) continue; // another process took over first
      const again = readChain(path);
      const mine = again?.[again.length - 1];
      if (
        again !== null &&
        again.length === chain.length + 1 &&
        chain.every((l, i) => again[i]?.token === l.token) &&
        mine?.token === token
      ) {
        return holding(path, [...chain.map((l) => l.file), successor]);
      }
      rmSync(successor, { force: true }); // the chain went away under us: start over
    } finally {
      rmSync(candidate, { force: true });
    }
  }
  throw new Error(`${path}: the lock keeps changing`);
}

function holding(path: string, files: readonly string[]): FileLock {
  let released = false;
  return {
    held: false,
    path,
    release() {
      if (released) return;
      released = true;
      for (const file of files) rmSync(file, { force: true }); // the head first
    },
  };
}

function writeCandidate(file: string, text: string): void {
  const fd = openSync(file, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** link(2): true when `to` was created, false when it exists. */
function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (e: unknown) {
    if ((e as { code?: unknown }).code === 'EEXIST') return false;
    throw e;
  }
}

/** The chain from the head to its last link; null when a link vanished while being read. */
function readChain(path: string): Link[] | null {
  const chain: Link[] = [];
  let file = path;
  for (;;) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e: unknown) {
      if ((e as { code?: unknown }).code === 'ENOENT') {
        if (file === path) return null;
        return chain;
      }
      throw e;
    }
    const [pidText = '', token = ''] = text.trim().split(/\s+/);
    const pid = Number(pidText);
    // A lock written by an older servqual holds only the pid: its token is its pid.
    const link = { file, pid: Number.isInteger(pid) ? pid : 0, token: token || `pid${pidText}` };
    if (chain.some((l) => l.token === link.token)) return chain; // a loop: never created by us
    chain.push(link);
    file = `${path}.${link.token}`;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: unknown) {
    return (e as { code?: unknown }).code === 'EPERM';
  }
}
