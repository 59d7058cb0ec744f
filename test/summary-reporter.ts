import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the test run with the plain line `N passed, N failed[, N skipped]` that CI reads
 * (vitest's own closing lines are decorated and not in that form). Every skipped test is listed
 * with its reason first, and a run in which no test passed counts as failed: a suite that
 * collected nothing cannot pass by accident.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else {
          skipped++;
          const note = result.state === 'skipped' ? result.note : 'pending';
          process.stdout.write(`skipped: ${test.fullName}${note ? ` (${note})` : ''}\n`);
        }
      }
      // a file that failed to load
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
    }
    failed += unhandledErrors.length;
    if (passed === 0) {
      failed++;
      process.stdout.write('no test passed: the run counts as failed\n');
      process.exitCode = 1;
    }
    process.stdout.write(
      `\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}
