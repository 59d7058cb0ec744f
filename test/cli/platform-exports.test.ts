import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, fixture } from '../helpers.js';
import { servqual } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-exports-'));
const EXPORTS = [
  'qualtrics',
  'surveymonkey',
  'googleforms',
  'wjx-coded',
  'wjx-text',
  'limesurvey',
] as const;
const PLATFORM = {
  qualtrics: 'qualtrics',
  surveymonkey: 'surveymonkey',
  googleforms: 'googleforms',
  'wjx-coded': 'wjx',
  'wjx-text': 'wjx',
  limesurvey: 'limesurvey',
} as const;
const HEADER_ROWS = {
  qualtrics: 3,
  surveymonkey: 2,
  googleforms: 1,
  'wjx-coded': 1,
  'wjx-text': 1,
  limesurvey: 1,
} as const;
const exportFile = (name: string): string => `fixtures/exports/${name}.csv`;

type Doc = Record<string, unknown> & { meta: Record<string, unknown> };
function analyzeJson(args: readonly string[]): { doc: Doc; stderr: string } {
  const r = servqual(['analyze', ...args, '--format', 'json']);
  if (r.status !== 0) throw new Error(`analyze ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { doc: JSON.parse(r.stdout) as Doc, stderr: r.stderr };
}
/** The parts of a report that depend on the ratings only (notes name the file's columns). */
const results = (doc: Doc) => ({
  attributes: doc['attributes'],
  constructs: doc['constructs'],
  survivalFactors: doc['survivalFactors'],
  model: withoutThreads(doc['model']),
  segments: doc['segments'],
});
/**
 * The path model without `bootstrap.threads`: how many threads shared the resamples depends on the
 * file (a worker is started before reading a file large enough, and an export with its long
 * header rows is larger than the plain file) and never changes a number.
 */
function withoutThreads(model: unknown): unknown {
  if (typeof model !== 'object' || model === null || !('bootstrap' in model)) return model;
  const { bootstrap } = model as { bootstrap: Record<string, unknown> | null };
  if (bootstrap === null) return model;
  const { threads: _threads, ...rest } = bootstrap;
  return { ...model, bootstrap: rest };
}

// Every export holds the ratings of fixtures/exports/truth.csv (make-exports.mjs writes them all
// from one simulation), so the expected report of each is the report of truth.csv.
let plainRun: { doc: Doc; stderr: string };
let truth: Doc;
beforeAll(() => {
  plainRun = analyzeJson([exportFile('truth'), '--bootstrap', '0']);
  truth = plainRun.doc;
});

describe('platform exports (the real binary)', () => {
  const committed =
    'the committed fixtures are what fixtures/exports/make-exports.mjs builds, byte for byte';
  it(committed, async () => {
    const url = pathToFileURL(join(ROOT, 'fixtures/exports/make-exports.mjs')).href;
    const made = ((await import(url)) as { makeExports(): Record<string, Buffer> }).makeExports();
    expect(Object.keys(made).sort()).toEqual(['truth', ...EXPORTS].map((n) => `${n}.csv`).sort());
    for (const [name, bytes] of Object.entries(made))
      expect(readFileSync(fixture(`exports/${name}`)).equals(bytes), name).toBe(true);
  });

  it.each(EXPORTS)(
    '%s: detected, read and mapped by wording; the same report as the plain file',
    (name) => {
      const { doc, stderr } = analyzeJson([exportFile(name), '--bootstrap', '0']);
      expect(doc.meta).toMatchObject({
        respondents: 40,
        source: { platform: PLATFORM[name], headerRows: HEADER_ROWS[name], mappedBy: 'wording' },
      });
      expect(results(doc)).toEqual(results(truth));
      expect(stderr).toMatch(
        new RegExp(
          `^${exportFile(name)}: .* export \\(.+\\); ` +
            `${HEADER_ROWS[name]} header rows?; columns mapped by their wording`,
        ),
      );
      expect(stderr.trim().split('\n')).toHaveLength(1);
    },
  );

  it('the plain file says nothing on stderr and reports its source as plain', () => {
    expect(plainRun.stderr).toBe('');
    expect(truth.meta['source']).toEqual({ platform: null, headerRows: 1, mappedBy: 'names' });
  });

  it(
    'bootstrap and segments match the plain file too ' +
      '(the same seed, the segment column by its export name)',
    () => {
      const plain = analyzeJson([
        exportFile('truth'),
        '--bootstrap',
        '200',
        '--seed',
        '9',
        '--segment-by',
        'segment',
      ]).doc;
      const qualtrics = analyzeJson([
        exportFile('qualtrics'),
        '--bootstrap',
        '200',
        '--seed',
        '9',
        '--segment-by',
        'segment',
      ]).doc;
      const monkey = analyzeJson([
        exportFile('surveymonkey'),
        '--bootstrap',
        '200',
        '--seed',
        '9',
        '--segment-by',
        'Which best describes you?',
      ]).doc;
      expect(results(qualtrics)).toEqual(results(plain));
      expect({
        ...results(monkey),
        segments: { ...(monkey['segments'] as object), column: 'segment' },
      }).toEqual(results(plain));
    },
  );

  it('--encoding utf-8 on a GB18030 export: says so and names the encoding that reads it', () => {
    const r = servqual(['validate', 'fixtures/exports/wjx-coded.csv', '--encoding', 'utf-8']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'fixtures/exports/wjx-coded.csv:1: the file is not valid UTF-8 text (--encoding utf-8); ' +
        'it reads as GB18030: give --encoding gb18030\n',
    );
    // Without --encoding the same file is detected as GB18030 and read.
    expect(servqual(['validate', 'fixtures/exports/wjx-coded.csv']).status).toBe(0);
  });

  it('--from names the platform instead of detecting it', () => {
    const { doc, stderr } = analyzeJson([
      exportFile('limesurvey'),
      '--from',
      'limesurvey',
      '--bootstrap',
      '0',
    ]);
    expect(results(doc)).toEqual(results(truth));
    expect(stderr).toContain('LimeSurvey export (--from)');
  });

  it('map --init writes every guess; the file, used with --map, gives the same report', () => {
    const mapFile = join(dir, 'wjx-map.json');
    const init = servqual(['map', '--init', exportFile('wjx-coded'), '--out', mapFile]);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toBe('');
    expect(init.stderr).toContain('问卷星 (Wenjuanxing) export');
    // 37 importance + 42 performance columns; 8 others
    expect(init.stderr).toContain('79 of 87 columns mapped, 0 marked "review"');
    const draft = JSON.parse(readFileSync(mapFile, 'utf8')) as {
      from: string;
      missing: string[];
      columns: Record<string, unknown>;
    };
    expect(draft).toMatchObject({ format: 'servqual-map/1', from: 'wjx', missing: ['-2', '-3'] });
    expect(draft.columns['3、以下各项对您有多重要？—设备和工具先进']).toMatchObject({
      attribute: 'tan1',
      role: 'importance',
    });
    const { doc, stderr } = analyzeJson([
      exportFile('wjx-coded'),
      '--map',
      mapFile,
      '--bootstrap',
      '0',
    ]);
    expect(results(doc)).toEqual(results(truth));
    expect(doc.meta['source']).toMatchObject({ platform: 'wjx', mappedBy: 'map' });
    expect(stderr).toContain(
      '问卷星 (Wenjuanxing) export (named in the mapping file); 1 header row; ' +
        'columns mapped by the mapping file',
    );
  });

  it(
    'a reworded attribute is left unmapped: an error listing it; ' +
      'map --init marks the guess for review; the reviewed map works',
    () => {
      const text = readFileSync(fixture('exports/googleforms.csv'), 'utf8');
      const reworded = join(dir, 'reworded.csv');
      writeFileSync(
        reworded,
        text.replace('[Up-to-date equipment and tools]', '[Up to date equipment & tools]'),
      );
      const r = servqual(['analyze', reworded]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(
        `${reworded}:1: required attributes not mapped to any column: tan1 (importance) ` +
          '— map them in the mapping file',
      );
      const mapFile = join(dir, 'reworded-map.json');
      expect(servqual(['map', '--init', reworded, '--out', mapFile]).stderr).toContain(
        '1 marked "review"',
      );
      const draft = JSON.parse(readFileSync(mapFile, 'utf8')) as {
        columns: Record<string, { attribute: string; review?: string } | null>;
      };
      const column =
        'How important is each of the following to you? [Up to date equipment & tools]';
      expect(draft.columns[column]).toMatchObject({
        attribute: 'tan1',
        role: 'importance',
        review: expect.stringContaining('only similar to "Up-to-date equipment and tools"'),
      });
      const unreviewed = servqual([
        'analyze',
        reworded,
        '--map',
        mapFile,
        '--format',
        'json',
        '--bootstrap',
        '0',
      ]);
      expect(unreviewed.status).toBe(0);
      expect(unreviewed.stderr).toContain(
        '1 column (How important is each of the following to you? ' +
          '[Up to date equipment & tools]) is still marked "review"',
      );
      delete draft.columns[column]?.review;
      writeFileSync(mapFile, JSON.stringify(draft));
      const { doc, stderr } = analyzeJson([reworded, '--map', mapFile, '--bootstrap', '0']);
      expect(results(doc)).toEqual(results(truth));
      expect(stderr).not.toContain('review');
    },
  );

  it(
    'an answer text it does not know: an error at its line and column; ' +
      'map --init lists it; its number in "labels" reads it',
    () => {
      const lines = readFileSync(fixture('exports/surveymonkey.csv'), 'utf8').split('\r\n');
      // the first performance rating of 6
      const row = lines.findIndex((l) => l.includes(',Very good,'));
      const fields = (lines[row] ?? '').split(',');
      const at = fields.indexOf('Very good');
      fields[at] = 'Rather good';
      lines[row] = fields.join(',');
      const odd = join(dir, 'odd-label.csv');
      writeFileSync(odd, lines.join('\r\n'));
      const r = servqual(['analyze', odd]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(
        `${odd}:${row + 1}:${at + 1}: column ` +
          '"How would you rate our performance on each of the following? - ',
      );
      expect(r.stderr).toContain('not a number: "Rather good" (expected a rating from 1 to 7)');
      const mapFile = join(dir, 'odd-map.json');
      const init = servqual(['map', '--init', odd, '--out', mapFile]);
      expect(init.stderr).toContain('1 answer text without a number: give each one in "labels"');
      const draft = JSON.parse(readFileSync(mapFile, 'utf8')) as {
        labels: Record<string, number | null>;
      };
      expect(draft.labels).toEqual({ 'Rather good': null });
      writeFileSync(mapFile, JSON.stringify(draft));
      const pending = servqual(['analyze', odd, '--map', mapFile]);
      expect(pending.status).toBe(2);
      expect(pending.stderr).toContain(
        'answer labels without a number in the mapping file\'s "labels": "Rather good"',
      );
      draft.labels['Rather good'] = 6;
      writeFileSync(mapFile, JSON.stringify(draft));
      expect(results(analyzeJson([odd, '--map', mapFile, '--bootstrap', '0']).doc)).toEqual(
        results(truth),
      );
    },
  );

  it('a broken mapping file: every problem at its JSON path, exit 2', () => {
    const mapFile = join(dir, 'broken-map.json');
    writeFileSync(
      mapFile,
      JSON.stringify({
        columns: {
          Q2_1: { attribute: 'tan7', role: 'importance' },
          Q2_2: { attribute: 'tan2', role: 'price' },
        },
      }),
    );
    const r = servqual(['analyze', exportFile('qualtrics'), '--map', mapFile]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('columns["Q2_1"].attribute');
    expect(r.stderr).toContain('columns["Q2_2"].role');
  });
});
