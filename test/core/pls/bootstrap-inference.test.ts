import { describe, expect, it } from 'vitest';
import {
  inferenceRequests,
  percentileInferences,
} from '../../../src/core/pls/bootstrap-inference.js';
import { bootstrapPls } from '../../../src/core/pls/bootstrap.js';
import { createCompactRowsBuilder } from '../../../src/core/pls/compact-rows.js';
import { fitPls } from '../../../src/core/pls/fit.js';
import { correlation, createMomentsAccumulator } from '../../../src/core/pls/moments.js';
import {
  type BootstrapResult,
  type SummarizeOptions,
  summarizePls,
} from '../../../src/core/pls/summarize-pls.js';
import { createRandom } from '../../../src/core/random/random-source.js';
import type { Inference } from '../../../src/core/report/types.js';
import { ecsiModel, ecsiValues } from './ecsi-data.js';

// ECSI (250 respondents, 7 constructs, 12 paths) with 300 resamples.
const model = ecsiModel;
const p = model.items.length;
const accumulator = createMomentsAccumulator(p, { missing: 'mean' });
const builder = createCompactRowsBuilder(p);
for (const x of ecsiValues()) {
  accumulator.add(x);
  builder.add(x);
}
const moments = accumulator.moments();
const rows = builder.finish(moments.means);
const pls = { scheme: 'path', tolerance: 1e-7, maxIterations: 300 } as const;
const fit = fitPls(correlation(moments.cov, p) as Float64Array, model, pls)!;
const resamples = 300;
const chunk = bootstrapPls(
  rows,
  model,
  fit,
  { from: 0, to: resamples },
  (i) => createRandom(3, i),
  pls,
);
const boot: BootstrapResult = {
  values: chunk.values,
  width: chunk.width,
  resamples,
  failed: chunk.failed,
  seed: 3,
  threads: 1,
};
const options: SummarizeOptions = {
  n: moments.n,
  missing: 'mean',
  missingShare: new Float64Array(p),
  scheme: 'path',
  means: moments.means,
  sd: model.items.map((_, k) => Math.sqrt(moments.cov[k * p + k] as number)),
  pls,
};

describe('inferences computed elsewhere (percentileInferences)', () => {
  const requests = inferenceRequests(fit);

  it('give summarizePls the same report as computing them itself', () => {
    const inferences = { requests, values: percentileInferences(boot, requests) };
    expect(summarizePls(fit, model, { ...options, inferences }, boot)).toEqual(
      summarizePls(fit, model, options, boot),
    );
  });

  it('cover every inference summarizePls takes from the draws alone, and only those', () => {
    // A sentinel for each request (sd 2, p 0.5, interval [−7, 7]): every path, loading, weight,
    // HTMT pair and total effect must show it.
    const values = new Float64Array(4 * requests.length);
    requests.forEach((_, r) => values.set([2, 0.5, -7, 7], 4 * r));
    const report = summarizePls(fit, model, { ...options, inferences: { requests, values } }, boot);
    const sentinel = (i: Inference | null | undefined) => i?.sd === 2 && i.ci[0] === -7;
    const given = [
      ...report.paths.map((x) => x.inference),
      ...report.loadings.flatMap((x) => [x.loadingInference, x.weightInference]),
      ...report.htmt.map((x) => x.inference),
      ...report.effects.total.map((x) => x.inference),
    ];
    expect(given.length).toBe(requests.length);
    expect(given.every(sentinel)).toBe(true);
    // An indirect effect without a direct path has the total's draws (given); with one, it is
    // computed here from both statistics' draws. ECSI has both kinds.
    const direct = (x: { from: string; to: string }) =>
      report.paths.some((path) => path.from === x.from && path.to === x.to);
    const kinds = report.effects.indirect.map((x) => [direct(x), sentinel(x.inference)]);
    expect(kinds.every(([d, s]) => d !== s)).toBe(true);
    expect(new Set(kinds.map(([d]) => d)).size).toBe(2);
    // t is the report's own: estimate / sd (a path) and (1 − HTMT) / sd.
    expect(report.paths[0]?.inference?.t).toBe((report.paths[0]?.estimate as number) / 2);
    expect(report.htmt[0]?.inference?.t).toBe((1 - (report.htmt[0]?.value as number)) / 2);
  });
});
