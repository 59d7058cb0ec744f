import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report/build-report.js';
import type * as IngestModule from '../../src/io/ingest-file.js';
import { readCsv } from '../../src/io/read-csv.js';
import { defaultInstrument, fixture } from '../helpers.js';

describe('ingestFile', () => {
  const inWorker =
    'scoring in a worker thread gives the same report, bit for bit, as scoring inline';
  it(inWorker, async () => {
    // The worker runs compiled code, so this test uses the build in dist/ (`npm test` builds
    // first).
    const dist = '../../dist/io/ingest-file.js';
    const { ingestFile } = (await import(dist)) as typeof IngestModule;
    const instrument = defaultInstrument();
    const reports = await Promise.all(
      (['inline', 'worker'] as const).map(async (scoring) => {
        const { result, log } = await ingestFile(fixture('sample.csv'), instrument, {
          lenient: false,
          scoring,
        });
        if (result === null) throw new Error('no result');
        return buildReport(instrument, result.plan, result.tallies, log, {
          file: 'x',
          version: 't',
          crosshair: 'mean',
          rankBy: 'priority',
          lenientCells: 0,
        });
      }),
    );
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[0]?.meta.respondents).toBe(300);
  });
  const weightInWorker =
    "with --weight-by, the worker carries each row's weight: the same weighted report as inline";
  it(weightInWorker, async () => {
    const dist = '../../dist/io/ingest-file.js';
    const { ingestFile } = (await import(dist)) as typeof IngestModule;
    const instrument = defaultInstrument();
    const lines = readFileSync(fixture('sample.csv'), 'utf8').trim().split('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'servqual-weights-')), 'weighted.csv');
    writeFileSync(
      file,
      lines.map((l, i) => `${l},${i === 0 ? 'value' : ((i * 7) % 5) * 0.75}`).join('\n'),
    );
    const reports = await Promise.all(
      (['inline', 'worker'] as const).map(async (scoring) => {
        const { result, log } = await ingestFile(file, instrument, {
          lenient: false,
          scoring,
          weightBy: 'value',
        });
        if (result === null) throw new Error('no result');
        return buildReport(instrument, result.plan, result.tallies, log, {
          file: 'x',
          version: 't',
          crosshair: 'mean',
          rankBy: 'priority',
          lenientCells: 0,
        });
      }),
    );
    expect(reports[1]).toEqual(reports[0]);
    // Weights (i·7 mod 5)·0.75 are 0 for every fifth respondent: 60 of 300 weigh 0.
    expect(reports[0]?.meta.weight).toMatchObject({ column: 'value', zero: 60 });
    expect(reports[0]?.attributes[0]?.gap?.effectiveN).toBeGreaterThan(0);
  });
  const sameRecords =
    "the split of a file without quotes, csv-parse's core and its documented on_record route " +
    'see the same records and lines';
  it(sameRecords, async () => {
    const collect = async (route: 'auto' | 'parser' | 'documented') => {
      const seen: Array<[number, string]> = [];
      await readCsv(
        fixture('sample.csv'),
        { header: () => {}, record: (fields, line) => seen.push([line, fields.join('|')]) },
        { route },
      );
      return seen;
    };
    const [split, core, documented] = await Promise.all([
      collect('auto'),
      collect('parser'),
      collect('documented'),
    ]);
    expect(split).toHaveLength(300);
    expect(core).toEqual(split);
    expect(documented).toEqual(split);
  });
});
