import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRatingsIngest } from '../../../src/core/data/ingest-ratings.js';
import { collectLoyalty, type LoyaltySettings } from '../../../src/core/loyalty/collect-loyalty.js';
import type { LoyaltyAnalyses } from '../../../src/core/loyalty/types.js';
import { LOYALTY_TRUTH, simulateLoyalty } from '../../../src/core/simulate/simulate-loyalty.js';
import { loyaltyHeader } from '../../../src/core/simulate/simulate-loyalty.js';
import { createRandom } from '../../../src/core/random/random-source.js';
import { ROOT, defaultInstrument, readFixture, simpleRecords } from '../../helpers.js';

// Expected values: test/reference/loyalty.R (base R: lm, t.test, cor.test, p.adjust, Wilson by
// formula) run on the raw CSV files → test/reference/loyalty.json.
const R = JSON.parse(readFileSync(`${ROOT}test/reference/loyalty.json`, 'utf8'));

const close = (actual: number | null | undefined, expected: number, tol = 1e-9): void => {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    tol * Math.max(1, Math.abs(expected)),
  );
};

function analyse(
  records: ReadonlyArray<{ fields: readonly string[]; line: number }>,
  settings: Partial<LoyaltySettings> = {},
): LoyaltyAnalyses {
  const instrument = defaultInstrument();
  const collector = collectLoyalty(instrument, { split: 'midpoint', ...settings });
  const ingest = createRatingsIngest(instrument, { file: 'test.csv', lenient: false }, (plan) =>
    collector.sink(plan),
  );
  const [head, ...rows] = records;
  if (head === undefined) throw new Error('no header');
  ingest.header(head.fields, { delimiter: ',' });
  for (const r of rows) ingest.record(r.fields, r.line);
  const result = ingest.finish();
  if (result === null) throw new Error('no result');
  const done = collector.finish(result.plan, {
    file: 'test.csv',
    version: 'test',
    crosshair: 'mean',
    rankBy: 'priority',
    lenientCells: 0,
  });
  if (typeof done === 'string') throw new Error(done);
  return done.analyses;
}

const loyal = analyse(simpleRecords(readFixture('loyalty.csv')));
const sample = analyse(simpleRecords(readFixture('sample.csv')));

interface RefTypology {
  classified: number;
  attitudeCut: number;
  patronageCut: number;
  types: Array<{
    type: string;
    count: number;
    share: number;
    ci: [number, number];
    rqMean: number;
    rqSd: number;
  }>;
  spuriousAmongRetained: { count: number; n: number; ci: [number, number] };
  welch: Array<{ id: string; t: number; df: number; p: number; pAdjusted: number }>;
}

function checkTypology(t: LoyaltyAnalyses['typology'], ref: RefTypology): void {
  expect(t).not.toBeNull();
  if (t === null) return;
  expect(t.classified).toBe(ref.classified);
  close(t.attitude.cut, ref.attitudeCut);
  close(t.patronage.cut, ref.patronageCut);
  t.types.forEach((x, i) => {
    const r = ref.types[i] as RefTypology['types'][number];
    expect(x.type).toBe(r.type);
    expect(x.share.count).toBe(r.count);
    close(x.share.share, r.share, 1e-12);
    close(x.share.ci[0], r.ci[0], 1e-12);
    close(x.share.ci[1], r.ci[1], 1e-12);
    close(x.rq?.mean, r.rqMean, 1e-12);
    close(x.rq?.sd, r.rqSd, 1e-10);
  });
  expect(t.spuriousAmongRetained.count).toBe(ref.spuriousAmongRetained.count);
  expect(t.spuriousAmongRetained.n).toBe(ref.spuriousAmongRetained.n);
  close(t.spuriousAmongRetained.ci[0], ref.spuriousAmongRetained.ci[0], 1e-12);
  for (const w of ref.welch) {
    const d = t.spuriousVsTrue.find((x) => x.id === w.id);
    close(d?.statistic, w.t, 1e-8);
    close(d?.df, w.df, 1e-8);
    close(d?.p, w.p, 1e-7);
    close(d?.pAdjusted, w.pAdjusted, 1e-7);
  }
}

describe('loyalty typology against R', () => {
  it('fixtures/loyalty.csv, midpoint split: counts, Wilson CIs, RQ means, Welch + Holm', () =>
    checkTypology(loyal.typology, R.loyalty.typology));
  it('fixtures/loyalty.csv, --loyalty-split median', () =>
    checkTypology(
      analyse(simpleRecords(readFixture('loyalty.csv')), { split: 'median' }).typology,
      R.loyalty.median,
    ));
  it('fixtures/sample.csv', () => checkTypology(sample.typology, R.sample.typology));
});

describe('penalty–reward contrast against R', () => {
  it('joint regression on fixtures/loyalty.csv (473 complete ≥ 10 × 44)', () => {
    const a = loyal.asymmetry;
    expect(a?.method).toBe('joint');
    expect(a?.n).toBe(R.loyalty.prca.completeCases);
    close(a?.rSquared, R.loyalty.prca.joint.rSquared, 1e-9);
    a?.rows.forEach((row, j) => {
      const J = R.loyalty.prca.joint;
      close(row.penalty?.estimate, -J.estimate[1 + 2 * j], 1e-8);
      close(row.penalty?.se, J.se[1 + 2 * j], 1e-8);
      close(row.penalty?.p, J.p[1 + 2 * j], 1e-6);
      close(row.reward?.estimate, J.estimate[2 + 2 * j], 1e-8);
      close(row.reward?.t, J.t[2 + 2 * j], 1e-8);
      close(row.reward?.p, J.p[2 + 2 * j], 1e-6);
    });
  });
  const perAttribute =
    'per-attribute regressions on fixtures/sample.csv, a never-occurring dummy left out as R does';
  it(perAttribute, () => {
    const a = sample.asymmetry;
    expect(a?.method).toBe('per-attribute');
    expect(a?.reason).toBe('few-respondents');
    a?.rows.forEach((row, j) => {
      const r = R.sample.prca.perAttribute[j];
      expect(row.id).toBe(r.id);
      expect(row.n).toBe(r.n);
      expect(row.low).toBe(r.low);
      expect(row.high).toBe(r.high);
      if (r.low_coef === null) expect(row.penalty).toBeNull();
      else {
        close(row.penalty?.estimate, -r.low_coef.estimate, 1e-8);
        close(row.penalty?.p, r.low_coef.p, 1e-6);
      }
      if (r.high_coef === null) expect(row.reward).toBeNull();
      else {
        close(row.reward?.estimate, r.high_coef.estimate, 1e-8);
        close(row.reward?.se, r.high_coef.se, 1e-8);
        close(row.reward?.p, r.high_coef.p, 1e-6);
      }
    });
  });
});

describe('complaints against R', () => {
  const c = loyal.complaints;
  const ref = R.loyalty.complaints;
  it('shares with Wilson intervals', () => {
    expect(c?.answered).toBe(ref.answered);
    expect(c?.complained.count).toBe(ref.complained);
    close(c?.complained.ci[0], ref.complainedCi[0], 1e-12);
    expect(c?.silentDissatisfied.n).toBe(ref.dissatisfied);
    expect(c?.silentDissatisfied.count).toBe(ref.silent);
    close(c?.silentDissatisfied.ci[1], ref.silentCi[1], 1e-12);
  });
  it('loyalty by complaint group, Welch tests, Holm', () => {
    for (const g of ['nonComplainers', 'resolved', 'partly', 'unresolved'] as const) {
      expect(c?.groups[g].n).toBe(ref.groups[g].n);
      close(c?.groups[g].mean, ref.groups[g].mean, 1e-12);
      close(c?.groups[g].sd, ref.groups[g].sd, 1e-10);
    }
    c?.tests.forEach((t, i) => {
      const r = ref.tests[i];
      expect(t.compare).toBe(r.compare);
      close(t.test.estimate, r.estimate, 1e-10);
      close(t.test.t, r.t, 1e-9);
      close(t.test.df, r.df, 1e-9);
      close(t.test.p, r.p, 1e-8);
      close(t.test.ci[0], r.ci[0], 1e-8);
      close(t.pAdjusted, r.pAdjusted, 1e-8);
    });
  });
  it('response-time bands and Spearman (cor.test exact = FALSE)', () => {
    c?.responseTime?.bands.forEach((b, i) => {
      expect(b.loyalty.n).toBe(ref.bands[i].n);
      close(b.loyalty.mean, ref.bands[i].mean, 1e-12);
    });
    expect(c?.responseTime?.spearman.n).toBe(ref.spearman.n);
    close(c?.responseTime?.spearman.rho, ref.spearman.rho, 1e-12);
    close(c?.responseTime?.spearman.p, ref.spearman.p, 1e-8);
  });
  it('no complaint columns: no complaint analysis', () => {
    expect(sample.complaints).toBeNull();
  });
});

describe('simulate --loyalty: the analyses recover the known truth (n = 4000, seed 18)', () => {
  const instrument = defaultInstrument();
  const rows = [...simulateLoyalty(instrument, { n: 4000, random: createRandom(18) })];
  const records = [loyaltyHeader(instrument), ...rows].map((fields, i) => ({
    fields,
    line: i + 1,
  }));
  const a = analyse(records);
  it('type shares: each true probability inside its Wilson 95 % interval', () => {
    for (const t of a.typology?.types ?? []) {
      const truth = LOYALTY_TRUTH.types[t.type];
      expect(t.share.ci[0]).toBeLessThanOrEqual(truth);
      expect(t.share.ci[1]).toBeGreaterThanOrEqual(truth);
    }
    // Spurious among the retained: 0.25 / (0.4 + 0.25).
    const p = a.typology?.spuriousAmongRetained;
    expect(p?.ci[0]).toBeLessThanOrEqual(0.25 / 0.65);
    expect(p?.ci[1]).toBeGreaterThanOrEqual(0.25 / 0.65);
  });
  it('asymmetric attributes get their classes, indices near the true effects', () => {
    const row = (id: string) => a.asymmetry?.rows.find((r) => r.id === id);
    expect(a.asymmetry?.method).toBe('joint');
    expect(row('rel1')?.class).toBe('basic');
    expect(row('emp1')?.class).toBe('excitement');
    expect(row('res2')?.class).toBe('performance');
    // Rounding the satisfaction items to the scale blurs effects a little: within 0.15.
    expect(Math.abs((row('rel1')?.penalty?.estimate ?? 0) - 1.2)).toBeLessThan(0.15);
    expect(Math.abs((row('emp1')?.reward?.estimate ?? 0) - 1.2)).toBeLessThan(0.15);
    expect(Math.abs((row('res2')?.reward?.estimate ?? 0) - 0.8)).toBeLessThan(0.15);
  });
  it('silent dissatisfied near 70 %, recovery effect and slower-is-worse', () => {
    const c = a.complaints;
    expect(c?.silentDissatisfied.ci[0]).toBeLessThanOrEqual(LOYALTY_TRUTH.silentDissatisfied);
    expect(c?.silentDissatisfied.ci[1]).toBeGreaterThanOrEqual(LOYALTY_TRUTH.silentDissatisfied);
    const vsUnresolved = c?.tests.find((t) => t.compare === 'resolved-vs-unresolved');
    expect(vsUnresolved?.test.estimate).toBeGreaterThan(0);
    expect(vsUnresolved?.pAdjusted).toBeLessThan(0.05);
    expect(c?.responseTime?.spearman.rho).toBeLessThan(0);
    expect(c?.responseTime?.spearman.p).toBeLessThan(0.05);
  });
});
