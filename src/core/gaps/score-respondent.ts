import type { ColumnPlan } from '../data/map-columns.js';
import type { Instrument } from '../instrument/types.js';

/** Where a respondent's scores sit in the vector `createRespondentScorer` fills. */
export interface ScoreLayout {
  /** Attribute ids, then construct ids, in instrument order. */
  readonly ids: readonly string[];
  /** For each id: performance score at `2·i`, gap (performance − baseline) at `2·i + 1`. */
  readonly width: number;
}

/**
 * One respondent's scores, for analyses that need respondents one by one (wave comparison):
 * per attribute the performance rating (reflected when reverse-keyed, as everywhere) and the gap to
 * the baseline; per construct the means over the attributes rated. With `pairedPerformance` (wave
 * comparison: one definition with `analyze`'s gap tables) an attribute that has a baseline column
 * counts its performance only where the baseline was rated too (respondents with both ratings);
 * attributes without one (outcomes, performance-only files) use every performance rating. Without
 * it (the loyalty analyses) performance is every rating. NaN when not available.
 * `score(values, out)` writes into `out` (reused by callers that score every respondent).
 */
export function createRespondentScorer(
  plan: ColumnPlan,
  instrument: Instrument,
  options: { readonly pairedPerformance?: boolean } = {},
): { layout: ScoreLayout; score(values: Float64Array, out?: Float64Array): Float64Array } {
  const paired = options.pairedPerformance === true;
  const attributes = plan.attributes.map(({ attribute, slot }) => {
    const reflect = attribute.reverse ? attribute.scale.min + attribute.scale.max : 0;
    return {
      perf: slot.performance,
      base: plan.baseline === null ? -1 : slot[plan.baseline],
      reflect,
      reflectBase: plan.baseline === 'expectation' ? reflect : 0,
    };
  });
  const index = new Map(plan.attributes.map(({ attribute }, i) => [attribute.id, i]));
  const byId = new Map(instrument.constructs.map((c) => [c.id, c]));
  const constructs = instrument.constructs.map((c) =>
    (c.attributes.length > 0
      ? c.attributes
      : c.dimensions.flatMap((d) => byId.get(d)?.attributes ?? [])
    ).map((a) => index.get(a.id) as number),
  );
  const ids = [
    ...plan.attributes.map((a) => a.attribute.id),
    ...instrument.constructs.map((c) => c.id),
  ];
  const a = attributes.length;
  return {
    layout: { ids, width: 2 * ids.length },
    score(values, out = new Float64Array(2 * ids.length)) {
      attributes.forEach((s, i) => {
        let p = s.perf >= 0 ? (values[s.perf] as number) : Number.NaN;
        if (s.reflect !== 0) p = s.reflect - p;
        let b = s.base >= 0 ? (values[s.base] as number) : Number.NaN;
        if (s.reflectBase !== 0) b = s.reflectBase - b;
        // pairedPerformance: with a baseline column, performance counts only beside a baseline
        // rating (as `analyze`).
        out[2 * i] = paired && s.base >= 0 && b !== b ? Number.NaN : p;
        out[2 * i + 1] = p - b;
      });
      constructs.forEach((members, c) => {
        let sp = 0;
        let kp = 0;
        let sg = 0;
        let kg = 0;
        for (const i of members) {
          const p = out[2 * i] as number;
          const g = out[2 * i + 1] as number;
          if (p === p) {
            sp += p;
            kp++;
          }
          if (g === g) {
            sg += g;
            kg++;
          }
        }
        out[2 * (a + c)] = kp > 0 ? sp / kp : Number.NaN;
        out[2 * (a + c) + 1] = kg > 0 ? sg / kg : Number.NaN;
      });
      return out;
    },
  };
}
