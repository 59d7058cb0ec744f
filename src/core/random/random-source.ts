/**
 * A seeded source of uniform and normal random numbers; every random choice servqual makes goes
 * through one.
 */
export interface RandomSource {
  /** Uniform on [0, 1), 32 bits of randomness. */
  next(): number;
  /** Uniform integer on [0, n). */
  int(n: number): number;
  /**
   * Fills `out` with `out.length` uniform integers on [0, n) (n ≤ 2³²): what as many calls of
   * `int(n)` return, in order, and the source is left where those calls would leave it. One loop
   * with the generator's state in locals (a resample's n draws: about 3 times faster than calls).
   */
  ints(n: number, out: Uint32Array): void;
  /** Standard normal N(0, 1). */
  normal(): number;
  /**
   * The generator's four 32-bit state words (xoshiro128**), live, when it exposes them: another
   * implementation of `ints` (the resample counter's WebAssembly) reads them and writes back
   * where its draws leave them. Drawing through it is only for the uniform integers: a pending
   * normal (Box–Muller's second variate) is not part of the state.
   */
  readonly state?: Uint32Array;
}

/**
 * xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"),
 * seeded by running SplitMix32 over (seed, stream). Distinct streams of one seed are independent
 * for practical purposes, so resample i of a bootstrap can draw from `createRandom(seed, i)` and
 * give the same numbers on any number of threads.
 *
 * Normals by the Box–Muller transform (Box & Muller 1958), using both variates of each pair.
 *
 * @example createRandom(42).next() // the same number on every machine and run
 */
export function createRandom(seed: number, stream = 0): RandomSource {
  let mix = (Math.floor(seed) ^ Math.imul(stream | 0, 0x632be5ab)) | 0;
  const splitmix = (): number => {
    mix = (mix + 0x9e3779b9) | 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  // Mix the high part of large seeds in as well.
  mix = (mix ^ Math.floor(seed / 0x100000000)) | 0;
  let s0 = splitmix();
  const s1 = splitmix();
  const s2 = splitmix();
  const s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const state = Uint32Array.of(s0, s1, s2, s3);
  const nextUint32 = xoshiro128StarStar(state);
  let spare: number | null = null;
  const next = (): number => nextUint32() / 0x100000000;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    ints: (n, out) => xoshiro128StarStarInts(state, n, out),
    state,
    normal() {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return z;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/**
 * The xoshiro128** generator itself (Blackman & Vigna 2018): each call returns the next 32-bit
 * output (as an unsigned number) and advances `state` (four 32-bit words, not all zero) in place:
 * result = rotl(s1 × 5, 7) × 9; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
 * s3 = rotl(s3, 11) — all arithmetic mod 2³².
 *
 * @example xoshiro128StarStar(Uint32Array.of(1, 2, 3, 4))() // 11520, as the authors' C code gives
 */
export function xoshiro128StarStar(state: Uint32Array): () => number {
  return () => {
    const s0 = state[0] as number;
    const s1 = state[1] as number;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    state[2] = (state[2] as number) ^ s0;
    state[3] = (state[3] as number) ^ s1;
    state[1] = s1 ^ (state[2] as number);
    state[0] = s0 ^ (state[3] as number);
    state[2] = (state[2] as number) ^ t;
    state[3] = rotl(state[3] as number, 11);
    return r;
  };
}

/**
 * `out.length` steps of `xoshiro128StarStar(state)`, each output u mapped to ⌊(u / 2³²)·n⌋ (the
 * arithmetic of `int(n)`, so the same integers), with the state in locals during the loop and
 * written back at the end.
 */
function xoshiro128StarStarInts(state: Uint32Array, n: number, out: Uint32Array): void {
  let s0 = state[0] as number;
  let s1 = state[1] as number;
  let s2 = state[2] as number;
  let s3 = state[3] as number;
  for (let i = 0; i < out.length; i++) {
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    out[i] = Math.floor((r / 0x100000000) * n);
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
