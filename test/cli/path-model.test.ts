import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attributesByHand } from '../by-hand.js';
import { describe, expect, it } from 'vitest';
import { servqual } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-pls-'));
interface ModelJson {
  paths: Array<{
    from: string;
    to: string;
    estimate: number;
    ci: [number, number] | null;
    p: number | null;
    sd: number | null;
  }>;
  rSquared: Record<string, number>;
  mediation: { verdict: string | null; message: string } | null;
  bootstrap: {
    resamples: number;
    seed: number;
    threads: number;
    failed: number;
    ci: string;
  } | null;
  ipma: Array<{
    id: string;
    level: string;
    importance: number;
    performance: number;
    stated?: number | null;
  }>;
  loadings: Array<{ construct: string; item: string; loading: number; weight: number }>;
  converged: boolean;
}
const analyze = (args: string[]) => {
  const r = servqual(['analyze', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as {
    model: ModelJson | null;
    survivalFactors: Array<{ id: string; priority: number }>;
    meta: unknown;
  };
};

describe('servqual analyze: the path model', () => {
  it('recovers the simulated SQ → RQ → CL structure', () => {
    const file = join(dir, 'sim.csv');
    writeFileSync(file, servqual(['simulate', '--n', '2000', '--seed', '11']).stdout);
    const model = analyze([file, '--bootstrap', '200', '--seed', '5']).model as ModelJson;
    const path = (from: string, to: string) =>
      model.paths.find((x) => x.from === from && x.to === to)!;
    // The simulation's latent paths are SQ→RQ 0.6, RQ→CL 0.55, SQ→CL 0.10 (src/core/simulate). PLS
    // estimates paths between composites, attenuated by their reliability (ρC ≈ 0.89 for SQ and RQ
    // here), so the expected composite paths are ≈ 0.6·0.89 ≈ 0.53 and ≈ 0.55·0.9 ≈ 0.49; with
    // n = 2000 the bootstrap SD is ≈ 0.02, so ±0.1 is generous. SQ→CL stays small.
    expect(path('SQ', 'RQ').estimate).toBeGreaterThan(0.43);
    expect(path('SQ', 'RQ').estimate).toBeLessThan(0.63);
    expect(path('RQ', 'CL').estimate).toBeGreaterThan(0.39);
    expect(path('RQ', 'CL').estimate).toBeLessThan(0.59);
    expect(Math.abs(path('SQ', 'CL').estimate)).toBeLessThan(0.15);
    expect(path('SQ', 'RQ').p).toBe(0);
    expect(model.mediation?.verdict).toMatch(/^(indirect-only|complementary)$/);
    expect(model.bootstrap).toMatchObject({ resamples: 200, seed: 5, failed: 0, ci: 'percentile' });
    expect(model.converged).toBe(true);
  });
  it('reads the ECSI data with a custom instrument and records the default seed', () => {
    const model = analyze([
      'test/reference/ecsi/ecsi_mobi.csv',
      '--instrument',
      'fixtures/ecsi-instrument.json',
      '--bootstrap',
      '100',
    ]).model as ModelJson;
    expect(model.paths).toHaveLength(12);
    // seminr 2.3.1 reference (ecsi_mobi_reference.json): R² of SAT = 0.681078291389156
    expect(model.rSquared['SAT']).toBeCloseTo(0.681078291389156, 6);
    expect(model.bootstrap?.seed).toBe(20031);
    expect(model.ipma.filter((x) => x.level === 'construct').map((x) => x.id)).toEqual([
      'IMAG',
      'EXPE',
      'QUAL',
      'VAL',
      'SAT',
      'COM',
    ]);
  });
  it('--bootstrap 0 estimates without inference; --no-paths skips the model', () => {
    const model = analyze(['fixtures/sample.csv', '--bootstrap', '0']).model as ModelJson;
    expect(model.bootstrap).toBeNull();
    expect(model.paths[0]?.ci).toBeNull();
    expect(model.mediation?.verdict).toBeNull();
    expect(analyze(['fixtures/sample.csv', '--no-paths']).model).toBeNull();
  });
  it(
    'IPMA shows stated and derived importance side by side; ' +
      '--rank-by derived uses the derived one',
    () => {
      const doc = analyze(['fixtures/sample.csv', '--bootstrap', '0', '--rank-by', 'derived']);
      const items = (doc.model as ModelJson).ipma.filter((x) => x.level === 'attribute');
      const res2 = items.find((x) => x.id === 'res2')!;
      // mean importance rating (fixtures/sample.csv, see the gap tests)
      expect(res2.stated).toBeGreaterThan(6);
      expect(res2.importance).toBeGreaterThan(0);
      // outcomes have no stated importance
      expect(items.find((x) => x.id === 'repurchase')?.stated).toBeNull();
      const factor = doc.survivalFactors[0]!;
      const attribute = items.find((x) => x.id === factor.id)!;
      // derived importance × shortfall (≤ 6 points)
      expect(factor.priority).toBeLessThan(attribute.importance * 7);
    },
  );
  it('an unknown IPMA target is an error; data without variance only lose the path model', () => {
    const bad = servqual([
      'analyze',
      'fixtures/sample.csv',
      '--ipma-target',
      'XX',
      '--bootstrap',
      '0',
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('servqual: --ipma-target XX: not a construct of the path model\n');
    const flat = join(dir, 'flat.csv');
    writeFileSync(
      flat,
      'id,s1_imp,s1_perf,s2_imp,s2_perf,c1_imp,c1_perf,c2_imp,c2_perf,l1\n' +
        ['a', 'b', 'c', 'd'].map((id) => `${id},5,4,5,4,5,4,5,4,4`).join('\n') +
        '\n',
    );
    // The gap analysis still stands: a warning, exit 0, a note and no model.
    const r = servqual([
      'analyze',
      flat,
      '--instrument',
      'fixtures/tiny-instrument.json',
      '--bootstrap',
      '0',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      `${flat}: warning: the path model cannot be estimated: no variance in s1, s2, c1, c2, l1 ` +
        '(expected at least 3 respondents and varied ratings on every item of the model)\n',
    );
    const doc = JSON.parse(r.stdout) as { model: unknown; notes: Array<{ code: string }> };
    expect(doc.model).toBeNull();
    expect(doc.notes.map((n) => n.code)).toContain('no-path-model');
  });
});

describe('servqual analyze --fail-on', () => {
  it(
    'exit 1 with the offending values when a rule trips, 0 when none, 2 on a malformed rule; ' +
      'the report is written either way',
    () => {
      const tripped = servqual([
        'analyze',
        'fixtures/sample.csv',
        '--bootstrap',
        '0',
        '--format',
        'json',
        '--fail-on',
        'gap < -2',
        '--fail-on',
        'r2(CL) > 0.9',
      ]);
      expect(tripped.status).toBe(1);
      // By hand (test/by-hand.ts): the attributes whose mean gap P̄ − Ī is below −2, as the rule
      // prints them (3 decimals).
      const below = attributesByHand('sample.csv', { reversed: ['con1', 'con2', 'con3'] })
        .filter((a) => a.gap < -2)
        .map((a) => `${a.id} = ${a.gap.toFixed(3)}`);
      expect(below.length).toBeGreaterThan(0);
      expect(tripped.stderr).toBe(`fail: gap < -2 — ${below.join(', ')}\n`);
      expect(JSON.parse(tripped.stdout)).toHaveProperty('survivalFactors');
      const passing = servqual([
        'analyze',
        'fixtures/sample.csv',
        '--bootstrap',
        '0',
        '--format',
        'json',
        '--fail-on',
        'gap < -5',
        '--fail-on',
        'path SQ->RQ < 0.1',
      ]);
      expect([passing.status, passing.stderr]).toEqual([0, '']);
      const malformed = servqual([
        'analyze',
        'fixtures/sample.csv',
        '--fail-on',
        'path SQ=>RQ < 0.1',
      ]);
      expect(malformed.status).toBe(2);
      expect(malformed.stdout).toBe('');
      expect(malformed.stderr).toBe(
        [
          'servqual: --fail-on "path SQ=>RQ < 0.1": expected "->" at column 8',
          '  path SQ=>RQ < 0.1',
          '         ^',
          '',
        ].join('\n'),
      );
    },
  );
});
