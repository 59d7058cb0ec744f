/**
 * What servqual uses of the WebAssembly JavaScript API (WebAssembly JS Interface, §5), typed here
 * rather than through the DOM library, and the two steps every kernel takes with it.
 */
interface WasmApi {
  readonly Memory: new (descriptor: { initial: number }) => WasmMemory;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => WasmInstance;
}
interface WasmInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}
/** A module's memory: its buffer does not move, since servqual's kernels never grow it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/**
 * The module the bytes encode, compiled; null when the runtime has no WebAssembly or rejects the
 * bytes (an instruction it does not know, such as fixed-width SIMD on an old engine).
 */
export function compileWasm(bytes: () => Uint8Array): object | null {
  const wasm = runtime();
  if (wasm === undefined) return null;
  try {
    return new wasm.Module(bytes());
  } catch {
    return null;
  }
}

/**
 * An instance of a compiled module with a memory of its own of at least `bytes` bytes (imported as
 * `env.memory`), and its exported functions.
 */
export function instantiateWasm(
  module: object,
  bytes: number,
): { readonly memory: WasmMemory; readonly exports: Readonly<Record<string, unknown>> } {
  const wasm = runtime() as WasmApi; // a module was compiled, so the runtime has WebAssembly
  const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  return { memory, exports: new wasm.Instance(module, { env: { memory } }).exports };
}

function runtime(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}
