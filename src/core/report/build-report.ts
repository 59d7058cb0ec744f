import type { ColumnPlan } from '../data/map-columns.js';
import { ipaQuadrant } from '../gaps/ipa-quadrant.js';
import { rankSurvivalFactors } from '../gaps/rank-survival-factors.js';
import { summarizeGaps } from '../gaps/summarize-gaps.js';
import type { GapTallies, GapTallySet } from '../gaps/tally-gaps.js';
import type { Instrument } from '../instrument/types.js';
import type { ProblemLog } from '../problem-log.js';
import type { AttributeRow, ConstructRow, Crosshair, Note, PathModelReport, RankBy, Report } from './types.js';

export interface ReportOptions {
  readonly file: string;
  readonly version: string;
  readonly crosshair: 'mean' | 'midpoint';
  readonly rankBy: RankBy;
  /** Rows skipped or repaired in lenient mode. */
  readonly lenientCells: number;
  /** The estimated path model (null: no paths, or --no-paths). */
  readonly model?: PathModelReport | null;
}

/**
 * Turns the tallies of one pass over the data into the report object: attribute and construct
 * gap tables (with Holm adjustment within each table), IPA quadrants, the ranked survival factors,
 * problems, and notes on what was done to the data.
 *
 * Crosshair (`mean`): the grand mean of the attribute means of the baseline and of performance,
 * over the attributes that have both (Martilla & James 1977 place it at the means; the scale
 * midpoint is the alternative, `midpoint`). "Important to x %": share of respondents whose
 * baseline rating is above the scale midpoint.
 */
export function buildReport(
  instrument: Instrument,
  plan: ColumnPlan,
  tallies: GapTallySet,
  log: ProblemLog,
  options: ReportOptions,
): Report {
  const hasBaseline = plan.baseline !== null;
  const attributeList = plan.attributes.map((a) => a.attribute);
  const attributeStats = summarizeGaps(attributeList.map((a) => tallies.attributes.get(a.id) as GapTallies), { hasBaseline });

  const paired = attributeStats.filter((s) => s.baseline !== null && s.n > 0);
  let crosshair: Crosshair | null = null;
  if (paired.length > 0) {
    if (options.crosshair === 'midpoint') {
      const mid = (instrument.scale.min + instrument.scale.max) / 2;
      crosshair = { kind: 'midpoint', importance: mid, performance: mid };
    } else {
      const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
      crosshair = {
        kind: 'mean',
        importance: mean(paired.map((s) => (s.baseline as { mean: number }).mean)),
        performance: mean(paired.map((s) => s.performance.mean)),
      };
    }
  }

  const attributes: AttributeRow[] = attributeList.map((a, i) => {
    const s = attributeStats[i] as (typeof attributeStats)[number];
    const baselineTally = tallies.attributes.get(a.id)?.baseline;
    const midpoint = (a.scale.min + a.scale.max) / 2;
    const withBaseline = s.baseline !== null && s.n > 0 && crosshair !== null;
    return {
      id: a.id, construct: a.construct, group: a.group, label: a.label, reverse: a.reverse, outcome: a.outcome,
      n: s.n, baseline: s.baseline, performance: s.performance, gap: s.gap,
      quadrant: withBaseline && crosshair !== null
        ? ipaQuadrant({ importance: (s.baseline as { mean: number }).mean, performance: s.performance.mean }, crosshair)
        : null,
      importantShare: withBaseline && baselineTally !== undefined ? baselineTally.countAbove(midpoint) / s.n : null,
    };
  });

  const constructStats = summarizeGaps(instrument.constructs.map((c) => tallies.constructs.get(c.id) as GapTallies), { hasBaseline });
  const constructs: ConstructRow[] = instrument.constructs.map((c, i) => {
    const s = constructStats[i] as (typeof constructStats)[number];
    return {
      id: c.id, group: c.group, label: c.label, level: c.dimensions.length > 0 ? 'higher-order' : 'first-order',
      n: s.n, baseline: s.baseline, performance: s.performance, gap: s.gap,
    };
  });

  const notes: Note[] = [];
  if (!hasBaseline) notes.push({ code: 'performance-only' });
  const reflected = attributeList.filter((a) => a.reverse).map((a) => a.id);
  if (reflected.length > 0) notes.push({ code: 'reflected', attributes: reflected });
  const n = tallies.respondents;
  const missingColumns = plan.used
    .map((u, k) => ({ header: u.header, missing: tallies.missing[k] ?? 0, share: n > 0 ? (tallies.missing[k] ?? 0) / n : 0 }))
    .filter((c) => c.missing > 0);
  if (missingColumns.length > 0) notes.push({ code: 'missing', columns: missingColumns });
  if (options.lenientCells > 0 || log.countOf('ragged-row') > 0) {
    notes.push({ code: 'lenient', cells: options.lenientCells, rows: log.countOf('ragged-row') });
  }
  if (log.total > log.problems.length) notes.push({ code: 'problems-truncated', shown: log.problems.length, total: log.total });
  const model = options.model ?? null;
  if (log.countOf('path-model') > 0) notes.push({ code: 'no-path-model' });
  if (model !== null && !model.converged) notes.push({ code: 'not-converged', iterations: model.iterations });
  if (model !== null && model.heavilyMissing.length > 0) notes.push({ code: 'items-missing', items: model.heavilyMissing, treatment: model.missing });
  if (model !== null && model.bootstrap !== null && model.bootstrap.failed > 0) notes.push({ code: 'bootstrap-failed', failed: model.bootstrap.failed, resamples: model.bootstrap.resamples });

  return {
    meta: {
      respondents: n, file: options.file, instrument: instrument.name, baseline: plan.baseline,
      scale: instrument.scale, version: options.version, crosshair, rankBy: options.rankBy,
    },
    attributes,
    constructs,
    survivalFactors: rankSurvivalFactors(attributes, {
      rankBy: options.rankBy,
      derivedImportance: new Map((options.model?.ipma?.items ?? []).map((i) => [i.id, i.importance])),
    }),
    problems: log.problems,
    notes,
    model: options.model ?? null,
  };
}
