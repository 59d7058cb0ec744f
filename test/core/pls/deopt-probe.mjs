// Run by hot-record.test.ts as `node --trace-opt --trace-deopt deopt-probe.mjs <dist>`: fits one
// structure until V8 has optimized the estimate, then builds a second structure's plan and buffers
// (as f² and a worker's checks do) and fits the first again.
const dist = process.argv[2];
const { estimatePls, createEstimateBuffers } = await import(`${dist}/core/pls/estimate.js`);
const first = {
  constructs: ['A', 'B', 'C'],
  items: ['a1', 'a2', 'b1', 'b2', 'c1', 'c2'],
  blocks: [
    [0, 1],
    [2, 3],
    [4, 5],
  ],
  paths: [
    [0, 1],
    [1, 2],
  ],
};
const second = { ...first, paths: [...first.paths, [0, 2]] };
// Correlations 0.6 within a block, 0.3 across (hand-made; any estimable matrix will do).
const p = 6;
const r = Float64Array.from({ length: p * p }, (_, x) => {
  const [k, l] = [Math.floor(x / p), x % p];
  if (k === l) return 1;
  return Math.floor(k / 2) === Math.floor(l / 2) ? 0.6 : 0.3;
});
// Factorial inner weights: path weighting runs compiled after a structure's first estimate
// (compiled-estimate.ts), and the JavaScript estimate is what V8 optimizes.
const factorial = { scheme: 'factorial' };
const buffers = createEstimateBuffers(first);
for (let i = 0; i < 20000; i++) estimatePls(r, first, factorial, buffers);
// Let the concurrent compiler finish (the loop above is long enough to optimize every function).
await new Promise((resolve) => setTimeout(resolve, 50));
estimatePls(r, second, factorial);
createEstimateBuffers(first);
for (let i = 0; i < 100; i++) estimatePls(r, first, factorial, buffers);
