/**
 * Characters that are never written raw to a terminal, HTML, Markdown or CSV, because they act
 * instead of showing: C0 controls U+0000–U+001F (NUL, ESC of terminal sequences, CR that rewrites
 * a line…), DEL U+007F, C1 controls U+0080–U+009F (U+009B is a one-byte CSI on some terminals),
 * the bidirectional formatting characters that reorder what a reader sees (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069; Unicode TR #9 and CVE-2021-42574 "Trojan Source"), and the
 * line/paragraph separators U+2028/U+2029.
 */
function unsafe(code: number, keepLineBreaks: boolean): boolean {
  if (code < 0x20) return !(keepLineBreaks && code === 0x0a);
  if (code < 0x7f) return false;
  if (code <= 0x9f) return true;
  return (
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * Text from outside (instrument labels, headers, cells, segment values, file names) made safe to
 * show: each unsafe character above becomes its escape `\uXXXX` (NUL → `\u0000`, ESC → `\u001B`,
 * RIGHT-TO-LEFT OVERRIDE → `\u202E`), so the reader sees that it is there and the output device
 * never acts on it. Everything else, Chinese included, is left as it is. `keepLineBreaks` leaves
 * line feeds (for whole messages of several lines); labels and cells escape them too.
 */
export function safeText(
  text: string,
  options: { readonly keepLineBreaks?: boolean } = {},
): string {
  const keep = options.keepLineBreaks === true;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!unsafe(code, keep)) continue;
    out += `${text.slice(from, i)}\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
