import type { RowSink } from '../data/ingest-ratings.js';
import type { ColumnPlan } from '../data/map-columns.js';
import { createGapAccumulator, type GapAccumulator, type GapTallySet } from '../gaps/tally-gaps.js';
import type { Instrument } from '../instrument/types.js';
import { createPlsCollector, type PlsCollector, type PlsData } from '../pls/collect.js';
import type { PlsModel } from '../pls/model.js';
import type { MissingTreatment } from '../pls/moments.js';
import { ProblemLog } from '../problem-log.js';
import { buildReport, type ReportOptions } from '../report/build-report.js';
import type { SegmentsReport } from '../report/types.js';
import { closest } from '../text/closest.js';
import { compareSegments } from './compare-segments.js';

/** Segments a column may have before it is taken for an id column. */
export const MAX_SEGMENTS = 20;

export interface Segmenter {
  /** The row sink for `createRatingsIngest`'s consumers (`also` in `ingestFile`). */
  sink(plan: ColumnPlan): RowSink;
  /**
   * Per-segment attribute tables and survival factors, and the attributes that differ between
   * segments; or why the column cannot segment (no such column, too many values).
   */
  finish(
    plan: ColumnPlan,
    settings: Omit<ReportOptions, 'model' | 'zone' | 'segments'>,
  ):
    | { report: SegmentsReport; pls: ReadonlyArray<{ value: string; data: PlsData }> | null }
    | string;
}

/**
 * Routes each respondent (with its weight) by the value of `column` (`--segment-by`; a blank
 * value is the segment "(blank)") to that segment's gap tallies and, when a path model is given,
 * to that segment's path-model data — for the PLS multigroup comparison of two segments.
 * Segments are listed in sorted order of their values.
 */
export function segmentRespondents(
  column: string,
  instrument: Instrument,
  pls: {
    readonly model: PlsModel;
    readonly missing: MissingTreatment;
    readonly keepRows: boolean;
  } | null,
): Segmenter {
  const bySegment = new Map<string, { gaps: GapAccumulator; pls: PlsCollector | null }>();
  let at = -1;
  let header: readonly string[] = [];
  return {
    sink(plan) {
      header = plan.header;
      at = plan.header.indexOf(column);
      return {
        add(values, record, weight) {
          if (at < 0) return;
          const value = (record[at] ?? '').trim() || '(blank)';
          let segment = bySegment.get(value);
          if (segment === undefined) {
            if (bySegment.size > MAX_SEGMENTS) return; // an id column: finish() says so
            segment = {
              gaps: createGapAccumulator(plan, instrument),
              pls: pls === null ? null : createPlsCollector(plan, pls.model, pls),
            };
            bySegment.set(value, segment);
          }
          segment.gaps.add(values, 0, weight);
          segment.pls?.add(values, record, weight);
        },
      };
    },
    finish(plan, settings) {
      if (at < 0) {
        const suggestion = closest(column, header);
        return `no such column${suggestion === null ? '' : ` — did you mean "${suggestion}"?`}`;
      }
      if (bySegment.size > MAX_SEGMENTS)
        return (
          `more than ${MAX_SEGMENTS} different values: ` +
          'a segment column should have a few (is it an id?)'
        );
      const values = [...bySegment.keys()].sort();
      const parts = values.map((value) => ({
        value,
        tallies: (bySegment.get(value) as { gaps: GapAccumulator }).gaps.tallies() as GapTallySet,
      }));
      const segments = parts.map(({ value, tallies }) => {
        const r = buildReport(instrument, plan, tallies, new ProblemLog(), settings);
        return {
          value,
          respondents: tallies.respondents,
          survivalFactors: r.survivalFactors,
          attributes: r.attributes.map((a) => ({
            id: a.id,
            n: a.n,
            performance: a.performance.mean,
            gap: a.gap?.mean ?? null,
          })),
        };
      });
      const differences = compareSegments(
        parts,
        plan.attributes.map((a) => a.attribute.id),
        { hasBaseline: plan.baseline !== null },
      );
      const data =
        pls === null
          ? null
          : values.map((value) => ({
              value,
              data: (bySegment.get(value) as { pls: PlsCollector }).pls.finish(),
            }));
      return { report: { column, segments, differences }, pls: data };
    },
  };
}
