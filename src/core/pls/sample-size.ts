/**
 * Minimum sample sizes for PLS-SEM (Hair, Hult, Ringle & Sarstedt 2017, *A Primer on PLS-SEM*, 2nd
 * ed., §1.4 and Exhibit 1.7, after Cohen 1992): the sample needed for 80 % power at a 5 %
 * significance level to detect an R² of at least 0.10, 0.25, 0.50 or 0.75 in the endogenous
 * construct
 * with the most arrows pointing at it (2 to 10 arrows). Two cells are quoted verbatim by C. Ringle
 * on
 * the SmartPLS forum (5 arrows, R² 0.25 → 70; 7 arrows, R² 0.10 → 166); the rest were entered from
 * the Exhibit and checked against a second, independent recollection of it. The table is the
 * published convention reviewers apply, not a formula servqual recomputes: a power computation of
 * the overall regression F test in R (`pf(qf(.95, k, v), k, v, ncp = f² · n, lower.tail = FALSE)`
 * ≥ 0.8, f² = R²/(1 − R²)) gives smaller samples (2 arrows, R² 0.10: 90 rather than 110), so the
 * tabulated values are the conservative side.
 */
const R2_LEVELS = [0.1, 0.25, 0.5, 0.75] as const;
const EXHIBIT_1_7: Readonly<Record<number, readonly [number, number, number, number]>> = {
  2: [110, 52, 33, 26],
  3: [124, 59, 38, 30],
  4: [137, 65, 42, 33],
  5: [147, 70, 45, 36],
  6: [157, 75, 48, 39],
  7: [166, 80, 51, 41],
  8: [174, 84, 54, 44],
  9: [181, 88, 57, 46],
  10: [189, 91, 59, 48],
};

export interface SampleSizeCheck {
  readonly n: number;
  /**
   * The largest number of arrows pointing at one construct (structural paths, or formative
   * indicators).
   */
  readonly maxArrows: number;
  /** 10 × maxArrows (Barclay, Higgins & Thompson 1995; Hair et al. 2017 §1.4). */
  readonly tenTimes: number;
  /**
   * The tabulated R² level checked: the largest level at or below the smallest R² in the model
   * (0.10 at least).
   */
  readonly minRSquared: number;
  /**
   * Respondents needed to detect that R² with 80 % power at α = 0.05 (Exhibit 1.7; rows outside
   * 2–10 clamp to them).
   */
  readonly powerRule: number;
}

/**
 * The two sample-size rules a reviewer applies: the 10-times rule (n ≥ 10 × the largest number of
 * arrows pointing at a construct) and the minimum-R² power rule of Hair et al.'s Exhibit 1.7 (rows
 * clamp to 2–10 arrows: 1 arrow is checked against the 2-arrow row, which is conservative; more
 * than
 * 10 against the 10-arrow row, a lower bound).
 */
export function sampleSizeCheck(
  n: number,
  maxArrows: number,
  smallestRSquared: number,
): SampleSizeCheck {
  const row = EXHIBIT_1_7[Math.min(10, Math.max(2, maxArrows))] as readonly number[];
  let level = 0;
  R2_LEVELS.forEach((r2, i) => {
    if (smallestRSquared >= r2) level = i;
  });
  return {
    n,
    maxArrows,
    tenTimes: 10 * maxArrows,
    minRSquared: R2_LEVELS[level] as number,
    powerRule: row[level] as number,
  };
}
