import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT_SOURCE } from '../../src/core/instrument/default-instrument.js';
import { fixture, ROOT } from '../helpers.js';
import { violations } from './contract.js';
import { generatedTable, mutateCsv, mutateInstrument, Rng } from './mutate.js';
import { type FuzzCase, materialize, runInProcess, runSpawned } from './run-case.js';

/**
 * The fuzzer (issue 15): hostile inputs made from the fixtures and by fast-check generators, run
 * through analyze, validate, map --init and compare, each checked against the contract in
 * contract.ts. In CI: FUZZ_CASES (default 2000) cases from FUZZ_SEED (default 15), most in this
 * process and one in SPAWN_EVERY (default 50) also as a spawned process of the real binary
 * (build first). Longer runs: `FUZZ_CASES=20000 npm run fuzz`. Every failing case is saved under
 * fixtures/fuzz/<id>/ (its files and case.json) and replayed by the second test on every run.
 */
const CASES = Number(process.env['FUZZ_CASES'] ?? 2000);
const SEED = Number(process.env['FUZZ_SEED'] ?? 15);
const SPAWN_EVERY = Number(process.env['FUZZ_SPAWN_EVERY'] ?? 50);
const REGRESSIONS = join(ROOT, 'fixtures', 'fuzz');

interface Base {
  readonly csv: Buffer;
  readonly instrument: string | null;
}

const read = (path: string): Buffer => readFileSync(path);
const head = (b: Buffer, lines: number): Buffer =>
  Buffer.from(`${b.toString('utf8').split('\n').slice(0, lines).join('\n')}\n`, 'utf8');
const tiny = readFileSync(fixture('tiny-instrument.json'), 'utf8');

const BASES: readonly Base[] = [
  { csv: read(fixture('tiny.csv')), instrument: tiny },
  { csv: read(fixture('tiny-weighted.csv')), instrument: tiny },
  { csv: read(fixture('tiny-zot.csv')), instrument: tiny },
  { csv: head(read(fixture('sample.csv')), 41), instrument: null },
  ...['qualtrics', 'surveymonkey', 'googleforms', 'wjx-text', 'wjx-coded', 'limesurvey'].map(
    (name) => ({ csv: read(fixture(`exports/${name}.csv`)), instrument: null }),
  ),
  {
    csv: head(read(join(ROOT, 'test/reference/ecsi/ecsi_mobi.csv')), 60),
    instrument: readFileSync(fixture('ecsi-instrument.json'), 'utf8'),
  },
];
const DEFAULT_SOURCE = JSON.stringify(DEFAULT_INSTRUMENT_SOURCE);

/** Case number `index` of the run with `seed`: the same pair always gives the same case. */
function makeCase(seed: number, index: number): FuzzCase {
  const rng = new Rng((seed * 0x9e3779b1) ^ (index * 0x85ebca6b));
  // The small files most often (fast; every renderer reached), the exports and ECSI data the rest.
  const base = rng.chance(0.6) ? rng.pick(BASES.slice(0, 3)) : rng.pick(BASES);
  const files: Record<string, Buffer> = {};
  const applied: string[] = [];
  const kind = rng.int(10);
  let csv = base.csv;
  let instrument: Buffer | null = base.instrument === null ? null : Buffer.from(base.instrument);
  if (kind < 5 || kind === 9) {
    const m = mutateCsv(csv, rng);
    csv = m.data;
    applied.push(...m.applied);
  } else if (kind < 7) {
    const header = csv.toString('utf8').split(/\r?\n/, 1)[0]?.split(',') ?? [];
    csv = generatedTable(header, rng.next());
    applied.push('fast-check-table');
  }
  if (kind === 7 || kind === 8 || kind === 9) {
    const m = mutateInstrument(base.instrument ?? DEFAULT_SOURCE, rng);
    instrument = m.data;
    applied.push(...m.applied);
  }
  files['data.csv'] = csv;
  const withInstrument: string[] = [];
  if (instrument !== null) {
    files['instrument.json'] = instrument;
    withInstrument.push('--instrument', '{instrument.json}');
  }
  const command = rng.pick([
    'analyze',
    'analyze',
    'analyze',
    'validate',
    'map',
    'compare',
  ] as const);
  switch (command) {
    case 'analyze': {
      const format = rng.pick(['text', 'json', 'markdown', 'csv', 'html'] as const);
      const failOn = rng.chance(0.2);
      const args = ['analyze', '{data.csv}', ...withInstrument, '--threads', '1'];
      args.push('--format', format, '--bootstrap', rng.chance(0.15) ? '20' : '0');
      if (rng.chance(0.2))
        args.push('--segment-by', rng.pick(['segment', 'tier', 'id', '__proto__']));
      if (rng.chance(0.2)) args.push('--lenient');
      if (rng.chance(0.2)) args.push('--lang', 'zh');
      if (failOn) args.push('--fail-on', rng.pick(['gap < -1', 'r2(RQ) < 0.9', 'gap(s1) < 0']));
      return { command, format, failOn, files, args, applied };
    }
    case 'validate': {
      const json = rng.chance(0.5);
      const args = ['validate', '{data.csv}', ...withInstrument];
      if (json) args.push('--format', 'json');
      if (rng.chance(0.2)) args.push('--lenient');
      return { command, format: json ? 'json' : 'none', failOn: false, files, args, applied };
    }
    case 'map':
      return {
        command,
        format: 'json',
        failOn: false,
        files,
        args: ['map', '--init', '{data.csv}', ...withInstrument],
        applied,
      };
    case 'compare': {
      const second = mutateCsv(base.csv, rng);
      files['after.csv'] = second.data;
      const format = rng.pick(['text', 'json', 'markdown', 'csv'] as const);
      const args = ['compare', '{data.csv}', '{after.csv}', ...withInstrument, '--format', format];
      return {
        command,
        format,
        failOn: false,
        files,
        args,
        applied: [...applied, ...second.applied.map((a) => `after:${a}`)],
      };
    }
  }
}

/** Keeps a failing case as a regression fixture: its files and case.json, named by a hash. */
function saveRegression(c: FuzzCase, broken: readonly string[], origin: string): string {
  const hash = createHash('sha256');
  for (const [name, data] of Object.entries(c.files)) hash.update(name).update(data);
  hash.update(c.args.join('\u0000'));
  const id = `${c.command}-${hash.digest('hex').slice(0, 10)}`;
  const dir = join(REGRESSIONS, id);
  materialize(c, dir);
  const { files, ...shape } = c;
  const record = { ...shape, files: Object.keys(files), origin, violations: broken };
  writeFileSync(join(dir, 'case.json'), `${JSON.stringify(record, null, 2)}\n`);
  return id;
}

function loadRegression(dir: string): FuzzCase {
  const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Omit<
    FuzzCase,
    'files'
  > & { files: string[] };
  const files: Record<string, Buffer> = {};
  for (const name of meta.files) files[name] = readFileSync(join(dir, name));
  return { ...meta, files };
}

const work = mkdtempSync(join(tmpdir(), 'servqual-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fuzzer: hostile inputs keep the exit-code, output and safe-text contract', () => {
  it(`${CASES} cases from seed ${SEED} (one in ${SPAWN_EVERY} also as a process)`, async () => {
    const started = performance.now();
    const byCode = new Map<string, number>();
    const failures: string[] = [];
    let spawned = 0;
    const slowest: Array<{ ms: number; what: string }> = [];
    for (let index = 0; index < CASES; index++) {
      const c = makeCase(SEED, index);
      const args = materialize(c, join(work, 'case'));
      const t0 = performance.now();
      const runs = [{ how: 'in-process', run: await runInProcess(args) }];
      slowest.push({
        ms: performance.now() - t0,
        what: `${index} ${c.command} ${c.format} ${c.applied.join('+')}`,
      });
      if (slowest.length > 20) slowest.sort((a, b) => b.ms - a.ms).pop();
      if (SPAWN_EVERY > 0 && index % SPAWN_EVERY === 0) {
        runs.push({ how: 'spawned', run: runSpawned(args) });
        spawned++;
      }
      for (const { how, run } of runs) {
        const key = `${how} ${run.code ?? 'signal'}`;
        byCode.set(key, (byCode.get(key) ?? 0) + 1);
        const broken = violations(run, c);
        if (broken.length > 0) {
          const id = saveRegression(c, broken, `seed ${SEED} case ${index} (${how})`);
          failures.push(`${id}: ${broken.join('; ')}\n  ${run.stderr.split('\n')[0] ?? ''}`);
        }
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const counts = [...byCode].sort().map(([k, n]) => `${k}: ${n}`);
    console.log(
      `fuzz: ${CASES} cases (${spawned} also spawned) in ${seconds} s; ` +
        `exit codes: ${counts.join(', ')}`,
    );
    if (process.env['FUZZ_PROFILE'] !== undefined)
      for (const { ms, what } of slowest.sort((a, b) => b.ms - a.ms).slice(0, 12))
        console.log(`${ms.toFixed(0)} ms: case ${what}`);
    expect(failures).toEqual([]);
  }, 900_000);

  it('replays every saved failure (fixtures/fuzz/*) and it keeps the contract now', async () => {
    const dirs = existsSync(REGRESSIONS)
      ? readdirSync(REGRESSIONS, { withFileTypes: true }).filter((d) => d.isDirectory())
      : [];
    expect(dirs.length).toBeGreaterThan(0);
    const still: string[] = [];
    for (const d of dirs) {
      const c = loadRegression(join(REGRESSIONS, d.name));
      const run = await runInProcess(materialize(c, join(work, `replay-${d.name}`)));
      const broken = violations(run, c);
      if (broken.length > 0) still.push(`${d.name}: ${broken.join('; ')}`);
    }
    expect(still).toEqual([]);
  }, 300_000);
});
