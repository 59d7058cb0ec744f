import { ols, type OlsCoefficient, type OlsFit } from '../stats/ols.js';
import type { AsymmetryReport, AsymmetryRow } from '../loyalty/types.js';
import { classifyImpact } from './impact-class.js';

export interface PenaltyRewardInput {
  /** The target per respondent (mean of the target construct's items); NaN = missing. */
  readonly target: ArrayLike<number>;
  /** Per attribute: its id and each respondent's performance rating (reflected), NaN = missing. */
  readonly attributes: ReadonlyArray<{ readonly id: string; readonly ratings: ArrayLike<number> }>;
  readonly scale: { readonly min: number; readonly max: number };
  readonly targetId: string;
  readonly group: string;
}

/**
 * Penalty–reward contrast analysis (Brandt 1987, Marketing News 21(1), 12; Mikulić & Prebežac
 * 2008, Managing Service Quality 18(6), 559–576).
 *
 * Dummies per attribute from its performance rating x: low = [x ≤ min + ¼(max − min)],
 * high = [x ≥ max − ¼(max − min)], the middle the reference (1–7: low 1–2, high 6–7).
 * The target is regressed by OLS (`ols`, as R's `summary(lm())`) on all attributes' dummies jointly,
 * over respondents who rated every attribute and have the target. When n < 10 × regressors (2 per
 * attribute), a dummy never (or always) occurs, or X'X is singular, one regression per attribute,
 * target ~ low + high, over the respondents who rated it — and `method`/`reason` say so.
 *
 * RI = β_high; PI = −β_low (its t is −t_low, same SE and p); RoI = RI + PI; SGP = RI/RoI,
 * DGP = PI/RoI; IA = SGP − DGP; class from `classifyImpact`.
 */
export function penaltyRewardContrast(input: PenaltyRewardInput): AsymmetryReport {
  const { min, max } = input.scale;
  const lowCut = min + (max - min) / 4;
  const highCut = max - (max - min) / 4;
  const k = input.attributes.length;
  const n = input.target.length;
  const complete: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(input.target[i] as number)) continue;
    if (input.attributes.every((a) => Number.isFinite(a.ratings[i] as number))) complete.push(i);
  }
  const dummies = (ratings: ArrayLike<number>, rows: readonly number[]) => {
    const low = new Float64Array(rows.length);
    const high = new Float64Array(rows.length);
    rows.forEach((r, j) => {
      const x = ratings[r] as number;
      low[j] = x <= lowCut ? 1 : 0;
      high[j] = x >= highCut ? 1 : 0;
    });
    return { low, high };
  };
  const varies = (xs: Float64Array): boolean => {
    const s = xs.reduce((a, b) => a + b, 0);
    return s > 0 && s < xs.length;
  };
  const y = Float64Array.from(complete, (i) => input.target[i] as number);
  const joint = input.attributes.map((a) => dummies(a.ratings, complete));
  let reason: AsymmetryReport['reason'] = null;
  let fit: OlsFit | null = null;
  if (complete.length < 10 * 2 * k) reason = 'few-respondents';
  else if (!joint.every((d) => varies(d.low) && varies(d.high))) reason = 'empty-dummy';
  else {
    fit = ols(
      y,
      joint.flatMap((d) => [d.low, d.high]),
    );
    if (fit === null) reason = 'collinear';
  }
  const base = {
    target: input.targetId,
    group: input.group,
    n: complete.length,
    regressors: 2 * k,
    lowCut,
    highCut,
  };
  if (fit !== null) {
    const coefficients = fit.coefficients;
    const rows = input.attributes.map((a, j) => {
      const d = joint[j] as { low: Float64Array; high: Float64Array };
      return row(
        a.id,
        complete.length,
        count(d.low),
        count(d.high),
        coefficients[1 + 2 * j] ?? null,
        coefficients[2 + 2 * j] ?? null,
      );
    });
    return { ...base, method: 'joint', reason: null, rSquared: fit.rSquared, rows };
  }
  const rows = input.attributes.map((a) => {
    const rated: number[] = [];
    for (let i = 0; i < n; i++)
      if (Number.isFinite(input.target[i] as number) && Number.isFinite(a.ratings[i] as number))
        rated.push(i);
    const d = dummies(a.ratings, rated);
    const yy = Float64Array.from(rated, (i) => input.target[i] as number);
    const useLow = varies(d.low);
    const useHigh = varies(d.high);
    const columns = [...(useLow ? [d.low] : []), ...(useHigh ? [d.high] : [])];
    const f = columns.length === 0 ? null : ols(yy, columns);
    const lowCoefficient = f !== null && useLow ? (f.coefficients[1] ?? null) : null;
    const highCoefficient = f !== null && useHigh ? (f.coefficients[useLow ? 2 : 1] ?? null) : null;
    return row(a.id, rated.length, count(d.low), count(d.high), lowCoefficient, highCoefficient);
  });
  return { ...base, method: 'per-attribute', reason, rSquared: null, rows };
}

function count(xs: Float64Array): number {
  return xs.reduce((a, b) => a + b, 0);
}

function row(
  id: string,
  n: number,
  low: number,
  high: number,
  lowCoefficient: OlsCoefficient | null,
  highCoefficient: OlsCoefficient | null,
): AsymmetryRow {
  const reward = highCoefficient;
  const penalty =
    lowCoefficient === null
      ? null
      : {
          estimate: -lowCoefficient.estimate,
          se: lowCoefficient.se,
          t: -lowCoefficient.t,
          p: lowCoefficient.p,
        };
  const rangeOfImpact =
    reward === null || penalty === null ? null : reward.estimate + penalty.estimate;
  const sgp = rangeOfImpact === null || reward === null ? null : reward.estimate / rangeOfImpact;
  const dgp = rangeOfImpact === null || penalty === null ? null : penalty.estimate / rangeOfImpact;
  return {
    id,
    n,
    low,
    high,
    reward,
    penalty,
    rangeOfImpact,
    sgp,
    dgp,
    asymmetry: sgp === null || dgp === null ? null : sgp - dgp,
    class: classifyImpact(reward, penalty),
  };
}
