import type { Moments, SegmentDifference, SurvivalFactor } from '../report/types.js';
import type { OlsCoefficient } from '../stats/ols.js';
import type { Proportion } from '../stats/wilson-interval.js';
import type { TwoSampleTest } from '../stats/welch-t-test.js';
import type { SpearmanTest } from '../stats/spearman.js';

/** The report sections of issue 18: loyalty typology, penalty–reward contrast, complaints. */
export interface LoyaltyAnalyses {
  /**
   * Dick & Basu's typology; null when the instrument marks no attitudinal items or no patronage.
   */
  readonly typology: TypologyReport | null;
  /** Penalty–reward contrast analysis; null without a target construct or attributes. */
  readonly asymmetry: AsymmetryReport | null;
  /** Complaints and recovery; null when the file has no "complained" column. */
  readonly complaints: ComplaintsReport | null;
}

/** Dick & Basu (1994): relative attitude × repeat patronage. */
export type LoyaltyType = 'true' | 'latent' | 'spurious' | 'none';
export const LOYALTY_TYPES: readonly LoyaltyType[] = ['true', 'latent', 'spurious', 'none'];

export interface TypologyReport {
  /** Where attitude and patronage were split: the scale midpoint or the sample median. */
  readonly attitude: {
    readonly items: readonly string[];
    readonly split: 'midpoint' | 'median';
    readonly cut: number;
  };
  readonly patronage: {
    /** Behavioural items (their mean), or the column of the firm's records (`--patronage`). */
    readonly source: 'items' | 'column';
    readonly items: readonly string[];
    readonly column: string | null;
    readonly split: 'midpoint' | 'median' | 'threshold';
    readonly cut: number;
  };
  /** Respondents with both an attitude and a patronage score. */
  readonly classified: number;
  readonly types: ReadonlyArray<{
    readonly type: LoyaltyType;
    /** Count, share of the classified and its Wilson 95 % interval. */
    readonly share: Proportion;
    /** Mean relationship quality (construct RQ) of the type; null without an RQ construct. */
    readonly rq: Moments | null;
    readonly survivalFactors: readonly SurvivalFactor[];
  }>;
  /**
   * Spuriously loyal among the retained (high patronage: true + spurious), with Wilson interval.
   */
  readonly spuriousAmongRetained: Proportion;
  /** Attributes compared between true (first) and spurious (second) loyals: Welch, Holm. */
  readonly spuriousVsTrue: readonly SegmentDifference[];
}

/** Kano-type class of an attribute from its impact asymmetry. */
export type ImpactClass = 'basic' | 'excitement' | 'performance' | 'irregular' | 'no-clear-effect';

export interface AsymmetryRow {
  readonly id: string;
  /** Respondents in the regression that gave this attribute. */
  readonly n: number;
  readonly low: number;
  readonly high: number;
  /** Reward index RI = β_high; null when the dummy never occurs. */
  readonly reward: OlsCoefficient | null;
  /** Penalty index PI = −β_low (t sign flipped accordingly); null when the dummy never occurs. */
  readonly penalty: OlsCoefficient | null;
  /** RI + PI. */
  readonly rangeOfImpact: number | null;
  /** RI / RoI. */
  readonly sgp: number | null;
  /** PI / RoI. */
  readonly dgp: number | null;
  /** SGP − DGP. */
  readonly asymmetry: number | null;
  readonly class: ImpactClass;
}

export interface AsymmetryReport {
  /** The construct whose per-respondent mean is regressed on the dummies. */
  readonly target: string;
  /** The group whose attributes are the regressors. */
  readonly group: string;
  readonly method: 'joint' | 'per-attribute';
  /**
   * Why the regressions are per attribute: too few respondents, a dummy that never occurs,
   * collinear dummies.
   */
  readonly reason: 'few-respondents' | 'empty-dummy' | 'collinear' | null;
  /** Respondents in the joint regression (every attribute rated and the target present). */
  readonly n: number;
  readonly regressors: number;
  /** Dummy cut-offs: low ≤ lowCut, high ≥ highCut (on the instrument scale). */
  readonly lowCut: number;
  readonly highCut: number;
  readonly rSquared: number | null;
  readonly rows: readonly AsymmetryRow[];
}

export interface ComplaintsReport {
  readonly fields: {
    readonly complained: string;
    readonly resolved: string | null;
    readonly hours: string | null;
  };
  /** The construct whose mean below the scale midpoint makes a respondent dissatisfied. */
  readonly target: string | null;
  /** The loyalty construct compared across complaint groups. */
  readonly loyalty: string | null;
  /** Respondents who answered whether they complained. */
  readonly answered: number;
  readonly complained: Proportion;
  /** Dissatisfied who did not complain, as a share of the dissatisfied who answered. */
  readonly silentDissatisfied: Proportion;
  readonly groups: {
    readonly nonComplainers: Moments;
    readonly resolved: Moments;
    readonly partly: Moments;
    readonly unresolved: Moments;
  };
  /** Welch tests, Holm-adjusted over the two: resolved − non-complainers, resolved − unresolved. */
  readonly tests: ReadonlyArray<{
    readonly compare: 'resolved-vs-non-complainers' | 'resolved-vs-unresolved';
    readonly test: TwoSampleTest;
    readonly pAdjusted: number;
  }>;
  /** Loyalty by response-time band (≤ 2 h, ≤ 24 h, > 24 h) and Spearman's ρ; null without times. */
  readonly responseTime: {
    readonly bands: ReadonlyArray<{
      readonly band: '<=2h' | '<=24h' | '>24h';
      readonly loyalty: Moments;
    }>;
    readonly spearman: SpearmanTest;
  } | null;
}
