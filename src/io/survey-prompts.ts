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
import { input, select } from '@inquirer/prompts';

/** A rating answer: a number on the scale, not applicable, or go back one question. */
export type RatingAnswer = number | 'na' | 'back';

/** What the survey flow needs from a terminal; tests script it, `inquirerAsker` is the real one. */
export interface Asker {
  rating(q: {
    readonly message: string;
    readonly min: number;
    readonly max: number;
    readonly anchors: readonly [string, string];
    readonly labels: { readonly na: string; readonly back: string; readonly keys?: string };
    readonly current?: number | null;
    readonly allowBack: boolean;
  }): Promise<RatingAnswer>;
  text(q: { readonly message: string }): Promise<string>;
  choice<T extends string>(q: {
    readonly message: string;
    readonly choices: ReadonlyArray<{ readonly name: string; readonly value: T }>;
  }): Promise<T>;
  say(line: string): void;
}

/** True for the error @inquirer/prompts raises when the user presses Ctrl-C. */
export function isInterrupt(e: unknown): boolean {
  return e instanceof Error && e.name === 'ExitPromptError';
}

/**
 * Questions through @inquirer/prompts: ratings as a numbered list (a number key moves to that
 * choice, Enter answers), the scale ends labelled; "not applicable" and "back" below.
 */
export function inquirerAsker(output: NodeJS.WritableStream = process.stderr): Asker {
  const context = { output };
  return {
    rating: (q) => ratingKeyPrompt(ratingPrompt(q), context),
    text: (q) => input({ message: q.message }, context),
    choice: <T extends string>(q: {
      message: string;
      choices: ReadonlyArray<{ name: string; value: T }>;
    }) =>
      select<T>(
        {
          message: q.message,
          choices: q.choices.map((c) => ({ name: c.name, value: c.value })),
          theme: { indexMode: 'number' },
        },
        context,
      ),
    say: (line) => output.write(`${line}\n`),
  };
}

/**
 * The rating prompt: one key answers — a digit on scales up to 9, `n` for not applicable, `b` or
 * Backspace for back — and the arrow keys with Enter work too (the only way on scales above 9).
 * Built on @inquirer/core, so Ctrl-C behaves as in every other prompt.
 */
export const ratingKeyPrompt = createPrompt<RatingAnswer, ReturnType<typeof ratingPrompt>>(
  (config, done) => {
    const theme = makeTheme({});
    const [status, setStatus] = useState<'idle' | 'done'>('idle');
    const start =
      config.default === undefined
        ? 0
        : Math.max(
            0,
            config.choices.findIndex((c) => c.value === config.default),
          );
    const [active, setActive] = useState(start);
    const prefix = usePrefix({ status, theme });
    const singleKey = config.digitKeys;
    const finish = (value: RatingAnswer, index: number): void => {
      setActive(index);
      setStatus('done');
      done(value);
    };
    useKeypress((key, rl) => {
      const index = (value: RatingAnswer): number =>
        config.choices.findIndex((c) => c.value === value);
      if (isEnterKey(key)) {
        const choice = config.choices[active];
        if (choice !== undefined) finish(choice.value, active);
        return;
      }
      if (isUpKey(key)) setActive(Math.max(0, active - 1));
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
      return `${prefix} ${message} ${theme.style.answer(config.choices[active]?.name ?? '')}`;
    const lines = config.choices.map((c, i) => `${i === active ? '❯' : ' '} ${c.name}`);
    const help = singleKey ? config.keys : '↑↓ + Enter';
    return `${prefix} ${message}\n${lines.join('\n')}\n${theme.style.help(help)}`;
  },
);

/** The choices and key help of one rating question, for `ratingKeyPrompt`. */
export function ratingPrompt(q: Parameters<Asker['rating']>[0]): {
  message: string;
  choices: Array<{ name: string; value: RatingAnswer }>;
  default?: RatingAnswer;
  /** Digit keys answer (scales within 0–9); otherwise arrows and Enter only. */
  digitKeys: boolean;
  /** The key help shown under the choices. */
  keys: string;
} {
  const choices: Array<{ name: string; value: RatingAnswer }> = [];
  for (let v = q.min; v <= q.max; v++) {
    const anchor = v === q.min ? ` = ${q.anchors[0]}` : v === q.max ? ` = ${q.anchors[1]}` : '';
    choices.push({ name: `${v}${anchor}`, value: v });
  }
  // The digit keys answer on scales within 0–9; the extra choices show their letter keys.
  const digitKeys = q.min >= 0 && q.max <= 9 && Number.isInteger(q.min) && Number.isInteger(q.max);
  choices.push({ name: digitKeys ? `n · ${q.labels.na}` : q.labels.na, value: 'na' });
  if (q.allowBack)
    choices.push({ name: digitKeys ? `b · ${q.labels.back}` : q.labels.back, value: 'back' });
  const current: RatingAnswer | undefined =
    q.current === undefined ? undefined : q.current === null ? 'na' : q.current;
  return {
    message: q.message,
    choices,
    digitKeys,
    ...(current === undefined ? {} : { default: current }),
    keys: q.labels.keys ?? 'a number key answers · n = not applicable · b = back · ↑↓ + Enter',
  };
}
