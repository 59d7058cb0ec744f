import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { penaltyRewardContrast } from '../../../src/core/asymmetry/penalty-reward.js';
import { classifyLoyalty } from '../../../src/core/loyalty/loyalty-typology.js';
import { spearman } from '../../../src/core/stats/spearman.js';

const rating = fc.integer({ min: 1, max: 7 });

describe('laws', () => {
  it('penalty–reward: reordering respondents changes the indices by rounding only', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(rating, rating, rating, rating), { minLength: 30, maxLength: 80 }),
        fc.integer(),
        (rows, seed) => {
          const shuffled = [...rows].sort(
            (a, b) => ((a[0] * 31 + a[1] * 7 + seed) % 13) - ((b[0] * 31 + b[1] * 7 + seed) % 13),
          );
          const run = (data: typeof rows) =>
            penaltyRewardContrast({
              target: data.map((r) => (r[0] + r[3]) / 2),
              attributes: [1, 2].map((j) => ({
                id: `a${j}`,
                ratings: data.map((r) => r[j] as number),
              })),
              scale: { min: 1, max: 7 },
              targetId: 't',
              group: 'SQ',
            });
          const a = run(rows);
          const b = run(shuffled);
          a.rows.forEach((row, j) => {
            const other = b.rows[j];
            expect(other?.class).toBe(row.class);
            for (const [x, y] of [
              [row.reward?.estimate, other?.reward?.estimate],
              [row.penalty?.p, other?.penalty?.p],
            ] as const)
              if (x !== undefined && y !== undefined && Number.isFinite(x))
                expect(Math.abs(x - y)).toBeLessThan(1e-9);
          });
        },
      ),
      { numRuns: 50 },
    );
  });
  it('Spearman: invariant under increasing transforms, sign flips under a decreasing one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), rating), {
          minLength: 5,
          maxLength: 40,
        }),
        (pairs) => {
          const x = pairs.map((p) => p[0]);
          const y = pairs.map((p) => p[1]);
          const r = spearman(x, y);
          const up = spearman(
            x.map((v) => Math.log1p(v) * 3 + 1),
            y,
          );
          const down = spearman(
            x.map((v) => -v),
            y,
          );
          if (!Number.isFinite(r.rho)) return;
          expect(up.rho).toBeCloseTo(r.rho, 12);
          expect(down.rho).toBeCloseTo(-r.rho, 12);
          expect(down.p).toBeCloseTo(r.p, 12);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('typology: the four shares sum to 1 and every classified respondent has one type', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(rating, rating), { minLength: 1, maxLength: 60 }), (pairs) => {
        const t = classifyLoyalty(
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
          { attitude: 4, patronage: 'median' },
        );
        const total =
          t.shares.true.count +
          t.shares.latent.count +
          t.shares.spurious.count +
          t.shares.none.count;
        expect(total).toBe(pairs.length);
        expect(
          t.shares.true.share +
            t.shares.latent.share +
            t.shares.spurious.share +
            t.shares.none.share,
        ).toBeCloseTo(1, 12);
      }),
    );
  });
});
