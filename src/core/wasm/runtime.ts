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
 * The module named `key`, compiled from `bytes()` the first time this thread asks (or adopted from
 * another thread, `adoptWasmModules`); null when the runtime has no WebAssembly, `bytes` gives
 * null (the caller's own limit) or the runtime rejects the bytes (an instruction it does not know,
 * such as fixed-width SIMD on an old engine). A key names one module for good: the same key must
 * always give the same bytes.
 */
export function compileWasm(key: string, bytes: () => Uint8Array | null): object | null {
  const known = modules.get(key);
  if (known !== undefined) return known;
  const wasm = runtime();
  let module: object | null = null;
  if (wasm !== undefined)
    try {
      const code = bytes();
      module = code === null ? null : new wasm.Module(code);
    } catch {
      module = null;
    }
  modules.set(key, module);
  return module;
}

/**
 * The modules this thread has compiled or adopted, by key: a worker thread given them
 * (`adoptWasmModules`; a compiled module crosses threads by structured clone and shares its machine
 * code) neither builds their bytes nor compiles them again.
 */
export function compiledWasmModules(): Array<readonly [string, object]> {
  return [...modules].filter((entry): entry is [string, object] => entry[1] !== null);
}

/** Takes the modules another thread compiled (`compiledWasmModules`), keeping any of its own. */
export function adoptWasmModules(entries: ReadonlyArray<readonly [string, object]>): void {
  for (const [key, module] of entries) if (!modules.has(key)) modules.set(key, module);
}

/** This thread's modules by key (null: the key's bytes were refused or could not be built). */
const modules = new Map<string, object | null>();

/**
 * An instance of a compiled module with a memory of its own of at least `bytes` bytes (imported as
 * `env.memory`), or `shared`, the memory of another instance (modules that work on the same
 * doubles), and its exported functions.
 */
export function instantiateWasm(
  module: object,
  bytes: number,
  shared?: WasmMemory,
): { readonly memory: WasmMemory; readonly exports: Readonly<Record<string, unknown>> } {
  const wasm = runtime() as WasmApi; // a module was compiled, so the runtime has WebAssembly
  const memory = shared ?? new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  return { memory, exports: new wasm.Instance(module, { env: { memory } }).exports };
}

function runtime(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}
