import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { servqual } from './run.js';

// fixtures/loyalty.csv = servqual simulate --loyalty --n 600 --seed 18 --missing 0.01;
// expected numbers: test/reference/loyalty.R → test/reference/loyalty.json.
const R = JSON.parse(readFileSync(`${ROOT}test/reference/loyalty.json`, 'utf8'));
const base = ['analyze', 'fixtures/loyalty.csv', '--no-paths'];

describe('servqual analyze: loyalty analyses (the real binary)', () => {
  const json = servqual([...base, '--format', 'json']);
  const doc = JSON.parse(json.stdout);
  it('JSON: typology, asymmetry and complaints with R values and sentences', () => {
    expect(json.status).toBe(0);
    const spurious = doc.loyalty.typology.types.find(
      (t: { type: string }) => t.type === 'spurious',
    );
    expect(spurious.count).toBe(R.loyalty.typology.types[2].count);
    expect(spurious.ci[0]).toBeCloseTo(R.loyalty.typology.types[2].ci[0], 12);
    expect(doc.loyalty.typology.message).toMatch(/retained customers .* spuriously loyal/);
    expect(doc.loyalty.asymmetry.method).toBe('joint');
    expect(doc.loyalty.complaints.silentDissatisfied.count).toBe(R.loyalty.complaints.silent);
    expect(doc.loyalty.complaints.message).toMatch(/never complained/);
  });
  it('JSON: each survival factor of the SQ group carries its class and advice', () => {
    const rel1 = doc.survivalFactors.find((f: { id: string }) => f.id === 'rel1');
    const row = doc.loyalty.asymmetry.rows.find((r: { id: string }) => r.id === 'rel1');
    expect(rel1.impact.class).toBe(row.class);
    expect(rel1.impact.advice).toBe(row.advice);
    expect(doc.loyalty.asymmetry.rows.find((r: { id: string }) => r.id === 'rel1').class).toBe(
      'basic',
    );
    expect(row.advice).toBe('bring it up to standard; exceeding it earns little');
  });
  it('text, Markdown, HTML (with both charts) and CSV tables, in English and Chinese', () => {
    const text = servqual(base);
    expect(text.stdout).toContain('Loyalty typology (Dick & Basu 1994)');
    expect(text.stdout).toContain(
      '[basic] rel1 — bring it up to standard; exceeding it earns little',
    );
    const zh = servqual([...base, '--lang', 'zh']);
    expect(zh.stdout).toContain('忠诚类型');
    expect(zh.stdout).toContain('虚假忠诚');
    expect(zh.stdout).toContain('投诉与补救');
    const md = servqual([...base, '--format', 'markdown']);
    expect(md.stdout).toContain('## Meet or exceed?');
    expect(md.stdout).toMatch(/\*\*basic\*\*: bring it up to standard/);
    const html = servqual([...base, '--format', 'html']);
    expect(html.stdout).toContain('data-chart="typology"');
    expect(html.stdout).toContain('data-chart="penalty-reward"');
    const csv = servqual([...base, '--format', 'csv', '--csv-table', 'asymmetry']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^attribute,n,low,high,ri,ri_se,ri_t,ri_p,pi,/);
    expect(lines).toHaveLength(23); // header + 22 SQ attributes
    const complaints = servqual([...base, '--format', 'csv', '--csv-table', 'complaints']);
    expect(complaints.stdout).toContain(
      `silent-dissatisfied,${R.loyalty.complaints.dissatisfied},`,
    );
  });
  it('--csv-table of an analysis the report lacks: exit 2 with why, not an empty table', () => {
    // fixtures/sample.csv has no "complained" column: no complaint analysis.
    const r = servqual([
      'analyze',
      'fixtures/sample.csv',
      '--bootstrap',
      '0',
      '--format',
      'csv',
      '--csv-table',
      'complaints',
    ]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'servqual: --csv-table complaints: the report has no complaint analysis ' +
        '(the file has no "complained" column)\n',
    );
  });
  it('--fail-on share(spurious) > 0.3 and silent-dissatisfied > 0.5', () => {
    // R: spurious share 140/600 = 0.233; silent share of the dissatisfied above 0.5.
    expect(servqual([...base, '--fail-on', 'share(spurious) > 0.3']).status).toBe(0);
    expect(servqual([...base, '--fail-on', 'share(spurious) > 0.2']).status).toBe(1);
    expect(R.loyalty.complaints.silent / R.loyalty.complaints.dissatisfied).toBeGreaterThan(0.5);
    expect(servqual([...base, '--fail-on', 'silent-dissatisfied > 0.5']).status).toBe(1);
  });
  it('--patronage COLUMN with --patronage-threshold; --loyalty-split median', () => {
    const r = servqual([
      ...base,
      '--format',
      'json',
      '--patronage',
      'response_hours',
      '--patronage-threshold',
      '10',
    ]);
    const t = JSON.parse(r.stdout).loyalty.typology;
    expect(t.patronage).toMatchObject({ source: 'column', column: 'response_hours', cut: 10 });
    const m = JSON.parse(
      servqual([...base, '--format', 'json', '--loyalty-split', 'median']).stdout,
    ).loyalty.typology;
    expect(m.attitude.cut).toBeCloseTo(R.loyalty.median.attitudeCut, 12);
  });
  it('bad options: one line, exit 2', () => {
    const a = servqual([...base, '--asymmetry-target', 'satisfactoin']);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('did you mean "satisfaction"?');
    const b = servqual([...base, '--patronage', 'purchases']);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('--patronage purchases: no such column');
    expect(b.stderr).not.toMatch(/\n\s+at /);
  });
  it('an answer not understood is a warning with line and column, read as not answered', () => {
    const text = readFileSync(`${ROOT}fixtures/loyalty.csv`, 'utf8').split('\n');
    const header = (text[0] as string).split(',');
    const col = header.indexOf('complained');
    const row = (text[1] as string).split(',');
    row[col] = 'maybe';
    text[1] = row.join(',');
    const r = servqual(['analyze', '-', '--no-paths', '--format', 'json'], {
      input: text.join('\n'),
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`<stdin>:2:${col + 1}`);
    expect(r.stderr).toContain('"maybe" not understood');
    expect(JSON.parse(r.stdout).loyalty.complaints.answered).toBe(
      R.loyalty.complaints.answered - 1,
    );
  });
  it('--no-loyalty leaves the sections out', () => {
    const r = servqual([...base, '--format', 'json', '--no-loyalty']);
    expect(JSON.parse(r.stdout)).not.toHaveProperty('loyalty');
  });
});

describe('servqual simulate --loyalty', () => {
  const complaintColumns =
    'adds the complaint columns the default instrument declares; plain simulate is unchanged';
  it(complaintColumns, () => {
    const r = servqual(['simulate', '--loyalty', '--n', '3', '--seed', '1']);
    expect(r.stdout.split('\n')[0]).toMatch(/,complained,resolved,response_hours$/);
    expect(servqual(['simulate', '--n', '300', '--seed', '2026']).stdout).toBe(
      readFileSync(`${ROOT}fixtures/sample.csv`, 'utf8'),
    );
  });
});
