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
}

export interface XmlScanner {
  write(chunk: string): void;
  /** Ends the document; false when it stopped inside a tag (the file is cut short). */
  end(): boolean;
}

export function createXmlScanner(h: XmlHandlers): XmlScanner {
  let rest = '';
  const localName = (qualified: string): string => {
    const colon = qualified.indexOf(':');
    return colon < 0 ? qualified : qualified.slice(colon + 1);
  };
  const scan = (s: string): string => {
    let i = 0;
    const n = s.length;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) return s.slice(i); // text whose end is not yet seen
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
          if (close < 0) return s.slice(lt);
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
      // A tag: its end is the first `>` outside quotes.
      let gt = s.indexOf('>', lt);
      if (gt < 0) return s.slice(lt);
      while (quotesOpen(s, lt, gt)) {
        gt = s.indexOf('>', gt + 1);
        if (gt < 0) return s.slice(lt);
      }
      if (next === 0x2f /* / */) {
        h.close(localName(s.slice(lt + 2, gt).trim()));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 0x2f;
        const inner = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        let cut = 0;
        while (cut < inner.length && !isSpace(inner.charCodeAt(cut))) cut++;
        h.open(localName(inner.slice(0, cut)), inner.slice(cut), selfClosing);
      }
      i = gt + 1;
    }
    return '';
  };
  return {
    write(chunk) {
      rest = scan(rest === '' ? chunk : rest + chunk);
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

/** True when s[from..to) has an odd number of `"` or `'` quotes opened (a `>` inside an attribute value). */
function quotesOpen(s: string, from: number, to: number): boolean {
  let quote = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (quote === 0) {
      if (c === 0x22 || c === 0x27) quote = c;
    } else if (c === quote) quote = 0;
  }
  return quote !== 0;
}

/** The value of attribute `name` (as written, e.g. `r` or `r:id`) in a tag's attribute text, decoded. */
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

/** OOXML's escape for characters XML cannot hold (`_x000D_` is a carriage return; ECMA-376 22.9.2.19). */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}
