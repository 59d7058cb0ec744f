import { holm } from '../stats/holm.js';
import { pairedTTest } from '../stats/paired-t-test.js';
import { welchTTest } from '../stats/welch-t-test.js';
import type { ScoreLayout } from '../gaps/score-respondent.js';

/**
 * One wave: each respondent's score vector (see `createRespondentScorer`) and, when present, ids.
 */
export interface Wave {
  readonly file: string;
  readonly ids: ReadonlyArray<string> | null;
  readonly scores: ReadonlyArray<Float64Array>;
}

export type Measure = 'performance' | 'gap';

export interface ChangeRow {
  readonly id: string;
  readonly level: 'attribute' | 'construct';
  readonly measure: Measure;
  readonly before: { readonly n: number; readonly mean: number };
  readonly after: { readonly n: number; readonly mean: number };
  /**
   * after − before, with its test (Welch for independent waves, paired t for matched respondents).
   */
  readonly delta: {
    readonly estimate: number;
    readonly se: number;
    readonly t: number;
    readonly df: number;
    readonly p: number;
    readonly pAdjusted: number;
    readonly ci: readonly [number, number];
    readonly n: number;
  };
}

export interface CompareReport {
  readonly meta: {
    readonly before: string;
    readonly after: string;
    readonly design: 'paired' | 'independent';
    readonly matched: number;
    /**
     * Distinct respondent ids in each wave and in both (null when a wave has no id column): why
     * waves with some ids in common are still independent (pairing needs the same set).
     */
    readonly ids: {
      readonly before: number;
      readonly after: number;
      readonly shared: number;
    } | null;
    readonly instrument: string;
    readonly version: string;
  };
  readonly rows: readonly ChangeRow[];
  /** Attributes whose gap improved most / deteriorated most (change in gap, largest first). */
  readonly improvements: readonly ChangeRow[];
  readonly deteriorations: readonly ChangeRow[];
}

/**
 * Compares two survey waves attribute by attribute and construct by construct: the change in
 * performance and in gap (after − before).
 *
 * Design: when both files carry respondent ids and the same respondents answered both waves (the
 * same set of ids, each once), the waves are paired by id and each change is a paired t-test on the
 * per-respondent differences, its before and after the means of the respondents rated in both
 * waves (so the change is after − before); otherwise the waves are independent samples and each
 * change is Welch's t-test (unequal variances). The report says which. Holm's adjustment runs
 * across the attributes (and across the constructs) for each measure. Improvements and
 * deteriorations rank attributes by the change in gap.
 */
export function compareWaves(
  layout: ScoreLayout,
  attributeCount: number,
  before: Wave,
  after: Wave,
  meta: { readonly instrument: string; readonly version: string },
): CompareReport {
  const paired = matchIds(before, after);
  const rows: Array<Omit<ChangeRow, 'delta'> & { delta: Omit<ChangeRow['delta'], 'pAdjusted'> }> =
    [];
  layout.ids.forEach((id, k) => {
    for (const measure of ['performance', 'gap'] as const) {
      const at = 2 * k + (measure === 'gap' ? 1 : 0);
      const level = k < attributeCount ? 'attribute' : 'construct';
      if (paired !== null) {
        // Before and after over the same respondents as the change: those rated in both waves
        // (so Δ = after − before, up to rounding).
        const d: number[] = [];
        const xs: number[] = [];
        const ys: number[] = [];
        for (const [i, j] of paired) {
          const x = before.scores[i]?.[at] as number;
          const y = after.scores[j]?.[at] as number;
          if (x === x && y === y) {
            d.push(y - x);
            xs.push(x);
            ys.push(y);
          }
        }
        const s = summary(d);
        const test = pairedTTest(s);
        rows.push({
          id,
          level,
          measure,
          before: mean(xs.sort((p, q) => p - q)),
          after: mean(ys.sort((p, q) => p - q)),
          delta: {
            estimate: test.mean,
            se: test.se,
            t: test.t,
            df: test.df,
            p: test.p,
            ci: test.ci,
            n: s.n,
          },
        });
      } else {
        const b = values(before.scores, at);
        const a = values(after.scores, at);
        const test = welchTTest(summary(b), summary(a));
        rows.push({
          id,
          level,
          measure,
          before: mean(b),
          after: mean(a),
          delta: { ...test, n: b.length + a.length },
        });
      }
    }
  });
  // No empty rows: a measure no wave has (a construct without a gap, e.g. an outcome) is left out.
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i] as (typeof rows)[number];
    if (r.before.n === 0 && r.after.n === 0) rows.splice(i, 1);
  }
  const adjusted = new Array<number>(rows.length).fill(Number.NaN);
  for (const level of ['attribute', 'construct'] as const) {
    for (const measure of ['performance', 'gap'] as const) {
      const members = rows
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => r.level === level && r.measure === measure);
      holm(members.map(({ r }) => r.delta.p)).forEach(
        (p, x) => (adjusted[members[x]?.i as number] = p),
      );
    }
  }
  const full: ChangeRow[] = rows.map((r, i) => ({
    ...r,
    delta: { ...r.delta, pAdjusted: adjusted[i] as number },
  }));
  const gaps = full.filter(
    (r) => r.level === 'attribute' && r.measure === 'gap' && Number.isFinite(r.delta.estimate),
  );
  return {
    meta: {
      before: before.file,
      after: after.file,
      design: paired === null ? 'independent' : 'paired',
      matched: paired?.length ?? 0,
      ids: idCounts(before, after),
      instrument: meta.instrument,
      version: meta.version,
    },
    rows: full,
    improvements: gaps
      .filter((r) => r.delta.estimate > 0)
      .sort((x, y) => y.delta.estimate - x.delta.estimate || (x.id < y.id ? -1 : 1)),
    deteriorations: gaps
      .filter((r) => r.delta.estimate < 0)
      .sort((x, y) => x.delta.estimate - y.delta.estimate || (x.id < y.id ? -1 : 1)),
  };
}

/** Index pairs [before, after] when both waves hold the same ids, each once; else null. */
function matchIds(before: Wave, after: Wave): Array<[number, number]> | null {
  if (before.ids === null || after.ids === null || before.ids.length !== after.ids.length)
    return null;
  const position = new Map<string, number>();
  for (const [i, id] of after.ids.entries()) {
    if (id === '' || position.has(id)) return null;
    position.set(id, i);
  }
  const pairs: Array<[number, number]> = [];
  const seen = new Set<string>();
  for (const [i, id] of before.ids.entries()) {
    const j = position.get(id);
    if (j === undefined || seen.has(id)) return null;
    seen.add(id);
    pairs.push([i, j]);
  }
  // Sorted by id so that the result does not depend on the order of the rows.
  return pairs.sort((x, y) =>
    (before.ids?.[x[0]] as string) < (before.ids?.[y[0]] as string) ? -1 : 1,
  );
}

function values(scores: ReadonlyArray<Float64Array>, at: number): number[] {
  const out: number[] = [];
  for (const s of scores) {
    const v = s[at] as number;
    if (v === v) out.push(v);
  }
  return out.sort((a, b) => a - b); // summed in value order: independent of row order
}

function summary(xs: readonly number[]): { n: number; mean: number; sd: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, x) => s + x, 0) / n;
  const ss = sorted.reduce((s, x) => s + (x - mean) * (x - mean), 0);
  return { n, mean, sd: Math.sqrt(ss / (n - 1)) };
}

function mean(xs: readonly number[]): { n: number; mean: number } {
  return {
    n: xs.length,
    mean: xs.length === 0 ? Number.NaN : xs.reduce((s, x) => s + x, 0) / xs.length,
  };
}

/** Distinct non-empty respondent ids of each wave and of both; null when a wave has none. */
function idCounts(
  before: Wave,
  after: Wave,
): { before: number; after: number; shared: number } | null {
  if (before.ids === null || after.ids === null) return null;
  const first = new Set(before.ids.filter((id) => id !== ''));
  const second = new Set(after.ids.filter((id) => id !== ''));
  let shared = 0;
  for (const id of first) if (second.has(id)) shared++;
  return { before: first.size, after: second.size, shared };
}
