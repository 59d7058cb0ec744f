import type { RandomSource } from '../random/random-source.js';
import { assembleModule, op } from '../wasm/assemble.js';
import { compileWasm, instantiateWasm } from '../wasm/runtime.js';

/**
 * Draws a batch of bootstrap resamples' counts: resample b draws n respondents uniformly with
 * replacement from `sources[b]` (n calls' worth of `int(n)`, in order: the same resample as
 * drawing them one at a time), each draw adding 1 to counts[i·size + b], size = sources.length
 * (respondent-major, the layout the cross-product kernels read). `counts` must hold zeros there.
 */
export interface ResampleCounter {
  draw(sources: readonly RandomSource[], counts: Int32Array): void;
  /**
   * A zeroed array of `length` counts for `draw`: with WebAssembly, in the memory of the counter's
   * compiled draws (`drawModule`), which `draw` then uses for counts that fit in the processor's
   * caches and sources that expose their state (`RandomSource.state`, as `createRandom`'s do);
   * a plain array otherwise. The same counts either way.
   */
  counts(length: number): Int32Array;
}

/**
 * The counter's scratch, in draws (32-bit words, two arrays of it) — what the batch's draws are
 * grouped in when they are grouped.
 */
const GROUPED_DRAWS = 1 << 22;
/**
 * Counts that direct increments may scatter over (bytes): beyond this the counts array falls out
 * of the processor's caches and each increment waits for memory, so the draws are first grouped
 * by ranges of counts this large.
 */
const CACHED_BYTES = 1 << 18;

/**
 * A counter for resamples of n respondents. Drawing is the bootstrap's only step whose memory
 * accesses go anywhere: with millions of respondents a batch's counts (n × size 32-bit words) are
 * hundreds of megabytes, and an increment at a random place costs a trip to memory (a draw took
 * 50–120 ns at 200 000 – 5 800 000 respondents against ≈ 5 ns in cache, measured in-process on
 * this project's reference machine; grouped, 13–34 ns). So when the counts exceed
 * `CACHED_BYTES`, the draws' places in `counts` are collected (up to `GROUPED_DRAWS` at a time),
 * sorted by range of `CACHED_BYTES` (a counting sort on the high bits: one pass to count each
 * range, one to place the draws) and tallied range by range. The counts are integers and every
 * draw is tallied once, so the result does not depend on the order.
 */
export function createResampleCounter(n: number): ResampleCounter {
  let places = new Uint32Array(0);
  let sorted = new Uint32Array(0);
  let starts = new Int32Array(0);
  // The compiled draws: their state words at address 0 and the counts `counts` gave at 16.
  let compiled: {
    readonly state: Uint32Array;
    readonly counts: Int32Array;
    readonly draw: (n: number, batch: number, b: number, counts: number) => void;
  } | null = null;
  return {
    counts(length) {
      const module = compileWasm('resample-draws', drawModule);
      if (module === null) return new Int32Array(length);
      const { memory, exports } = instantiateWasm(module, 16 + 4 * length);
      compiled = {
        state: new Uint32Array(memory.buffer, 0, 4),
        counts: new Int32Array(memory.buffer, 16, length),
        draw: exports['draw'] as (n: number, batch: number, b: number, counts: number) => void,
      };
      return compiled.counts;
    },
    draw(sources, counts) {
      const size = sources.length;
      const total = n * size;
      const grouped = groupsDraws(n, size);
      if (
        !grouped &&
        compiled !== null &&
        counts.buffer === compiled.counts.buffer &&
        drawsCompiled(sources, compiled.state, (b) => {
          (compiled as NonNullable<typeof compiled>).draw(n, size, b, counts.byteOffset);
        })
      )
        return;
      const capacity = placesHeld(n, size);
      if (places.length < capacity) places = new Uint32Array(capacity);
      if (!grouped) {
        const all = places.subarray(0, n);
        sources.forEach((source, b) => {
          source.ints(n, all);
          tally(all, counts, size, b);
        });
        return;
      }
      const shift = Math.log2(CACHED_BYTES / 4);
      const ranges = Math.floor((total - 1) / 2 ** shift) + 1;
      if (sorted.length < capacity) sorted = new Uint32Array(capacity);
      if (starts.length < ranges + 1) starts = new Int32Array(ranges + 1);
      let filled = 0;
      const flush = (): void => {
        increment(groupByRange(places.subarray(0, filled), shift, ranges, starts, sorted), counts);
        filled = 0;
      };
      // Resample after resample, each source's draws in order (one source may serve them all).
      sources.forEach((source, b) => {
        for (let done = 0; done < n; ) {
          const part = Math.min(n - done, capacity - filled);
          const slot = places.subarray(filled, filled + part);
          source.ints(n, slot);
          toPlaces(slot, size, b);
          filled += part;
          done += part;
          if (filled === capacity) flush();
        }
      });
      if (filled > 0) flush();
    },
  };
}

/**
 * Whether a counter groups the draws of a batch of `size` resamples of n respondents (their counts
 * exceed `CACHED_BYTES`; places are 32-bit, so beyond 2³² counts — never in practice — they are
 * tallied directly).
 */
export function groupsDraws(n: number, size: number): boolean {
  return 4 * n * size > CACHED_BYTES && n * size <= 2 ** 32;
}

/** The draws (or their places) a counter holds at a time. */
function placesHeld(n: number, size: number): number {
  return groupsDraws(n, size) ? Math.min(n * size, GROUPED_DRAWS) : n;
}

/**
 * Bytes of a counter's scratch for batches of `size` resamples: the draws, and when grouped their
 * sorted copy (32 bits each; the ranges' starts aside).
 */
export function counterScratchBytes(n: number, size: number): number {
  return 4 * placesHeld(n, size) * (groupsDraws(n, size) ? 2 : 1);
}

/** counts[d·stride + offset] += 1 for each draw d. */
function tally(draws: Uint32Array, counts: Int32Array, stride: number, offset: number): void {
  for (let i = 0; i < draws.length; i++) {
    const at = (draws[i] as number) * stride + offset;
    counts[at] = (counts[at] as number) + 1;
  }
}

/** Each draw d ← d·stride + offset, its place in the counts. */
function toPlaces(draws: Uint32Array, stride: number, offset: number): void {
  for (let i = 0; i < draws.length; i++) draws[i] = (draws[i] as number) * stride + offset;
}

/** counts[a] += 1 for each place a. */
function increment(places: Uint32Array, counts: Int32Array): void {
  for (let i = 0; i < places.length; i++) {
    const at = places[i] as number;
    counts[at] = (counts[at] as number) + 1;
  }
}

/**
 * The places ordered by range a >>> shift (a counting sort: two passes), into `sorted`; `starts`
 * (≥ ranges + 1 entries) is scratch.
 */
function groupByRange(
  places: Uint32Array,
  shift: number,
  ranges: number,
  starts: Int32Array,
  sorted: Uint32Array,
): Uint32Array {
  starts.fill(0, 0, ranges + 1);
  for (let i = 0; i < places.length; i++) {
    const r = ((places[i] as number) >>> shift) + 1;
    starts[r] = (starts[r] as number) + 1;
  }
  for (let r = 1; r <= ranges; r++) starts[r] = (starts[r] as number) + (starts[r - 1] as number);
  for (let i = 0; i < places.length; i++) {
    const a = places[i] as number;
    const r = a >>> shift;
    const at = starts[r] as number;
    sorted[at] = a;
    starts[r] = at + 1;
  }
  return sorted.subarray(0, places.length);
}

/**
 * Each source's n draws through `draw(b)` (the compiled draws of resample b), its state words put
 * into `state` before and taken back after, so that every source is left where its own `ints`
 * would leave it (one source serving several resamples goes on from there); false, drawing
 * nothing, when a source does not expose its state.
 */
function drawsCompiled(
  sources: readonly RandomSource[],
  state: Uint32Array,
  draw: (b: number) => void,
): boolean {
  if (!sources.every((source) => source.state !== undefined)) return false;
  sources.forEach((source, b) => {
    const words = source.state as Uint32Array;
    state.set(words);
    draw(b);
    words.set(state);
  });
  return true;
}

/**
 * draw(n, batch, b, counts): n steps of xoshiro128** (Blackman & Vigna 2018) from the four state
 * words at address 0 (written back at the end), each output u mapped to i = ⌊(u / 2³²)·n⌋ and
 * counted, counts[i·batch + b] += 1 (32-bit, at `counts`): `createRandom`'s `ints` and this
 * counter's tally, the same integer operations mod 2³² and the same doubles (u/2³² is exact, then
 * one rounded product, then the floor), so the same counts.
 */
function drawModule(): Uint8Array {
  const { localGet: get, localSet: set, i32Const, i32Add, i32Mul, i32Shl, i32Xor, i32Rotl } = op;
  const [N, BATCH, B, COUNTS] = [0, 1, 2, 3];
  const [s0, s1, s2, s3, r, t, d, at] = [4, 5, 6, 7, 8, 9, 10, 11];
  const scale = 12;
  /** x ← x ^ y */
  const xorInto = (x: number, y: number): number[] => [...get(x), ...get(y), ...i32Xor, ...set(x)];
  const body = [
    ...[s0, s1, s2, s3].flatMap((s, k) => [...i32Const(0), ...op.i32Load(4 * k), ...set(s)]),
    ...[...get(N), ...op.f64ConvertI32U, ...set(scale)],
    ...op.forLoop(d, i32Const(0), get(N), 1, [
      // r = rotl(s1 · 5, 7) · 9; t = s1 << 9
      ...[...get(s1), ...i32Const(5), ...i32Mul, ...i32Const(7), ...i32Rotl],
      ...[...i32Const(9), ...i32Mul, ...set(r)],
      ...[...get(s1), ...i32Const(9), ...i32Shl, ...set(t)],
      ...xorInto(s2, s0),
      ...xorInto(s3, s1),
      ...xorInto(s1, s2),
      ...xorInto(s0, s3),
      ...xorInto(s2, t),
      ...[...get(s3), ...i32Const(11), ...i32Rotl, ...set(s3)],
      // at = counts + (⌊(r / 2³²) · n⌋ · batch + b) · 4
      ...[...get(r), ...op.f64ConvertI32U, ...op.f64Const(2 ** 32), ...op.f64Div],
      ...[...get(scale), ...op.f64Mul, ...op.f64Floor, ...op.i32TruncF64U],
      ...[...get(BATCH), ...i32Mul, ...get(B), ...i32Add, ...i32Const(2), ...i32Shl],
      ...[...get(COUNTS), ...i32Add, ...set(at)],
      ...[...get(at), ...get(at), ...op.i32Load(), ...i32Const(1), ...i32Add, ...op.i32Store()],
    ]),
    ...[s0, s1, s2, s3].flatMap((s, k) => [...i32Const(0), ...get(s), ...op.i32Store(4 * k)]),
  ];
  return assembleModule([{ name: 'draw', params: 4, i32Locals: 8, f64Locals: 1, body }]);
}
