import { readFixture } from './helpers.js';

/**
 * Plain arithmetic on a plain CSV fixture (no quoted fields), written independently of src/ so
 * that CLI tests can check the report against numbers nobody copied from the program's output:
 * per attribute `X`, the respondents with both `X_imp` and `X_perf` rated, their mean importance
 * Ī, mean performance P̄, mean gap P̄ − Ī, the share who rate importance above the scale
 * midpoint, and the survival priority Ī × max(0, Ī − P̄) (README, "Survival factors").
 */
export interface HandAttribute {
  readonly id: string;
  readonly n: number;
  readonly importance: number;
  readonly performance: number;
  readonly gap: number;
  readonly importantShare: number;
  readonly priority: number;
}

export function attributesByHand(
  name: string,
  options: { scale?: { min: number; max: number }; reversed?: readonly string[] } = {},
): HandAttribute[] {
  const scale = options.scale ?? { min: 1, max: 7 };
  // Reverse-keyed performance is reflected, x' = min + max − x; importance never is (README).
  const reflect = (id: string, x: number): number =>
    options.reversed?.includes(id) === true ? scale.min + scale.max - x : x;
  const [head = '', ...rows] = readFixture(name).trim().split('\n');
  const header = head.split(',');
  const table = rows.map((r) => r.split(','));
  const midpoint = (scale.min + scale.max) / 2;
  const out: HandAttribute[] = [];
  header.forEach((column, i) => {
    if (!column.endsWith('_imp')) return;
    const id = column.slice(0, -'_imp'.length);
    const j = header.indexOf(`${id}_perf`);
    if (j < 0) return;
    let n = 0;
    let sumI = 0;
    let sumP = 0;
    let important = 0;
    for (const row of table) {
      const imp = row[i] ?? '';
      const perf = row[j] ?? '';
      if (imp === '' || perf === '') continue;
      n++;
      sumI += Number(imp);
      sumP += reflect(id, Number(perf));
      if (Number(imp) > midpoint) important++;
    }
    const importance = sumI / n;
    const performance = sumP / n;
    out.push({
      id,
      n,
      importance,
      performance,
      gap: performance - importance,
      importantShare: important / n,
      priority: importance * Math.max(0, importance - performance),
    });
  });
  return out;
}
