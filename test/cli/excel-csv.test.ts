import { describe, expect, it } from 'vitest';
import { servqual } from './run.js';

// --bom: the same CSV, with a UTF-8 byte-order mark first and CRLF line ends (what Excel on
// Windows needs to read UTF-8 — e.g. Chinese labels — instead of the ANSI code page).
const BOM = '\uFEFF';
const excel = (plain: string): string => BOM + plain.replace(/\n/g, '\r\n');

describe('--bom on every CSV output (the real binary)', () => {
  it('analyze --format csv (both tables, Chinese labels)', () => {
    for (const table of ['attributes', 'survival']) {
      const args = [
        'analyze',
        'fixtures/tiny.csv',
        '--instrument',
        'fixtures/tiny-instrument.json',
        '--format',
        'csv',
        '--csv-table',
        table,
        '--lang',
        'zh',
      ];
      const plain = servqual(args);
      const bom = servqual([...args, '--bom']);
      expect(plain.status).toBe(0);
      expect(bom.status).toBe(0);
      expect(plain.stdout.startsWith(BOM)).toBe(false);
      expect(bom.stdout).toBe(excel(plain.stdout));
    }
  });

  it('compare --format csv and simulate', () => {
    const c = ['compare', 'fixtures/exports/truth.csv', 'fixtures/sample.csv', '--format', 'csv'];
    expect(servqual([...c, '--bom']).stdout).toBe(excel(servqual(c).stdout));
    const s = ['simulate', '--n', '5', '--seed', '4'];
    expect(servqual([...s, '--bom']).stdout).toBe(excel(servqual(s).stdout));
  });

  it('a CSV written with --bom reads back as the same data', () => {
    const s = servqual(['simulate', '--n', '60', '--seed', '4', '--bom']);
    const plain = servqual(['simulate', '--n', '60', '--seed', '4']);
    const a = servqual(['analyze', '-', '--format', 'json', '--bootstrap', '0'], {
      input: s.stdout,
    });
    const b = servqual(['analyze', '-', '--format', 'json', '--bootstrap', '0'], {
      input: plain.stdout,
    });
    expect(a.status, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).attributes).toEqual(JSON.parse(b.stdout).attributes);
  });
});
