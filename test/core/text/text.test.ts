import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../../src/core/text/closest.js';
import { jsonErrorOffset } from '../../../src/core/text/json-error-offset.js';

describe('editDistance (optimal string alignment)', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    // k→s, e→i, +g (Levenshtein's classic example)
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('s2_pref', 's2_perf')).toBe(1); // one transposition
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
  it('suggests only plausible typos', () => {
    expect(closest('rel2_perf', ['rel2_pref', 'rel3_imp'])).toBe('rel2_pref');
    expect(closest('tan1_perf', ['s1_perf'])).toBeNull(); // 3 edits for 9 letters: not a typo
    expect(closest('REL1_PERF', ['rel1_perf'])).toBe('rel1_perf'); // case-insensitive
  });
});

describe('jsonErrorOffset', () => {
  it('is null for valid JSON and points at the first error otherwise', () => {
    expect(jsonErrorOffset('{"a": [1, 2.5e3, true, null, "x\\u00e9"]}')).toBeNull();
    expect(jsonErrorOffset('{"a": [,]}')).toEqual({ offset: 7, reason: 'unexpected ","' });
    expect(jsonErrorOffset('{"a": 1,}')).toEqual({
      offset: 8,
      reason: 'unexpected "}" (expected a "key")',
    });
    expect(jsonErrorOffset('{"a": 1} x')).toEqual({
      offset: 9,
      reason: 'unexpected "x" after the end of the JSON value',
    });
    expect(jsonErrorOffset('{"a": "open')).toEqual({ offset: 11, reason: 'unterminated string' });
    expect(jsonErrorOffset('')).toEqual({ offset: 0, reason: 'unexpected end of file' });
  });
});
