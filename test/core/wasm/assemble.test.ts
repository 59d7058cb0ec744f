import { describe, expect, it } from 'vitest';
import { ByteWriter, op } from '../../../src/core/wasm/assemble.js';

describe('ByteWriter', () => {
  // Each fused writer against the same instructions written one by one from `op` (the WebAssembly
  // Core Specification's encodings, §5.4): the generated modules must not change by a byte.
  it('mulAdd writes local.get, the two loads, f64.mul, f64.add and local.set', () => {
    const fused = new ByteWriter();
    // Offsets below and above 128 (one- and two-byte LEB128), a local above 127.
    fused.mulAdd(3, 8, 1_000);
    fused.mulAdd(200, 70_000, 16, 5);
    const load = (offset: number) => [...op.i32Const(0), ...op.f64Load(offset)];
    expect(Array.from(fused.bytes())).toEqual([
      ...op.localGet(3),
      ...load(8),
      ...load(1_000),
      ...op.f64Mul,
      ...op.f64Add,
      ...op.localSet(3),
      ...op.localGet(200),
      ...op.localGet(5),
      ...load(70_000),
      ...op.f64Mul,
      ...load(16),
      ...op.f64Mul,
      ...op.f64Add,
      ...op.localSet(200),
    ]);
  });

  it('grows its buffer under fused writes', () => {
    const out = new ByteWriter();
    for (let i = 0; i < 2_000; i++) out.mulAdd(1, 8 * i, 8);
    const one = new ByteWriter();
    one.mulAdd(1, 8 * 1_999, 8);
    expect(out.length).toBeGreaterThan(4_096);
    expect(Array.from(out.bytes().subarray(out.length - one.length))).toEqual(
      Array.from(one.bytes()),
    );
  });
});
