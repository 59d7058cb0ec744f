import type { ColumnPlan } from '../data/map-columns.js';
import type { Attribute, Construct, Instrument } from '../instrument/types.js';
import { Tally } from '../stats/tally.js';

/** Frequency tables for one attribute or construct: everything its statistics need. */
export interface GapTallies {
  /** Baseline ratings of respondents who gave both ratings. */
  readonly baseline: Tally;
  /** Performance ratings (reflected when reverse-keyed) of the same respondents. */
  readonly performance: Tally;
  /** Per-respondent differences performance − baseline. */
  readonly difference: Tally;
  /** All performance ratings given, paired or not (for performance-only data and outcomes). */
  readonly performanceAll: Tally;
}

export interface GapAccumulator {
  /** Adds one respondent's ratings (in `plan.used` order, NaN = missing). */
  add(values: Float64Array): void;
  readonly respondents: number;
  readonly attributes: ReadonlyMap<string, GapTallies>;
  readonly constructs: ReadonlyMap<string, GapTallies>;
  /** Missing cells per used column (same order as `plan.used`). */
  readonly missing: Float64Array;
}

/**
 * Scores respondents as they stream past and tallies what the gap statistics need.
 *
 * - Reverse-keyed attributes are reflected, x' = min + max − x, in every role but importance
 *   (importance rates how much the topic matters, whatever its wording).
 * - Attribute level: a respondent counts when both baseline and performance are present.
 * - Construct level: per respondent, the means of baseline and of performance over the construct's
 *   attributes that the respondent rated in both roles (higher-order constructs: over all their
 *   dimensions' attributes); the respondent's difference is (ΣP − ΣB)/k. A respondent with no such
 *   attribute is left out of that construct.
 *
 * Memory is O(attributes × distinct values), independent of the number of respondents.
 */
export function createGapAccumulator(plan: ColumnPlan, instrument: Instrument): GapAccumulator {
  const baselineRole = plan.baseline;
  const newTallies = (): GapTallies => ({ baseline: new Tally(), performance: new Tally(), difference: new Tally(), performanceAll: new Tally() });
  const attributes = new Map<string, GapTallies>();
  const constructs = new Map<string, GapTallies>();

  interface Slot {
    readonly tallies: GapTallies;
    readonly perf: number;
    readonly base: number;
    readonly reflectPerf: number; // min + max for reverse items, 0 otherwise
    readonly reflectBase: number;
  }
  const slotOf = new Map<Attribute, number>();
  const slots: Slot[] = plan.attributes.map(({ attribute, slot }) => {
    const tallies = newTallies();
    attributes.set(attribute.id, tallies);
    const reflect = attribute.reverse ? attribute.scale.min + attribute.scale.max : 0;
    return {
      tallies,
      perf: slot.performance,
      base: baselineRole === null ? -1 : slot[baselineRole],
      reflectPerf: reflect,
      reflectBase: baselineRole === 'expectation' ? reflect : 0,
    };
  });
  plan.attributes.forEach(({ attribute }, i) => slotOf.set(attribute, i));

  // Construct membership as lists of attribute slot numbers.
  const members: Array<{ tallies: GapTallies; slots: number[] }> = [];
  const byId = new Map<string, Construct>(instrument.constructs.map((c) => [c.id, c]));
  for (const c of instrument.constructs) {
    const attrs = c.attributes.length > 0 ? c.attributes : c.dimensions.flatMap((d) => byId.get(d)?.attributes ?? []);
    const tallies = newTallies();
    constructs.set(c.id, tallies);
    members.push({ tallies, slots: attrs.map((a) => slotOf.get(a) as number) });
  }

  const missing = new Float64Array(plan.used.length);
  const perf = new Float64Array(slots.length);
  const base = new Float64Array(slots.length);
  let respondents = 0;

  return {
    get respondents() {
      return respondents;
    },
    attributes,
    constructs,
    missing,
    add(values) {
      respondents++;
      for (let k = 0; k < values.length; k++) if (Number.isNaN(values[k])) missing[k] = (missing[k] as number) + 1;
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i] as Slot;
        let p = s.perf >= 0 ? (values[s.perf] as number) : Number.NaN;
        if (s.reflectPerf !== 0) p = s.reflectPerf - p;
        let b = s.base >= 0 ? (values[s.base] as number) : Number.NaN;
        if (s.reflectBase !== 0) b = s.reflectBase - b;
        perf[i] = p;
        base[i] = b;
        if (p === p) s.tallies.performanceAll.add(p);
        if (p === p && b === b) {
          s.tallies.baseline.add(b);
          s.tallies.performance.add(p);
          s.tallies.difference.add(p - b);
        }
      }
      for (const m of members) {
        let sumP = 0;
        let sumB = 0;
        let k = 0;
        let sumAll = 0;
        let kAll = 0;
        for (const i of m.slots) {
          const p = perf[i] as number;
          const b = base[i] as number;
          if (p === p) {
            sumAll += p;
            kAll++;
            if (b === b) {
              sumP += p;
              sumB += b;
              k++;
            }
          }
        }
        if (kAll > 0) m.tallies.performanceAll.add(sumAll / kAll);
        if (k > 0) {
          m.tallies.baseline.add(sumB / k);
          m.tallies.performance.add(sumP / k);
          m.tallies.difference.add((sumP - sumB) / k);
        }
      }
    },
  };
}
