import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER_KEYS } from '../../src/render/csv-headers.js';
import { servqual } from '../cli/run.js';

/** The header row of a CSV report (a BOM-less UTF-8 string from the real binary). */
const headerOf = (args: readonly string[]): string[] => {
  const r = servqual([...args, '--format', 'csv']);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return (parse(r.stdout, { to_line: 1 }) as string[][])[0] ?? [];
};

describe('CSV headers come from the catalogue, in both languages', () => {
  const tables: Array<readonly string[]> = [
    ['analyze', 'fixtures/loyalty.csv', '--bootstrap', '50'],
    ['analyze', 'fixtures/loyalty.csv', '--no-paths', '--csv-table', 'survival'],
    ['analyze', 'fixtures/loyalty.csv', '--no-paths', '--csv-table', 'typology'],
    ['analyze', 'fixtures/loyalty.csv', '--no-paths', '--csv-table', 'asymmetry'],
    ['analyze', 'fixtures/loyalty.csv', '--no-paths', '--csv-table', 'complaints'],
    ['compare', 'fixtures/sample.csv', 'fixtures/sample.csv', '--no-color'],
  ];
  it('every English header is a catalogue key, and in Chinese none is left in English', () => {
    for (const args of tables) {
      const en = headerOf(args);
      const zh = headerOf([...args, '--lang', 'zh']);
      expect(en.length, args.join(' ')).toBeGreaterThan(3);
      expect(zh).toHaveLength(en.length);
      for (const [i, key] of en.entries()) {
        expect(CSV_HEADER_KEYS, `${args.join(' ')}: ${key}`).toContain(key);
        expect(zh[i], `${args.join(' ')}: ${key}`).not.toBe(key);
        expect(zh[i]).not.toMatch(/^[a-z_]+$/);
      }
    }
  });
});
