import { olsFromCrossProducts, type OlsCoefficient, type OlsFit } from '../stats/ols.js';
import { PenaltyRewardTally } from './penalty-reward-tally.js';
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

/** `penaltyRewardFromTally` for data in memory (respondents' targets and ratings as columns). */
export function penaltyRewardContrast(input: PenaltyRewardInput): AsymmetryReport {
  const tally = new PenaltyRewardTally(input.attributes.length, input.scale);
  const ratings = new Float64Array(input.attributes.length);
  for (let i = 0; i < input.target.length; i++) {
    input.attributes.forEach((a, j) => {
      ratings[j] = a.ratings[i] as number;
    });
    tally.add(input.target[i] as number, ratings);
  }
  return penaltyRewardFromTally(tally, {
    ids: input.attributes.map((a) => a.id),
    targetId: input.targetId,
    group: input.group,
  });
}

/**
 * Penalty–reward contrast analysis (Brandt 1987; Mikulić & Prebežac 2008, Managing Service Quality
 * 18(6), 559–576) from accumulated cross-products (`PenaltyRewardTally`).
 *
 * Dummies per attribute from its performance rating x: low = [x ≤ min + ¼(max − min)],
 * high = [x ≥ max − ¼(max − min)], the middle the reference (1–7: low 1–2, high 6–7).
 * The target is regressed by OLS (`olsFromCrossProducts`, as R's `summary(lm())`) on all
 * attributes' dummies jointly, over respondents who rated every attribute and have the target. When
 * n < 10 × regressors (2 per attribute), a dummy never (or always) occurs there, or X'X is
 * singular: one regression per attribute, target ~ low + high, over the respondents who rated it (a
 * dummy that never or always occurs among them is left out, its index null) — `method` and `reason`
 * say so.
 *
 * RI = β_high; PI = −β_low (its t is −t_low, same SE and p); RoI = RI + PI; SGP = RI/RoI,
 * DGP = PI/RoI; IA = SGP − DGP; class from `classifyImpact`.
 */
export function penaltyRewardFromTally(
  tally: PenaltyRewardTally,
  meta: { readonly ids: readonly string[]; readonly targetId: string; readonly group: string },
): AsymmetryReport {
  const k = tally.k;
  const p = 2 * k + 1;
  const n = tally.n;
  const jointCount = (c: number): number => tally.xtx[c * p + c] as number;
  const varies = (sum: number, of: number): boolean => sum > 0 && sum < of;
  let reason: AsymmetryReport['reason'] = null;
  let fit: OlsFit | null = null;
  if (n < 10 * 2 * k) reason = 'few-respondents';
  else if (!Array.from({ length: 2 * k }, (_, c) => varies(jointCount(c + 1), n)).every(Boolean))
    reason = 'empty-dummy';
  else {
    fit = olsFromCrossProducts({ xtx: tally.xtx, xty: tally.xty, yty: tally.yty, n });
    if (fit === null) reason = 'collinear';
  }
  const base = {
    target: meta.targetId,
    group: meta.group,
    n,
    regressors: 2 * k,
    lowCut: tally.lowCut,
    highCut: tally.highCut,
  };
  if (fit !== null) {
    const coefficients = fit.coefficients;
    const rows = meta.ids.map((id, j) =>
      row(
        id,
        n,
        jointCount(1 + 2 * j),
        jointCount(2 + 2 * j),
        coefficients[1 + 2 * j] ?? null,
        coefficients[2 + 2 * j] ?? null,
      ),
    );
    return { ...base, method: 'joint', reason: null, rSquared: fit.rSquared, rows };
  }
  const rows = meta.ids.map((id, j) => {
    const s = tally.single;
    const at = 7 * j;
    const [m, low, high, sy, syy, sly, shy] = [0, 1, 2, 3, 4, 5, 6].map(
      (o) => s[at + o] as number,
    ) as [number, number, number, number, number, number, number];
    const useLow = varies(low, m);
    const useHigh = varies(high, m);
    // X = [1, low?, high?]: low·high = 0, low² = low, high² = high.
    const cols = [...(useLow ? ['low'] : []), ...(useHigh ? ['high'] : [])];
    const sum = { low, high };
    const ysum = { low: sly, high: shy };
    const q = cols.length + 1;
    const xtx = new Float64Array(q * q);
    const xty = new Float64Array(q);
    xtx[0] = m;
    xty[0] = sy;
    cols.forEach((c, a) => {
      const v = sum[c as 'low' | 'high'];
      xtx[a + 1] = v;
      xtx[(a + 1) * q] = v;
      xtx[(a + 1) * q + a + 1] = v;
      xty[a + 1] = ysum[c as 'low' | 'high'];
    });
    const f = cols.length === 0 ? null : olsFromCrossProducts({ xtx, xty, yty: syy, n: m });
    const lowCoefficient = f !== null && useLow ? (f.coefficients[1] ?? null) : null;
    const highCoefficient = f !== null && useHigh ? (f.coefficients[useLow ? 2 : 1] ?? null) : null;
    return row(id, m, low, high, lowCoefficient, highCoefficient);
  });
  return { ...base, method: 'per-attribute', reason, rSquared: null, rows };
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
