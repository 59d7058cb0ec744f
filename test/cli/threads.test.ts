import { describe, expect, it } from 'vitest';
import { servqual } from './run.js';

/**
 * The whole JSON report, with `bootstrap.threads` (how many threads shared the resamples, in the
 * main run and never a number) set aside and returned beside it.
 */
function report(args: readonly string[]): { text: string; threads: number[] } {
  const r = servqual(['analyze', ...args, '--format', 'json']);
  if (r.status !== 0) throw new Error(`analyze ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const threads: number[] = [];
  const text = r.stdout.replace(/"threads": (\d+)/g, (_, n: string) => {
    threads.push(Number(n));
    return '"threads": "set aside"';
  });
  return { text, threads };
}

describe('analyze on 1, 2 and 4 threads', () => {
  it(
    'ECSI: the bootstrap, SRMR quantile and PLSpredict on a worker give the report of one ' +
      'thread, byte for byte',
    () => {
      // 1 500 resamples × 250 respondents × 24² items = 2.2·10⁸ ≥ TASK_WORK_THRESHOLD (2·10⁸):
      // with more than one thread the SRMR quantile and PLSpredict run on a worker, which then
      // joins the bootstrap.
      const ecsi = [
        'test/reference/ecsi/ecsi_mobi.csv',
        '--instrument',
        'fixtures/ecsi-instrument.json',
        '--bootstrap',
        '1500',
        '--seed',
        '3',
      ];
      const one = report([...ecsi, '--threads', '1']);
      const two = report([...ecsi, '--threads', '2']);
      const four = report([...ecsi, '--threads', '4']);
      expect(one.threads).toEqual([1]);
      expect(two.threads).toEqual([2]);
      expect(four.threads.length).toBe(1);
      expect(two.text).toBe(one.text);
      expect(four.text).toBe(one.text);
      expect(one.text).toContain('"q2predict"');
      expect(one.text).toMatch(/"srmrQuantile95": 0\.\d+/);
    },
  );

  const shared =
    'ECSI with 5 000 resamples: half the intervals on the worker give the report of one thread';
  it(shared, () => {
    // With the default 5 000 resamples the worker is done with the SRMR quantile, PLSpredict and
    // f² when the bootstrap ends (in a run on an idle machine), and then computes half of the
    // summaries' intervals (`percentileInferences`) while this thread computes the other half.
    const ecsi = [
      'test/reference/ecsi/ecsi_mobi.csv',
      '--instrument',
      'fixtures/ecsi-instrument.json',
      '--seed',
      '11',
    ];
    expect(report([...ecsi, '--threads', '2']).text).toBe(report([...ecsi, '--threads', '1']).text);
  });

  it('a multigroup comparison with MICOM on a worker gives the report of one thread', () => {
    // fixtures/sample.csv: 300 respondents, 42 items; 400 × 300 × 42² = 2.1·10⁸: MICOM goes to a
    // worker while the segments' bootstraps run on the main thread.
    const mga = ['fixtures/sample.csv', '--segment-by', 'segment', '--bootstrap', '400'];
    const one = report([...mga, '--threads', '1']);
    const two = report([...mga, '--threads', '2']);
    expect(two.text).toBe(one.text);
    expect(one.text).toContain('"micom"');
    expect(one.text).toMatch(/"invariance": "(full|partial|none)"/);
  });
});
