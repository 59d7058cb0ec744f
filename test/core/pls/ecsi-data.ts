import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseInstrument } from '../../../src/core/instrument/parse-instrument.js';
import { plsModel, type PlsModel } from '../../../src/core/pls/model.js';
import type { PlsStructure } from '../../../src/core/pls/structure.js';
import { readFixture } from '../../helpers.js';

/**
 * The ECSI mobi data (test/reference/ecsi/ecsi_mobi.csv) as a PLS structure and correlation matrix.
 */
export const ecsiFile = (name: string): string =>
  fileURLToPath(new URL(`../../reference/ecsi/${name}`, import.meta.url));
const lines = readFileSync(ecsiFile('ecsi_mobi.csv'), 'utf8').trim().split(/\r?\n/);
const header = (lines[0] as string).split(',').map((h) => h.replace(/"/g, ''));
const rows = lines.slice(1).map((l) => l.split(',').map(Number));

/** The ECSI model of fixtures/ecsi-instrument.json (the same 24 items, 7 constructs, 12 paths). */
export const ecsiModel = plsModel(
  parseInstrument(JSON.parse(readFixture('ecsi-instrument.json'))).instrument!,
).model as PlsModel;

/** The 250 respondents' values of `model`'s items, in the model's item order. */
export function ecsiValues(model: PlsModel = ecsiModel): number[][] {
  const cols = model.items.map((it) => header.indexOf(it.id));
  return rows.map((row) => cols.map((c) => row[c] as number));
}
const BLOCKS: Record<string, string[]> = {
  IMAG: ['IMAG1', 'IMAG2', 'IMAG3', 'IMAG4', 'IMAG5'],
  EXPE: ['CUEX1', 'CUEX2', 'CUEX3'],
  QUAL: ['PERQ1', 'PERQ2', 'PERQ3', 'PERQ4', 'PERQ5', 'PERQ6', 'PERQ7'],
  VAL: ['PERV1', 'PERV2'],
  SAT: ['CUSA1', 'CUSA2', 'CUSA3'],
  COM: ['CUSCO'],
  LOY: ['CUSL1', 'CUSL2', 'CUSL3'],
};
export const constructs = Object.keys(BLOCKS);
export const items = constructs.flatMap((c) => BLOCKS[c] as string[]);
/** The 12 ECSI paths, in the reference JSON's order. */
const PATHS: Array<[string, string]> = [
  ['IMAG', 'EXPE'],
  ['IMAG', 'SAT'],
  ['IMAG', 'LOY'],
  ['EXPE', 'QUAL'],
  ['EXPE', 'VAL'],
  ['EXPE', 'SAT'],
  ['QUAL', 'VAL'],
  ['QUAL', 'SAT'],
  ['VAL', 'SAT'],
  ['SAT', 'COM'],
  ['SAT', 'LOY'],
  ['COM', 'LOY'],
];

/** Pearson correlations of the ECSI items (divisor cancels), computed here from the CSV. */
export function ecsiCorrelation(): Float64Array {
  const p = items.length;
  const n = rows.length;
  const cols = items.map((id) => rows.map((row) => row[header.indexOf(id)] as number));
  const z = cols.map((x) => {
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    return x.map((v) => (v - mean) / sd);
  });
  const r = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (z[a]?.[i] as number) * (z[b]?.[i] as number);
      r[a * p + b] = s / (n - 1);
    }
  return r;
}

export function ecsiStructure(modes?: Array<'A' | 'B'>): PlsStructure {
  let offset = 0;
  return {
    constructs,
    items,
    blocks: constructs.map((c) => (BLOCKS[c] as string[]).map(() => offset++)),
    paths: PATHS.map(([a, b]) => [constructs.indexOf(a), constructs.indexOf(b)]),
    ...(modes === undefined ? {} : { modes }),
  };
}
