import {
  createPrompt,
  isBackspaceKey,
  isDownKey,
  isEnterKey,
  isUpKey,
  makeTheme,
  useKeypress,
  usePrefix,
  useState,
} from '@inquirer/core';
import { input as textPrompt } from '@inquirer/prompts';
import { wrap } from '../render/display-width.js';

/** A rating answer: a number on the scale, not applicable, or go back one question. */
export type RatingAnswer = number | 'na' | 'back';

/** The words a rating prompt shows besides the question (from the survey's message catalogue). */
export interface RatingLabels {
  readonly na: string;
  readonly naShort: string;
  readonly back: string;
  readonly backShort: string;
  /** Key help when digit keys answer. */
  readonly keys: string;
  /** Key help on scales beyond 0–9 (arrows and Enter). */
  readonly arrowKeys: string;
  /** Shown when Enter is pressed before a rating is chosen. */
  readonly chooseFirst: string;
}

export interface RatingQuestion {
  readonly message: string;
  readonly min: number;
  readonly max: number;
  readonly anchors: readonly [string, string];
  readonly labels: RatingLabels;
  /** The earlier answer when going back: shown selected (Enter keeps it). */
  readonly current?: number | null;
  readonly allowBack: boolean;
  /** Refuses a rating on the spot: the message to show, or null to accept it. */
  readonly refuse?: (rating: number) => string | null;
}

export interface ChoiceQuestion<T extends string> {
  readonly message: string;
  readonly choices: ReadonlyArray<{ readonly name: string; readonly value: T }>;
  /** Key help under the choices. */
  readonly keys: string;
}

/** What the survey flow needs from a terminal; tests script it, `inquirerAsker` is the real one. */
export interface Asker {
  rating(q: RatingQuestion): Promise<RatingAnswer>;
  /**
   * A free-text answer; `validate` refuses one on the spot (the message to show, asked again) or
   * accepts it (null).
   */
  text(q: {
    readonly message: string;
    readonly validate?: (answer: string) => string | null;
  }): Promise<string>;
  choice<T extends string>(q: ChoiceQuestion<T>): Promise<T>;
  /**
   * A line for the person, wrapped at the terminal's width (words in English, between characters
   * in Chinese); `verbatim` lines (a command to copy) are written as they are.
   */
  say(line: string, options?: { readonly verbatim?: boolean }): void;
}

/** True for the error @inquirer/prompts raises when the user presses Ctrl-C. */
export function isInterrupt(e: unknown): boolean {
  return e instanceof Error && e.name === 'ExitPromptError';
}

/**
 * Questions through @inquirer/core prompts. A rating or menu is cleared when it ends (so a question
 * abandoned with Ctrl-C and asked again shows once) and one history line is written for an answer.
 *
 * Ctrl-D is Ctrl-C here (the "save, discard or continue" menu): the prompts' readline closes on
 * it without settling the prompt, which left the survey waiting on nothing — the process ended
 * with 0 and the respondent only in the journal. So each prompt has its own abort signal (also
 * aborted by `signal`, the survey's stop), aborted on Ctrl-D by a keypress listener registered
 * before the prompt's readline (listeners run in order), and that abort becomes the Ctrl-C error.
 */
export function inquirerAsker(
  output: NodeJS.WritableStream = process.stderr,
  signal?: AbortSignal,
  input: NodeJS.ReadStream = process.stdin,
): Asker {
  const CTRL_D = 'ctrl-d';
  /** Runs a prompt with its own abort signal, Ctrl-D turned into the Ctrl-C error. */
  const ask = async <T>(run: (promptSignal: AbortSignal) => Promise<T>): Promise<T> => {
    const local = new AbortController();
    const onStop = (): void => local.abort(signal?.reason);
    const onKey = (_: unknown, key: { ctrl?: boolean; name?: string } | undefined): void => {
      if (key?.ctrl === true && key.name === 'd') local.abort(CTRL_D);
    };
    if (signal?.aborted === true) onStop();
    signal?.addEventListener('abort', onStop);
    input.on('keypress', onKey);
    try {
      return await run(local.signal);
    } catch (e: unknown) {
      if (local.signal.reason === CTRL_D && e instanceof Error && e.name === 'AbortPromptError')
        throw Object.assign(new Error('Ctrl-D'), { name: 'ExitPromptError' });
      throw e;
    } finally {
      input.off('keypress', onKey);
      signal?.removeEventListener('abort', onStop);
    }
  };
  const contextWith = (promptSignal: AbortSignal) => ({
    output,
    clearPromptOnDone: true,
    signal: promptSignal,
  });
  // One line per answer, cut to the terminal's width (CJK characters take two columns).
  const history = (message: string, answer: string): void => {
    const width = (output as { columns?: number }).columns ?? 80;
    output.write(`${fitLine(`✔ ${message.replace(/\n\s*/g, ' · ')}`, ` ${answer}`, width)}\n`);
  };
  return {
    rating: async (q) => {
      const config = ratingPrompt(q);
      const answer = await ask((s) => ratingKeyPrompt(config, contextWith(s)));
      history(q.message, config.choices.find((c) => c.value === answer)?.short ?? '');
      return answer;
    },
    text: (q) =>
      ask((s) =>
        textPrompt(
          {
            message: q.message,
            ...(q.validate === undefined
              ? {}
              : { validate: (v: string) => q.validate?.(v) ?? true }),
          },
          { output, signal: s },
        ),
      ),
    choice: async <T extends string>(q: ChoiceQuestion<T>) => {
      const answer = (await ask((s) =>
        choiceKeyPrompt({ message: q.message, choices: q.choices, keys: q.keys }, contextWith(s)),
      )) as T;
      history(q.message, q.choices.find((c) => c.value === answer)?.name ?? '');
      return answer;
    },
    say: (line, options) => {
      const width = (output as { columns?: number }).columns ?? 80;
      const lines = options?.verbatim === true ? [line] : wrap(line, Math.max(20, width - 1));
      for (const l of lines) output.write(`${l}\n`);
    },
  };
}

/** Columns a string takes on a terminal: 2 for East Asian wide characters, else 1. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

/** `head` + `tail` in at most `width` − 1 columns, `head` cut with "…" when needed. */
export function fitLine(head: string, tail: string, width: number): string {
  const room = Math.max(10, width - 1 - displayWidth(tail));
  if (displayWidth(head) <= room) return `${head}${tail}`;
  let cut = '';
  for (const ch of head) {
    if (displayWidth(cut + ch) > room - 1) break;
    cut += ch;
  }
  return `${cut}…${tail}`;
}

/**
 * The rating prompt. Nothing is selected at first, and Enter alone does nothing (it says to choose
 * a rating) — no answer is ever recorded by accident; going back shows the earlier answer selected.
 * One key answers: a digit on scales within 0–9, `n` for not applicable, `b` or Backspace for back;
 * the arrow keys then Enter work too (the only way on wider scales). Built on @inquirer/core, so
 * Ctrl-C behaves as in every other prompt.
 */
export const ratingKeyPrompt = createPrompt<RatingAnswer, ReturnType<typeof ratingPrompt>>(
  (config, done) => {
    const theme = makeTheme({});
    const [status, setStatus] = useState<'idle' | 'done'>('idle');
    const start =
      config.default === undefined
        ? -1
        : config.choices.findIndex((c) => c.value === config.default);
    const [active, setActive] = useState(start);
    const [warning, setWarning] = useState(false);
    const [refusal, setRefusal] = useState<string | null>(null);
    const prefix = usePrefix({ status, theme });
    const singleKey = config.digitKeys;
    const ratings = config.choices.filter((c) => typeof c.value === 'number').length;
    const finish = (value: RatingAnswer, index: number): void => {
      const refused = typeof value === 'number' ? (config.refuse?.(value) ?? null) : null;
      setActive(index);
      setRefusal(refused);
      if (refused !== null) return;
      setStatus('done');
      done(value);
    };
    useKeypress((key, rl) => {
      const index = (value: RatingAnswer): number =>
        config.choices.findIndex((c) => c.value === value);
      if (isEnterKey(key)) {
        const choice = config.choices[active];
        if (choice !== undefined) finish(choice.value, active);
        else setWarning(true);
        return;
      }
      if (isUpKey(key)) setActive(active < 0 ? ratings - 1 : Math.max(0, active - 1));
      else if (isDownKey(key)) setActive(Math.min(config.choices.length - 1, active + 1));
      else if (singleKey && /^[0-9]$/.test(key.name ?? '') && index(Number(key.name)) >= 0)
        finish(Number(key.name), index(Number(key.name)));
      else if (key.name === 'n' && index('na') >= 0) finish('na', index('na'));
      else if ((key.name === 'b' || isBackspaceKey(key)) && index('back') >= 0)
        finish('back', index('back'));
      rl.clearLine(0);
    });
    const message = theme.style.message(config.message, status);
    if (status === 'done')
      return `${prefix} ${message} ${theme.style.answer(config.choices[active]?.short ?? '')}`;
    const lines = config.choices.map((c, i) => `${i === active ? '❯' : ' '} ${c.name}`);
    const help = theme.style.help(config.keys);
    const warn =
      refusal !== null
        ? `\n${theme.style.error(refusal)}`
        : warning && active < 0
          ? `\n${theme.style.error(config.chooseFirst)}`
          : '';
    return `${prefix} ${message}\n${lines.join('\n')}\n${help}${warn}`;
  },
);

/** The choices and key help of one rating question, for `ratingKeyPrompt`. */
export function ratingPrompt(q: RatingQuestion): {
  message: string;
  choices: Array<{ name: string; short: string; value: RatingAnswer }>;
  default?: RatingAnswer;
  /** Digit keys answer (scales within 0–9); otherwise arrows and Enter only. */
  digitKeys: boolean;
  /** The key help shown under the choices. */
  keys: string;
  chooseFirst: string;
  refuse?: (rating: number) => string | null;
} {
  const choices: Array<{ name: string; short: string; value: RatingAnswer }> = [];
  for (let v = q.min; v <= q.max; v++) {
    const anchor = v === q.min ? ` = ${q.anchors[0]}` : v === q.max ? ` = ${q.anchors[1]}` : '';
    choices.push({ name: `${v}${anchor}`, short: `${v}${anchor}`, value: v });
  }
  // The digit keys answer on scales within 0–9; the extra choices show their letter keys.
  const digitKeys = q.min >= 0 && q.max <= 9 && Number.isInteger(q.min) && Number.isInteger(q.max);
  choices.push({ name: `n · ${q.labels.na}`, short: q.labels.naShort, value: 'na' });
  if (q.allowBack)
    choices.push({ name: `b · ${q.labels.back}`, short: q.labels.backShort, value: 'back' });
  const current: RatingAnswer | undefined =
    q.current === undefined ? undefined : q.current === null ? 'na' : q.current;
  return {
    message: q.message,
    choices,
    digitKeys,
    ...(current === undefined ? {} : { default: current }),
    keys: digitKeys ? q.labels.keys : q.labels.arrowKeys,
    chooseFirst: q.labels.chooseFirst,
    ...(q.refuse === undefined ? {} : { refuse: q.refuse }),
  };
}

/**
 * A menu answered with one key: the choices are numbered and a digit chooses at once (menus of up
 * to 9 entries); the arrows then Enter work too. The first entry starts selected (menus have a
 * safe default: Ctrl-C's menu starts on "save").
 */
export const choiceKeyPrompt = createPrompt<string, ChoiceQuestion<string>>((config, done) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [active, setActive] = useState(0);
  const prefix = usePrefix({ status, theme });
  const digits = config.choices.length <= 9;
  useKeypress((key, rl) => {
    const pick = (i: number): void => {
      const choice = config.choices[i];
      if (choice === undefined) return;
      setActive(i);
      setStatus('done');
      done(choice.value);
    };
    if (isEnterKey(key)) pick(active);
    else if (isUpKey(key)) setActive(Math.max(0, active - 1));
    else if (isDownKey(key)) setActive(Math.min(config.choices.length - 1, active + 1));
    else if (digits && /^[1-9]$/.test(key.name ?? '')) pick(Number(key.name) - 1);
    rl.clearLine(0);
  });
  const message = theme.style.message(config.message, status);
  if (status === 'done')
    return `${prefix} ${message} ${theme.style.answer(config.choices[active]?.name ?? '')}`;
  const lines = config.choices.map(
    (c, i) => `${i === active ? '❯' : ' '} ${digits ? `${i + 1}. ` : ''}${c.name}`,
  );
  return `${prefix} ${message}\n${lines.join('\n')}\n${theme.style.help(config.keys)}`;
});

/**
 * Keeps a hang-up (the terminal closing under the survey) from crashing the process before the
 * respondent is saved: the terminal's input then ends and every terminal call fails with EIO —
 * readline's closing `setRawMode(false)` would throw it uncaught, and the streams emit it as
 * errors. Here EIO from `setRawMode` is ignored and the streams' errors are swallowed while the
 * survey runs. Returns the undo.
 */
export function tolerateHangUp(
  stdin: NodeJS.ReadStream,
  streams: readonly NodeJS.EventEmitter[],
): () => void {
  const original = stdin.setRawMode;
  if (typeof original === 'function') {
    stdin.setRawMode = function (this: NodeJS.ReadStream, mode: boolean) {
      try {
        return original.call(this, mode);
      } catch (e: unknown) {
        if ((e as { code?: unknown }).code === 'EIO') return this;
        throw e;
      }
    };
  }
  const ignore = (): void => {};
  for (const s of [stdin, ...streams]) s.on('error', ignore);
  return () => {
    if (typeof original === 'function') stdin.setRawMode = original;
    for (const s of [stdin, ...streams]) s.off('error', ignore);
  };
}
