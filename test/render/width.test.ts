import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/display-width.js';
import { servqual } from '../cli/run.js';
import { expectGolden } from '../golden.js';

const WIDTHS = [60, 80, 100, 160] as const;
const LANGS = ['en', 'zh'] as const;
const dir = mkdtempSync(join(tmpdir(), 'servqual-width-'));
const wave = (k: number): string => join(dir, `wave${k}.csv`);
const tiny = ['--instrument', 'fixtures/tiny-instrument.json'];
const fast = ['--bootstrap', '30', '--threads', '1', '--seed', '7'];

/**
 * Every report a person reads in a terminal, by name: its arguments (stdout) or, for validate,
 * stderr.
 */
const REPORTS: Record<string, { args: string[]; stream: 'stdout' | 'stderr' }> = {
  'analyze, path model': { args: ['analyze', 'fixtures/sample.csv', ...fast], stream: 'stdout' },
  'analyze, no model': {
    args: ['analyze', 'fixtures/sample.csv', '--no-paths', '--top', '37'],
    stream: 'stdout',
  },
  'analyze, zone of tolerance': {
    args: ['analyze', 'fixtures/tiny-zot.csv', ...tiny, '--no-paths'],
    stream: 'stdout',
  },
  'analyze, segments (+ PLS-MGA)': {
    args: ['analyze', 'fixtures/sample.csv', '--segment-by', 'segment', ...fast],
    stream: 'stdout',
  },
  'compare, three waves': {
    args: ['compare', wave(1), wave(2), wave(3), '--top', '5'],
    stream: 'stdout',
  },
  'validate, problems': { args: ['validate', join(dir, 'bad.csv'), ...tiny], stream: 'stderr' },
};

beforeAll(() => {
  for (const k of [1, 2, 3])
    servqual(['simulate', '--n', '80', '--seed', String(k), '--out', wave(k)]);
  writeFileSync(
    join(dir, 'bad.csv'),
    [
      'id,s1_imp,s1_perf,s2_imp,s2_perf',
      'R1,9,x,5,5',
      `R2,5,5,"第一次就把服务做对的${'长'.repeat(37)}",5`,
      '',
    ].join('\n'),
  );
});

describe('the terminal reports fit the width (display columns: CJK = 2, combining = 0)', () => {
  for (const [name, report] of Object.entries(REPORTS))
    for (const lang of LANGS)
      for (const width of WIDTHS)
        it(`${name} · ${lang} · ${width} columns`, () => {
          const run = servqual(
            [...report.args, '--lang', lang, '--width', String(width)].filter(
              // validate has no --lang: its problems are in the CLI's language (issue 15)
              (a, i, all) =>
                !(report.args[0] === 'validate' && (a === '--lang' || all[i - 1] === '--lang')),
            ),
          );
          const text = run[report.stream];
          expect(text.split('\n').length).toBeGreaterThan(3);
          const wide = text
            .split('\n')
            .map((line, i) => ({ line: i + 1, width: displayWidth(line), text: line }))
            .filter((l) => l.width > width);
          expect(wide).toEqual([]);
        });
});

describe('goldens: the text reports at 80 columns (reviewed by eye)', () => {
  for (const lang of LANGS) {
    it(`analyze with the path model, ${lang}`, () => {
      const run = servqual([
        'analyze',
        'fixtures/sample.csv',
        '--bootstrap',
        '200',
        '--threads',
        '1',
        '--seed',
        '1',
        '--width',
        '80',
        '--lang',
        lang,
      ]);
      expect(run.status).toBe(0);
      expectGolden(`sample.80.${lang}.txt`, run.stdout);
    });
    it(`analyze, zone of tolerance, ${lang}`, () => {
      const run = servqual([
        'analyze',
        'fixtures/tiny-zot.csv',
        ...tiny,
        '--no-paths',
        '--width',
        '80',
        '--lang',
        lang,
      ]);
      expectGolden(`tiny-zot.80.${lang}.txt`, run.stdout);
    });
  }
});
