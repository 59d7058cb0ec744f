import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../helpers.js';
import { servqual } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-segments-'));
interface Doc {
  model: { paths: Array<{ from: string; to: string; estimate: number }> } | null;
  segments?: {
    segments: Array<{ value: string; respondents: number }>;
    multigroup?: {
      groups: Array<{ value: string; respondents: number; signFlips?: number }>;
      resamples: number;
      seed: number;
      paths: Array<{
        from: string;
        to: string;
        estimates: [number, number];
        difference: number;
        p: number;
        pAdjusted: number;
        pFirstGreater: number;
      }>;
    };
  };
}
const json = (args: readonly string[]): Doc => {
  const r = servqual(['analyze', ...args, '--format', 'json']);
  if (r.status !== 0) throw new Error(`analyze ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Doc;
};
/** fixtures/sample.csv with only the respondents of one segment. */
const only = (segment: string): string => {
  const [head, ...rows] = readFixture('sample.csv').trim().split('\n');
  const file = join(dir, `${segment}.csv`);
  writeFileSync(file, [head, ...rows.filter((r) => r.split(',')[1] === segment)].join('\n'));
  return file;
};

const multigroup =
  'servqual analyze --segment-by with a path model: PLS multigroup comparison (the real binary)';
describe(multigroup, () => {
  let mga: NonNullable<Doc['segments']>['multigroup'];
  beforeAll(() => {
    const doc = json([
      'fixtures/sample.csv',
      '--segment-by',
      'segment',
      '--bootstrap',
      '300',
      '--seed',
      '5',
    ]);
    mga = doc.segments?.multigroup;
  });

  it("each segment's paths are the model estimated on that segment alone", () => {
    expect(mga?.groups.map(({ signFlips: _flips, ...g }) => g)).toEqual([
      { value: 'business', respondents: 111, failed: 0 },
      { value: 'retail', respondents: 189, failed: 0 },
    ]);
    // Sign flips are counted per segment's bootstrap: a count of resamples (issue 13).
    for (const g of mga?.groups ?? []) {
      expect(Number.isInteger(g.signFlips)).toBe(true);
      expect(g.signFlips).toBeGreaterThanOrEqual(0);
      expect(g.signFlips).toBeLessThanOrEqual(300);
    }
    expect([mga?.resamples, mga?.seed]).toEqual([300, 5]);
    const business = json([only('business'), '--bootstrap', '0']).model?.paths ?? [];
    const retail = json([only('retail'), '--bootstrap', '0']).model?.paths ?? [];
    expect(mga?.paths.map((p) => [p.from, p.to, p.estimates])).toEqual(
      business.map((p, k) => [p.from, p.to, [p.estimate, retail[k]?.estimate]]),
    );
    for (const p of mga?.paths ?? []) {
      expect(p.difference).toBe(p.estimates[1] - p.estimates[0]);
      expect(p.p).toBeCloseTo(2 * Math.min(p.pFirstGreater, 1 - p.pFirstGreater), 12);
      expect(p.pAdjusted).toBeGreaterThanOrEqual(p.p);
    }
  });

  it('the same seed gives the same comparison, whatever --threads says', () => {
    const again = json([
      'fixtures/sample.csv',
      '--segment-by',
      'segment',
      '--bootstrap',
      '300',
      '--seed',
      '5',
      '--threads',
      '3',
    ]);
    const single = json([
      'fixtures/sample.csv',
      '--segment-by',
      'segment',
      '--bootstrap',
      '300',
      '--seed',
      '5',
      '--threads',
      '1',
    ]);
    expect(again.segments?.multigroup).toEqual(mga);
    expect(single.segments?.multigroup).toEqual(mga);
    const other = json([
      'fixtures/sample.csv',
      '--segment-by',
      'segment',
      '--bootstrap',
      '300',
      '--seed',
      '6',
    ]);
    expect(other.segments?.multigroup?.paths.map((p) => p.pFirstGreater)).not.toEqual(
      mga?.paths.map((p) => p.pFirstGreater),
    );
  });

  it(
    'no comparison without a bootstrap or with more than two segments; ' +
      'the text report lists the paths',
    () => {
      expect(
        json(['fixtures/sample.csv', '--segment-by', 'segment', '--bootstrap', '0']).segments
          ?.multigroup,
      ).toBeUndefined();
      expect(
        json(['fixtures/sample.csv', '--segment-by', 'tier', '--bootstrap', '100']).segments
          ?.multigroup,
      ).toBeUndefined();
      const text = servqual([
        'analyze',
        'fixtures/sample.csv',
        '--segment-by',
        'segment',
        '--bootstrap',
        '100',
      ]);
      expect(text.stdout).toContain(
        'Paths compared between segments (PLS-MGA, Henseler 2009; 100 resamples each):',
      );
      const html = servqual([
        'analyze',
        'fixtures/sample.csv',
        '--segment-by',
        'segment',
        '--bootstrap',
        '100',
        '--format',
        'html',
      ]);
      expect(html.stdout).toContain(
        '<h2>Segments (segment): survival rank and gap per attribute</h2>',
      );
      expect(html.stdout).toContain('<li class="sub">SQ → RQ: business ');
      expect(text.stdout).toMatch(
        new RegExp(
          / {2}SQ → RQ: business [−-]?\d\.\d\d · retail [−-]?\d\.\d\d, /.source +
            /difference .+, p = [\d.<]+, p \(Holm\) = /.source,
        ),
      );
    },
  );

  it('an unknown segment column: exit 2 with the closest name', () => {
    const r = servqual(['analyze', 'fixtures/sample.csv', '--segment-by', 'segmnt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--segment-by segmnt: no such column — did you mean "segment"?');
  });
});
