import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tally, tallyMean, tallySd } from '../../../src/core/stats/tally.js';
import type { Report } from '../../../src/core/report/types.js';
import { analyzeRecords, readFixture, simpleRecords, tinyInstrument } from '../../helpers.js';

const tiny = tinyInstrument();
const weighted = (text: string): Report =>
  analyzeRecords(simpleRecords(text), tiny, { weightBy: 'value' });
const plain = (text: string): Report => analyzeRecords(simpleRecords(text), tiny);
const row = (r: Report, id: string) => {
  const a = r.attributes.find((x) => x.id === id) ?? r.constructs.find((x) => x.id === id);
  if (a === undefined) throw new Error(id);
  return a;
};
/** tiny.csv with a weight column appended. */
const withWeights = (weights: readonly number[]): string =>
  readFixture('tiny.csv')
    .trim()
    .split('\n')
    .map((line, i) => `${line.trim()},${i === 0 ? 'value' : weights[i - 1]}`)
    .join('\n');

describe('weighted tallies', () => {
  it('Kish effective n, and the weighted SD equals R cov.wt(method = "unbiased")', () => {
    const t = new Tally();
    [
      [1, 2],
      [3, 1],
      [4, 0.5],
    ].forEach(([v, w]) => t.add(v as number, w));
    // Σw = 3.5, Σw² = 4 + 1 + 0.25 = 5.25: n_eff = 3.5²/5.25 = 2.333… (hand arithmetic).
    expect([t.n, t.weight, t.squares, t.unitWeights]).toEqual([3, 3.5, 5.25, false]);
    expect(t.effectiveN).toBeCloseTo(12.25 / 5.25, 15);
    // R: weighted.mean(c(1,3,4), c(2,1,.5)) = 2; sqrt(cov.wt(matrix(c(1,3,4)), wt = c(2,1,.5))$cov)
    // = 1.5811388300841898 (by hand: Σw(x − 2)² = 2 + 1 + 2 = 5 over Σw − Σw²/Σw = 3.5 − 1.5 = 2;
    // √2.5).
    expect(tallyMean(t)).toBe(2);
    expect(tallySd(t)).toBeCloseTo(1.5811388300841898, 14);
    const unit = new Tally();
    [1, 3, 4].forEach((v) => unit.add(v));
    // Unweighted it is R's sd(c(1, 3, 4)) = 1.5275252316519468.
    expect([unit.effectiveN, unit.unitWeights]).toEqual([3, true]);
    expect(tallySd(unit)).toBeCloseTo(1.5275252316519468, 14);
  });
});

describe('--weight-by: weighted means and gaps with a Kish effective-n SE', () => {
  it('matches R on fixtures/tiny-weighted.csv (test/reference/tiny-weighted.R)', () => {
    const r = weighted(readFixture('tiny-weighted.csv'));
    // R: s1 gap mean, SD, n_eff, SE, t, df, p, CI (the script's first line).
    const s1 = row(r, 's1').gap;
    expect(s1?.mean).toBeCloseTo(-1.8333333333333333, 13);
    expect(s1?.sd).toBeCloseTo(1.7354570071373268, 13);
    expect(s1?.effectiveN).toBeCloseTo(4.628571428571429, 13);
    expect(s1?.se).toBeCloseTo(0.80665972535570174, 13);
    expect(s1?.t).toBeCloseTo(-2.2727468295568038, 12);
    expect(s1?.df).toBeCloseTo(3.628571428571429, 13);
    expect(s1?.p).toBeCloseTo(0.092288642712563387, 10);
    expect(s1?.ci[0]).toBeCloseTo(-4.1663564623393015, 9);
    expect(s1?.ci[1]).toBeCloseTo(0.49968979567263472, 9);
    expect(Number.isNaN(s1?.wilcoxonP)).toBe(true); // no weighted rank test
    // R: s1 importance and performance (weighted mean, SD), share of weight rating importance > 4.
    expect(row(r, 's1').baseline?.mean).toBeCloseTo(6.1111111111111107, 13);
    expect(row(r, 's1').baseline?.sd).toBeCloseTo(0.9881183900504561, 13);
    expect(row(r, 's1').performance.mean).toBeCloseTo(4.2777777777777777, 13);
    expect(row(r, 's1').performance.sd).toBeCloseTo(1.3988183990017526, 13);
    expect(row(r, 's1').n).toBe(6); // respondents, not weight
    // R: s2 (R6 has no s2 performance: n_eff over five respondents) and c2 (reverse-keyed).
    expect(row(r, 's2').gap?.p).toBeCloseTo(0.074520759615522361, 10);
    expect(row(r, 's2').gap?.effectiveN).toBeCloseTo(3.8787878787878789, 13);
    expect(row(r, 'c2').gap?.mean).toBeCloseTo(1.0625, 14);
    expect(row(r, 'c2').gap?.t).toBeCloseTo(0.99108761466411777, 12);
    expect(r.attributes.find((a) => a.id === 'c2')?.importantShare).toBeCloseTo(0.25, 15);
    // R: the speed construct's per-respondent gap (ΣP − ΣB)/k, weighted.
    expect(row(r, 'speed').gap?.mean).toBeCloseTo(-1.7222222222222223, 13);
    expect(row(r, 'speed').gap?.sd).toBeCloseTo(0.5058710426690024, 13);
    expect(row(r, 'speed').gap?.p).toBeCloseTo(0.0026770644124022602, 10);
    // R: loyalty item l1 (performance only), weighted mean and SD.
    expect(row(r, 'l1').performance.mean).toBeCloseTo(5.5555555555555554, 13);
    expect(row(r, 'l1').performance.sd).toBeCloseTo(1.6505785194345943, 13);
    // Σw = 2 + 0.5 + 1 + 3 + 1.5 + 1 = 9; Σw² = 4 + .25 + 1 + 9 + 2.25 + 1 = 17.5; n_eff = 81/17.5.
    expect(r.meta.weight).toEqual({ column: 'value', sum: 9, effectiveN: 81 / 17.5, zero: 0 });
    expect(r.notes).toContainEqual({
      code: 'weighted',
      column: 'value',
      effectiveN: 81 / 17.5,
      respondents: 6,
      pathModel: false,
    });
  });

  it('weights all 1 give the unweighted report, to the last bit', () => {
    const a = weighted(withWeights([1, 1, 1, 1, 1, 1]));
    const b = plain(readFixture('tiny.csv'));
    expect([a.attributes, a.constructs, a.survivalFactors]).toEqual([
      b.attributes,
      b.constructs,
      b.survivalFactors,
    ]);
  });

  const copies =
    'an integer weight k counts like k copies of the respondent (means and shares, exactly)';
  it(copies, () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 6, maxLength: 6 }),
        (weights) => {
          const lines = readFixture('tiny.csv').trim().split('\n');
          const copies = [
            lines[0] as string,
            ...lines
              .slice(1)
              .flatMap((l, i) => Array.from({ length: weights[i] as number }, () => l)),
          ].join('\n');
          const a = weighted(withWeights(weights));
          const b = plain(copies);
          for (const [x, y] of [
            ...a.attributes.map((x, i) => [x, b.attributes[i]] as const),
            ...a.constructs.map((x, i) => [x, b.constructs[i]] as const),
          ]) {
            expect(x.performance.mean).toBe(y?.performance.mean);
            expect(x.baseline?.mean).toBe(y?.baseline?.mean);
            expect(x.gap?.mean).toBe(y?.gap?.mean);
          }
          a.attributes.forEach((x, i) =>
            expect(x.importantShare).toBe(b.attributes[i]?.importantShare),
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('multiplying every weight by a constant changes nothing (means, SDs, SEs, t, df)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (weights, c) => {
          const a = weighted(withWeights(weights));
          const b = weighted(withWeights(weights.map((w) => w * c)));
          a.attributes.forEach((x, i) => {
            const y = b.attributes[i];
            expect(x.performance.mean).toBeCloseTo(y?.performance.mean ?? Number.NaN, 10);
            expect(x.performance.sd).toBeCloseTo(y?.performance.sd ?? Number.NaN, 9);
            if (x.gap === null) return; // the loyalty item: performance only
            expect(x.gap.sd).toBeCloseTo(y?.gap?.sd ?? Number.NaN, 9);
            expect(x.gap.se).toBeCloseTo(y?.gap?.se ?? Number.NaN, 9);
            expect(x.gap.t).toBeCloseTo(y?.gap?.t ?? Number.NaN, 8);
            expect(x.gap.df).toBeCloseTo(y?.gap?.df ?? Number.NaN, 9);
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it(
    'a weight of 0 leaves the respondent out of the weighted statistics; ' +
      'a bad weight is an error at its cell',
    () => {
      const a = weighted(withWeights([1, 1, 1, 1, 1, 0]));
      const b = plain(readFixture('tiny.csv').trim().split('\n').slice(0, 6).join('\n'));
      expect(a.attributes.map((x) => [x.n, x.gap?.mean])).toEqual(
        b.attributes.map((x) => [x.n, x.gap?.mean]),
      );
      expect(a.meta.weight?.zero).toBe(1);
      const bad = analyzeRecords(
        simpleRecords(withWeights([1, -2, 1, 1, 1, 1]).replace(',1\nR4', ',x\nR4')),
        tiny,
        { weightBy: 'value' },
      );
      expect(bad.problems.map((p) => [p.code, p.line, p.column, p.found])).toEqual([
        ['bad-weight', 3, 11, '-2'],
        ['bad-weight', 4, 11, 'x'],
      ]);
      const none = analyzeRecords(simpleRecords(withWeights([1, 1, 1, 1, 1, 1])), tiny, {
        weightBy: 'valeu',
      });
      expect(none.problems).toEqual([
        expect.objectContaining({
          code: 'missing-column',
          expected: 'valeu',
          found: '--weight-by',
          suggestion: 'value',
        }),
      ]);
    },
  );
});
