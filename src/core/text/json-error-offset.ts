import { LIMITS } from '../limits.js';

/**
 * Where a JSON text first breaks the grammar (RFC 8259), as a 0-based offset and a short reason;
 * null when the text is valid. Used to point at the line and column of a broken instrument file,
 * because V8's JSON.parse messages do not always carry a position.
 */
export function jsonErrorOffset(
  text: string,
  maxDepth: number = LIMITS.jsonDepth,
): { offset: number; reason: string } | null {
  let i = 0;
  let depth = 0;
  const fail = (reason: string): never => {
    throw new JsonSyntax(i, reason);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const describe = (): string =>
    i >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[i])}`;
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(describe());
  };
  const string = (): void => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape');
          i += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== '') i += 2;
        else fail('bad escape');
      } else if (ch < ' ') fail('control character in a string');
      else i++;
    }
    fail('unterminated string');
  };
  const number = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null || m[0] === '' || m[0] === '-') fail(describe());
    const written = (m as RegExpExecArray)[0];
    // JSON.parse would read it as Infinity (and JSON.stringify show it as null).
    if (!Number.isFinite(Number(written)))
      fail(`the number ${written} is too large (a double holds at most ±1.8e308)`);
    i += written.length;
  };
  // Recursive descent, with the depth bounded (LIMITS.jsonDepth) so that it cannot overflow the
  // stack and JSON.parse is never given a file nested deeper than that.
  const value = (): void => {
    ws();
    const ch = text[i];
    if ((ch === '{' || ch === '[') && ++depth > maxDepth)
      fail(`nested deeper than ${maxDepth} levels`);
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        depth--;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`${describe()} (expected a "key")`);
        string();
        ws();
        if (text[i] !== ':') fail(`${describe()} (expected ":")`);
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          depth--;
          return;
        }
        fail(`${describe()} (expected "," or "}")`);
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        depth--;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          depth--;
          return;
        }
        fail(`${describe()} (expected "," or "]")`);
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) number();
    else fail(describe());
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`${describe()} after the end of the JSON value`);
    return null;
  } catch (e: unknown) {
    if (e instanceof JsonSyntax) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}

class JsonSyntax {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}
