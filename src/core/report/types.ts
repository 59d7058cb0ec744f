import type { SourceLayout } from '../data/ingest-ratings.js';
import type { Baseline } from '../data/map-columns.js';
import type { Scale, Text } from '../instrument/types.js';
import type { Problem } from '../problems.js';
import type { LoyaltyAnalyses } from '../loyalty/types.js';
import type { Micom } from '../pls/micom.js';

/**
 * The report object: every renderer (text, JSON, Markdown, CSV) takes this and returns a string.
 */

export interface Moments {
  readonly n: number;
  readonly mean: number;
  /** Sample SD, divisor n − 1. */
  readonly sd: number;
}

export interface GapStatistics {
  /** Mean of per-respondent differences performance − baseline (negative = shortfall). */
  readonly mean: number;
  readonly sd: number;
  readonly se: number;
  /** 95 % confidence interval (Student t). */
  readonly ci: readonly [number, number];
  readonly t: number;
  readonly df: number;
  /** Two-sided paired t-test p-value. */
  readonly p: number;
  /** Holm-adjusted p across the rows of the same table. */
  readonly pAdjusted: number;
  /**
   * Wilcoxon signed-rank p (normal approximation, continuity correction); NaN with weights (no
   * weighted rank test).
   */
  readonly wilcoxonP: number;
  /**
   * Kish's effective n behind `se` and `df`, present when respondents are weighted (`--weight-by`).
   */
  readonly effectiveN?: number;
}

/** Zone of tolerance of one attribute or construct (Zeithaml, Berry & Parasuraman 1993). */
export interface ZoneRow {
  /** Measure of service adequacy, performance − adequate. */
  readonly msa: GapStatistics;
  /** Measure of service superiority, performance − desired. */
  readonly mss: GapStatistics;
  /** Zone width, desired − adequate. */
  readonly width: GapStatistics;
  /** below: mean MSA < 0; above: mean MSS > 0; within otherwise. */
  readonly status: 'below' | 'within' | 'above';
}

/** Importance-performance analysis quadrant (Martilla & James 1977). */
export type Quadrant = 'concentrate' | 'keep-up' | 'low-priority' | 'overkill';

export interface AttributeRow {
  readonly id: string;
  readonly construct: string;
  readonly group: string;
  readonly label: Text;
  readonly reverse: boolean;
  readonly outcome: boolean;
  /** Respondents with both ratings (performance ratings when there is no baseline). */
  readonly n: number;
  readonly baseline: Moments | null;
  readonly performance: Moments;
  readonly gap: GapStatistics | null;
  readonly quadrant: Quadrant | null;
  /** Share of respondents rating the baseline above the scale midpoint. */
  readonly importantShare: number | null;
  /** Zone of tolerance, when the file has adequate and desired ratings. */
  readonly zone: ZoneRow | null;
}

export interface ConstructRow {
  readonly id: string;
  readonly group: string;
  readonly label: Text;
  readonly level: 'first-order' | 'higher-order';
  readonly n: number;
  readonly baseline: Moments | null;
  readonly performance: Moments;
  readonly gap: GapStatistics | null;
  readonly zone: ZoneRow | null;
}

export type RankBy = 'priority' | 'gap' | 'derived';

export interface SurvivalFactor {
  readonly rank: number;
  readonly id: string;
  readonly construct: string;
  readonly label: Text;
  /** Ī × max(0, Ī − P̄); with `--rank-by derived`, derived importance (IPMA) × max(0, Ī − P̄). */
  readonly priority: number;
  /** Mean baseline rating Ī (importance or expectation). */
  readonly importance: number;
  /** Mean performance rating P̄. */
  readonly performance: number;
  /** Mean gap P̄ − Ī (negative). */
  readonly gap: number;
  readonly quadrant: Quadrant | null;
  /** Holm-adjusted p < 0.05. */
  readonly significant: boolean;
  readonly importantShare: number | null;
  /** Performance below the zone of tolerance (these rank first). */
  readonly belowZone: boolean;
}

export type Note =
  | { readonly code: 'reflected'; readonly attributes: readonly string[] }
  | {
      readonly code: 'missing';
      readonly columns: ReadonlyArray<{
        readonly header: string;
        readonly missing: number;
        readonly share: number;
      }>;
    }
  | { readonly code: 'lenient'; readonly cells: number; readonly rows: number }
  | { readonly code: 'performance-only' }
  | { readonly code: 'problems-truncated'; readonly shown: number; readonly total: number }
  | { readonly code: 'not-converged'; readonly iterations: number }
  | { readonly code: 'no-path-model' }
  | { readonly code: 'consistent-pls' }
  | {
      readonly code: 'micom';
      readonly permutations: number;
      readonly invariance: 'full' | 'partial' | 'none';
      /** Constructs failing step 2 (compositional invariance). */
      readonly failing: readonly string[];
    }
  | {
      readonly code: 'plspredict';
      readonly folds: number;
      readonly repetitions: number;
      readonly constructs: ReadonlyArray<{
        readonly id: string;
        readonly verdict: 'none' | 'low' | 'medium' | 'high';
      }>;
    }
  | { readonly code: 'plspredict-unavailable'; readonly reason: 'higher-order' }
  | {
      readonly code: 'model-fit';
      readonly srmr: number;
      readonly srmrSaturated: number;
      readonly srmrQuantile95: number | null;
    }
  /** A negative outer weight: IPMA is undefined (Ringle & Sarstedt 2016) and left out. */
  | { readonly code: 'ipma-undefined'; readonly items: readonly string[] }
  | { readonly code: 'negative-loadings'; readonly items: readonly string[] }
  | {
      readonly code: 'formative-indicators';
      readonly collinear: ReadonlyArray<{ readonly item: string; readonly vif: number }>;
      readonly weak: readonly string[];
    }
  | {
      readonly code: 'negative-alpha';
      readonly constructs: ReadonlyArray<{ readonly id: string; readonly alpha: number }>;
    }
  /** HTMT above 0.85 (strict) — those above 0.90 fail the liberal threshold too. */
  | {
      readonly code: 'htmt-high';
      readonly pairs: ReadonlyArray<{
        readonly a: string;
        readonly b: string;
        readonly value: number;
      }>;
    }
  | {
      readonly code: 'sample-size';
      readonly n: number;
      readonly maxArrows: number;
      readonly tenTimes: number;
      readonly minRSquared: number;
      readonly powerRule: number;
    }
  /** Attributes/constructs whose gaps are identical for every respondent: t and p undefined. */
  | { readonly code: 'constant-gaps'; readonly ids: readonly string[] }
  /** `--rank-by derived` without IPMA importances: ranked by priority instead. */
  | { readonly code: 'rank-by-fallback'; readonly requested: 'derived' }
  | { readonly code: 'narrow-zones'; readonly constructs: readonly string[] }
  | {
      readonly code: 'items-missing';
      readonly items: ReadonlyArray<{ readonly item: string; readonly share: number }>;
      readonly treatment: 'mean' | 'listwise';
    }
  | { readonly code: 'bootstrap-failed'; readonly failed: number; readonly resamples: number }
  | { readonly code: 'partial'; readonly rows: number; readonly excluded: boolean }
  | {
      readonly code: 'weighted';
      readonly column: string;
      readonly effectiveN: number;
      readonly respondents: number;
      readonly pathModel: boolean;
    };

export interface Crosshair {
  readonly kind: 'mean' | 'midpoint';
  readonly importance: number;
  readonly performance: number;
}

export interface ReportMeta {
  readonly respondents: number;
  readonly file: string;
  /** The instrument's name (renderers show it in the report's language). */
  readonly instrument: Text;
  readonly baseline: Baseline | null;
  readonly scale: Scale;
  readonly version: string;
  readonly crosshair: Crosshair | null;
  readonly rankBy: RankBy;
  /**
   * How the file was read: the platform it was exported from, and what tied its columns to
   * attributes.
   */
  readonly source?: ReportSource | null;
  /**
   * Respondent weights (`--weight-by`): the column, Σw, Kish's effective n, respondents weighing 0.
   */
  readonly weight?: {
    readonly column: string;
    readonly sum: number;
    readonly effectiveN: number;
    readonly zero: number;
  } | null;
  /**
   * Respondents marked `partial` in the file's `completion` column (saved before the last
   * question by `servqual survey`) and whether `--complete-only` left them out; absent without
   * that column. `respondents` counts the rows analysed.
   */
  readonly partial?: { readonly rows: number; readonly excluded: boolean };
}

/**
 * The export's platform (null: a plain servqual CSV), its header rows, and how columns were mapped.
 */
export type ReportSource = Pick<SourceLayout, 'platform' | 'headerRows' | 'mappedBy'>;

export interface Report {
  readonly meta: ReportMeta;
  readonly attributes: readonly AttributeRow[];
  readonly constructs: readonly ConstructRow[];
  readonly survivalFactors: readonly SurvivalFactor[];
  readonly problems: readonly Problem[];
  readonly notes: readonly Note[];
  /** The SQ → RQ → CL path model; null when the instrument has no paths or with --no-paths. */
  readonly model: PathModelReport | null;
  /** Per-segment results (`--segment-by`), null without. */
  readonly segments?: SegmentsReport | null;
  /**
   * Loyalty typology, penalty–reward contrast and complaints (see `collectLoyalty`); null with
   * --no-loyalty.
   */
  readonly loyalty?: LoyaltyAnalyses | null;
}

/** Between-segment test of one attribute (see `compareSegments`). */
export interface SegmentDifference {
  readonly id: string;
  readonly measure: 'gap' | 'performance';
  readonly test: 'welch' | 'kruskal-wallis';
  /** t (Welch) or H (Kruskal–Wallis). */
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  readonly pAdjusted: number;
  /** Mean per segment, in segment order. */
  readonly means: readonly number[];
}

export interface SegmentsReport {
  readonly column: string;
  readonly segments: ReadonlyArray<{
    readonly value: string;
    readonly respondents: number;
    readonly survivalFactors: readonly SurvivalFactor[];
    readonly attributes: ReadonlyArray<{
      readonly id: string;
      readonly n: number;
      readonly performance: number;
      readonly gap: number | null;
    }>;
  }>;
  readonly differences: readonly SegmentDifference[];
  /** PLS multigroup comparison of the paths, with two segments, a path model and a bootstrap. */
  readonly multigroup?: MultigroupReport | null;
}

/** PLS-MGA between two segments (Henseler, Ringle & Sinkovics 2009): see `compareGroupPaths`. */
export interface MultigroupReport {
  readonly method: 'henseler';
  /**
   * The two segments, in the order of `estimates`; each bootstrapped `resamples` times (seed + its
   * index).
   */
  readonly groups: ReadonlyArray<{
    readonly value: string;
    readonly respondents: number;
    readonly failed: number;
    /**
     * Resamples of this segment's bootstrap that flipped a construct's orientation (see
     * `countSignFlips`).
     */
    readonly signFlips?: number;
  }>;
  readonly resamples: number;
  readonly seed: number;
  readonly paths: readonly MultigroupPath[];
  /**
   * MICOM steps 2 and 3 (Henseler, Ringle & Sarstedt 2016): whether comparing paths is warranted.
   */
  readonly micom?: Micom | null;
}

export interface MultigroupPath {
  readonly from: string;
  readonly to: string;
  /** The path in the first and in the second segment. */
  readonly estimates: readonly [number, number];
  /** Second − first. */
  readonly difference: number;
  /** Henseler's one-sided p for "first > second". */
  readonly pFirstGreater: number;
  /** Two-sided, 2·min(p, 1 − p). */
  readonly p: number;
  /** Holm-adjusted across the paths. */
  readonly pAdjusted: number;
}

/** Bootstrap inference for one statistic (null without a bootstrap). */
export interface Inference {
  /** Bootstrap standard deviation (divisor B − 1). */
  readonly sd: number;
  /** estimate / sd (HTMT: (1 − estimate) / sd, as seminr). */
  readonly t: number;
  /** seminr's bootstrap p: 2·min(share of resamples ≤ 0, share > 0) (HTMT: relative to 1). */
  readonly p: number;
  /** 95 % interval: percentile, or BCa with `--ci bca`. */
  readonly ci: readonly [number, number];
}

export interface PathRow {
  readonly from: string;
  readonly to: string;
  readonly estimate: number;
  readonly f2: number;
  readonly vif: number;
  readonly inference: Inference | null;
}

export interface EffectRow {
  readonly from: string;
  readonly to: string;
  readonly via: readonly string[];
  readonly estimate: number;
  readonly inference: Inference | null;
}

/** Zhao, Lynch & Chen (2010) mediation types. */
export type MediationVerdict =
  | 'indirect-only'
  | 'complementary'
  | 'competitive'
  | 'direct-only'
  | 'no-effect';

export interface Mediation {
  readonly from: string;
  readonly to: string;
  readonly via: readonly string[];
  readonly indirect: EffectRow;
  readonly direct: EffectRow;
  /** Null without a bootstrap (significance needs the intervals). */
  readonly verdict: MediationVerdict | null;
}

export interface PathModelReport {
  readonly respondents: number;
  readonly missing: 'mean' | 'listwise';
  /** Items above 5 % missing (mean replacement warns about them). */
  readonly heavilyMissing: ReadonlyArray<{ readonly item: string; readonly share: number }>;
  readonly scheme: 'path' | 'factorial' | 'centroid';
  readonly paths: readonly PathRow[];
  readonly rSquared: Readonly<Record<string, number>>;
  readonly adjustedRSquared: Readonly<Record<string, number>>;
  readonly loadings: ReadonlyArray<{
    readonly construct: string;
    readonly item: string;
    readonly loading: number;
    readonly weight: number;
    /**
     * Outer VIF of the indicator within its block (1 / (1 − R²) on the block's other indicators).
     */
    readonly vif?: number;
    readonly loadingInference: Inference | null;
    readonly weightInference: Inference | null;
  }>;
  readonly constructs: ReadonlyArray<{
    readonly id: string;
    /**
     * Outer mode: 'A' reflective (default), 'B' formative (weights and outer VIF matter, not
     * α/AVE).
     */
    readonly mode?: 'A' | 'B';
    readonly alpha: number;
    readonly rhoA: number;
    readonly rhoC: number;
    readonly ave: number;
  }>;
  readonly htmt: ReadonlyArray<{
    readonly a: string;
    readonly b: string;
    readonly value: number;
    readonly inference: Inference | null;
  }>;
  /** √AVE on the diagonal, construct correlations off it. */
  readonly fornellLarcker: {
    readonly constructs: readonly string[];
    readonly matrix: readonly number[][];
  };
  readonly effects: {
    readonly total: readonly EffectRow[];
    readonly indirect: readonly EffectRow[];
  };
  readonly mediation: Mediation | null;
  readonly ipma: {
    readonly target: string;
    readonly targetPerformance: number;
    readonly constructs: ReadonlyArray<{
      readonly id: string;
      readonly importance: number;
      readonly performance: number;
    }>;
    readonly items: ReadonlyArray<{
      readonly id: string;
      readonly importance: number;
      readonly performance: number;
      readonly stated: number | null;
    }>;
  } | null;
  readonly bootstrap: {
    readonly resamples: number;
    readonly seed: number;
    readonly threads: number;
    readonly failed: number;
    readonly ci: 'percentile' | 'bca';
    /**
     * Resamples whose weights flipped a construct's orientation (Σ w*·w < 0), in all and per
     * construct.
     */
    readonly signFlips?: {
      readonly resamples: number;
      readonly constructs: Readonly<Record<string, number>>;
    };
  } | null;
  readonly iterations: number;
  readonly converged: boolean;
  /** PLSpredict (Shmueli et al. 2019): out-of-sample prediction of the endogenous indicators. */
  readonly predict?: {
    readonly folds: number;
    readonly repetitions: number;
    readonly failed: number;
    readonly items: ReadonlyArray<{
      readonly item: string;
      readonly construct: string;
      readonly q2predict: number;
      readonly plsRmse: number;
      readonly plsMae: number;
      readonly lmRmse: number;
      readonly lmMae: number;
    }>;
    readonly constructs: ReadonlyArray<{
      readonly id: string;
      readonly verdict: 'none' | 'low' | 'medium' | 'high';
    }>;
  } | null;
  /** Consistent PLS (`--consistent`): paths, R² and reflective loadings corrected by ρA. */
  readonly consistent?: boolean;
  /**
   * Model fit (Henseler et al. 2014): SRMR of the estimated and of the saturated model; the
   * Bollen–Stine bootstrap 95 % quantile of SRMR (null without a bootstrap or when undefined).
   */
  readonly fit?: {
    readonly srmr: number;
    readonly srmrSaturated: number;
    readonly srmrQuantile95: number | null;
    readonly resamples: number;
  };
}
