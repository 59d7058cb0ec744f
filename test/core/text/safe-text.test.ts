import fc from 'fast-check';
import { hasRawControl } from '../../fuzz/contract.js';
import { describe, expect, it } from 'vitest';
import { safeStrings } from '../../../src/core/text/safe-strings.js';
import { safeText } from '../../../src/core/text/safe-text.js';

// Code points by the Unicode character database: U+0000 NUL, U+001B ESC, U+0085 NEL (C1),
// U+009B CSI (C1), U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE.
const UNSAFE = { test: hasRawControl };

describe('safeText: control and bidi characters shown escaped', () => {
  it('escapes NUL, ESC, C1, bidi overrides and line breaks as \\uXXXX', () => {
    expect(safeText('a\u0000b')).toBe('a\\u0000b');
    expect(safeText('\u001b[2J\u001b]0;title\u0007')).toBe('\\u001B[2J\\u001B]0;title\\u0007');
    expect(safeText('x\u0085y\u009b31m')).toBe('x\\u0085y\\u009B31m');
    expect(safeText('\u202eevil\u2066')).toBe('\\u202Eevil\\u2066');
    expect(safeText('two\nlines\r\tx')).toBe('two\\u000Alines\\u000D\\u0009x');
  });
  it('keeps line feeds (only) in whole messages when asked', () => {
    expect(safeText('a\nb\tc\u001b', { keepLineBreaks: true })).toBe('a\nb\\u0009c\\u001B');
  });
  it('leaves ordinary text, Chinese and emoji alone (the same string object)', () => {
    const s = '服务质量 — Service quality ✓ 😀';
    expect(safeText(s)).toBe(s);
  });
  it('law: the result never holds an unsafe character, and safe text is a fixed point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const t = safeText(s);
        expect(UNSAFE.test(t)).toBe(false);
        expect(safeText(t)).toBe(t);
      }),
      { seed: 15, numRuns: 2000 },
    );
  });
});

describe('safeStrings: a report with every string made safe', () => {
  it('maps values and keys alike, keeps numbers, and does not change its input', () => {
    const report = {
      title: 'A\u202eB',
      n: 6,
      ci: [Number.NaN, 1],
      byId: { 'x\u0000': { label: 'ok' } },
      list: [{ id: 'id\u001b' }],
    };
    const copy = JSON.stringify(report);
    expect(safeStrings(report)).toEqual({
      title: 'A\\u202EB',
      n: 6,
      ci: [Number.NaN, 1],
      byId: { 'x\\u0000': { label: 'ok' } },
      list: [{ id: 'id\\u001B' }],
    });
    expect(JSON.stringify(report)).toBe(copy);
  });
  it('a key "__proto__" stays an own key (defineProperty), not the prototype', () => {
    const raw = JSON.parse('{"__proto__": {"x\\u0000": 1}}') as Record<string, unknown>;
    const safe = safeStrings(raw);
    expect(Object.keys(safe)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
  });
});
