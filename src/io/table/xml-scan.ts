/**
 * A small streaming XML scanner for the parts of an .xlsx workbook (SpreadsheetML is plain,
 * namespace-prefixed XML without a DTD). Feed it text in chunks of any size; it calls `open` for a
 * start tag (its local name, its raw attribute text, whether it closes itself), `close` for an end
 * tag, and `text` for the text between two tags (raw: entities are decoded by the caller with
 * `decodeXml`, which leaves a CDATA section's text alone when told so). Comments, processing
 * instructions and declarations are skipped; no entity is ever expanded beyond the five
 * predefined ones and character references.
 */
export interface XmlHandlers {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  text?(raw: string, cdata: boolean): void;
  /**
   * A fast path for the commonest element of a sheet, `<c …><v>raw</v></c>`: when given, such a
   * cell comes here whole (its attribute text and raw value) instead of as five events.
   */
  valueCell?(attrs: string, raw: string): void;
}

export interface XmlScanner {
  write(chunk: string): void;
  /** Ends the document; false when it stopped inside a tag (the file is cut short). */
  end(): boolean;
}

/** XML that cannot be a workbook part: a tag or a text run longer than `MAX_PENDING` characters. */
export class XmlError extends Error {}

/**
 * Longest unfinished tag or text kept between chunks (an Excel cell holds at most 32 767
 * characters).
 */
export const MAX_PENDING = 1 << 22;

/**
 * Text (or a CDATA section, or a `<c><v>` cell) still open after this many characters is handed
 * over in pieces rather than kept whole, so that the reader, which bounds a cell's text
 * (LIMITS.recordBytes), sees it grow; the handlers join the pieces.
 */
const TEXT_PIECE = 1 << 16;

export function createXmlScanner(h: XmlHandlers): XmlScanner {
  let rest = '';
  const scan = (s: string): string => {
    let i = 0;
    const n = s.length;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        // Text whose end is not yet seen: kept, or a long run handed over but for an entity
        // reference that may be cut (`&#x4E2D;` is at most 10 characters; `&` ends where `;` is).
        if (h.text === undefined) return '';
        if (n - i <= TEXT_PIECE) return s.slice(i);
        const amp = s.lastIndexOf('&');
        const cut = amp >= Math.max(i, n - 10) && s.indexOf(';', amp) < 0 ? amp : n;
        h.text(s.slice(i, cut), false);
        return s.slice(cut);
      }
      if (lt > i && h.text !== undefined) h.text(s.slice(i, lt), false);
      const next = s.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return s.slice(lt);
      if (next === 0x21 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const close = s.indexOf('-->', lt + 4);
          if (close < 0) return s.slice(lt);
          i = close + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const close = s.indexOf(']]>', lt + 9);
          if (close < 0) {
            if (n - lt <= TEXT_PIECE || h.text === undefined) return s.slice(lt);
            // a long section: its text so far (but for a `]]` that may be cut), then the rest
            h.text(s.slice(lt + 9, n - 2), true);
            return `<![CDATA[${s.slice(n - 2)}`;
          }
          h.text?.(s.slice(lt + 9, close), true);
          i = close + 3;
        } else {
          const close = s.indexOf('>', lt);
          if (close < 0 || lt + 9 > n) return s.slice(lt);
          i = close + 1;
        }
        continue;
      }
      if (next === 0x3f /* ? */) {
        const close = s.indexOf('?>', lt + 2);
        if (close < 0) return s.slice(lt);
        i = close + 2;
        continue;
      }
      if (next === 0x2f /* / */) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) return s.slice(lt);
        let from = lt + 2;
        let to = gt;
        const colon = s.indexOf(':', from);
        if (colon >= 0 && colon < gt) from = colon + 1;
        while (to > from && isSpace(s.charCodeAt(to - 1))) to--;
        h.close(s.slice(from, to));
        i = gt + 1;
        continue;
      }
      // A start tag: its name, then its end, the first `>` outside quotes, in one pass.
      let j = lt + 1;
      let colon = -1;
      for (; j < n; j++) {
        const c = s.charCodeAt(j);
        if (c === 0x3e || c === 0x2f || c <= 0x20) break;
        if (c === 0x3a) colon = j;
      }
      let k = j;
      let quote = 0;
      for (; k < n; k++) {
        const c = s.charCodeAt(k);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x3e) break;
        else if (c === 0x22 || c === 0x27) quote = c;
      }
      if (k >= n) return s.slice(lt);
      const selfClosing = s.charCodeAt(k - 1) === 0x2f;
      if (
        h.valueCell !== undefined &&
        !selfClosing &&
        j === lt + 2 &&
        s.charCodeAt(lt + 1) === 0x63 /* c */ &&
        s.startsWith('<v>', k + 1)
      ) {
        const close = s.indexOf('</v>', k + 4);
        const raw = close < 0 ? '' : s.slice(k + 4, close);
        if (close >= 0 && s.startsWith('</c>', close + 4) && !raw.includes('<')) {
          h.valueCell(s.slice(j, k), raw); // (a CDATA value takes the general path)
          i = close + 8;
          continue;
        }
        // The cell ends in the next chunk: wait for it, unless its value is long (then the general
        // path below hands its text over in pieces).
        if ((close < 0 || close + 8 > n) && n - lt <= TEXT_PIECE) return s.slice(lt);
      }
      h.open(
        s.slice(colon >= 0 ? colon + 1 : lt + 1, j),
        s.slice(j, selfClosing && k - 1 >= j ? k - 1 : k),
        selfClosing,
      );
      i = k + 1;
    }
    return '';
  };
  return {
    write(chunk) {
      rest = scan(rest === '' ? chunk : rest + chunk);
      if (rest.length > MAX_PENDING)
        throw new XmlError(
          `an XML tag or text runs on for over ${MAX_PENDING >> 20} million characters`,
        );
    },
    end() {
      const left = rest;
      rest = '';
      if (left.trim() === '') return true;
      return !left.includes('<');
    },
  };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * The value of attribute `name` (as written, e.g. `r` or `r:id`) in a tag's attribute text,
 * decoded.
 */
export function attribute(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    if (at > 0 && !isSpace(attrs.charCodeAt(at - 1))) continue;
    let j = from;
    while (isSpace(attrs.charCodeAt(j))) j++;
    if (attrs[j] !== '=') continue;
    j++;
    while (isSpace(attrs.charCodeAt(j))) j++;
    const quote = attrs[j];
    if (quote !== '"' && quote !== "'") continue;
    const end = attrs.indexOf(quote, j + 1);
    if (end < 0) return undefined;
    return decodeXml(attrs.slice(j + 1, end));
  }
}

const NAMED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Decodes the predefined entities and character references (`&#10;`, `&#x4E2D;`). */
export function decodeXml(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return safeChar(Number.parseInt(ref.slice(2), 16), whole);
    if (ref.startsWith('#')) return safeChar(Number.parseInt(ref.slice(1), 10), whole);
    return NAMED[ref] ?? whole;
  });
}

function safeChar(code: number, whole: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

/**
 * OOXML's escape for characters XML cannot hold (`_x000D_` is a carriage return;
 * ECMA-376 22.9.2.19).
 */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}
