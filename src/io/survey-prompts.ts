import { input, select } from '@inquirer/prompts';

/** A rating answer: a number on the scale, not applicable, or go back one question. */
export type RatingAnswer = number | 'na' | 'back';

/** What the survey flow needs from a terminal; tests script it, `inquirerAsker` is the real one. */
export interface Asker {
  rating(q: { readonly message: string; readonly min: number; readonly max: number; readonly anchors: readonly [string, string]; readonly labels: { readonly na: string; readonly back: string }; readonly current?: number | null; readonly allowBack: boolean }): Promise<RatingAnswer>;
  text(q: { readonly message: string }): Promise<string>;
  choice<T extends string>(q: { readonly message: string; readonly choices: ReadonlyArray<{ readonly name: string; readonly value: T }> }): Promise<T>;
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
    rating: (q) => select<RatingAnswer>(ratingPrompt(q), context),
    text: (q) => input({ message: q.message }, context),
    choice: <T extends string>(q: { message: string; choices: ReadonlyArray<{ name: string; value: T }> }) =>
      select<T>({ message: q.message, choices: q.choices.map((c) => ({ name: c.name, value: c.value })), theme: { indexMode: 'number' } }, context),
    say: (line) => output.write(`${line}\n`),
  };
}

/** The `select` prompt configuration of one rating question. */
export function ratingPrompt(q: Parameters<Asker['rating']>[0]): {
  message: string;
  choices: Array<{ name: string; value: RatingAnswer }>;
  pageSize: number;
  loop: boolean;
  default?: RatingAnswer;
  theme: { indexMode: 'hidden' | 'number' };
} {
  const choices: Array<{ name: string; value: RatingAnswer }> = [];
  for (let v = q.min; v <= q.max; v++) {
    const anchor = v === q.min ? ` = ${q.anchors[0]}` : v === q.max ? ` = ${q.anchors[1]}` : '';
    choices.push({ name: `${v}${anchor}`, value: v });
  }
  // On a 1-based scale the number key is the rating itself; the extra choices show their keys.
  // Other scales show each choice's key in front of it.
  const oneBased = q.min === 1 && Number.isInteger(q.max);
  choices.push({ name: oneBased ? `${choices.length + 1} · ${q.labels.na}` : q.labels.na, value: 'na' });
  if (q.allowBack) choices.push({ name: oneBased ? `${choices.length + 1} · ${q.labels.back}` : q.labels.back, value: 'back' });
  const current: RatingAnswer | undefined = q.current === undefined ? undefined : q.current === null ? 'na' : q.current;
  return {
    message: q.message, choices, pageSize: choices.length, loop: false,
    ...(current === undefined ? {} : { default: current }),
    theme: { indexMode: oneBased ? 'hidden' : 'number' },
  };
}
