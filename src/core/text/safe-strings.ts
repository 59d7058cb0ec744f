import { safeText } from './safe-text.js';

/**
 * A copy of a report (any tree of plain objects and arrays) with every string — values and keys
 * alike — passed through `safeText`, given to the text, Markdown, CSV and HTML renderers so that no
 * label, id, header or segment value reaches them with a control or bidi character. Keys and
 * values are mapped by the same function, so lookups between them still match. Numbers, booleans,
 * null and typed arrays are kept as they are; the input is not changed.
 */
export function safeStrings<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return safeText(value);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v: unknown) => {
      const w = walk(v);
      if (w !== v) changed = true;
      return w;
    });
    return changed ? out : value;
  }
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = safeText(k);
      const w = walk(v);
      if (key !== k || w !== v) changed = true;
      Object.defineProperty(out, key, {
        value: w,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return changed ? out : value;
  }
  return value;
}
