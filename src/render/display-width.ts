/**
 * Display width of terminal text, in columns: East Asian Wide and Fullwidth characters (CJK
 * ideographs, kana, Hangul, fullwidth punctuation such as "，（）：") take 2 columns, combining marks
 * (Unicode category M, e.g. the bar of "P̄") and zero-width characters take 0, ANSI colour codes
 * take 0, everything else 1 (Unicode Standard Annex #11, East Asian Width; ambiguous-width
 * characters such as "—" and "…" count 1, as in terminals configured for Western locales and in
 * wcwidth).
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes take no columns
const ANSI = /\u001b\[[0-9;]*m/g;
const COMBINING = /^[\p{M}\u200b-\u200f\u2060\ufeff]$/u;

/** Code point ranges of East Asian Wide (W) and Fullwidth (F) characters (UAX #11, abridged). */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

/** Columns one character (code point) takes: 0, 1 or 2. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  if (COMBINING.test(ch)) return 0;
  for (const [lo, hi] of WIDE) if (cp >= lo && cp <= hi) return 2;
  return 1;
}

/** Whether a character is wide (CJK): a line may break before or after it. */
export function isWide(ch: string): boolean {
  return charWidth(ch) === 2;
}

/** Columns a string takes on a terminal (ANSI colour codes ignored). */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text.replace(ANSI, '')) w += charWidth(ch);
  return w;
}

/** Cuts a string to at most `width` columns, ending in "…" when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out.trimEnd()}…`;
}

/** Pads with spaces to `width` columns, on the right (left-aligned) or on the left. */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * Breaks text into pieces a line may break between: runs of non-space Latin characters (words,
 * with any trailing space kept off), and single wide (CJK) characters, so that Chinese wraps at
 * character boundaries and English at spaces.
 */
function tokens(text: string): Array<{ text: string; space: boolean }> {
  const out: Array<{ text: string; space: boolean }> = [];
  let word = '';
  let spaceBefore = false;
  const flush = (): void => {
    if (word !== '') out.push({ text: word, space: spaceBefore });
    word = '';
    spaceBefore = false;
  };
  for (const ch of text) {
    if (ch === ' ') {
      flush();
      spaceBefore = true;
    } else if (isWide(ch)) {
      const space = word === '' ? spaceBefore : false;
      flush();
      out.push({ text: ch, space });
    } else if (COMBINING.test(ch) && word === '' && out.length > 0) {
      // a combining mark stays with the character before it
      const last = out[out.length - 1] as { text: string; space: boolean };
      last.text += ch;
    } else {
      word += ch;
    }
  }
  flush();
  // Closing punctuation (fullwidth or not) never starts a line: glue it to the token before it.
  const glued: Array<{ text: string; space: boolean }> = [];
  for (const t of out) {
    const prev = glued[glued.length - 1];
    if (prev !== undefined && !t.space && /^[，。、；：）」』！？,.;:)\]%]/.test(t.text))
      prev.text += t.text;
    else if (prev !== undefined && t.space && /^%/.test(t.text) && /\d$/.test(prev.text))
      prev.text += ` ${t.text}`; // "4 %": a number and its percent sign stay on one line
    else if (prev !== undefined && !t.space && /^["“‘（「『(]+$/.test(prev.text))
      prev.text += t.text; // an opening quote or bracket never ends a line
    else glued.push({ ...t });
  }
  return glued;
}

/** The widest run without a space (a heading is not broken inside a word, English or Chinese). */
export function widestWord(text: string): number {
  return Math.max(0, ...text.split(/[\s]+/).map((w) => displayWidth(w)));
}

/** The widest piece a line cannot break inside: the least width `wrap` needs without cutting. */
export function minWrapWidth(text: string): number {
  let w = 0;
  for (const line of text.split('\n'))
    for (const t of tokens(line)) w = Math.max(w, displayWidth(t.text));
  return w;
}

/**
 * Wraps text to lines of at most `width` columns: English at spaces, Chinese between characters; a
 * piece wider than the line is cut at character boundaries. Newlines in the text are kept.
 */
export function wrap(text: string, width: number, restWidth = width): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const t of tokens(paragraph)) {
      const w = Math.max(1, lines.length === 0 ? width : restWidth);
      const sep = line !== '' && t.space ? ' ' : '';
      const tw = displayWidth(t.text);
      if (lineWidth + sep.length + tw <= w) {
        line += sep + t.text;
        lineWidth += sep.length + tw;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      lineWidth = 0;
      // a piece wider than the line: cut it at character boundaries
      let rest = t.text;
      while (displayWidth(rest) > Math.max(1, lines.length === 0 ? width : restWidth)) {
        const lw = Math.max(1, lines.length === 0 ? width : restWidth);
        let head = '';
        let hw = 0;
        for (const ch of rest) {
          const cw = charWidth(ch);
          if (hw + cw > lw) break;
          head += ch;
          hw += cw;
        }
        if (head === '') break;
        lines.push(head);
        rest = rest.slice(head.length);
      }
      line = rest;
      lineWidth = displayWidth(rest);
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Wraps a paragraph to `width`, continuation lines indented by `indent` spaces (for list items and
 * notes): "- first line…" / "  continued".
 */
export function wrapIndented(text: string, width: number, indent = 2): string[] {
  return wrap(text, width, width - indent).map((l, i) => (i === 0 ? l : ' '.repeat(indent) + l));
}
