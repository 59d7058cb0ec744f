/**
 * A small assembler for WebAssembly modules in the binary format (WebAssembly Core Specification
 * 2.0, chapter 5 "Binary Format"; fixed-width SIMD, §5.4.8 "Vector Instructions"), enough for
 * servqual's numeric kernels: functions of i32 parameters that return nothing or an i32, with i32,
 * v128 and f64 locals, reading and writing one memory that the caller provides (imported as
 * `env.memory`).
 *
 * A function body is a flat list of bytes built from the `op` helpers below, in the stack-machine
 * order the format uses (operands first, then the instruction); a long generated body is written
 * into a `ByteWriter` instead of concatenated. Nothing here runs the module; the caller compiles
 * the bytes with `WebAssembly.Module`.
 */
export interface WasmFunction {
  /** The export name. */
  readonly name: string;
  /** Number of i32 parameters (locals 0 … params − 1). */
  readonly params: number;
  /** What the function returns: nothing (default) or an i32. */
  readonly result?: 'i32';
  /** i32 locals after the parameters. */
  readonly i32Locals: number;
  /** v128 locals after the i32 locals. */
  readonly v128Locals?: number;
  /** f64 locals after the v128 locals. */
  readonly f64Locals?: number;
  /** The instructions, without the closing `end`. */
  readonly body: ArrayLike<number>;
}

/**
 * Bytes appended to a buffer that grows as needed: a generated body of tens of kilobytes is written
 * byte by byte, without the small arrays of `op` and their concatenation (which cost tens of
 * milliseconds in code that runs once and so is never optimized). The instructions a generated
 * body repeats most have methods of their own; anything else is `emit`ted from `op`.
 */
export class ByteWriter {
  private buffer = new Uint8Array(4096);
  private used = 0;

  get length(): number {
    return this.used;
  }

  byte(value: number): void {
    if (this.used === this.buffer.length) this.reserve(1);
    this.buffer[this.used++] = value;
  }

  /** Appends a long run of bytes in one copy. */
  append(bytes: ArrayLike<number>): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Room for `extra` more bytes (the buffer at least doubles when it grows). */
  private reserve(extra: number): void {
    const end = this.used + extra;
    if (end <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(end, this.buffer.length * 2));
    grown.set(this.buffer.subarray(0, this.used));
    this.buffer = grown;
  }

  /** Appends each part's bytes, in order. */
  emit(...parts: readonly ArrayLike<number>[]): void {
    for (const part of parts) {
      this.room(part.length);
      const b = this.buffer;
      let at = this.used;
      for (let i = 0; i < part.length; i++) b[at++] = part[i] as number;
      this.used = at;
    }
  }

  /** Unsigned LEB128 (§5.2.2). */
  unsigned(value: number): void {
    this.room(5);
    this.used = leb128(this.buffer, this.used, value);
  }

  // The instructions below write their bytes straight into the buffer, with one check for room:
  // a generated body is written once per process, by code that the engine has not optimized yet,
  // where each call counts.

  localGet(index: number): void {
    this.room(6);
    this.buffer[this.used] = 0x20;
    this.used = leb128(this.buffer, this.used + 1, index);
  }

  localSet(index: number): void {
    this.room(6);
    this.buffer[this.used] = 0x21;
    this.used = leb128(this.buffer, this.used + 1, index);
  }

  /** f64.load of the double at byte `offset` (address 0 plus the instruction's offset). */
  f64LoadAt(offset: number): void {
    this.room(9);
    this.used = loadAt(this.buffer, this.used, offset);
  }

  /**
   * f64.store of the double that `value` leaves on the stack to byte `offset` (the address, 0, goes
   * first, then the value, then the instruction with its offset).
   */
  f64StoreAt(offset: number, value: () => void): void {
    this.room(2);
    this.buffer[this.used] = 0x41; // i32.const 0
    this.buffer[this.used + 1] = 0;
    this.used += 2;
    value();
    this.room(7);
    this.buffer[this.used] = 0x39; // f64.store, alignment 2³
    this.buffer[this.used + 1] = 3;
    this.used = leb128(this.buffer, this.used + 2, offset);
  }

  /**
   * acc ← acc + d(a)·d(b) (`scale` < 0) or acc ← acc + d(scale)·d(a)·d(b) with local `scale`, d(x)
   * the double at byte x: one term of a dot product written out, in a single call.
   */
  mulAdd(acc: number, a: number, b: number, scale = -1): void {
    this.room(32);
    const buffer = this.buffer;
    let at = leb128(buffer, this.used + 1, acc);
    buffer[this.used] = 0x20; // local.get acc
    if (scale >= 0) {
      buffer[at] = 0x20; // local.get scale
      at = leb128(buffer, at + 1, scale);
    }
    at = loadAt(buffer, at, a);
    if (scale >= 0) buffer[at++] = 0xa2; // f64.mul
    at = loadAt(buffer, at, b);
    buffer[at] = 0xa2; // f64.mul
    buffer[at + 1] = 0xa0; // f64.add
    buffer[at + 2] = 0x21; // local.set acc
    this.used = leb128(buffer, at + 3, acc);
  }

  /** Room for `extra` more bytes. */
  private room(extra: number): void {
    if (this.used + extra > this.buffer.length) this.reserve(extra);
  }

  /** The bytes written so far (a view: valid until the next write). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.used);
  }
}

/** i32.const 0 and f64.load of the double at byte `offset`, at `at` of `bytes`; returns the end. */
function loadAt(bytes: Uint8Array, at: number, offset: number): number {
  bytes[at] = 0x41; // i32.const 0
  bytes[at + 1] = 0;
  bytes[at + 2] = 0x2b; // f64.load, alignment 2³
  bytes[at + 3] = 3;
  return leb128(bytes, at + 4, offset);
}

/** Writes `value` as unsigned LEB128 at `at` of `bytes` (room for 5 bytes); returns the end. */
function leb128(bytes: Uint8Array, at: number, value: number): number {
  let v = value >>> 0;
  let end = at;
  while (v >= 0x80) {
    bytes[end++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  bytes[end++] = v;
  return end;
}

/**
 * The address base + (row · width + column) · 8 of a double in a row-major matrix: `base` and
 * `width` are locals, `row` and `column` instructions that each leave an i32.
 */
export function doubleAt(
  base: number,
  row: readonly number[],
  width: number,
  column: readonly number[],
): number[] {
  return [
    ...op.localGet(base),
    ...row,
    ...op.localGet(width),
    ...op.i32Mul,
    ...column,
    ...op.i32Add,
    ...op.i32Const(3),
    ...op.i32Shl,
    ...op.i32Add,
  ];
}

/** The module's bytes: one type per function, the imported memory, the functions, exported. */
export function assembleModule(functions: readonly WasmFunction[]): Uint8Array {
  const types = functions.map((f) => [
    FUNC,
    ...vector(Array.from({ length: f.params }, () => [I32])),
    ...vector(f.result === 'i32' ? [[I32]] : []),
  ]);
  const memoryImport = [...name('env'), ...name('memory'), MEMORY, 0x00, ...unsigned(1)];
  const exports = functions.map((f, index) => [...name(f.name), FUNC_EXPORT, ...unsigned(index)]);
  const code = new ByteWriter();
  code.emit(unsigned(functions.length));
  for (const f of functions) {
    const locals = vector([
      [...unsigned(f.i32Locals), I32],
      [...unsigned(f.v128Locals ?? 0), V128],
      [...unsigned(f.f64Locals ?? 0), F64],
    ]);
    code.emit(unsigned(locals.length + f.body.length + 1), locals);
    code.append(f.body);
    code.byte(END);
  }
  const module = new ByteWriter();
  module.emit(
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    section(1, vector(types)),
    section(2, vector([memoryImport])),
    section(3, vector(functions.map((_, index) => unsigned(index)))),
    section(7, vector(exports)),
    [10, ...unsigned(code.length)],
  );
  module.append(code.bytes());
  return module.bytes().slice();
}

const I32 = 0x7f;
const V128 = 0x7b;
const F64 = 0x7c;
const FUNC = 0x60;
const MEMORY = 0x02;
const FUNC_EXPORT = 0x00;
const END = 0x0b;

/** Unsigned LEB128 (§5.2.2). */
function unsigned(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (§5.2.2). */
function signed(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function vector(items: readonly (readonly number[])[]): number[] {
  return [...unsigned(items.length), ...items.flat()];
}

function section(id: number, content: readonly number[]): number[] {
  return [id, ...unsigned(content.length), ...content];
}

function name(text: string): number[] {
  return vector([...text].map((ch) => [ch.charCodeAt(0)]));
}

/** The 8 bytes of a double, little-endian (IEEE 754 binary64, §5.2.3). */
function float64(value: number): number[] {
  return [...new Uint8Array(Float64Array.of(value).buffer)];
}

/** A SIMD instruction: prefix 0xfd, then its opcode as unsigned LEB128 (§5.4.8). */
function simd(opcode: number): number[] {
  return [0xfd, ...unsigned(opcode)];
}

/**
 * Instructions (§5.4). Memory accesses take their address from the stack, with a constant byte
 * offset; alignment hints are the natural ones (8 bytes for f64, 16 for v128: hints only, the
 * addresses need not be aligned).
 */
export const op = {
  localGet: (index: number): number[] => [0x20, ...unsigned(index)],
  localSet: (index: number): number[] => [0x21, ...unsigned(index)],
  localTee: (index: number): number[] => [0x22, ...unsigned(index)],
  i32Const: (value: number): number[] => [0x41, ...signed(value)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  /** i32.or, i32.xor, i32.shr_u, i32.rotl: bitwise, on the 32 bits. */
  i32Or: [0x72],
  i32Xor: [0x73],
  i32ShrU: [0x76],
  i32Rotl: [0x77],
  i32Eqz: [0x45],
  i32Ne: [0x47],
  /** i32.lt_s, i32.le_s, i32.ge_s: signed comparisons. */
  i32LtS: [0x48],
  i32LeS: [0x4c],
  i32GeS: [0x4e],
  /**
   * The openings of a block, a loop and an if with no result, and the `end` that closes each: for
   * a body written piece by piece (`ByteWriter`). `br` to a block leaves it; to a loop, runs it
   * again.
   */
  blockStart: [0x02, 0x40],
  loopStart: [0x03, 0x40],
  ifStart: [0x04, 0x40],
  /** Between an if's two branches. */
  else: [0x05],
  end: [END],
  /** br: to the enclosing block or loop `depth` levels out (0: the innermost). */
  br: (depth: number): number[] => [0x0c, ...unsigned(depth)],
  /** br_if: as `br` when the i32 on the stack is not 0. */
  brIf: (depth: number): number[] => [0x0d, ...unsigned(depth)],
  return: [0x0f],
  /** i32.load16_s: a signed 16-bit integer, widened. */
  i32Load16: (offset = 0): number[] => [0x2e, 1, ...unsigned(offset)],
  i32Load: (offset = 0): number[] => [0x28, 2, ...unsigned(offset)],
  /** i32.load8_u, i32.store8: one byte, zero-extended / the low byte. */
  i32Load8U: (offset = 0): number[] => [0x2d, 0, ...unsigned(offset)],
  i32Store8: (offset = 0): number[] => [0x3a, 0, ...unsigned(offset)],
  i32Store: (offset = 0): number[] => [0x36, 2, ...unsigned(offset)],
  /** if (condition on the stack is not 0) body — no result. */
  ifThen: (body: readonly number[]): number[] => [0x04, 0x40, ...body, END],
  f64Load: (offset = 0): number[] => [0x2b, 3, ...unsigned(offset)],
  f64Store: (offset = 0): number[] => [0x39, 3, ...unsigned(offset)],
  /** f64.const: the double itself (every double, NaN and ±0 included, is encoded exactly). */
  f64Const: (value: number): number[] => [0x44, ...float64(value)],
  f64Add: [0xa0],
  f64Sub: [0xa1],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  /** f64.max: as Math.max of two doubles (NaN if either is NaN; +0 above −0). */
  f64Max: [0xa5],
  f64Abs: [0x99],
  /** f64.sqrt: correctly rounded, as Math.sqrt. */
  f64Sqrt: [0x9f],
  f64Eq: [0x61],
  f64Ne: [0x62],
  f64Lt: [0x63],
  f64Gt: [0x64],
  f64Le: [0x65],
  /** f64.convert_i32_s: exact (every i32 is a double). */
  f64ConvertI32: [0xb7],
  /** f64.convert_i32_u: the i32 read as unsigned, exact. */
  f64ConvertI32U: [0xb8],
  /** f64.floor: as Math.floor. */
  f64Floor: [0x9c],
  /** i32.trunc_f64_u: a double in [0, 2³²) to its unsigned integer part (a trap outside). */
  i32TruncF64U: [0xab],
  v128Load: (offset = 0): number[] => [...simd(0), 4, ...unsigned(offset)],
  v128Store: (offset = 0): number[] => [...simd(11), 4, ...unsigned(offset)],
  v128Zero: [...simd(12), ...Array.from({ length: 16 }, () => 0)],
  /** i32x4.extract_lane. */
  i32x4Lane: (lane: number): number[] => [...simd(27), lane],
  /** i32x4.splat: four copies of an i32. */
  i32x4Splat: simd(17),
  /** i32x4.extend_low_i16x8_s / extend_high_i16x8_s: lanes 0–3 / 4–7, sign-extended. */
  i32x4ExtendLow: simd(167),
  i32x4ExtendHigh: simd(168),
  /** i32x4.mul: lane-wise product, modulo 2³². */
  i32x4Mul: simd(181),
  /** i16x8.mul: lane-wise product, modulo 2¹⁶. */
  i16x8Mul: simd(149),
  i32x4Add: simd(174),
  /** f64x2.splat: two copies of a double. */
  f64x2Splat: simd(20),
  /** f64x2.add, f64x2.mul: lane by lane, each lane the f64 operation (IEEE 754, rounded). */
  f64x2Add: simd(240),
  f64x2Mul: simd(242),
  /**
   * i32x4.dot_i16x8_s: lane k = a₂ₖ·b₂ₖ + a₂ₖ₊₁·b₂ₖ₊₁ of the signed 16-bit lanes, modulo 2³².
   */
  i32x4DotI16x8: simd(186),
  /**
   * for (i = from; i < to; i += step) body — unsigned comparison; `from` and `to` are
   * instruction sequences that leave an i32 (`to` is evaluated before every iteration).
   */
  forLoop(
    i: number,
    from: readonly number[],
    to: readonly number[],
    step: number,
    body: readonly number[],
  ): number[] {
    return [
      ...from,
      ...op.localSet(i),
      ...[0x02, 0x40], // block
      ...op.localGet(i),
      ...to,
      0x4f, // i32.ge_u
      ...[0x0d, 0], // br_if 0: leave the block
      ...[0x03, 0x40], // loop
      ...body,
      ...op.localGet(i),
      ...op.i32Const(step),
      ...op.i32Add,
      ...op.localTee(i),
      ...to,
      0x49, // i32.lt_u
      ...[0x0d, 0], // br_if 0: next iteration
      END,
      END,
    ];
  },
};
