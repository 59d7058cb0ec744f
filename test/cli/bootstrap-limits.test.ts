import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

describe('limits stated up front', () => {
  it(
    'a long bootstrap is announced with its time, threads and memory, ' +
      'and the options, before it starts',
    async () => {
      // 300 000 resamples of fixtures/sample.csv (300 × 42 items): 300 000 · (300 · 903 · 0.09 ns
      // + 42² · 0.2 µs) ≈ 113 s of one thread by the budget's figures (bootstrap-budget.ts), beyond
      // the 30 s that are announced on any number of threads here. The run is stopped as soon as
      // the announcement is out.
      const child = spawn(
        process.execPath,
        [
          'bin/servqual.js',
          'analyze',
          'fixtures/sample.csv',
          '--format',
          'json',
          '--bootstrap',
          '300000',
        ],
        {
          cwd: ROOT,
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { PATH: process.env['PATH'] ?? '' },
        },
      );
      let stderr = '';
      const announced = await new Promise<boolean>((resolve) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (/takes about a minute/.test(stderr)) resolve(true);
        });
        child.on('exit', () => resolve(false));
      });
      child.kill();
      expect(announced).toBe(true);
      const announcement = [
        /^fixtures\/sample\.csv: bootstrap: 300000 resamples × 300 respondents × 42 items, /,
        /and 1000 for the SRMR test: /,
        /about \d+ (s|min) on [12] threads? and \d+ MiB /,
        /\(--bootstrap \d+ takes about a minute; --threads sets the threads\)$/,
      ];
      expect(stderr).toMatch(new RegExp(announcement.map((part) => part.source).join(''), 'm'));
    },
  );
});
