import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hotRecord } from '../../../src/core/pls/hot-record.js';

describe('hotRecord', () => {
  it('is an instance of its kind with the given fields', () => {
    class Kind {}
    const record = hotRecord(Kind, { a: 1, b: new Float64Array(2) });
    expect(record).toBeInstanceOf(Kind);
    expect(record.a).toBe(1);
    expect(Array.from(record.b)).toEqual([0, 0]);
  });

  // The reason for the records (hot-record.ts): a second structure's plan and buffers must not
  // discard the estimate's optimized code. The probe runs the build in dist/ (`npm install`
  // builds it) under V8's traces; with object literals (commit 9477a84) the second structure
  // marked six functions' optimized code for deoptimization, "code dependencies" (iterate,
  // outerProxies, project, normalize, innerWeights, regressGroup). V8 writes its traces through
  // its own buffer, so their order against the probe's own output is not kept: the probe causes
  // no other such deoptimization, and the whole trace is searched.
  it("keeps the estimate's optimized code when a second structure is estimated", () => {
    const probe = fileURLToPath(new URL('./deopt-probe.mjs', import.meta.url));
    const dist = fileURLToPath(new URL('../../../dist', import.meta.url));
    const run = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt', probe, dist], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    // The estimate was optimized (else there would be nothing to keep) …
    expect(run.stdout).toMatch(/completed optimizing .*<JSFunction iterate /);
    // … and nothing of it was discarded for a dependency.
    expect(run.stdout.match(/^\[marking dependent code.*code dependencies\]$/gm) ?? []).toEqual([]);
  });
});
