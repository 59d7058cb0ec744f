import { modelNotes } from '../pls/model-notes.js';
import type { ColumnPlan } from '../data/map-columns.js';
import { ipaQuadrant } from '../gaps/ipa-quadrant.js';
import { rankSurvivalFactors } from '../gaps/rank-survival-factors.js';
import { summarizeGaps } from '../gaps/summarize-gaps.js';
import type { GapTallies, GapTallySet, ZoneTallies } from '../gaps/tally-gaps.js';
import type { Instrument } from '../instrument/types.js';
import type { ProblemLog } from '../problem-log.js';
import type { LoyaltyAnalyses } from '../loyalty/types.js';
import { kishEffectiveN } from '../stats/tally.js';
import type {
  AttributeRow,
  ConstructRow,
  Crosshair,
  Note,
  PathModelReport,
  RankBy,
  Report,
  ReportSource,
  SegmentsReport,
  ZoneRow,
} from './types.js';

export interface ReportOptions {
  readonly file: string;
  readonly version: string;
  readonly crosshair: 'mean' | 'midpoint';
  readonly rankBy: RankBy;
  /** Rows skipped or repaired in lenient mode. */
  readonly lenientCells: number;
  /**
   * Rows marked partial by `servqual survey`, and whether they were left out (`--complete-only`).
   */
  readonly partial?: { readonly rows: number; readonly excluded: boolean } | null;
  /** The estimated path model (null: no paths, or --no-paths). */
  readonly model?: PathModelReport | null;
  /** Zone-of-tolerance tallies, when the file has adequate and desired ratings. */
  readonly zone?: ZoneTallies | null;
  /** Per-segment results (`--segment-by`). */
  readonly segments?: SegmentsReport | null;
  /** Loyalty typology, penalty–reward contrast and complaints. */
  readonly loyalty?: LoyaltyAnalyses | null;
  /** How the file was read (platform, header rows, column mapping). */
  readonly source?: ReportSource | null;
}

/**
 * Turns the tallies of one pass over the data into the report object: attribute and construct
 * gap tables (with Holm adjustment within each table), IPA quadrants, the ranked survival factors,
 * problems, and notes on what was done to the data.
 *
 * Crosshair (`mean`): the grand mean of the attribute means of the baseline and of performance,
 * over the attributes that have both (Martilla & James 1977 place it at the means; the scale
 * midpoint is the alternative, `midpoint`). "Important to x %": share of respondents whose
 * baseline rating is above the scale midpoint (weighted: their share of the total weight).
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
  const attributeStats = summarizeGaps(
    attributeList.map((a) => tallies.attributes.get(a.id) as GapTallies),
    { hasBaseline },
  );

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

  const zoneOf = zoneRows(
    options.zone ?? null,
    attributeList.map((a) => a.id),
    'attributes',
  );
  const attributes: AttributeRow[] = attributeList.map((a, i) => {
    const s = attributeStats[i] as (typeof attributeStats)[number];
    const baselineTally = tallies.attributes.get(a.id)?.baseline;
    const midpoint = (a.scale.min + a.scale.max) / 2;
    const withBaseline = s.baseline !== null && s.n > 0 && crosshair !== null;
    return {
      id: a.id,
      construct: a.construct,
      group: a.group,
      label: a.label,
      reverse: a.reverse,
      outcome: a.outcome,
      n: s.n,
      baseline: s.baseline,
      performance: s.performance,
      gap: s.gap,
      quadrant:
        withBaseline && crosshair !== null
          ? ipaQuadrant(
              {
                importance: (s.baseline as { mean: number }).mean,
                performance: s.performance.mean,
              },
              crosshair,
            )
          : null,
      importantShare:
        withBaseline && baselineTally !== undefined
          ? baselineTally.countAbove(midpoint) / baselineTally.weight
          : null,
      zone: zoneOf[i] ?? null,
    };
  });

  const constructStats = summarizeGaps(
    instrument.constructs.map((c) => tallies.constructs.get(c.id) as GapTallies),
    { hasBaseline },
  );
  const constructZones = zoneRows(
    options.zone ?? null,
    instrument.constructs.map((c) => c.id),
    'constructs',
  );
  const constructs: ConstructRow[] = instrument.constructs.map((c, i) => {
    const s = constructStats[i] as (typeof constructStats)[number];
    return {
      id: c.id,
      group: c.group,
      label: c.label,
      level: c.dimensions.length > 0 ? 'higher-order' : 'first-order',
      n: s.n,
      baseline: s.baseline,
      performance: s.performance,
      gap: s.gap,
      zone: constructZones[i] ?? null,
    };
  });

  const notes: Note[] = [];
  if (!hasBaseline && (options.zone ?? null) === null) notes.push({ code: 'performance-only' });
  const reflected = attributeList.filter((a) => a.reverse).map((a) => a.id);
  if (reflected.length > 0) notes.push({ code: 'reflected', attributes: reflected });
  // Gaps whose differences are all equal: t, p and the interval are undefined (null), never
  // significant.
  const constant = [
    ...attributes.map((a) => ({ id: a.id, gap: a.gap })),
    ...constructs.map((c) => ({ id: c.id, gap: c.gap })),
  ]
    .filter((r) => r.gap !== null && r.gap.df > 0 && Number.isNaN(r.gap.t))
    .map((r) => r.id);
  if (constant.length > 0) notes.push({ code: 'constant-gaps', ids: constant });
  const n = tallies.respondents;
  const missingColumns = plan.used
    .map((u, k) => ({
      header: u.header,
      missing: tallies.missing[k] ?? 0,
      share: n > 0 ? (tallies.missing[k] ?? 0) / n : 0,
    }))
    .filter((c) => c.missing > 0);
  if (missingColumns.length > 0) notes.push({ code: 'missing', columns: missingColumns });
  if (options.lenientCells > 0 || log.countOf('ragged-row') > 0) {
    notes.push({ code: 'lenient', cells: options.lenientCells, rows: log.countOf('ragged-row') });
  }
  if (log.total > log.problems.length)
    notes.push({ code: 'problems-truncated', shown: log.problems.length, total: log.total });
  const narrow = narrowZones(constructs, crosshair);
  if (narrow.length > 0) notes.push({ code: 'narrow-zones', constructs: narrow });
  const model = options.model ?? null;
  const weights = tallies.weights ?? null;
  const weight =
    plan.weight === null || weights === null
      ? null
      : {
          column: plan.weight.header,
          sum: weights.sum,
          effectiveN: kishEffectiveN(weights.sum, weights.squares),
          zero: tallies.respondents - weights.positive,
        };
  if (weight !== null)
    notes.push({
      code: 'weighted',
      column: weight.column,
      effectiveN: weight.effectiveN,
      respondents: tallies.respondents,
      pathModel: model !== null,
    });
  const partial = options.partial ?? null;
  if (partial !== null && partial.rows > 0)
    notes.push({ code: 'partial', rows: partial.rows, excluded: partial.excluded });
  if (log.countOf('path-model') > 0) notes.push({ code: 'no-path-model' });
  // --rank-by derived needs IPMA importances; without them (no path model, --no-paths, or IPMA
  // undefined) the ranking falls back to priority, and meta and a note say so.
  const derivedAvailable = (options.model?.ipma?.items.length ?? 0) > 0;
  const rankBy: RankBy =
    options.rankBy === 'derived' && !derivedAvailable ? 'priority' : options.rankBy;
  if (rankBy !== options.rankBy) notes.push({ code: 'rank-by-fallback', requested: 'derived' });
  if (model !== null && !model.converged)
    notes.push({ code: 'not-converged', iterations: model.iterations });
  if (model !== null) notes.push(...modelNotes(model));
  const micom = options.segments?.multigroup?.micom;
  if (micom !== undefined && micom !== null)
    notes.push({
      code: 'micom',
      permutations: micom.permutations,
      invariance: micom.invariance,
      failing: micom.constructs.filter((c) => !c.compositional).map((c) => c.id),
    });
  if (model !== null && model.heavilyMissing.length > 0)
    notes.push({ code: 'items-missing', items: model.heavilyMissing, treatment: model.missing });
  if (model !== null && model.bootstrap !== null && model.bootstrap.failed > 0)
    notes.push({
      code: 'bootstrap-failed',
      failed: model.bootstrap.failed,
      resamples: model.bootstrap.resamples,
    });

  return {
    meta: {
      respondents: n,
      file: options.file,
      instrument: instrument.name,
      baseline: plan.baseline,
      scale: instrument.scale,
      version: options.version,
      crosshair,
      rankBy,
      ...(options.source === undefined ? {} : { source: options.source }),
      ...(weight === null ? {} : { weight }),
      ...(partial === null ? {} : { partial }),
    },
    attributes,
    constructs,
    survivalFactors: rankSurvivalFactors(attributes, {
      rankBy,
      derivedImportance: new Map(
        (options.model?.ipma?.items ?? []).map((i) => [i.id, i.importance]),
      ),
    }),
    problems: log.problems,
    notes,
    model: options.model ?? null,
    segments: options.segments ?? null,
    ...(options.loyalty === undefined ? {} : { loyalty: options.loyalty }),
  };
}

/**
 * Zone-of-tolerance rows (MSA, MSS, width with their tests; Holm within each table) for the given
 * ids.
 */
function zoneRows(
  zone: ZoneTallies | null,
  ids: readonly string[],
  table: 'attributes' | 'constructs',
): Array<ZoneRow | null> {
  if (zone === null) return ids.map(() => null);
  const stats = (set: ZoneTallies[keyof ZoneTallies]) =>
    summarizeGaps(
      ids.map((id) => set[table].get(id) as GapTallies),
      { hasBaseline: true },
    );
  const msa = stats(zone.msa);
  const mss = stats(zone.mss);
  const width = stats(zone.width);
  return ids.map((_, i) => {
    const a = msa[i]?.gap;
    const s = mss[i]?.gap;
    const w = width[i]?.gap;
    if (a == null || s == null || w == null) return null;
    return {
      msa: a,
      mss: s,
      width: w,
      status: a.mean < 0 ? 'below' : s.mean > 0 ? 'above' : 'within',
    };
  });
}

/**
 * First-order constructs that matter (mean baseline at or above the IPA crosshair) yet have a zone
 * narrower than the median zone of the first-order constructs: customers tolerate little variation
 * there (Zeithaml, Berry & Parasuraman 1993 expect important dimensions to have narrow zones —
 * worth watching, since a small slip falls below adequate).
 */
function narrowZones(constructs: readonly ConstructRow[], crosshair: Crosshair | null): string[] {
  const withZone = constructs.filter((c) => c.level === 'first-order' && c.zone !== null);
  if (withZone.length < 2 || crosshair === null) return [];
  const widths = withZone.map((c) => (c.zone as ZoneRow).width.mean).sort((a, b) => a - b);
  const median =
    widths.length % 2 === 1
      ? (widths[(widths.length - 1) / 2] as number)
      : ((widths[widths.length / 2 - 1] as number) + (widths[widths.length / 2] as number)) / 2;
  return withZone
    .filter(
      (c) =>
        (c.zone as ZoneRow).width.mean < median &&
        c.baseline !== null &&
        c.baseline.mean >= crosshair.importance,
    )
    .map((c) => c.id);
}
