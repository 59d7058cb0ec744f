/**
 * Facts about the terminal, decided once per run and passed down (renderers never look themselves).
 */

/**
 * Colour on or off: off with `--no-color`, with `NO_COLOR` set to anything non-empty
 * (no-color.org), with `TERM=dumb`, or when the stream is not a terminal; `FORCE_COLOR` (non-empty,
 * not "0") turns it on.
 */
export function decideColor(options: {
  readonly flag: boolean;
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
}): boolean {
  const { env } = options;
  if (!options.flag) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '' && env['FORCE_COLOR'] !== '0')
    return true;
  if (env['TERM'] === 'dumb') return false;
  return options.isTTY;
}

/**
 * Width for the text report, in display columns: `--width N` when given, else the terminal's
 * columns, else `COLUMNS`, else 100 (stdout is a file or a pipe).
 */
export function terminalWidth(
  stream: { readonly columns?: number; readonly isTTY?: boolean },
  env: NodeJS.ProcessEnv,
  flag?: number,
): number {
  if (flag !== undefined) return flag;
  if (stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 0)
    return stream.columns;
  const fromEnv = Number(env['COLUMNS']);
  return Number.isInteger(fromEnv) && fromEnv > 20 ? fromEnv : 100;
}

/**
 * Whether the terminal takes UTF-8 (box drawing, bullets): LC_ALL, else LC_CTYPE, else LANG names
 * UTF-8; an unset locale counts as UTF-8 (today's terminals), "C"/"POSIX" as ASCII.
 */
export function isUtf8Locale(env: NodeJS.ProcessEnv): boolean {
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
  if (locale === '') return true;
  return /utf-?8/i.test(locale);
}
