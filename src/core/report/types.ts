import type { Baseline } from '../data/map-columns.js';
import type { Scale, Text } from '../instrument/types.js';
import type { Problem } from '../problems.js';

/** The report object: every renderer (text, JSON, Markdown, CSV) takes this and returns a string. */

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
  /** Wilcoxon signed-rank p (normal approximation, continuity correction). */
  readonly wilcoxonP: number;
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
}

export type RankBy = 'priority' | 'gap';

export interface SurvivalFactor {
  readonly rank: number;
  readonly id: string;
  readonly construct: string;
  readonly label: Text;
  /** Ī × max(0, Ī − P̄). */
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
}

export type Note =
  | { readonly code: 'reflected'; readonly attributes: readonly string[] }
  | { readonly code: 'missing'; readonly columns: ReadonlyArray<{ readonly header: string; readonly missing: number; readonly share: number }> }
  | { readonly code: 'lenient'; readonly cells: number; readonly rows: number }
  | { readonly code: 'performance-only' }
  | { readonly code: 'problems-truncated'; readonly shown: number; readonly total: number };

export interface Crosshair {
  readonly kind: 'mean' | 'midpoint';
  readonly importance: number;
  readonly performance: number;
}

export interface ReportMeta {
  readonly respondents: number;
  readonly file: string;
  readonly instrument: string;
  readonly baseline: Baseline | null;
  readonly scale: Scale;
  readonly version: string;
  readonly crosshair: Crosshair | null;
  readonly rankBy: RankBy;
}

export interface Report {
  readonly meta: ReportMeta;
  readonly attributes: readonly AttributeRow[];
  readonly constructs: readonly ConstructRow[];
  readonly survivalFactors: readonly SurvivalFactor[];
  readonly problems: readonly Problem[];
  readonly notes: readonly Note[];
}
