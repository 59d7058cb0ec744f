import { describe, expect, it } from 'vitest';
import { bootstrapPls } from '../../../src/core/pls/bootstrap.js';
import {
  createCompactRowsBuilder,
  valueAt,
  widenRows,
  type CompactRows,
} from '../../../src/core/pls/compact-rows.js';
import { fitPls } from '../../../src/core/pls/fit.js';
import { correlation, createMomentsAccumulator } from '../../../src/core/pls/moments.js';
import { plsStatistics, statisticsLayout } from '../../../src/core/pls/statistics.js';
import {
  createCentredResampleMoments,
  createResampleMoments,
} from '../../../src/core/pls/resample-moments.js';
import {
  createExactResampleMoments,
  exactPacking,
  type ExactPacking,
} from '../../../src/core/pls/exact-resample-moments.js';
import { createRandom } from '../../../src/core/random/random-source.js';
import type * as PoolModule from '../../../src/io/bootstrap-pool.js';
import { ecsiModel, ecsiValues } from './ecsi-data.js';

const data = ecsiValues();
const model = ecsiModel;
const p = model.items.length;
const n = data.length;

/** ECSI rows (integers 1–10), with every 37th value missing (mean-replaced), in both layouts. */
function layouts(): { bytes: CompactRows; doubles: CompactRows; r: Float64Array } {
  const accumulator = createMomentsAccumulator(p, { missing: 'mean' });
  const builder = createCompactRowsBuilder(p);
  const raw: number[][] = [];
  data.forEach((row, i) => {
    const x = row.map((v, k) => ((i * p + k) % 37 === 0 ? Number.NaN : v));
    raw.push(x);
    accumulator.add(x);
    builder.add(x);
  });
  const moments = accumulator.moments();
  const bytes = builder.finish(moments.means);
  // The same values with one non-integer cell force the double layout; put it back afterwards.
  const wideBuilder = createCompactRowsBuilder(p);
  raw.forEach((x, i) => wideBuilder.add(i === 3 ? x.map((v, k) => (k === 0 ? v + 0.5 : v)) : x));
  const doubles = wideBuilder.finish(moments.means);
  (doubles.values as Float64Array)[3 * p] = raw[3]?.[0] as number;
  return { bytes, doubles, r: correlation(moments.cov, p) as Float64Array };
}

/**
 * The resample covariances as servqual 0.1 computed them (kept here as the "before" of the
 * one-pass kernel): a table of every respondent's centred products, summed one resample at a time.
 */
function productTableCovariance(rows: Float64Array, counts: Int32Array): Float64Array {
  const centre = new Float64Array(p);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) centre[j] = (centre[j] as number) + (rows[i * p + j] as number) / n;
  const t = (p * (p + 1)) / 2;
  const products = new Float64Array(n * t);
  const centred = rows.map((v, k) => v - (centre[k % p] as number));
  for (let i = 0; i < n; i++) {
    let at = i * t;
    for (let j = 0; j < p; j++)
      for (let k = j; k < p; k++)
        products[at++] = (centred[i * p + j] as number) * (centred[i * p + k] as number);
  }
  const cross = new Float64Array(t);
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const c = counts[i] as number;
    if (c === 0) continue;
    for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) + c * (centred[i * p + j] as number);
    for (let k = 0; k < t; k++)
      cross[k] = (cross[k] as number) + c * (products[i * t + k] as number);
  }
  for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) / n;
  const cov = new Float64Array(p * p);
  let at = 0;
  for (let j = 0; j < p; j++)
    for (let k = j; k < p; k++) {
      const v = ((cross[at++] as number) - n * (mean[j] as number) * (mean[k] as number)) / (n - 1);
      cov[j * p + k] = v;
      cov[k * p + j] = v;
    }
  return cov;
}

describe('compact rows', () => {
  const bytes =
    'keeps Likert values as bytes, missing ones as the item mean, and widens to the same doubles';
  it(bytes, () => {
    const builder = createCompactRowsBuilder(2);
    builder.add([1, 7]);
    builder.add([Number.NaN, 0]);
    builder.add([254, 3]);
    const rows = builder.finish([2.5, 3.25]);
    expect(rows.codes).not.toBeNull();
    expect(rows.codes?.length).toBe(6); // one byte a value
    expect(Array.from(widenRows(rows))).toEqual([1, 7, 2.5, 0, 254, 3]);
    expect(valueAt(rows, 1, 0)).toBe(2.5);
  });
  it('switches to doubles for a value that does not fit a byte code', () => {
    for (const odd of [255, -1, 2.5]) {
      const builder = createCompactRowsBuilder(2);
      builder.add([1, Number.NaN]);
      builder.add([odd, 4]);
      const rows = builder.finish([0, 9]);
      expect(rows.codes).toBeNull();
      expect(Array.from(widenRows(rows))).toEqual([1, 9, odd, 4]);
    }
  });
  it('keeps every row across its chunks, in order, before and after a switch to doubles', () => {
    // 5 000 rows fill chunks of 1 024, 1 024, 2 048 and part of a fourth; row 3 000 (in the third
    // chunk) holds a fraction, so the rows kept as bytes so far are widened mid-chunk.
    const value = (i: number, j: number): number =>
      (i * 7 + j) % 11 === 0 ? Number.NaN : (i * 3 + j) % 8;
    for (const fraction of [false, true]) {
      const builder = createCompactRowsBuilder(3);
      for (let i = 0; i < 5000; i++)
        builder.add([0, 1, 2].map((j) => (fraction && i === 3000 && j === 1 ? 0.5 : value(i, j))));
      const rows = builder.finish([10, 20, 30]);
      expect(rows.n).toBe(5000);
      expect(rows.codes === null).toBe(fraction);
      let wrong = 0;
      for (let i = 0; i < 5000; i++)
        for (let j = 0; j < 3; j++) {
          const v = fraction && i === 3000 && j === 1 ? 0.5 : value(i, j);
          if (valueAt(rows, i, j) !== (v === v ? v : [10, 20, 30][j])) wrong++;
        }
      expect(wrong).toBe(0);
    }
  });
});

/** `batch` resamples' counts (interleaved, `counts[i · batch + b]`) and each one's own counts. */
function drawCounts(
  seed: number,
  batch: number,
  rows = n,
): { counts: Int32Array; singles: Int32Array[] } {
  const counts = new Int32Array(rows * batch);
  const singles: Int32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const random = createRandom(seed, b);
    const c = new Int32Array(rows);
    for (let d = 0; d < rows; d++) {
      const i = random.int(rows);
      c[i] = (c[i] as number) + 1;
    }
    singles.push(c);
    for (let i = 0; i < rows; i++) counts[i * batch + b] = c[i] as number;
  }
  return { counts, singles };
}

/**
 * The exact covariance of integer rows under counts c, rounded once: with BigInt sums
 * S_jk = Σcᵢxᵢⱼxᵢₖ and S_j = Σcᵢxᵢⱼ (hand arithmetic in exact integers, no shift),
 * cov_jk = (n·S_jk − S_j·S_k) / (n(n − 1)), the numerator converted exactly (it is below 2⁵³) and
 * divided in one IEEE operation.
 */
function exactCovariance(rows: readonly number[][], counts: Int32Array): Float64Array {
  const m = rows.length;
  const q = (rows[0] as number[]).length;
  const s = Array.from({ length: q }, () => 0n);
  const ss = Array.from({ length: q * q }, () => 0n);
  rows.forEach((x, i) => {
    const c = BigInt(counts[i] as number);
    if (c === 0n) return;
    for (let j = 0; j < q; j++) {
      const xj = BigInt(x[j] as number);
      s[j] = (s[j] as bigint) + c * xj;
      for (let k = 0; k < q; k++)
        ss[j * q + k] = (ss[j * q + k] as bigint) + c * xj * BigInt(x[k] as number);
    }
  });
  const cov = new Float64Array(q * q);
  for (let j = 0; j < q; j++)
    for (let k = 0; k < q; k++)
      cov[j * q + k] =
        Number(BigInt(m) * (ss[j * q + k] as bigint) - (s[j] as bigint) * (s[k] as bigint)) /
        (m * (m - 1));
  return cov;
}

describe('exact resample moments (integer ratings)', () => {
  const items = data;
  const build = (rows: readonly number[][], means: number[]) => {
    const builder = createCompactRowsBuilder(p);
    for (const x of rows) builder.add(x);
    return builder.finish(means);
  };
  const complete = build(items, new Array<number>(p).fill(0));
  const packing = exactPacking(complete) as ExactPacking;
  it('packs four resamples a double for ECSI (1–10 ratings, n = 250)', () => {
    // Shifts 5 or 6 → |a| ≤ 5, M² = 25; 4 fields of 13 bits take (2¹² − 1)/25 = 163 draws.
    expect(packing.fields).toBe(4);
    expect(packing.bits).toBe(13);
    expect(packing.cap).toBe(163);
  });
  const roundedOnce =
    'equal the exact covariance rounded once, in any batch, packing and unpacking schedule';
  it(roundedOnce, () => {
    const packings: ExactPacking[] = [
      packing,
      // Fewer fields, and caps small enough that the fields are unpacked every few rows, or that
      // eight rows hold more draws than a field (the direct path).
      { ...packing, fields: 3, bits: 18 },
      { ...packing, fields: 2, bits: 27, cap: 9 },
      { ...packing, cap: 3 },
      { ...packing, fields: 1, bits: 54, cap: 1 },
    ];
    for (const batch of [1, 5, 12]) {
      const { counts, singles } = drawCounts(13, batch);
      const expected = singles.map((c) => exactCovariance(items, c));
      // Each packing on the scalar path, and the vector path (simd-cross-products.ts), which
      // ignores the packing for P.
      for (const k of packings)
        for (const simd of [false, true]) {
          const out = Array.from({ length: batch }, () => new Float64Array(p * p));
          createExactResampleMoments(complete, k, { simd }).covariances(counts, batch, out);
          for (let b = 0; b < batch; b++) expect(out[b]).toEqual(expected[b]);
        }
    }
  });
  const shiftedOrShuffled =
    'are the same bits when every rating is shifted by an integer or the respondents are shuffled';
  it(shiftedOrShuffled, () => {
    const { counts } = drawCounts(17, 12);
    const out = () => Array.from({ length: 12 }, () => new Float64Array(p * p));
    const base = out();
    createResampleMoments(complete).covariances(counts, 12, base);
    // 1–10 → 101–110: another shift, the same exact sums.
    const moved = out();
    createResampleMoments(
      build(
        items.map((x) => x.map((v) => v + 100)),
        new Array<number>(p).fill(0),
      ),
    ).covariances(counts, 12, moved);
    expect(moved).toEqual(base);
    // Reversed row order, counts reversed with them: the sums are added in another order.
    const reversed = new Int32Array(counts.length);
    for (let i = 0; i < n; i++)
      reversed.set(counts.subarray(i * 12, (i + 1) * 12), (n - 1 - i) * 12);
    const shuffled = out();
    createResampleMoments(build([...items].reverse(), new Array<number>(p).fill(0))).covariances(
      reversed,
      12,
      shuffled,
    );
    expect(shuffled).toEqual(base);
  });
  it(
    'with missing ratings (fractional means): ' +
      'the same bits in any batch and packing, scalar or vector, and the centred kernel to 1e-12',
    () => {
      const { bytes } = layouts();
      const k = exactPacking(bytes) as ExactPacking;
      expect(k).not.toBeNull();
      expect(Array.from(k.delta).some((v) => !Number.isNaN(v) && !Number.isInteger(v))).toBe(true);
      expectExactAgrees(bytes, k, bytes, 19);
    },
  );
  it(
    "two segments' missing ratings, each standing for its own segment's means (MICOM's pooled " +
      'rows): the same bits in any batch and packing, scalar or vector, and the centred kernel ' +
      'on the decoded rows to 1e-12',
    () => {
      // ECSI's first and last 125 respondents, every 37th rating missing, each half finished with
      // its own item means (as each segment's bootstrap keeps it): one block of the vector module.
      const raw = data.map((row, i) => row.map((v, k) => ((i * p + k) % 37 === 0 ? NaN : v)));
      const { pooled, later, decoded } = twoSegments(raw.slice(0, 125), raw.slice(125));
      const k = exactPacking(pooled, later) as ExactPacking;
      expect(k.later?.from).toBe(125);
      // A later item no one answered (mean NaN) is not for the exact kernel.
      expect(exactPacking(pooled, { from: 125, means: later.means.map(() => NaN) })).toBeNull();
      expect(decoded.values).not.toBeNull();
      expectExactAgrees(pooled, k, decoded, 23);
      // 9 × the rows (2 250: three blocks of 752), the second segment from row 1 000, inside the
      // second block, so that a block holds both classes' missing cells.
      const big = Array.from({ length: 9 }, () => raw).flat();
      const wide = twoSegments(big.slice(0, 1000), big.slice(1000));
      const kb = exactPacking(wide.pooled, wide.later) as ExactPacking;
      expectExactAgrees(wide.pooled, kb, wide.decoded, 29);
    },
  );
  it(
    "complements (everyone's sums minus a group's): the bits of the complement's own " +
      'covariances, one class of missing ratings or two, scalar or vector',
    () => {
      const raw = data.map((row, i) => row.map((v, k) => ((i * p + k) % 37 === 0 ? NaN : v)));
      const { bytes } = layouts();
      const { pooled, later } = twoSegments(raw.slice(0, 125), raw.slice(125));
      const cases: Array<[CompactRows, ExactPacking]> = [
        [bytes, exactPacking(bytes) as ExactPacking],
        [pooled, exactPacking(pooled, later) as ExactPacking],
      ];
      // Five random groups (0/1 counts) and their complements as counts of their own.
      const batch = 5;
      const random = createRandom(31);
      const groups = new Int32Array(n * batch);
      const others = new Int32Array(n * batch);
      for (let i = 0; i < n; i++)
        for (let b = 0; b < batch; b++) {
          const inGroup = random.int(3) === 0 ? 1 : 0;
          groups[i * batch + b] = inGroup;
          others[i * batch + b] = 1 - inGroup;
        }
      const matrices = () => Array.from({ length: batch }, () => new Float64Array(p * p));
      for (const [rows, k] of cases)
        for (const simd of [true, false]) {
          const kernel = createExactResampleMoments(rows, k, { simd });
          const [out, complements, direct, expected] = [
            matrices(),
            matrices(),
            matrices(),
            matrices(),
          ];
          kernel.complementCovariances?.(groups, batch, out, complements);
          kernel.covariances(groups, batch, direct);
          kernel.covariances(others, batch, expected);
          expect(out).toEqual(direct);
          expect(complements).toEqual(expected);
        }
      // The centred kernel cannot (floating-point sums): MICOM then takes both groups as resamples.
      expect(createCentredResampleMoments(bytes).complementCovariances).toBeUndefined();
    },
  );
  /**
   * Two segments' rows (NaN: missing), each finished with its own item means as its bootstrap
   * keeps it: their codes one after the other (`pooled`), the second one's means as later
   * replacements, and the same values decoded into doubles (`decoded`).
   */
  function twoSegments(first: number[][], second: number[][]) {
    const finish = (rows: number[][]) => {
      const means = Array.from({ length: p }, (_, k) => {
        const seen = rows.map((x) => x[k] as number).filter((v) => !Number.isNaN(v));
        return seen.reduce((a, v) => a + v, 0) / seen.length;
      });
      return build(rows, means);
    };
    const [a, b] = [finish(first), finish(second)];
    const total = a.n + b.n;
    const codes = new Uint8Array(total * p);
    codes.set(a.codes as Uint8Array);
    codes.set(b.codes as Uint8Array, a.n * p);
    const pooled = { n: total, p, codes, decode: a.decode, values: null };
    const later = {
      from: a.n,
      means: Array.from({ length: p }, (_, k) => (b.decode as Float64Array)[k * 256 + 255]!),
    };
    const decoded = build([...widenRowsOf(a), ...widenRowsOf(b)], new Array<number>(p).fill(0));
    return { pooled, later, decoded };
  }
  /**
   * The exact kernel of `rows` with `k` gives the same bits in batches of 1, 7 and 12, packed or
   * not, scalar or vector (the module keeping every block, or writing each block on every call),
   * and agrees with the centred kernel of `decoded` (the same values as doubles) to 1e-12, for
   * the counts `drawCounts(seed, batch)`.
   */
  function expectExactAgrees(
    rows: CompactRows,
    k: ExactPacking,
    decoded: CompactRows,
    seed: number,
  ): void {
    const first: Float64Array[] = [];
    for (const batch of [1, 7, 12]) {
      const { counts } = drawCounts(seed, batch, rows.n);
      for (const [packed, simd, residentBytes] of [
        [k, true, undefined],
        [k, true, 0],
        [k, false, undefined],
        [{ ...k, cap: 2 }, false, undefined],
        [{ ...k, fields: 1, bits: 54 }, false, undefined],
      ] as const) {
        const out = Array.from({ length: batch }, () => new Float64Array(p * p));
        const options = residentBytes === undefined ? { simd } : { simd, residentBytes };
        createExactResampleMoments(rows, packed, options).covariances(counts, batch, out);
        const centred = Array.from({ length: batch }, () => new Float64Array(p * p));
        createCentredResampleMoments(decoded).covariances(counts, batch, centred);
        for (let b = 0; b < batch; b++)
          for (let x = 0; x < p * p; x++) {
            const c = centred[b]?.[x] as number;
            expect(Math.abs((out[b]?.[x] as number) - c)).toBeLessThan(1e-12 * Math.abs(c) + 1e-15);
          }
        if (first.length === 0) first.push(out[0] as Float64Array);
        else expect(out[0]).toEqual(first[0]);
      }
    }
  }
  const integerOnly =
    'takes only integer data: a non-integer rating (double layout) goes to the centred kernel';
  it(integerOnly, () => {
    const { doubles } = layouts();
    expect(exactPacking(doubles)).toBeNull();
  });
});

describe('centred resample moments (other data)', () => {
  const { bytes, doubles } = layouts();
  const productTable =
    'equal, bit for bit, the product-table covariances of servqual 0.1, in any batch and layout';
  it(productTable, () => {
    const wide = widenRows(bytes);
    expect(widenRows(doubles)).toEqual(wide);
    for (const batch of [1, 3, 4, 7]) {
      const counts = new Int32Array(n * batch);
      const singles: Int32Array[] = [];
      for (let b = 0; b < batch; b++) {
        const random = createRandom(11, 100 * batch + b);
        const c = new Int32Array(n);
        for (let d = 0; d < n; d++) {
          const i = random.int(n);
          c[i] = (c[i] as number) + 1;
        }
        singles.push(c);
        for (let i = 0; i < n; i++) counts[i * batch + b] = c[i] as number;
      }
      for (const rows of [bytes, doubles]) {
        const out = Array.from({ length: batch }, () => new Float64Array(p * p));
        createCentredResampleMoments(rows).covariances(counts, batch, out);
        for (let b = 0; b < batch; b++)
          expect(out[b]).toEqual(productTableCovariance(wide, singles[b] as Int32Array));
      }
    }
  });
  it('a resample drawing everyone once has the full-sample covariances (to rounding)', () => {
    const accumulator = createMomentsAccumulator(p, { missing: 'mean' });
    const wide = widenRows(bytes);
    for (let i = 0; i < n; i++) accumulator.add(wide.subarray(i * p, (i + 1) * p));
    const cov = accumulator.moments().cov;
    const out = [new Float64Array(p * p)];
    createResampleMoments(bytes).covariances(new Int32Array(n).fill(1), 1, out);
    for (let k = 0; k < p * p; k++)
      expect(Math.abs((out[0]?.[k] as number) - (cov[k] as number))).toBeLessThan(1e-12);
  });
});

describe('bootstrap on compact rows', () => {
  const { bytes, doubles, r } = layouts();
  const fit = fitPls(r, model)!;
  it(
    'resample 0 is a direct fit of its covariance (bytes: exact kernel; doubles: product table), ' +
      'and the layouts agree',
    () => {
      const stream = (i: number) => createRandom(5, i);
      const a = bootstrapPls(bytes, model, fit, { from: 0, to: 9 }, stream);
      const b = bootstrapPls(doubles, model, fit, { from: 0, to: 9 }, stream);
      // Resample 0 by hand: its draws, its covariance, a fit from the same warm start.
      const random = createRandom(5, 0);
      const counts = new Int32Array(n);
      for (let d = 0; d < n; d++) {
        const i = random.int(n);
        counts[i] = (counts[i] as number) + 1;
      }
      const layout = statisticsLayout(fit);
      const direct = (cov: Float64Array) =>
        plsStatistics(
          fitPls(correlation(cov, p) as Float64Array, model, {
            initialWeights: fit.final.estimate.weights,
          })!,
          layout,
        );
      const exact = [new Float64Array(p * p)];
      createExactResampleMoments(bytes, exactPacking(bytes) as ExactPacking).covariances(
        counts,
        1,
        exact,
      );
      // Resample 0's statistics: the first of each statistic's 9 (statistic-major chunks).
      const first = (chunk: { values: Float64Array }) =>
        Float64Array.from({ length: layout.length }, (_, k) => chunk.values[k * 9] as number);
      expect(first(a)).toEqual(direct(exact[0] as Float64Array));
      expect(first(b)).toEqual(direct(productTableCovariance(widenRows(bytes), counts)));
      // The two kernels round differently (one rounding vs a centred floating-point sum).
      for (let k = 0; k < a.values.length; k++) {
        const x = a.values[k] as number;
        const y = b.values[k] as number;
        if (Number.isNaN(x)) expect(y).toBeNaN();
        else expect(Math.abs(x - y)).toBeLessThan(1e-10);
      }
    },
  );
  it('is bit-identical on 1, 2 and 4 threads (workers share the rows)', async () => {
    // Worker threads run compiled code: use the build in dist/ (`npm test` builds first).
    const dist = '../../../dist/io/bootstrap-pool.js';
    const { runBootstrap } = (await import(dist)) as typeof PoolModule;
    const run = (threads: number) =>
      runBootstrap(bytes, model, fit, {
        resamples: 203,
        seed: 3,
        threads,
        options: {},
        workThreshold: 0,
      });
    const one = await run(1);
    const two = await run(2);
    const four = await run(4);
    expect(four.threads).toBe(4);
    expect(two.values).toEqual(one.values);
    expect(four.values).toEqual(one.values);
    expect(four.failed).toBe(one.failed);
    const direct = bootstrapPls(bytes, model, fit, { from: 0, to: 203 }, (i) => createRandom(3, i));
    expect(one.values).toEqual(direct.values);
  });
});

/** Compact rows as one array of p values per respondent (missing ratings decoded). */
function widenRowsOf(rows: CompactRows): number[][] {
  const wide = widenRows(rows);
  return Array.from({ length: rows.n }, (_, i) => Array.from(wide.subarray(i * p, (i + 1) * p)));
}
