import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../helpers.js';
import { servqual } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-weights-'));
const tiny = ['--instrument', 'fixtures/tiny-instrument.json'];

describe('servqual analyze --weight-by (the real binary)', () => {
  it(
    'JSON has the weight in meta, effective n in each gap, no Wilcoxon p; ' +
      'the text report says how it was weighted',
    () => {
      const r = servqual([
        'analyze',
        'fixtures/tiny-weighted.csv',
        ...tiny,
        '--weight-by',
        'value',
        '--format',
        'json',
        '--no-paths',
      ]);
      expect(r.status, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout) as {
        meta: Record<string, unknown>;
        attributes: Array<{ id: string; gap: Record<string, unknown> | null }>;
      };
      // Σw = 9, Σw² = 17.5 (hand arithmetic on the value column): n_eff = 81/17.5.
      expect(doc.meta['weight']).toEqual({
        column: 'value',
        sum: 9,
        effectiveN: 81 / 17.5,
        zero: 0,
      });
      const s1 = doc.attributes.find((a) => a.id === 's1')?.gap;
      expect(s1?.['wilcoxonP']).toBeNull();
      // test/reference/tiny-weighted.R
      expect(s1?.['effectiveN']).toBeCloseTo(4.628571428571429, 13);
      const text = servqual([
        'analyze',
        'fixtures/tiny-weighted.csv',
        ...tiny,
        '--weight-by',
        'value',
        '--no-paths',
      ]);
      // (the note wraps at the report's width: continuation lines are indented)
      expect(text.stdout.replace(/\n +/g, ' ')).toContain(
        'Weighted by "value": means, gaps and shares are weighted; ' +
          "standard errors use Kish's effective n = 4.6 (of 6 respondents)",
      );
    },
  );

  it(
    'a bad weight: file:line:column, exit 2; ' +
      '--lenient makes it a warning and the respondent weighs 0',
    () => {
      const file = join(dir, 'bad-weight.csv');
      writeFileSync(
        file,
        readFixture('tiny-weighted.csv').replace(
          'R3,7,5,5,4,6,6,3,5,4,1',
          'R3,7,5,5,4,6,6,3,5,4,-1',
        ),
      );
      const r = servqual(['analyze', file, ...tiny, '--weight-by', 'value', '--no-paths']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${file}:4:11: column "value": weight "-1" is not a number ≥ 0`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const lenient = servqual([
        'analyze',
        file,
        ...tiny,
        '--weight-by',
        'value',
        '--no-paths',
        '--lenient',
        '--format',
        'json',
      ]);
      expect(lenient.status).toBe(0);
      expect(lenient.stderr).toContain(
        'the respondent weighs 0 (left out of the weighted statistics)',
      );
      expect(
        (JSON.parse(lenient.stdout) as { meta: { weight: { zero: number } } }).meta.weight.zero,
      ).toBe(1);
    },
  );

  it('an unknown weight column: exit 2 with the closest name', () => {
    const r = servqual([
      'analyze',
      'fixtures/tiny-weighted.csv',
      ...tiny,
      '--weight-by',
      'valu',
      '--no-paths',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing column "valu" for --weight-by — did you mean "value"?');
  });

  it('validate --weight-by checks the weights too', () => {
    const file = join(dir, 'blank-weight.csv');
    writeFileSync(
      file,
      readFixture('tiny-weighted.csv').replace('R5,6,2,7,6,5,7,6,4,3,1.5', 'R5,6,2,7,6,5,7,6,4,3,'),
    );
    const r = servqual(['validate', file, ...tiny, '--weight-by', 'value']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:6:11: column "value": weight "" is not a number ≥ 0`);
  });
});
