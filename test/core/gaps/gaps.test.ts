import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipaQuadrant } from '../../../src/core/gaps/ipa-quadrant.js';
import { rankSurvivalFactors } from '../../../src/core/gaps/rank-survival-factors.js';
import type { AttributeRow } from '../../../src/core/report/types.js';
import {
  analyzeRecords,
  defaultInstrument,
  fixture,
  instrumentFrom,
  readFixture,
  simpleRecords,
  tinyInstrument,
} from '../../helpers.js';

const close = (actual: number | undefined, expected: number, tol = 1e-9): void => {
  expect(actual).toBeDefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    tol * Math.max(1, Math.abs(expected)),
  );
};

/*
 * fixtures/tiny.csv, 6 respondents, scale 1–7; c2 is reverse-keyed (performance reflected, 8 − x):
 *
 *        s1 I/P   s2 I/P   c1 I/P   c2 I/P(raw → reflected)
 *   R1   7/4      6/5      5/6      4/3 → 5
 *   R2   6/3      7/7      4/5      5/2 → 6
 *   R3   7/5      5/4      6/6      3/5 → 3
 *   R4   5/5      6/3      3/4      4/1 → 7
 *   R5   6/2      7/6      5/7      6/4 → 4
 *   R6   7/6      6/–      4/4      NA/2 → 6
 *
 * s1 by hand: d = P − I = −3 −3 −2 0 −4 −1; Σd = −13, d̄ = −13/6 = −2.1667; Σ(d − d̄)² = 65/6 → s =
 * √(13/6) = 1.47196; SE = s/√6 = 0.600925; t = −3.60555 on 5 df. Every expected value below is R
 * 4.2.2 output of the script in test/reference/tiny.R (t.test(perf, imp, paired = TRUE),
 * wilcox.test(…, exact = FALSE), p.adjust(…, "holm")).
 */
const report = () => analyzeRecords(simpleRecords(readFixture('tiny.csv')), tinyInstrument());

describe('attribute gaps on the tiny fixture (R t.test / wilcox.test / p.adjust)', () => {
  it('s1', () => {
    const s1 = report().attributes.find((a) => a.id === 's1');
    expect(s1?.n).toBe(6);
    close(s1?.baseline?.mean, 6.333333333333333);
    close(s1?.baseline?.sd, 0.81649658092772603);
    close(s1?.performance.mean, 4.166666666666667);
    close(s1?.performance.sd, 1.4719601443879744);
    close(s1?.gap?.mean, -2.1666666666666665);
    close(s1?.gap?.sd, 1.4719601443879744);
    close(s1?.gap?.se, 0.60092521257733156);
    close(s1?.gap?.t, -3.6055512754639891);
    expect(s1?.gap?.df).toBe(5);
    close(s1?.gap?.p, 0.015452621285895016);
    close(s1?.gap?.ci[0], -3.7113941026938453);
    close(s1?.gap?.ci[1], -0.62193923063948764);
    close(s1?.gap?.pAdjusted, 0.061810485143580063);
    close(s1?.gap?.wilcoxonP, 0.0579072654172973);
  });
  it('s2 (one performance rating missing: n = 5)', () => {
    const s2 = report().attributes.find((a) => a.id === 's2');
    expect(s2?.n).toBe(5);
    close(s2?.gap?.mean, -1.2);
    close(s2?.gap?.t, -2.4494897427831783);
    close(s2?.gap?.p, 0.070483996910219934);
    close(s2?.gap?.ci[0], -2.5601747613165111);
    close(s2?.gap?.ci[1], 0.16017476131651126);
    close(s2?.gap?.pAdjusted, 0.14096799382043987);
    close(s2?.gap?.wilcoxonP, 0.088973011701813348);
  });
  it('c1 and the reverse-keyed c2 (reflected before the gap)', () => {
    const r = report();
    const c1 = r.attributes.find((a) => a.id === 'c1');
    close(c1?.gap?.mean, 0.83333333333333337);
    close(c1?.gap?.p, 0.042193996705524379);
    close(c1?.gap?.pAdjusted, 0.12658199011657315);
    const c2 = r.attributes.find((a) => a.id === 'c2');
    expect(c2?.n).toBe(5);
    close(c2?.performance.mean, 5); // reflected 5 6 3 7 4 → 25/5 (hand)
    close(c2?.gap?.mean, 0.6);
    close(c2?.gap?.t, 0.7385489458759964);
    close(c2?.gap?.p, 0.50116936742016349);
    close(c2?.gap?.pAdjusted, 0.50116936742016349);
    close(c2?.gap?.wilcoxonP, 0.58071216218902522);
    expect(r.notes.find((n) => n.code === 'reflected')).toEqual({
      code: 'reflected',
      attributes: ['c2'],
    });
  });
  it('outcome items have performance only', () => {
    const l1 = report().attributes.find((a) => a.id === 'l1');
    expect(l1?.baseline).toBeNull();
    expect(l1?.gap).toBeNull();
    close(l1?.performance.mean, 5.166666666666667); // R: mean(d$l1)
    close(l1?.performance.sd, 1.4719601443879744); // R: sd(d$l1)
  });
});

describe('construct gaps (per-respondent means over attributes rated in both roles)', () => {
  it('speed, care and the higher-order SQ match R', () => {
    const r = report();
    const by = (id: string) => r.constructs.find((c) => c.id === id);
    // speed per respondent (hand): I = 6.5 6.5 6 5.5 6.5 7, P = 4.5 5 4.5 4 4 6 (R6 has s1 only)
    close(by('speed')?.gap?.mean, -1.6666666666666667);
    close(by('speed')?.gap?.t, -7.905694150420949);
    close(by('speed')?.gap?.p, 0.00052106698950352983);
    close(by('speed')?.gap?.ci[0], -2.2085929008311562);
    close(by('speed')?.gap?.ci[1], -1.1247404325021775);
    close(by('speed')?.gap?.wilcoxonP, 0.034006402864386984);
    close(by('care')?.gap?.p, 0.10193947882985828);
    close(by('care')?.gap?.wilcoxonP, 0.17356816655592155);
    close(by('SQ')?.gap?.mean, -0.5);
    close(by('SQ')?.gap?.p, 0.057972773557539936);
    expect(by('SQ')?.level).toBe('higher-order');
    // Holm across the three constructs with gaps: R p.adjust(c(speed, care, SQ), "holm")
    close(by('speed')?.gap?.pAdjusted, 0.0015632009685105895);
    close(by('care')?.gap?.pAdjusted, 0.11594554711507987);
    close(by('SQ')?.gap?.pAdjusted, 0.11594554711507987);
    expect(by('loyalty')?.gap).toBeNull();
  });
});

describe('IPA and survival factors', () => {
  it('crosshair at the grand means, quadrants, and the ranked list', () => {
    const r = report();
    // Hand: importance means 6.3333, 6.2, 4.5, 4.4 → mean 5.358333; performance 4.1667, 5, 5.3333,
    // 5 → 4.875
    close(r.meta.crosshair?.importance, (6.333333333333333 + 6.2 + 4.5 + 4.4) / 4, 1e-15);
    close(
      r.meta.crosshair?.performance,
      (4.166666666666667 + 5 + 5.333333333333333 + 5) / 4,
      1e-15,
    );
    expect(r.attributes.map((a) => [a.id, a.quadrant])).toEqual([
      ['s1', 'concentrate'],
      ['s2', 'keep-up'],
      ['c1', 'overkill'],
      ['c2', 'overkill'],
      ['l1', null],
    ]);
    // priority = Ī × (Ī − P̄): s1 6.3333 × 2.1667 = 13.7222; s2 6.2 × 1.2 = 7.44 (hand)
    expect(r.survivalFactors.map((f) => f.id)).toEqual(['s1', 's2']);
    close(r.survivalFactors[0]?.priority, (19 / 3) * (13 / 6), 1e-14);
    close(r.survivalFactors[1]?.priority, 7.44, 1e-14);
    // all six rate s1 importance ≥ 5 > midpoint 4
    expect(r.survivalFactors[0]?.importantShare).toBe(1);
  });
  it('midpoint crosshair puts every attribute above the importance line at 4', () => {
    const r = analyzeRecords(simpleRecords(readFixture('tiny.csv')), tinyInstrument(), {
      crosshair: 'midpoint',
    });
    expect(r.meta.crosshair).toEqual({ kind: 'midpoint', importance: 4, performance: 4 });
    expect(r.attributes.slice(0, 4).map((a) => a.quadrant)).toEqual([
      'keep-up',
      'keep-up',
      'keep-up',
      'keep-up',
    ]);
  });
  it('ipaQuadrant: the four quadrants, on-the-line counts as high', () => {
    const c = { importance: 5, performance: 5 };
    expect(ipaQuadrant({ importance: 6, performance: 4 }, c)).toBe('concentrate');
    expect(ipaQuadrant({ importance: 6, performance: 6 }, c)).toBe('keep-up');
    expect(ipaQuadrant({ importance: 4, performance: 4 }, c)).toBe('low-priority');
    expect(ipaQuadrant({ importance: 4, performance: 6 }, c)).toBe('overkill');
    expect(ipaQuadrant({ importance: 5, performance: 5 }, c)).toBe('keep-up');
  });
  it('ranks by priority, ties by gap then id; --rank-by gap ranks by the gap', () => {
    const row = (id: string, i: number, p: number): AttributeRow => ({
      id,
      construct: 'k',
      group: 'SQ',
      label: { en: id },
      reverse: false,
      outcome: false,
      n: 10,
      baseline: { n: 10, mean: i, sd: 1 },
      performance: { n: 10, mean: p, sd: 1 },
      gap: {
        mean: p - i,
        sd: 1,
        se: 0.3,
        ci: [0, 0],
        t: 0,
        df: 9,
        p: 0.5,
        pAdjusted: 0.5,
        wilcoxonP: 0.5,
      },
      quadrant: null,
      importantShare: null,
      zone: null,
    });
    // priorities (hand): a 6×1 = 6; b 3×2 = 6; c 6×1 = 6; d 2×3 = 6 → all tie; gaps −1 −2 −1 −3
    const rows = [row('c', 6, 5), row('a', 6, 5), row('b', 3, 1), row('d', 2, -1), row('e', 5, 6)];
    expect(rankSurvivalFactors(rows).map((f) => f.id)).toEqual(['d', 'b', 'a', 'c']);
    expect(rankSurvivalFactors(rows, { rankBy: 'gap' }).map((f) => f.id)).toEqual([
      'd',
      'b',
      'a',
      'c',
    ]);
    const rows2 = [row('x', 7, 6), row('y', 3, 1)]; // priority 7 vs 6; gap −1 vs −2
    expect(rankSurvivalFactors(rows2).map((f) => f.id)).toEqual(['x', 'y']);
    expect(rankSurvivalFactors(rows2, { rankBy: 'gap' }).map((f) => f.id)).toEqual(['y', 'x']);
  });
});

describe('laws', () => {
  it('shuffling respondents changes nothing, to the last bit', () => {
    const records = simpleRecords(readFixture('sample.csv'));
    const [head, ...rows] = records;
    const instrument = defaultInstrument();
    const base = analyzeRecords(records, instrument);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
        (shuffled) => {
          const again = analyzeRecords([head as (typeof records)[number], ...shuffled], instrument);
          expect(again.attributes).toEqual(base.attributes);
          expect(again.constructs).toEqual(base.constructs);
          expect(again.survivalFactors).toEqual(base.survivalFactors);
        },
      ),
      { numRuns: 5 },
    );
  });
  it(
    'reverse keying is reflection: raw data marked reverse = reflected data marked plain, ' +
      'and reflecting twice is the identity',
    () => {
      const raw = JSON.parse(readFixture('tiny-instrument.json')) as {
        constructs: Array<{ attributes?: Array<{ id: string; reverse?: boolean }> }>;
      };
      const plain = structuredClone(raw);
      for (const c of plain.constructs) for (const a of c.attributes ?? []) a.reverse = false;
      const records = simpleRecords(readFixture('tiny.csv'));
      const column = records[0]?.fields.indexOf('c2_perf') as number;
      const reflected = records.map((r, i) => ({
        ...r,
        fields: r.fields.map((f, j) =>
          i > 0 && j === column && f !== '' ? String(1 + 7 - Number(f)) : f,
        ),
      }));
      const strip = (rows: readonly AttributeRow[]) =>
        rows.map(({ reverse: _reverse, ...rest }) => rest);
      const a = analyzeRecords(records, tinyInstrument());
      const b = analyzeRecords(reflected, instrumentFrom(plain));
      expect(strip(b.attributes)).toEqual(strip(a.attributes));
      // Twice: the reflected data marked reverse is the original data marked plain.
      const c = analyzeRecords(reflected, tinyInstrument());
      const d = analyzeRecords(records, instrumentFrom(plain));
      expect(strip(c.attributes)).toEqual(strip(d.attributes));
    },
  );
});

const zoneOfTolerance =
  'zone of tolerance (fixtures/tiny-zot.csv: adequate, desired, performance; no importance)';
describe(zoneOfTolerance, () => {
  // R (test/reference/tiny.R, zone-of-tolerance section), c2 reflected (8 − x) in all three roles
  // first; per attribute, over respondents with both ratings:
  //   t.test(perf - adeq), t.test(perf - des), t.test(des - adeq)
  it('MSA, MSS and zone width per attribute match R, with the status', async () => {
    const { ingestFile } = await import('../../../src/io/ingest-file.js');
    const { buildReport } = await import('../../../src/core/report/build-report.js');
    const { result, log } = await ingestFile(fixture('tiny-zot.csv'), tinyInstrument(), {
      lenient: false,
      scoring: 'inline',
    });
    const report = buildReport(tinyInstrument(), result!.plan, result!.tallies, log, {
      file: 'x',
      version: 't',
      crosshair: 'mean',
      rankBy: 'priority',
      lenientCells: 0,
      zone: result!.zone,
    });
    const zone = (id: string) => report.attributes.find((a) => a.id === id)?.zone;
    close(zone('s1')?.msa.mean, -1);
    close(zone('s1')?.msa.ci[0], -2.4841261147785882);
    close(zone('s1')?.msa.p, 0.14381080871160376);
    close(zone('s1')?.mss.mean, -2.5);
    close(zone('s1')?.mss.p, 0.0099436652455438621);
    close(zone('s1')?.width.mean, 1.5);
    close(zone('s1')?.width.ci[1], 2.0747995726208992);
    close(zone('s2')?.msa.mean, 0.4);
    close(zone('s2')?.width.ci[0], 1.4049030273939476);
    close(zone('c1')?.msa.p, 0.0026426054420447941);
    close(zone('c2')?.msa.ci[1], 3.9747692679290765); // reverse-keyed: reflected in every role
    close(zone('c2')?.width.mean, 2.4);
    expect(['s1', 's2', 'c1', 'c2'].map((id) => zone(id)?.status)).toEqual([
      'below',
      'within',
      'within',
      'within',
    ]);
    expect(zone('l1')).toBeNull();
    // Without importance, the adequate level is the yardstick: s1 (below the zone) is the survival
    // factor.
    expect(report.survivalFactors.map((f) => [f.id, f.belowZone, f.gap])).toEqual([
      ['s1', true, -1],
    ]);
    expect(report.notes.map((n) => n.code)).not.toContain('performance-only');
  });
  it('attributes below the zone rank first', () => {
    const row = (id: string, gap: number, below: boolean): AttributeRow => ({
      id,
      construct: 'k',
      group: 'SQ',
      label: { en: id },
      reverse: false,
      outcome: false,
      n: 10,
      baseline: { n: 10, mean: 6, sd: 1 },
      performance: { n: 10, mean: 6 + gap, sd: 1 },
      gap: {
        mean: gap,
        sd: 1,
        se: 0.3,
        ci: [0, 0],
        t: 0,
        df: 9,
        p: 0.5,
        pAdjusted: 0.5,
        wilcoxonP: 0.5,
      },
      quadrant: null,
      importantShare: null,
      zone: below
        ? {
            msa: {
              mean: -0.2,
              sd: 1,
              se: 0.3,
              ci: [0, 0],
              t: 0,
              df: 9,
              p: 0.5,
              pAdjusted: 0.5,
              wilcoxonP: 0.5,
            },
            mss: {
              mean: -2,
              sd: 1,
              se: 0.3,
              ci: [0, 0],
              t: 0,
              df: 9,
              p: 0.5,
              pAdjusted: 0.5,
              wilcoxonP: 0.5,
            },
            width: {
              mean: 1.8,
              sd: 1,
              se: 0.3,
              ci: [0, 0],
              t: 0,
              df: 9,
              p: 0.5,
              pAdjusted: 0.5,
              wilcoxonP: 0.5,
            },
            status: 'below',
          }
        : null,
    });
    // b has the larger shortfall (priority 6 × 2 = 12 vs 6 × 0.5 = 3) but a is below the zone
    expect(
      rankSurvivalFactors([row('b', -2, false), row('a', -0.5, true)]).map((f) => f.id),
    ).toEqual(['a', 'b']);
  });
});
