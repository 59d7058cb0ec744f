import { describe, expect, it } from 'vitest';
import { describeProblem, LABELS, QUADRANT_NAMES } from '../../src/render/messages.js';
import { servqual } from '../cli/run.js';

/** The shape of a catalogue entry: strings, functions (by arity), nested records. */
function shape(value: unknown): unknown {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'function') return `function/${value.length}`;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, shape(v)]),
    );
  return typeof value;
}

/** Every English text of the catalogue: strings, and functions called with sample arguments. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    const args = [2, 1, 'X', 'Y'];
    try {
      const out = (value as (...a: unknown[]) => unknown)(...args.slice(0, value.length));
      return typeof out === 'string' ? [out] : [];
    } catch {
      return [];
    }
  }
  if (value !== null && typeof value === 'object')
    return Object.values(value as Record<string, unknown>).flatMap(texts);
  return [];
}

/** Names and abbreviations that stay as they are in Chinese (methods, authors, statistics). */
const KEPT = new Set([
  ...'holm htmt pls sem ave ipma ipa msa mss welch kruskal wallis'.split(' '),
  ...'henseler zeithaml berry parasuraman mga ols servqual max'.split(' '),
]);

describe('the message catalogue (src/render/messages.ts)', () => {
  it('has every key in both languages, with the same kind of entry', () => {
    expect(shape(LABELS.zh)).toEqual(shape(LABELS.en));
    expect(Object.keys(QUADRANT_NAMES.zh).sort()).toEqual(Object.keys(QUADRANT_NAMES.en).sort());
  });

  it('leaves no English word of the catalogue in a Chinese report (text, Markdown, HTML)', () => {
    const words = new Set(
      [...texts(LABELS.en), ...Object.values(QUADRANT_NAMES.en)]
        .flatMap((t) => t.match(/[A-Za-z]{3,}/g) ?? [])
        .map((w) => w.toLowerCase())
        .filter((w) => !KEPT.has(w)),
    );
    expect(words.size).toBeGreaterThan(100);
    const analyses = [
      ['fixtures/sample.csv', '--bootstrap', '50', '--threads', '1', '--segment-by', 'segment'],
      ['fixtures/tiny-zot.csv', '--instrument', 'fixtures/tiny-instrument.json', '--no-paths'],
    ];
    for (const args of analyses) {
      const doc = JSON.parse(
        servqual(['analyze', ...args, '--format', 'json', '--lang', 'zh']).stdout,
      ) as {
        meta: { file: string; instrument: string };
        attributes: Array<{ id: string; label: string | Record<string, string> }>;
        constructs: Array<{ id: string; label: string | Record<string, string> }>;
      };
      // What the user wrote is not ours to translate: file, instrument name, ids, labels without a
      // zh text.
      const user = [
        doc.meta.file,
        doc.meta.instrument,
        ...[...doc.attributes, ...doc.constructs].flatMap((r) => [
          r.id,
          ...(typeof r.label === 'string' ? [r.label] : Object.values(r.label)),
        ]),
        'business',
        'retail',
        'segment',
      ].sort((a, b) => b.length - a.length);
      for (const format of ['text', 'markdown', 'html']) {
        let out = servqual(['analyze', ...args, '--format', format, '--lang', 'zh']).stdout;
        // the style sheet, HTML tags and attributes are not read
        out = out.replace(/<style>[\s\S]*?<\/style>/, ' ').replace(/<[^>]+>/g, ' ');
        for (const u of user) out = out.split(u).join(' ');
        out = out.replace(/[\w.-]*_[\w.-]*/g, ' '); // column headers (int3_imp) are the user's
        const english = [...new Set((out.match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase()))]
          .filter((w) => words.has(w))
          .sort();
        expect(english, `${args[0]} ${format}`).toEqual([]);
      }
    }
  });

  it('--fail-on results in Chinese', () => {
    const r = servqual([
      'analyze',
      'fixtures/tiny.csv',
      '--instrument',
      'fixtures/tiny-instrument.json',
      '--no-paths',
      '--lang',
      'zh',
      '--fail-on',
      'gap < -2',
    ]);
    expect(r.status).toBe(1);
    // tiny.csv: s1's gap is −13/6 = −2.167 (hand: test/render/renderers.test.ts JSON check)
    expect(r.stderr).toBe('未通过：gap < -2 — s1 = -2.167\n');
  });
});

describe('problem messages', () => {
  it('a long list of unmapped attributes names ten and counts the rest', () => {
    // 15 attributes, as map-columns lists them: "id (role)" joined by ", ".
    const found = Array.from({ length: 15 }, (_, i) => `a${i + 1} (performance)`).join(', ');
    const text = describeProblem({ code: 'unmapped-attributes', severity: 'error', found });
    expect(text).toBe(
      'required attributes not mapped to any column: ' +
        `${Array.from({ length: 10 }, (_, i) => `a${i + 1} (performance)`).join(', ')} ` +
        'and 5 more — map them in the mapping file (servqual map --init FILE writes one)',
    );
  });
});
