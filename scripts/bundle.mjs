#!/usr/bin/env node
// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/ with rolldown, so that a command
// loads ≈ 25 files instead of ≈ 120 (README, "Speed and memory": start-up). Entries: the command
// (servqual.js, which bin/servqual.js imports) and the two worker scripts, which the pool code
// finds beside itself (`new URL('./bootstrap-worker.js', import.meta.url)`), so every output file
// is written to the one directory. Each command stays a chunk of its own, loaded when it runs (the
// dynamic imports of src/cli/command-list.ts). Dependencies (commander, csv-parse, chalk, the
// prompts) are bundled too; node:* built-ins are not.
//   node scripts/bundle.mjs        (after `tsc -p tsconfig.json`; `npm run build` does both)
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/bundle`;

// commander loads node:child_process when it is imported (for subcommands that are programs of
// their own, which servqual has none of): ≈ 4 ms of every run, `--help` included. Its `spawn` is
// given to it through a module that loads child_process on the first call instead.
const forCommander = (id, importer) =>
  id === 'node:child_process' &&
  importer !== undefined &&
  importer.includes('/node_modules/commander/');
const lazyChildProcess = {
  name: 'commander-lazy-child-process',
  resolveId: (id, importer) => (forCommander(id, importer) ? '\0commander-child-process' : null),
  load: (id) => (id === '\0commander-child-process' ? LAZY_SPAWN : null),
};
const LAZY_SPAWN = [
  'let loaded;',
  'const load = () => (loaded ??= require("node:child_process"));',
  'module.exports = { spawn: (...args) => load().spawn(...args) };',
  '',
].join('\n');
rmSync(out, { recursive: true, force: true });
await build({
  cwd: root,
  input: {
    servqual: 'dist/cli/main.js',
    'bootstrap-worker': 'dist/io/bootstrap-worker.js',
    'gap-worker': 'dist/io/gap-worker.js',
  },
  platform: 'node',
  // Built-ins stay imports, except commander's child_process (below).
  external: (id, importer) => id.startsWith('node:') && !forCommander(id, importer),
  plugins: [lazyChildProcess],
  logLevel: 'warn',
  output: {
    dir: out,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  },
});
