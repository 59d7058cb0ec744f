import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm test` and a bare `npx vitest run` both use this file: tests live in test/, mirroring src/.
// test/global-setup.ts compiles src/ into dist/ before any test runs, so the CLI tests (which run
// bin/servqual.js → dist/) always test the sources as they are, never an old build.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 30_000,
  },
});
