import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Language } from '../core/instrument/types.js';
import { SURVEY_MESSAGES, type SurveyMessages } from '../core/survey/survey-messages.js';
import type { Rating } from '../core/survey/survey-session.js';
import { acquireLock, type FileLock } from './file-lock.js';

/** A problem with the survey's output file the user must resolve (exit 2); nothing was written. */
export class SurveyFileError extends Error {}

const reasonIn =
  (M: SurveyMessages) =>
  (e: unknown): string => {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' ? (M.reasons[code] ?? code) : String(e);
  };

/** The CSV line of one respondent (RFC 4180 quoting), ending in a newline. */
export function csvLine(cells: readonly string[]): string {
  return stringify([cells as string[]]);
}

/**
 * The survey's output file, opened for appending rows that `servqual analyze` reads.
 *
 * - A new file gets the header line; an existing file must start with exactly this header,
 *   otherwise it is refused and left untouched (the instrument or --zot differs).
 * - `<file>.lock` keeps two surveys from writing one file; a lock whose process is gone is taken
 *   over atomically (`acquireLock`: of any number of processes racing, exactly one writes).
 * - Each respondent is appended with one write and fsynced before the call returns; if the write
 *   fails part-way (a full disk), the file is cut back to its previous length: a row is written
 *   whole or not at all.
 */
export class SurveyFile {
  readonly path: string;
  readonly lockPath: string;
  #lockHeld: FileLock | null = null;
  readonly #M: SurveyMessages;

  private constructor(path: string, M: SurveyMessages) {
    this.path = path;
    this.lockPath = `${path}.lock`;
    this.#M = M;
  }

  /** Opens (creates) the file for `header`, locked; messages in `lang`. */
  static open(path: string, header: readonly string[], lang: Language = 'en'): SurveyFile {
    const M = SURVEY_MESSAGES[lang];
    const reason = reasonIn(M);
    const line = csvLine(header);
    if (existsSync(path)) {
      let first: string;
      try {
        first = firstLine(path);
      } catch (e: unknown) {
        throw new SurveyFileError(M.cannotRead(path, reason(e)));
      }
      if (first !== '' && `${first}\n` !== line) {
        const found = first.split(',').length;
        throw new SurveyFileError(
          M.headerMismatch(path, found !== header.length ? found : null, header.length),
        );
      }
    }
    const file = new SurveyFile(path, M);
    file.#lock();
    try {
      const fd = openSync(path, 'a');
      try {
        if (fstatSync(fd).size === 0) {
          writeSync(fd, line);
          fsyncSync(fd);
        }
      } finally {
        closeSync(fd);
      }
    } catch (e: unknown) {
      file.release();
      throw new SurveyFileError(M.cannotWrite(path, reason(e)));
    }
    return file;
  }

  /** Appends one respondent's row, durably (fsync), whole or not at all. */
  append(cells: readonly string[]): void {
    const reason = reasonIn(this.#M);
    const data = Buffer.from(csvLine(cells), 'utf8');
    let fd: number;
    try {
      fd = openSync(this.path, 'a');
    } catch (e: unknown) {
      throw new SurveyFileError(this.#M.cannotWrite(this.path, reason(e)));
    }
    const before = fstatSync(fd).size;
    try {
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written);
      fsyncSync(fd);
    } catch (e: unknown) {
      try {
        ftruncateSync(fd, before);
        fsyncSync(fd);
      } catch {
        // the original error is the one to report
      }
      throw new SurveyFileError(this.#M.notSaved(this.path, reason(e), `${this.path}.journal`));
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Replaces the last row, which must be `respondentId`'s (a partial row saved on hang-up, now
   * completed with --resume): the file is cut back to where that row starts, then the new row is
   * appended and fsynced. A crash in between leaves the row absent, and the journal (removed only
   * after this returns) still holds every answer.
   */
  replaceLast(respondentId: string, cells: readonly string[]): void {
    const text = readFileSync(this.path, 'utf8');
    const body = text.endsWith('\n') ? text.slice(0, -1) : text;
    const start = body.lastIndexOf('\n') + 1;
    if (start <= 0 || !body.slice(start).startsWith(`${respondentId},`)) {
      this.append(cells);
      return;
    }
    const fd = openSync(this.path, 'r+');
    try {
      ftruncateSync(fd, Buffer.byteLength(body.slice(0, start), 'utf8'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.append(cells);
  }

  release(): void {
    this.#lockHeld?.release();
    this.#lockHeld = null;
  }

  #lock(): void {
    let got: ReturnType<typeof acquireLock>;
    try {
      got = acquireLock(this.lockPath);
    } catch (e: unknown) {
      throw new SurveyFileError(this.#M.cannotWrite(this.lockPath, reasonIn(this.#M)(e)));
    }
    if (got.held) throw new SurveyFileError(this.#M.lockHeld(this.path, got.pid));
    this.#lockHeld = got;
  }
}

function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 16);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const end = text.search(/\r?\n/);
    return end < 0 ? text : text.slice(0, end);
  } finally {
    closeSync(fd);
  }
}

/** What the journal holds about the respondent in progress. */
export interface JournalState {
  readonly respondentId: string;
  readonly fields: Record<string, string>;
  readonly answers: Rating[];
}

/**
 * The journal of the respondent in progress, `<file>.journal`: one JSON line per event, each
 * fsynced as it is written, so `kill -9` loses at most the answer being typed. Events: `start`
 * (respondent id and fields), `answer` (a rating or null), `back`. `servqual survey --resume`
 * replays it; a torn last line (killed mid-write) is ignored. Removed once the row is saved.
 */
export class SurveyJournal {
  readonly path: string;
  #fd: number | null = null;

  constructor(outPath: string) {
    this.path = `${outPath}.journal`;
  }

  static read(outPath: string): JournalState | null {
    const path = `${outPath}.journal`;
    if (!existsSync(path)) return null;
    let state: JournalState | null = null;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      let event: { type?: unknown; respondentId?: unknown; fields?: unknown; value?: unknown };
      try {
        event = JSON.parse(line) as typeof event;
      } catch {
        continue; // an empty or torn line
      }
      if (event.type === 'start' && typeof event.respondentId === 'string') {
        state = {
          respondentId: event.respondentId,
          fields: (event.fields ?? {}) as Record<string, string>,
          answers: [],
        };
      } else if (
        state !== null &&
        event.type === 'answer' &&
        (typeof event.value === 'number' || event.value === null)
      ) {
        state.answers.push(event.value);
      } else if (state !== null && event.type === 'back') {
        state.answers.pop();
      }
    }
    return state;
  }

  start(respondentId: string, fields: Record<string, string>): void {
    this.close();
    this.#fd = openSync(this.path, 'w');
    this.#write({ type: 'start', respondentId, fields });
  }

  answer(value: Rating): void {
    this.#write({ type: 'answer', value });
  }

  back(): void {
    this.#write({ type: 'back' });
  }

  /** The respondent is saved (or discarded): the journal goes. */
  finish(): void {
    this.close();
    rmSync(this.path, { force: true });
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }

  #write(event: object): void {
    if (this.#fd === null) this.#fd = openSync(this.path, 'a');
    writeSync(this.#fd, `${JSON.stringify(event)}\n`);
    fsyncSync(this.#fd);
  }
}
