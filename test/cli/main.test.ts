import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/core/report/build-report.js', () => ({
  buildReport: () => {
    throw new Error('boom');
  },
}));

const { main, exitCode } = await import('../../src/cli/main.js');

describe('main: the one place that decides exit codes', () => {
  afterEach(() => vi.restoreAllMocks());
  it('maps outcomes to 0 and 2', () => {
    expect(exitCode({ status: 'ok' })).toBe(0);
    expect(exitCode({ status: 'bad-input' })).toBe(2);
  });
  const internalError =
    'an internal error exits 70 with a short message and no stack trace; --debug shows it';
  it(internalError, async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const args = ['analyze', 'fixtures/tiny.csv', '--instrument', 'fixtures/tiny-instrument.json'];
    expect(await main(args)).toBe(70);
    expect(written.join('')).toBe(
      'servqual: internal error: boom\n' +
        'This is a bug in servqual; run again with --debug for details and report it.\n',
    );
    written.length = 0;
    expect(await main([...args, '--debug'])).toBe(70);
    expect(written.join('')).toMatch(/^servqual: internal error: boom\nError: boom\n\s+at /);
  });
});
