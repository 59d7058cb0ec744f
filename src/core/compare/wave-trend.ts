import { holm } from '../stats/holm.js';
import { tQuantile, tTwoSidedP } from '../stats/student-t.js';
import type { ScoreLayout } from '../gaps/score-respondent.js';
import type { Measure, Wave } from './compare-waves.js';

/**
 * The linear trend of one attribute's (or construct's) performance or gap across three or more
 * waves.
 */
export interface TrendRow {
  readonly id: string;
  readonly level: 'attribute' | 'construct';
  readonly measure: Measure;
  /** Mean per wave, in wave order (NaN when the wave has no value). */
  readonly means: ReadonlyArray<{ readonly n: number; readonly mean: number }>;
  /** Change per wave: the OLS slope of the respondents' scores on the wave number (0, 1, 2 …). */
  readonly slope: {
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

/**
 * The trend per attribute and construct across waves: every respondent's score (performance, or
 * gap) regressed on the number of the wave they answered in, x = 0, 1, …, k − 1 (simple linear
 * regression, ordinary least squares):
 *   b = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²,  s² = Σ(y − a − bx)² / (n − 2),  SE(b) = √(s² / Σ(x − x̄)²),
 *   t = b / SE(b) on n − 2 degrees of freedom, two-sided p, 95 % CI b ± t₀.₉₇₅,ₙ₋₂ · SE(b).
 * The same as R's `summary(lm(y ~ wave))` slope row and `confint`. The waves are treated as
 * independent samples (respondents who answered several waves are not matched for the trend).
 * Holm's adjustment runs across the attributes (and across the constructs) for each measure, as in
 * the pairwise comparison. Empty (NaN) rows — a construct without a gap — are left out.
 */
export function waveTrends(
  layout: ScoreLayout,
  attributeCount: number,
  waves: readonly Wave[],
): TrendRow[] {
  const rows: Array<Omit<TrendRow, 'slope'> & { slope: Omit<TrendRow['slope'], 'pAdjusted'> }> = [];
  layout.ids.forEach((id, k) => {
    for (const measure of ['performance', 'gap'] as const) {
      const at = 2 * k + (measure === 'gap' ? 1 : 0);
      const level = k < attributeCount ? 'attribute' : 'construct';
      const xs: number[] = [];
      const ys: number[] = [];
      const means = waves.map((w, x) => {
        let sum = 0;
        let n = 0;
        for (const s of w.scores) {
          const v = s[at] as number;
          if (v !== v) continue;
          xs.push(x);
          ys.push(v);
          sum += v;
          n++;
        }
        return { n, mean: n === 0 ? Number.NaN : sum / n };
      });
      if (ys.length === 0) continue;
      rows.push({ id, level, measure, means, slope: olsSlope(xs, ys) });
    }
  });
  const adjusted = new Array<number>(rows.length).fill(Number.NaN);
  for (const level of ['attribute', 'construct'] as const)
    for (const measure of ['performance', 'gap'] as const) {
      const members = rows
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => r.level === level && r.measure === measure);
      holm(members.map(({ r }) => r.slope.p)).forEach(
        (p, x) => (adjusted[members[x]?.i as number] = p),
      );
    }
  return rows.map((r, i) => ({ ...r, slope: { ...r.slope, pAdjusted: adjusted[i] as number } }));
}

/** The OLS slope of y on x with its t-test and 95 % CI (see `waveTrends`). */
export function olsSlope(
  xs: readonly number[],
  ys: readonly number[],
): Omit<TrendRow['slope'], 'pAdjusted'> {
  const n = ys.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - my);
  }
  const b = sxy / sxx;
  const a = my - b * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const e = (ys[i] as number) - a - b * (xs[i] as number);
    sse += e * e;
  }
  const df = n - 2;
  const se = Math.sqrt(sse / df / sxx);
  const t = b / se;
  const half = df > 0 ? tQuantile(0.975, df) * se : Number.NaN;
  return {
    estimate: b,
    se,
    t,
    df,
    p: df > 0 ? tTwoSidedP(t, df) : Number.NaN,
    ci: [b - half, b + half],
    n,
  };
}
