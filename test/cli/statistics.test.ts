import { describe, expect, it } from 'vitest';
import { servqual } from './run.js';

// Reports must label what was computed (issue 13): the interval method, the ranking key, undefined
// statistics, and refusals.

describe('servqual analyze --ci bca, end to end', () => {
  const args = [
    'analyze',
    'fixtures/sample.csv',
    '--bootstrap',
    '200',
    '--seed',
    '7',
    '--ci',
    'bca',
  ];
  it('JSON says bca and every renderer labels the intervals BCa, not percentile', () => {
    const json = servqual([...args, '--format', 'json']);
    expect(json.status).toBe(0);
    const doc = JSON.parse(json.stdout) as {
      model: { bootstrap: { ci: string }; paths: Array<{ ci: [number, number] | null }> };
    };
    expect(doc.model.bootstrap.ci).toBe('bca');
    const [lo, hi] = (doc.model.paths[0] as { ci: [number, number] }).ci;
    expect(lo).toBeLessThan(hi);
    for (const format of ['text', 'markdown', 'html']) {
      const r = servqual([...args, '--format', format], { env: { NO_COLOR: '1' } });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('200 bootstrap resamples (seed 7), BCa 95% CI');
      expect(r.stdout).not.toContain('percentile 95% CI');
    }
  });
  it('the default stays percentile', () => {
    const r = servqual(['analyze', 'fixtures/sample.csv', '--bootstrap', '50', '--seed', '7']);
    expect(r.stdout).toContain('percentile 95% CI');
  });
});

describe('servqual analyze --rank-by derived', () => {
  it('says it ranks by derived priority', () => {
    const r = servqual(
      ['analyze', 'fixtures/sample.csv', '--bootstrap', '0', '--rank-by', 'derived'],
      { env: { NO_COLOR: '1' } },
    );
    expect(r.stdout).toContain('ranked by derived priority = IPMA importance × max(0, Ī − P̄)');
  });
  it('with --no-paths falls back to priority, and meta and a note say so', () => {
    const r = servqual([
      'analyze',
      'fixtures/sample.csv',
      '--no-paths',
      '--rank-by',
      'derived',
      '--format',
      'json',
    ]);
    const doc = JSON.parse(r.stdout) as {
      meta: { rankBy: string };
      notes: Array<{ code: string }>;
    };
    expect(doc.meta.rankBy).toBe('priority');
    expect(doc.notes.map((n) => n.code)).toContain('rank-by-fallback');
    const text = servqual(
      ['analyze', 'fixtures/sample.csv', '--no-paths', '--rank-by', 'derived'],
      { env: { NO_COLOR: '1' } },
    );
    expect(text.stdout).toContain('ranked by priority = Ī × max(0, Ī − P̄)');
    expect(text.stdout).toContain('Derived importance (IPMA) is unavailable');
  });
});

describe('zero-variance gaps', () => {
  // fixtures/statistics/constant.csv: s1 perf − imp = −3 for all three respondents (hand
  // arithmetic: 4−7, 3−6, 2−5). R: t.test(c(4,3,2), c(7,6,5), paired = TRUE) → "data are
  // essentially constant".
  it('t, p and the interval are null, never significant, with a note', () => {
    const r = servqual([
      'analyze',
      'fixtures/statistics/constant.csv',
      '--instrument',
      'fixtures/tiny-instrument.json',
      '--no-paths',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      attributes: Array<{
        id: string;
        gap: {
          mean: number;
          sd: number;
          t: number | null;
          p: number | null;
          pAdjusted: number | null;
          ci: unknown;
        };
      }>;
      survivalFactors: Array<{ id: string; significant: boolean }>;
      notes: Array<{ code: string; ids?: string[] }>;
    };
    const s1 = doc.attributes.find((a) => a.id === 's1')?.gap;
    expect(s1?.mean).toBe(-3);
    expect(s1?.sd).toBe(0);
    expect(s1?.t).toBeNull();
    expect(s1?.p).toBeNull();
    expect(s1?.pAdjusted).toBeNull();
    expect(doc.survivalFactors.find((f) => f.id === 's1')?.significant).toBe(false);
    expect(doc.notes.find((n) => n.code === 'constant-gaps')?.ids).toContain('s1');
  });
});

describe('mixed scales', () => {
  it('an attribute on 1–5 among 1–7 ones is refused with the place and the reason', () => {
    const r = servqual([
      'analyze',
      'fixtures/statistics/constant.csv',
      '--instrument',
      'fixtures/statistics/mixed-scales-instrument.json',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('constructs[0].attributes[1].scale');
    expect(r.stderr).toContain('scale 1–5 differs from 1–7 like "s1"');
  });
});

describe('compare and analyze: one definition of mean performance', () => {
  it(
    'every attribute and construct mean in compare equals analyze’s ' +
      '(respondents with both ratings)',
    () => {
      const analyzed = JSON.parse(
        servqual(['analyze', 'fixtures/sample.csv', '--no-paths', '--format', 'json']).stdout,
      ) as {
        attributes: Array<{ id: string; n: number; performance: { mean: number } }>;
        constructs: Array<{ id: string; n: number; performance: { mean: number } }>;
      };
      const compared = JSON.parse(
        servqual(['compare', 'fixtures/sample.csv', 'fixtures/sample.csv', '--format', 'json'])
          .stdout,
      ) as { rows: Array<{ id: string; measure: string; before: { n: number; mean: number } }> };
      const rows = compared.rows.filter((r) => r.measure === 'performance');
      const expected = new Map(
        [...analyzed.attributes, ...analyzed.constructs].map((a) => [
          a.id,
          { n: a.n, mean: a.performance.mean },
        ]),
      );
      expect(rows.length).toBe(expected.size);
      for (const r of rows) {
        const e = expected.get(r.id);
        expect(r.before.n, r.id).toBe(e?.n);
        expect(Math.abs(r.before.mean - (e?.mean as number)), r.id).toBeLessThan(1e-12);
      }
    },
  );
});

describe('Mode B constructs from the instrument ("mode": "B")', () => {
  // Expected: test/reference/ecsi/ecsi_extras_reference.json (seminr 2.3.1, composite(weights =
  // mode_B) for IMAG and QUAL), written by test/reference/ecsi/seminr_extras.R.
  const matchesSeminr =
    'analyze on ECSI matches seminr’s weights to 1e-5 and reports outer VIF and weight p';
  it(matchesSeminr, async () => {
    const { readFileSync } = await import('node:fs');
    const ref = JSON.parse(
      readFileSync('test/reference/ecsi/ecsi_extras_reference.json', 'utf8'),
    ) as { mode_b: { outer_weights: Record<string, number>; outer_vif: Record<string, number> } };
    const r = servqual([
      'analyze',
      'test/reference/ecsi/ecsi_mobi.csv',
      '--instrument',
      'fixtures/statistics/ecsi-mode-b-instrument.json',
      '--bootstrap',
      '100',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      model: {
        constructs: Array<{ id: string; mode?: string }>;
        loadings: Array<{ item: string; weight: number; vif: number; weightP: number | null }>;
      };
    };
    expect(doc.model.constructs.filter((c) => c.mode === 'B').map((c) => c.id)).toEqual([
      'IMAG',
      'QUAL',
    ]);
    for (const l of doc.model.loadings) {
      expect(
        Math.abs(l.weight - (ref.mode_b.outer_weights[l.item] as number)),
        l.item,
      ).toBeLessThan(1e-5);
      const vif = ref.mode_b.outer_vif[l.item];
      if (vif !== undefined) expect(Math.abs(l.vif - vif)).toBeLessThan(1e-10);
      expect(l.weightP).not.toBeNull();
    }
    const text = servqual([
      'analyze',
      'test/reference/ecsi/ecsi_mobi.csv',
      '--instrument',
      'fixtures/statistics/ecsi-mode-b-instrument.json',
      '--bootstrap',
      '0',
    ]).stdout;
    expect(text).toContain('IMAG (Mode B)');
  });
});

describe('--consistent (PLSc)', () => {
  const matchesSeminr =
    'analyze on ECSI matches seminr’s PLSc paths and R² to 1e-5, and says it ran PLSc';
  it(matchesSeminr, async () => {
    const { readFileSync } = await import('node:fs');
    const ref = JSON.parse(
      readFileSync('test/reference/ecsi/ecsi_extras_reference.json', 'utf8'),
    ) as {
      plsc: {
        path_coefficients: Array<{ from: string; to: string; estimate: number }>;
        r_squared: Record<string, number>;
      };
    };
    const r = servqual([
      'analyze',
      'test/reference/ecsi/ecsi_mobi.csv',
      '--instrument',
      'fixtures/ecsi-instrument.json',
      '--bootstrap',
      '0',
      '--consistent',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      model: {
        consistent: boolean;
        paths: Array<{ from: string; to: string; estimate: number }>;
        rSquared: Record<string, number>;
      };
      notes: Array<{ code: string }>;
    };
    expect(doc.model.consistent).toBe(true);
    expect(doc.notes.map((n) => n.code)).toContain('consistent-pls');
    for (const p of ref.plsc.path_coefficients) {
      const got = doc.model.paths.find((x) => x.from === p.from && x.to === p.to)?.estimate;
      expect(Math.abs((got as number) - p.estimate), `${p.from}->${p.to}`).toBeLessThan(1e-5);
    }
    for (const [id, r2] of Object.entries(ref.plsc.r_squared))
      expect(Math.abs((doc.model.rSquared[id] as number) - r2), id).toBeLessThan(1e-5);
  });
});

describe('--fail-on srmr and f2(A->B)', () => {
  it('trip on the model fit and on a path’s effect size; exit 1 with the values', () => {
    const base = ['analyze', 'fixtures/sample.csv', '--bootstrap', '0', '--format', 'json'];
    const tripped = servqual([
      ...base,
      '--fail-on',
      'srmr > 0.01',
      '--fail-on',
      'f2(SQ->RQ) > 0.01',
    ]);
    expect(tripped.status).toBe(1);
    expect(tripped.stderr).toContain('srmr > 0.01');
    expect(tripped.stderr).toContain('f2(SQ->RQ) > 0.01');
    const passing = servqual([...base, '--fail-on', 'srmr > 5', '--fail-on', 'f2(SQ->RQ) > 5']);
    expect(passing.status).toBe(0);
  });
});

describe('PLSpredict in analyze', () => {
  const perItem =
    'reports Q²predict, RMSE and MAE per endogenous item with a verdict; --fail-on q2predict';
  it(perItem, () => {
    const r = servqual([
      'analyze',
      'test/reference/ecsi/ecsi_mobi.csv',
      '--instrument',
      'fixtures/ecsi-instrument.json',
      '--bootstrap',
      '20',
      '--format',
      'json',
      '--fail-on',
      'q2predict(CUSL1) <= 0',
    ]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      model: {
        predict: {
          folds: number;
          repetitions: number;
          items: Array<{ item: string; q2predict: number }>;
          constructs: Array<{ id: string; verdict: string }>;
        };
      };
      notes: Array<{ code: string; message: string }>;
    };
    expect(doc.model.predict.folds).toBe(10);
    expect(doc.model.predict.repetitions).toBe(10);
    expect(doc.model.predict.items.map((i) => i.item)).toContain('CUSL1');
    expect(doc.model.predict.constructs.map((c) => c.id)).toEqual([
      'EXPE',
      'QUAL',
      'VAL',
      'SAT',
      'COM',
      'LOY',
    ]);
    expect(doc.notes.find((n) => n.code === 'plspredict')?.message).toMatch(
      new RegExp(
        /^PLSpredict \(10 folds × 10 repetitions\), /.source +
          /out-of-sample predictive power: EXPE (none|low|medium|high)/.source,
      ),
    );
  });
});

describe('MICOM before PLS-MGA', () => {
  it(
    '--segment-by with two segments reports MICOM steps 2 and 3 ' +
      'and whether comparing paths is warranted',
    () => {
      const r = servqual([
        'analyze',
        'fixtures/sample.csv',
        '--segment-by',
        'segment',
        '--bootstrap',
        '50',
        '--seed',
        '5',
        '--format',
        'json',
      ]);
      expect(r.status).toBe(0);
      const doc = JSON.parse(r.stdout) as {
        segments: {
          multigroup: {
            micom: {
              permutations: number;
              invariance: string;
              constructs: Array<{
                id: string;
                c: number;
                cQuantile05: number;
                compositional: boolean;
              }>;
            };
          };
        };
        notes: Array<{ code: string; message: string }>;
      };
      const micom = doc.segments.multigroup.micom;
      expect(micom.permutations).toBe(1000);
      expect(micom.constructs.length).toBeGreaterThan(0);
      for (const c of micom.constructs) {
        expect(c.c).toBeLessThanOrEqual(1 + 1e-12);
        expect(c.compositional).toBe(c.c >= c.cQuantile05);
      }
      expect(doc.notes.find((n) => n.code === 'micom')?.message).toMatch(
        /^MICOM \(1000 permutations\): /,
      );
    },
  );
});

describe('reflective–formative higher-order construct ("mode": "B" on SQ)', () => {
  const formative =
    'stage 2 weights SQ’s dimensions by regression (Mode B); the table shows SQ as formative';
  it(formative, () => {
    const r = servqual([
      'analyze',
      'fixtures/tiny.csv',
      '--instrument',
      'fixtures/statistics/tiny-formative-hoc-instrument.json',
      '--bootstrap',
      '0',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      model: {
        constructs: Array<{ id: string; mode?: string }>;
        rSquared: Record<string, number>;
        fornellLarcker: { constructs: string[]; matrix: number[][] };
      };
    };
    expect(doc.model.constructs.find((c) => c.id === 'SQ')?.mode).toBe('B');
    // Law: a Mode B construct with a single successor is the OLS combination of its indicators for
    // that successor, so R²(loyalty) equals the R² of regressing loyalty on the dimension scores:
    // (a² + b² − 2·ρ·a·b)/(1 − ρ²), a, b their correlations with loyalty, ρ theirs (hand algebra).
    const fl = doc.model.fornellLarcker;
    const at = (x: string, y: string): number =>
      fl.matrix[fl.constructs.indexOf(x)]?.[fl.constructs.indexOf(y)] as number;
    const a = at('speed', 'loyalty');
    const b = at('care', 'loyalty');
    const rho = at('speed', 'care');
    const ols = (a * a + b * b - 2 * rho * a * b) / (1 - rho * rho);
    expect(doc.model.rSquared['loyalty']).toBeCloseTo(ols, 6);
  });
});
