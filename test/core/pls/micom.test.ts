import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCompactRowsBuilder } from '../../../src/core/pls/compact-rows.js';
import { micom } from '../../../src/core/pls/micom.js';
import { createRandom } from '../../../src/core/random/random-source.js';
import { ecsiFile, ecsiStructure } from './ecsi-data.js';

/*
 * test/reference/ecsi/micom.R: MICOM steps 2 and 3 by formula with seminr 2.3.1's estimate_pls on
 * ECSI, groups rows 1–125 and 126–250. The statistics are deterministic (to 1e-6: seminr converged
 * at
 * 1e-12, servqual here too); the permutation quantiles are Monte-Carlo (1 000 permutations each).
 */
type ByConstruct = Record<string, number>;
const ref = JSON.parse(readFileSync(ecsiFile('ecsi_micom_reference.json'), 'utf8')) as {
  c: ByConstruct;
  mean_difference: ByConstruct;
  log_variance_ratio: ByConstruct;
  c_quantile05: ByConstruct;
  mean_interval: { lo: ByConstruct; hi: ByConstruct };
  logvar_interval: { lo: ByConstruct; hi: ByConstruct };
};

describe('MICOM on ECSI (two halves of the file) against the R formula on seminr estimates', () => {
  const structure = ecsiStructure();
  const lines = readFileSync(ecsiFile('ecsi_mobi.csv'), 'utf8').trim().split(/\r?\n/);
  const header = (lines[0] as string).split(',').map((h) => h.replace(/"/g, ''));
  const data = lines.slice(1).map((l) => l.split(',').map(Number));
  const cols = structure.items.map((id) => header.indexOf(id));
  const values = data.map((row) => cols.map((c) => row[c] as number));
  // Each group's respondents as the bootstrap keeps them (ECSI has no missing ratings, so the
  // means a missing rating would take do not matter).
  const compact = (rows: number[][]) => {
    const builder = createCompactRowsBuilder(structure.items.length);
    for (const row of rows) builder.add(row);
    return builder.finish(new Float64Array(structure.items.length));
  };
  const result = micom([compact(values.slice(0, 125)), compact(values.slice(125))], structure, {
    permutations: 1000,
    random: createRandom(3),
    pls: { tolerance: 1e-12, maxIterations: 1000 },
  })!;
  it('step 2 c and step 3 mean difference and log variance ratio match to 1e-6', () => {
    for (const c of result.constructs) {
      expect(Math.abs(c.c - (ref.c[c.id] as number)), `c ${c.id}`).toBeLessThan(1e-6);
      expect(Math.abs(c.meanDifference - (ref.mean_difference[c.id] as number))).toBeLessThan(1e-6);
      expect(Math.abs(c.logVarianceRatio - (ref.log_variance_ratio[c.id] as number))).toBeLessThan(
        1e-6,
      );
    }
  });
  it('permutation quantiles agree with R’s within Monte-Carlo error', () => {
    for (const c of result.constructs) {
      // 1 − c is tiny and skewed: compare its 5 % quantile on the 1 − c scale within 35 %.
      const rc = 1 - (ref.c_quantile05[c.id] as number);
      expect(Math.abs(1 - c.cQuantile05 - rc), `c q05 ${c.id}`).toBeLessThanOrEqual(
        0.35 * rc + 1e-12,
      );
      const width = (ref.mean_interval.hi[c.id] as number) - (ref.mean_interval.lo[c.id] as number);
      expect(Math.abs(c.meanInterval[1] - (ref.mean_interval.hi[c.id] as number))).toBeLessThan(
        0.1 * width,
      );
      const vw =
        (ref.logvar_interval.hi[c.id] as number) - (ref.logvar_interval.lo[c.id] as number);
      expect(
        Math.abs(c.varianceInterval[0] - (ref.logvar_interval.lo[c.id] as number)),
      ).toBeLessThan(0.1 * vw);
    }
  });
  const identicalGroups =
    'law: identical groups (the data twice) are invariant: c = 1, no mean or variance difference';
  it(identicalGroups, () => {
    const same = micom([compact(values), compact(values)], structure, {
      permutations: 50,
      random: createRandom(1),
    })!;
    for (const c of same.constructs) {
      expect(c.c).toBeCloseTo(1, 12);
      expect(c.meanDifference).toBeCloseTo(0, 12);
      expect(c.logVarianceRatio).toBeCloseTo(0, 12);
    }
    expect(same.invariance).toBe('full');
  });
});
