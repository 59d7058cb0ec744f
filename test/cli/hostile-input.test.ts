import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasRawControl } from '../fuzz/contract.js';
import { LIMITS } from '../../src/core/limits.js';
import { servqual } from './run.js';

// The numbered findings of issue 15, each as the person sees it now (README "Limits", "Ids",
// "Safe text"). Every input is built here from the tiny fixture.
const dir = mkdtempSync(join(tmpdir(), 'servqual-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TINY_CSV = readFileSync('fixtures/tiny.csv', 'utf8');
const TINY = JSON.parse(readFileSync('fixtures/tiny-instrument.json', 'utf8')) as {
  constructs: Array<{ id: string; label?: unknown; attributes?: Array<{ id: string }> }>;
};
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const withTiny = (instrument: unknown, extra: string[] = []): string[] => [
  'validate',
  'fixtures/tiny.csv',
  '--instrument',
  write(`i${Math.random().toString(36).slice(2)}.json`, JSON.stringify(instrument)),
  ...extra,
];

describe('finding 3: deep or huge instruments end in one clear line, exit 2', () => {
  it('a 10 000-deep object names the file, line and column', () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const path = write('deep.json', deep);
    const r = servqual(['validate', 'fixtures/tiny.csv', '--instrument', path]);
    expect(r.status).toBe(2);
    // depth 65 is reached at the 65th "{": offset 64·5 = 320, column 321
    expect(r.stderr).toBe(
      `${path}:1:321: not valid JSON: nested deeper than ${LIMITS.jsonDepth} levels\n`,
    );
  });
  it('more attributes than the limit are refused before any is read', () => {
    const constructs = Array.from({ length: 60 }, (_, c) => ({
      id: `c${c}`,
      attributes: Array.from({ length: 100 }, (_, a) => ({ id: `a${c}_${a}` })),
    }));
    const r = servqual(withTiny({ constructs }));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        /: constructs: too large: 60 constructs, 6000 attributes /.source +
          /\(expected at most 1000 constructs and 5000 attributes\)\n$/.source,
      ),
    );
  });
  it('an instrument file over 8 MiB is refused by its size', () => {
    const path = write('big.json', `{"name": "${'x'.repeat(LIMITS.jsonBytes)}"}`);
    const r = servqual(['validate', 'fixtures/tiny.csv', '--instrument', path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${path}: too large: ${LIMITS.jsonBytes + 12} bytes (expected at most 8 MiB)\n`,
    );
  });
});

describe('finding 4: wide files', () => {
  it('a header wider than the limit is refused on line 1', () => {
    const header = Array.from({ length: LIMITS.columns + 1 }, (_, i) => `c${i}`).join(',');
    const path = write('wide.csv', `${header}\n`);
    const r = servqual(['validate', path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${path}:1: the header has ${LIMITS.columns + 1} columns ` +
        `(expected at most ${LIMITS.columns})\n`,
    );
  });
});

const finding5 =
  'finding 5: control characters never reach the terminal, HTML, Markdown or CSV raw';
describe(finding5, () => {
  const hostile = structuredClone(TINY);
  const evil = 'Speed\u001b[2J\u001b]0;pwned\u0007\u202e';
  for (const c of hostile.constructs) {
    (c as { label: unknown }).label = evil;
    for (const a of c.attributes ?? []) (a as { label?: unknown }).label = evil;
  }
  const instrument = write('hostile.json', JSON.stringify(hostile));
  const RAW = { test: hasRawControl };
  for (const format of ['text', 'markdown', 'csv', 'html']) {
    it(`${format}: the label is shown escaped, even with --no-color`, () => {
      const args = ['analyze', 'fixtures/tiny.csv', '--instrument', instrument, '--bootstrap', '0'];
      const r = servqual([...args, '--format', format, '--no-color', '--csv-table', 'survival']);
      expect(r.status).toBe(0);
      expect(RAW.test(r.stdout.replace(/\r\n/g, '\n'))).toBe(false);
      if (format !== 'csv')
        expect(r.stdout).toContain('Speed\\u001B[2J\\u001B]0;pwned\\u0007\\u202E');
    });
  }
  it('json keeps the label as data (JSON escapes it), unchanged', () => {
    const r = servqual([
      'analyze',
      'fixtures/tiny.csv',
      '--instrument',
      instrument,
      '--bootstrap',
      '0',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('Speed\\u001b[2J');
  });
  it('a NUL and a bidi override in a cell are escaped in the problem line on stderr', () => {
    const path = write('nul.csv', TINY_CSV.replace('R1,7,4', 'R1,7\u0000\u202e,4'));
    const r = servqual(['validate', path, '--instrument', 'fixtures/tiny-instrument.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('\\u0000\\u202E');
    expect(RAW.test(r.stderr)).toBe(false);
  });
  it('HTML with one respondent holds no NaN', () => {
    const one = write('one.csv', TINY_CSV.split('\n').slice(0, 2).join('\n'));
    const r = servqual([
      'analyze',
      one,
      '--instrument',
      'fixtures/tiny-instrument.json',
      '--format',
      'html',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/<svg data-chart="gaps"/);
    expect(r.stdout).not.toMatch(/NaN/);
  });
});

describe('finding 6: ids follow a pattern, reserved words are refused (every report path)', () => {
  for (const reserved of ['__proto__', 'constructor', 'prototype']) {
    it(
      `construct id "${reserved}" is refused with a clear error, exit 2, ` +
        'by validate, analyze, map and compare',
      () => {
        const bad = structuredClone(TINY);
        (bad.constructs[2] as { id: string }).id = reserved;
        (bad as { paths?: unknown }).paths = [['SQ', reserved]];
        const path = write(`${reserved}.json`, JSON.stringify(bad));
        const expected =
          `${path}: constructs[2].id: id "${reserved}" is not allowed ` +
          '(expected an id other than __proto__, constructor, prototype (reserved))\n';
        for (const args of [
          ['validate', 'fixtures/tiny.csv', '--instrument', path],
          [
            'analyze',
            'fixtures/tiny.csv',
            '--instrument',
            path,
            '--fail-on',
            `r2(${reserved}) < 0.9`,
          ],
          ['map', '--init', 'fixtures/tiny.csv', '--instrument', path],
          ['compare', 'fixtures/tiny.csv', 'fixtures/tiny.csv', '--instrument', path],
        ]) {
          const r = servqual(args);
          expect(r.status).toBe(2);
          expect(r.stderr).toBe(expected);
        }
      },
    );
  }
  it('an id with a space or a control character is refused; Chinese letters are fine', () => {
    const bad = structuredClone(TINY);
    (bad.constructs[0]?.attributes?.[0] as { id: string }).id = 's 1';
    (bad.constructs[1]?.attributes?.[0] as { id: string }).id = '关怀1';
    const r = servqual(withTiny(bad));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        /: constructs\[0\]\.attributes\[0\]\.id: id "s 1" is not allowed /.source +
          /\(expected letters, digits, "_" and "\." only, /.source +
          /starting with a letter, digit or "_"\)\n$/.source,
      ),
    );
  });
  it('segment values "__proto__" and "constructor" are data: kept in every format', () => {
    const rows = TINY_CSV.trim().split('\n');
    const csv = [
      `${rows[0]},segment`,
      ...rows.slice(1).map((r, i) => `${r},${i % 2 === 0 ? '__proto__' : 'constructor'}`),
    ].join('\n');
    const path = write('segments.csv', `${csv}\n`);
    for (const format of ['text', 'json', 'markdown', 'html']) {
      const r = servqual([
        'analyze',
        path,
        '--instrument',
        'fixtures/tiny-instrument.json',
        '--bootstrap',
        '0',
        '--segment-by',
        'segment',
        '--format',
        format,
      ]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('__proto__');
      expect(r.stdout).toContain('constructor');
    }
  });
});

describe('finding 7: accurate messages', () => {
  it('a huge unquoted field is not called an unterminated quote; an open quote is', () => {
    const header = TINY_CSV.split('\n')[0] ?? '';
    const unquoted = write('unquoted.csv', `${header}\nR1,${'x'.repeat(1_100_000)}\n`);
    const quoted = write('quoted.csv', `${header}\nR1,"${'x'.repeat(1_100_000)}\n`);
    const args = ['--instrument', 'fixtures/tiny-instrument.json'];
    const u = servqual(['validate', unquoted, ...args]);
    expect(u.status).toBe(2);
    expect(u.stderr).toBe(
      `${unquoted}:2:2: record too long (expected a record under 1 MiB): ` +
        'a field or line without a line end (not a CSV export?)\n',
    );
    const q = servqual(['validate', quoted, ...args]);
    expect(q.stderr).toBe(
      `${quoted}:2:2: record too long (expected a record under 1 MiB): ` +
        'a field opened with " is probably never closed\n',
    );
  });
  it('mutual dimensions (A ↔ B) are named as a cycle', () => {
    const r = servqual(
      withTiny({
        constructs: [
          { id: 'A', dimensions: ['B'] },
          { id: 'B', dimensions: ['A'] },
          { id: 'C', attributes: [{ id: 'x' }] },
        ],
      }),
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        /: constructs\[0\]\.dimensions\[0\]: the dimensions form a cycle: A → B → A /.source +
          /\(a dimension must be a construct with attributes\)\n/.source,
      ),
    );
  });
  it('scale.max 1e309 is shown as written, with its line and column', () => {
    const path = write('inf.json', '{"scale": {"min": 1, "max": 1e309}, "constructs": []}');
    const r = servqual(['validate', 'fixtures/tiny.csv', '--instrument', path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${path}:1:29: not valid JSON: ` +
        'the number 1e309 is too large (a double holds at most ±1.8e308)\n',
    );
  });
  it('an attribute id equal to a construct id is one line, whichever comes first', () => {
    for (const constructs of [
      [
        { id: 'A', attributes: [{ id: 'B' }] },
        { id: 'B', attributes: [{ id: 'x' }] },
      ],
      [
        { id: 'B', attributes: [{ id: 'x' }] },
        { id: 'A', attributes: [{ id: 'B' }] },
      ],
    ]) {
      const r = servqual(withTiny({ constructs }));
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/\.attributes\[0\]\.id: duplicate id "B"\n$/);
    }
  });
  it('a folder as the instrument is "is a directory", as for the data file', () => {
    const r = servqual(['analyze', 'fixtures/tiny.csv', '--instrument', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${dir}: cannot read the file: is a directory\n`);
  });
  it('compare - -: stdin can be one wave only (not "the file is empty")', () => {
    const r = servqual(['compare', '-', '-']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('servqual: stdin (-) can be read once: give it for one wave at most\n');
  });
  it('a bad option value is one line and a hint, not the whole help', () => {
    const r = servqual(['simulate', '--n', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "error: option '--n <count>' argument '0' is invalid. expected a positive whole number\n" +
        '(run servqual simulate --help for usage)\n',
    );
  });
  it('--help shows each default once, in words, and no default for flags or lists', () => {
    const help = servqual(['analyze', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('(default: physical cores, one for small bootstraps)');
    expect(help).not.toMatch(/\(default: \d+\) \(default|\(default: \[\]\)/);
    expect(help).toContain('"path SQ->RQ < 0.3" (repeatable) (default: none)');
    expect(servqual(['survey', '--help']).stdout).not.toContain('(default: false)');
  });
});
