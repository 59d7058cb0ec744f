import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { assembleModule, op } from '../../../src/core/wasm/assemble.js';
import {
  compileWasm,
  compiledWasmModules,
  instantiateWasm,
} from '../../../src/core/wasm/runtime.js';

/** A module whose function `answer` returns `value` (an i32). */
const answerModule = (value: number) =>
  assembleModule([
    { name: 'answer', params: 0, result: 'i32', i32Locals: 0, body: op.i32Const(value) },
  ]);

describe('WebAssembly runtime', () => {
  it('compiles a key once and keeps it', () => {
    let built = 0;
    const bytes = () => {
      built++;
      return answerModule(42);
    };
    const first = compileWasm('test answer 42', bytes);
    expect(first).not.toBeNull();
    expect(compileWasm('test answer 42', bytes)).toBe(first);
    expect(built).toBe(1);
    const answer = instantiateWasm(first as object, 1).exports['answer'] as () => number;
    expect(answer()).toBe(42);
    expect(compiledWasmModules().map(([key]) => key)).toContain('test answer 42');
  });

  it('gives null, once, for bytes refused by their builder or by the runtime', () => {
    let asked = 0;
    const refuse = () => {
      asked++;
      return null;
    };
    expect(compileWasm('test refused', refuse)).toBeNull();
    expect(compileWasm('test refused', refuse)).toBeNull();
    expect(asked).toBe(1);
    expect(compileWasm('test invalid', () => Uint8Array.of(0, 1, 2))).toBeNull();
    expect(compiledWasmModules().map(([key]) => key)).not.toContain('test invalid');
  });

  it('lets a worker thread adopt the modules without building them again', async () => {
    const module = compileWasm('test answer 7', () => answerModule(7));
    expect(module).not.toBeNull();
    // The worker runs the built runtime (dist/, built by the tests' global setup); a builder that
    // throws shows that the adopted module is used.
    const runtime = new URL('../../../dist/core/wasm/runtime.js', import.meta.url).href;
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       import(workerData.runtime).then(({ adoptWasmModules, compileWasm, instantiateWasm }) => {
         parentPort.once('message', (modules) => {
           adoptWasmModules(modules);
           const module = compileWasm('test answer 7', () => { throw new Error('built again'); });
           parentPort.postMessage(instantiateWasm(module, 1).exports.answer());
         });
       });`,
      { eval: true, workerData: { runtime } },
    );
    try {
      const answer = new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage(compiledWasmModules());
      expect(await answer).toBe(7);
    } finally {
      await worker.terminate();
    }
  });
});
