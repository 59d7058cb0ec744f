import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holm } from '../../../src/core/stats/holm.js';
import { pairedTTest } from '../../../src/core/stats/paired-t-test.js';
import { Tally, tallyMean, tallySd } from '../../../src/core/stats/tally.js';
import { wilcoxonSignedRank } from '../../../src/core/stats/wilcoxon-signed-rank.js';

const tallyOf = (xs: readonly number[]): Tally => {
  const t = new Tally();
  for (const x of xs) t.add(x);
  return t;
};
const close = (actual: number, expected: number, tol = 1e-9): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
};

// x <- c(5,3,6,2,7,4,4,5); y <- c(6,5,6,4,7,6,3,7)
const x = [5, 3, 6, 2, 7, 4, 4, 5];
const y = [6, 5, 6, 4, 7, 6, 3, 7];
const d = x.map((v, i) => v - (y[i] as number)); // −1 −2 0 −2 0 −2 1 −2 (hand)

describe('Tally', () => {
  it('mean and SD (n − 1) of the differences', () => {
    const t = tallyOf(d);
    // Hand: Σd = −8 → mean −1; Σ(d − d̄)² = 0+1+1+1+1+1+4+1 = 10 → sd = √(10/7)
    expect(tallyMean(t)).toBe(-1);
    close(tallySd(t), Math.sqrt(10 / 7), 1e-15);
  });
  it('does not depend on the order of the observations (to the last bit)', () => {
    const values = fc.array(
      fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constantFrom(0.5, 1.25, -2.75)),
      { minLength: 2, maxLength: 60 },
    );
    const withShuffle = values.chain((xs) =>
      fc.tuple(
        fc.constant(xs),
        fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }),
      ),
    );
    fc.assert(
      fc.property(withShuffle, ([xs, shuffled]) => {
        const a = tallyOf(xs);
        const b = tallyOf(shuffled);
        expect(tallyMean(b)).toBe(tallyMean(a));
        expect(tallySd(b)).toBe(tallySd(a));
        expect(wilcoxonSignedRank(b).p).toBe(wilcoxonSignedRank(a).p);
      }),
    );
  });
});

describe('pairedTTest', () => {
  it('matches R t.test(x, y, paired = TRUE) to 1e-9', () => {
    const t = tallyOf(d);
    const r = pairedTTest({ n: t.n, mean: tallyMean(t), sd: tallySd(t) });
    // R 4.2.2: t = -2.36643191323984636, df = 7, p-value = 0.04986723056888514,
    // conf.int = [-1.99923612353393798, -0.00076387646606197], stderr = 0.42257712736425829
    close(r.t, -2.36643191323984636);
    expect(r.df).toBe(7);
    close(r.p, 0.04986723056888514);
    close(r.ci[0], -1.99923612353393798);
    close(r.ci[1], -0.00076387646606197);
    close(r.se, 0.42257712736425829);
  });
  it('matches R on 40 random Likert pairs', () => {
    // R: set.seed(1); a <- sample(1:7, 40, TRUE); b <- sample(1:7, 40, TRUE); t.test(a, b, paired =
    // TRUE)
    const a = [
      1, 4, 7, 1, 2, 5, 7, 3, 6, 2, 3, 3, 1, 5, 5, 2, 6, 6, 2, 7, 1, 7, 5, 5, 1, 1, 6, 5, 5, 2, 2,
      6, 1, 4, 7, 1, 4, 3, 6, 2,
    ];
    const b = [
      2, 6, 7, 4, 4, 4, 2, 4, 1, 7, 6, 1, 4, 1, 7, 6, 2, 7, 3, 2, 6, 6, 2, 5, 2, 6, 6, 6, 1, 3, 3,
      6, 7, 7, 4, 6, 7, 3, 1, 4,
    ];
    const t = tallyOf(a.map((v, i) => v - (b[i] as number)));
    const r = pairedTTest({ n: t.n, mean: tallyMean(t), sd: tallySd(t) });
    close(r.t, -0.95742427427249233);
    close(r.p, 0.34425097877012512);
    close(r.ci[0], -1.47850305798076542);
    close(r.ci[1], 0.52850305798076547);
    // R: wilcox.test(a, b, paired = TRUE, exact = FALSE)$p.value
    close(wilcoxonSignedRank(t).p, 0.34778215132872287);
  });
  it(
    'is undefined below two respondents and when every difference is equal ' +
      '(R: "data are essentially constant")',
    () => {
      expect(Number.isNaN(pairedTTest({ n: 1, mean: -1, sd: Number.NaN }).p)).toBe(true);
      // R: t.test(c(3,3,3,3), c(4,4,4,4), paired = TRUE) stops
      // (test/reference/stats/kruskal-singleton.R)
      const constant = pairedTTest({ n: 4, mean: -1, sd: 0 });
      expect(Number.isNaN(constant.t)).toBe(true);
      expect(Number.isNaN(constant.p)).toBe(true);
      expect(constant.ci.every(Number.isNaN)).toBe(true);
      expect(constant.se).toBe(0);
      // SD that is rounding noise relative to the mean counts as constant too (SE < 10·ε·|d̄|)
      expect(Number.isNaN(pairedTTest({ n: 4, mean: -3, sd: 1e-16 }).p)).toBe(true);
    },
  );
});

describe('wilcoxonSignedRank', () => {
  it('matches R wilcox.test(paired = TRUE, exact = FALSE) with ties and zeros', () => {
    // R: wilcox.test(x, y, paired = TRUE, exact = FALSE): V = 1.5, p-value = 0.065987372196147059
    // Hand: non-zero d = −1 −2 −2 −2 −2 1 → |d| ranks 1.5 (twice, the two 1s), 4.5 (four 2s); V =
    // 1.5
    const w = wilcoxonSignedRank(tallyOf(d));
    expect(w.n).toBe(6);
    expect(w.v).toBe(1.5);
    close(w.p, 0.065987372196147059);
  });
  it('is undefined when every difference is zero', () => {
    expect(Number.isNaN(wilcoxonSignedRank(tallyOf([0, 0, 0])).p)).toBe(true);
  });
});

describe('holm', () => {
  it('matches R p.adjust(method = "holm"), NAs left out of m', () => {
    // R: p.adjust(c(0.01, 0.04, 0.03, NA, 0.2), "holm") = 0.04 0.09 0.09 NA 0.20
    const r = holm([0.01, 0.04, 0.03, Number.NaN, 0.2]);
    close(r[0] as number, 0.04, 1e-15);
    close(r[1] as number, 0.09, 1e-15);
    close(r[2] as number, 0.09, 1e-15);
    expect(Number.isNaN(r[3])).toBe(true);
    close(r[4] as number, 0.2, 1e-15);
  });
  it('never lowers a p-value and keeps the order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (ps) => {
          const adjusted = holm(ps);
          ps.forEach((p, i) => expect(adjusted[i] as number).toBeGreaterThanOrEqual(p));
          ps.forEach((p, i) =>
            ps.forEach((q, j) => {
              if (p < q) expect(adjusted[i] as number).toBeLessThanOrEqual(adjusted[j] as number);
            }),
          );
        },
      ),
    );
  });
});
