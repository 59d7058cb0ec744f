import { open, type FileHandle } from 'node:fs/promises';

/** Random access to the bytes of a zip file: a file on disk, or a buffer (stdin read whole). */
export interface ByteSource {
  readonly size: number;
  read(position: number, length: number): Promise<Buffer>;
  /** The bytes [position, position + length) in chunks. */
  chunks(position: number, length: number): AsyncIterable<Buffer>;
  close(): Promise<void>;
}

export async function fileSource(path: string): Promise<ByteSource> {
  const handle: FileHandle = await open(path, 'r');
  const { size } = await handle.stat();
  const read = async (position: number, length: number): Promise<Buffer> => {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
    let done = 0;
    while (done < buffer.length) {
      const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === buffer.length ? buffer : buffer.subarray(0, done);
  };
  return {
    size,
    read,
    async *chunks(position, length) {
      const step = 1 << 16;
      for (let at = position; at < position + length; at += step) {
        const part = await read(at, Math.min(step, position + length - at));
        if (part.length === 0) return;
        yield part;
      }
    },
    close: () => handle.close(),
  };
}

export function bufferSource(bytes: Buffer): ByteSource {
  return {
    size: bytes.length,
    read: async (position, length) => bytes.subarray(position, position + length),
    async *chunks(position, length) {
      const step = 1 << 16;
      for (let at = position; at < Math.min(bytes.length, position + length); at += step)
        yield bytes.subarray(at, Math.min(at + step, position + length));
    },
    close: async () => {},
  };
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly headerOffset: number;
}

/** A zip archive that cannot be read, with the reason in words. */
export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The entries of a zip archive, from its central directory (APPNOTE.TXT 4.3.12–4.3.16). The end
 * record is searched for in the last 64 KiB + 22 bytes; a file cut short has none. Zip64 archives
 * (entries of 4 GiB and more) are refused with a reason.
 */
export async function zipEntries(source: ByteSource): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(source.size, 0xffff + 22);
  const tail = await source.read(source.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0)
    throw new ZipError(
      'the zip archive has no end record: the file is cut short (an incomplete download or copy)',
    );
  const count = tail.readUInt16LE(end + 10);
  const dirSize = tail.readUInt32LE(end + 12);
  const dirOffset = tail.readUInt32LE(end + 16);
  if (dirOffset === 0xffffffff || count === 0xffff)
    throw new ZipError('a Zip64 archive (over 4 GiB): not supported');
  if (dirOffset + dirSize > source.size)
    throw new ZipError('the zip directory points past the end of the file: the file is cut short');
  const dir = await source.read(dirOffset, dirSize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL)
      throw new ZipError(`zip directory entry ${i + 1} is damaged`);
    const flags = dir.readUInt16LE(at + 8);
    const method = dir.readUInt16LE(at + 10);
    const compressedSize = dir.readUInt32LE(at + 20);
    const size = dir.readUInt32LE(at + 24);
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    const headerOffset = dir.readUInt32LE(at + 42);
    const raw = dir.subarray(at + 46, at + 46 + nameLength);
    const name = (flags & 0x800) !== 0 ? raw.toString('utf8') : raw.toString('latin1');
    if ((flags & 1) !== 0) throw new ZipError(`"${name}" is encrypted (a password-protected file)`);
    entries.set(name.replace(/^\//, ''), { name, method, compressedSize, size, headerOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The uncompressed bytes of an entry, in chunks (stored or deflated), in bounded memory. An entry
 * that unzips to more bytes than the central directory gives for it is damaged (a zip bomb lies
 * there), so a caller can trust `entry.size` as the most it will get.
 */
export async function* entryChunks(source: ByteSource, entry: ZipEntry): AsyncGenerator<Buffer> {
  const local = await source.read(entry.headerOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
    throw new ZipError(`the zip entry "${entry.name}" is damaged (no local header)`);
  const start = entry.headerOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (start + entry.compressedSize > source.size)
    throw new ZipError(`the zip entry "${entry.name}" runs past the end of the file: cut short`);
  const oversize = (): ZipError =>
    new ZipError(
      `the zip entry "${entry.name}" unzips to more than the ${entry.size} bytes ` +
        'its directory gives: the file is damaged',
    );
  const raw = source.chunks(start, entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize > entry.size) throw oversize();
    yield* raw;
    return;
  }
  if (entry.method !== 8)
    throw new ZipError(`the zip entry "${entry.name}" uses compression method ${entry.method}`);
  // zlib is loaded here, for a workbook's deflated entries only (≈ 3 ms that a CSV need not pay:
  // every table is probed through `fileSource`).
  const { createInflateRaw } = await import('node:zlib');
  const inflate = createInflateRaw();
  const out: Buffer[] = [];
  let failed: Error | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  inflate.on('data', (chunk: Buffer) => {
    out.push(chunk);
    // The reader is behind: hold the inflater (and so the pump).
    if (out.length >= 8) inflate.pause();
    wake?.();
  });
  inflate.on('error', (e: Error) => {
    failed = e;
    wake?.();
  });
  inflate.on('end', () => {
    finished = true;
    wake?.();
  });
  const pump = (async () => {
    for await (const chunk of raw) {
      if (failed !== null || inflate.destroyed) return;
      if (!inflate.write(chunk)) await new Promise((r) => inflate.once('drain', r));
    }
    inflate.end();
  })();
  pump.catch((e: unknown) => {
    failed = e instanceof Error ? e : new Error(String(e));
    wake?.();
  });
  let inflated = 0;
  try {
    for (;;) {
      const next = out.shift();
      if (next !== undefined) {
        inflated += next.length;
        if (inflated > entry.size) throw oversize();
        if (out.length < 4 && inflate.isPaused()) inflate.resume();
        yield next;
        continue;
      }
      if (failed !== null) {
        const why = (failed as Error).message;
        throw new ZipError(
          `the zip entry "${entry.name}" does not inflate (${why}): the file is damaged`,
        );
      }
      if (finished) return;
      await new Promise<void>((r) => {
        wake = r;
      });
      wake = null;
    }
  } finally {
    // Stopped early (a problem found, or the reader done): free the inflater and its pump.
    if (!finished) inflate.destroy();
  }
}
