import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attributesByHand, type HandAttribute } from '../by-hand.js';
import { describe, expect, it } from 'vitest';
import { ROOT, fixture, readFixture } from '../helpers.js';
import { servqual } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-cli-'));
const tiny = ['--instrument', 'fixtures/tiny-instrument.json'];
const ESC = '\u001b[';

describe('servqual analyze (the real binary)', () => {
  it('prints the text report for the bundled sample, without colour into a pipe', () => {
    const r = servqual(['analyze', 'fixtures/sample.csv']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('servqual · 300 respondents · fixtures/sample.csv');
    expect(r.stdout).toContain('Survival factors (top 10 of');
    expect(r.stdout).not.toContain(ESC);
  });
  it('colour only when forced, and NO_COLOR wins', () => {
    // colour is the subject, not the bootstrap: a short one keeps three runs within the timeout
    const quick = ['--bootstrap', '200'];
    expect(
      servqual(['analyze', 'fixtures/sample.csv', ...quick], { env: { FORCE_COLOR: '1' } }).stdout,
    ).toContain(ESC);
    expect(
      servqual(['analyze', 'fixtures/sample.csv', ...quick], {
        env: { FORCE_COLOR: '1', NO_COLOR: '1' },
      }).stdout,
    ).not.toContain(ESC);
    expect(
      servqual(['analyze', 'fixtures/sample.csv', ...quick, '--no-color'], {
        env: { FORCE_COLOR: '1' },
      }).stdout,
    ).not.toContain(ESC);
  }, 120_000); // three full analyses (5 000 resamples each): over 30 s when the 2 cores are shared
  it('JSON follows the documented contract', () => {
    const r = servqual(['analyze', 'fixtures/sample.csv', '--format', 'json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'meta',
      'attributes',
      'constructs',
      'survivalFactors',
      'problems',
      'notes',
      'model',
      'loyalty',
    ]);
    const meta = doc['meta'] as Record<string, unknown>;
    expect(meta).toMatchObject({
      respondents: 300,
      file: 'fixtures/sample.csv',
      baseline: 'importance',
      scale: { min: 1, max: 7 },
    });
    const attribute = (doc['attributes'] as Array<Record<string, unknown>>)[0] as Record<
      string,
      unknown
    >;
    expect(Object.keys(attribute)).toEqual(
      expect.arrayContaining([
        'id',
        'construct',
        'group',
        'label',
        'n',
        'importance',
        'performance',
        'gap',
        'quadrant',
      ]),
    );
    expect(Object.keys(attribute['gap'] as object)).toEqual([
      'mean',
      'sd',
      'se',
      'ci',
      't',
      'df',
      'p',
      'pAdjusted',
      'wilcoxonP',
    ]);
    const factor = (doc['survivalFactors'] as Array<Record<string, unknown>>)[0] as Record<
      string,
      unknown
    >;
    // The top factor and its reason by hand arithmetic on the CSV (test/by-hand.ts): the largest
    // priority Ī × max(0, Ī − P̄) among the SQ and RQ attributes, affective conflict reflected.
    const byHand = attributesByHand('sample.csv', { reversed: ['con1', 'con2', 'con3'] });
    const top = [...byHand].sort((a, b) => b.priority - a.priority)[0] as HandAttribute;
    expect(factor).toMatchObject({ rank: 1, id: top.id, quadrant: 'concentrate' });
    expect(factor['importance']).toBeCloseTo(top.importance, 12);
    expect(factor['performance']).toBeCloseTo(top.performance, 12);
    const shortfall = (top.importance - top.performance).toFixed(1);
    expect(factor['reason']).toBe(
      `important to ${Math.round(top.importantShare * 100)} % of respondents, ` +
        `rated ${shortfall} below importance; significant`,
    );
    // JSON has every survival factor, whatever --top says
    const all = JSON.parse(
      servqual(['analyze', 'fixtures/sample.csv', '--format', 'json', '--top', '1']).stdout,
    ) as { survivalFactors: unknown[] };
    expect(all.survivalFactors.length).toBe((doc['survivalFactors'] as unknown[]).length);
  });
  it('reads stdin with -', () => {
    const fromFile = JSON.parse(
      servqual(['analyze', 'fixtures/tiny.csv', ...tiny, '--format', 'json']).stdout,
    ) as { meta: { file: string }; attributes: unknown };
    const r = servqual(['analyze', '-', ...tiny, '--format', 'json'], {
      input: readFixture('tiny.csv'),
    });
    expect(r.status).toBe(0);
    const fromStdin = JSON.parse(r.stdout) as typeof fromFile;
    expect(fromStdin.meta.file).toBe('<stdin>');
    expect(fromStdin.attributes).toEqual(fromFile.attributes);
  });
  it('bad input: exit 2, one line per problem with file:line:column, no stack trace', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      [
        'id,s1_imp,s1_perf,s2_imp,s2_perf,c1_imp,c1_perf,c2_imp,c2_perf,l1',
        'R1,7,4,6,5,5,6,4,3,6',
        'R2,6,abc,7,7,4,5,5,2,5',
        '',
      ].join('\n'),
    );
    const r = servqual(['analyze', bad, ...tiny]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${bad}:3:3: column "s1_perf": not a number: "abc" (expected a rating from 1 to 7)\n`,
    );
    const lenient = servqual([
      'analyze',
      bad,
      ...tiny,
      '--lenient',
      '--format',
      'json',
      '--no-paths',
    ]);
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toContain('1 warning (--lenient: 1 bad cell read as missing):');
    expect(
      (
        JSON.parse(lenient.stdout) as {
          problems: Array<{ line: number; column: number; code: string }>;
        }
      ).problems,
    ).toMatchObject([{ line: 3, column: 3, code: 'non-numeric' }]);
  });
  it('prints at most 20 problems and the total', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `R${i},7,x,6,5,5,6,4,3,6`);
    const many = join(dir, 'many.csv');
    writeFileSync(
      many,
      `id,s1_imp,s1_perf,s2_imp,s2_perf,c1_imp,c1_perf,c2_imp,c2_perf,l1\n${rows.join('\n')}\n`,
    );
    const lines = servqual(['analyze', many, ...tiny])
      .stderr.trimEnd()
      .split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('… and 10 more: 30 errors, 0 warnings in all');
  });
  it('missing columns, missing file, bad option: exit 2', () => {
    const r = servqual(['analyze', 'fixtures/tiny.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'fixtures/tiny.csv:1: missing column "tan1_perf" for tan1 (performance)',
    );
    expect(servqual(['analyze', 'nope.csv']).stderr).toBe(
      'nope.csv: cannot read the file: no such file\n',
    );
    const opt = servqual(['analyze', 'fixtures/sample.csv', '--format', 'pdf']);
    expect(opt.status).toBe(2);
    expect(opt.stderr).toContain("option '--format <format>' argument 'pdf' is invalid");
    expect(servqual(['analyze', 'fixtures/tiny.csv', '--instrument', 'nope.json']).status).toBe(2);
  });
  it('--out writes the report to a file and nothing to stdout', () => {
    const out = join(dir, 'report.md');
    const r = servqual(['analyze', 'fixtures/sample.csv', '--format', 'markdown', '--out', out]);
    expect([r.status, r.stdout]).toEqual([0, '']);
    expect(readFileSync(out, 'utf8')).toMatch(/^# servqual: 300 respondents/);
    const unwritable = servqual([
      'analyze',
      'fixtures/sample.csv',
      '--out',
      join(dir, 'no/such/dir/r.txt'),
    ]);
    expect(unwritable.status).toBe(74); // EX_IOERR: output cannot be written (README "Exit codes");
    expect(unwritable.stderr).toMatch(/cannot write: no such directory\n$/);
  });
  it('a closed pipe ends quietly (| head -1)', () => {
    const r = spawnSync(
      'bash',
      [
        '-o',
        'pipefail',
        '-c',
        'node bin/servqual.js simulate --n 50000 | head -1 >/dev/null; ' +
          `node bin/servqual.js analyze ${fixture('sample.csv')} --format csv | head -1`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('id,construct,group,label')).toBe(true);
  });
  it('--lang zh labels the report in Chinese', () => {
    const r = servqual(['analyze', 'fixtures/sample.csv', '--lang', 'zh']);
    expect(r.stdout).toContain('生存因素');
    expect(r.stdout).toContain('一天之内回应请求');
  });
});

describe('servqual validate, instrument, simulate', () => {
  it('validate: 0 for a good file, 2 for a bad one, JSON on request', () => {
    const ok = servqual(['validate', 'fixtures/sample.csv']);
    expect([ok.status, ok.stdout, ok.stderr]).toEqual([
      0,
      '',
      'fixtures/sample.csv: ok, 300 respondents\n',
    ]);
    const bad = servqual(['validate', 'fixtures/tiny.csv', '--format', 'json']);
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([
        expect.objectContaining({ code: 'missing-column', line: 1 }),
      ]),
    });
  });
  it('instrument prints the default instrument, which reads back as a custom one', () => {
    const r = servqual(['instrument']);
    expect(r.status).toBe(0);
    const copy = join(dir, 'copy.json');
    writeFileSync(copy, r.stdout);
    const a = JSON.parse(
      servqual(['analyze', 'fixtures/sample.csv', '--format', 'json']).stdout,
    ) as { attributes: unknown };
    const b = JSON.parse(
      servqual(['analyze', 'fixtures/sample.csv', '--format', 'json', '--instrument', copy]).stdout,
    ) as { attributes: unknown };
    expect(b.attributes).toEqual(a.attributes);
  });
  it('a broken instrument file gives its JSON position', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "name": "x",\n  "constructs": [,]\n}\n');
    const r = servqual(['analyze', 'fixtures/sample.csv', '--instrument', broken]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${broken}:3:18: not valid JSON: `));
  });
  it(
    'simulate: the same seed gives the same file, ' +
      'and fixtures/sample.csv is --n 300 --seed 2026',
    () => {
      const a = servqual(['simulate', '--n', '300', '--seed', '2026']);
      expect(a.status).toBe(0);
      expect(a.stdout).toBe(readFixture('sample.csv'));
      expect(servqual(['simulate', '--n', '5', '--seed', '7']).stdout).toBe(
        servqual(['simulate', '--n', '5', '--seed', '7']).stdout,
      );
      expect(servqual(['simulate', '--n', '5', '--seed', '8']).stdout).not.toBe(
        servqual(['simulate', '--n', '5', '--seed', '7']).stdout,
      );
      expect(servqual(['simulate', '--n', '0']).status).toBe(2);
    },
  );
});
