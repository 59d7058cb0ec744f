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
rmSync(out, { recursive: true, force: true });
await build({
  cwd: root,
  input: {
    servqual: 'dist/cli/main.js',
    'bootstrap-worker': 'dist/io/bootstrap-worker.js',
    'gap-worker': 'dist/io/gap-worker.js',
  },
  platform: 'node',
  external: [/^node:/],
  logLevel: 'warn',
  output: {
    dir: out,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
  },
});
