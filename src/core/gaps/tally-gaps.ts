import type { ColumnPlan } from '../data/map-columns.js';
import type { Construct, Instrument } from '../instrument/types.js';
import { PairTally } from '../stats/pair-tally.js';
import { RatioTally } from '../stats/ratio-tally.js';
import type { Tally } from '../stats/tally.js';

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
  /** Missing cells per used column (same order as `plan.used`). */
  readonly missing: Float64Array;
  /** The tallies of each attribute and construct, by id. */
  tallies(): { attributes: Map<string, GapTallies>; constructs: Map<string, GapTallies> };
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
 * Memory is O(attributes × scale points²), independent of the number of respondents; the work per
 * respondent is one table increment per attribute and three per construct.
 */
export function createGapAccumulator(plan: ColumnPlan, instrument: Instrument): GapAccumulator {
  const baselineRole = plan.baseline;
  const pairs = new PairTally(plan.attributes.map(({ attribute }) => attribute.scale));
  const attributes = plan.attributes.map(({ attribute, slot }) => {
    const reflect = attribute.reverse ? attribute.scale.min + attribute.scale.max : 0;
    return {
      id: attribute.id,
      perf: slot.performance,
      base: baselineRole === null ? -1 : slot[baselineRole],
      reflectPerf: reflect,
      reflectBase: baselineRole === 'expectation' ? reflect : 0,
      bound: Math.max(Math.abs(attribute.scale.min), Math.abs(attribute.scale.max)),
      range: attribute.scale.max - attribute.scale.min,
    };
  });
  const slotOf = new Map(plan.attributes.map(({ attribute }, i) => [attribute.id, i]));
  const index = new Map(instrument.constructs.map((c, i) => [c.id, i]));
  const byId = new Map<string, Construct>(instrument.constructs.map((c) => [c.id, c]));
  const constructs = instrument.constructs.map((c) => {
    const attributesOf = c.attributes.length > 0 ? c.attributes : c.dimensions.flatMap((d) => byId.get(d)?.attributes ?? []);
    const slots = attributesOf.map((a) => slotOf.get(a.id) as number);
    const k = slots.length;
    const bound = Math.max(0, ...slots.map((i) => attributes[i]?.bound ?? 0)) * k;
    const range = Math.max(0, ...slots.map((i) => attributes[i]?.range ?? 0)) * k;
    // Gap tallies need a baseline; outcome constructs (and performance-only files) tally performance alone.
    const paired = baselineRole !== null && attributesOf.some((a) => !a.outcome);
    return {
      id: c.id,
      paired,
      // First-order: the attribute slots; higher-order: the indices of the dimension constructs.
      members: Int32Array.from(c.attributes.length > 0 ? slots : c.dimensions.map((d) => index.get(d) as number)),
      higherOrder: c.attributes.length === 0,
      baseline: new RatioTally({ maxDenominator: k, maxNumerator: bound }),
      performance: new RatioTally({ maxDenominator: k, maxNumerator: bound }),
      difference: new RatioTally({ maxDenominator: k, maxNumerator: range }),
      performanceAll: new RatioTally({ maxDenominator: k, maxNumerator: bound }),
    };
  });
  // Per-respondent sums per construct: ΣP and ΣB over attributes rated in both roles (k of them),
  // ΣP over all rated attributes (kAll). Higher-order constructs add up their dimensions' sums.
  const sumP = new Float64Array(constructs.length);
  const sumB = new Float64Array(constructs.length);
  const count = new Float64Array(constructs.length);
  const sumAll = new Float64Array(constructs.length);
  const countAll = new Float64Array(constructs.length);
  const order = [...constructs.keys()].sort((a, b) => Number(constructs[a]?.higherOrder) - Number(constructs[b]?.higherOrder));

  const missing = new Float64Array(plan.used.length);
  const perf = new Float64Array(attributes.length);
  const base = new Float64Array(attributes.length);
  let respondents = 0;

  // The hot loop below inlines the dense fast paths of PairTally.add and RatioTally.add (function
  // calls there cost more than the arithmetic); anything off the dense grid goes through `add`.
  const attributeCount = attributes.length;
  const perfSlot = Int32Array.from(attributes, (a) => a.perf);
  const baseSlot = Int32Array.from(attributes, (a) => a.base);
  const reflectPerf = Float64Array.from(attributes, (a) => a.reflectPerf);
  const reflectBase = Float64Array.from(attributes, (a) => a.reflectBase);
  const { min, points, offset: pairOffset, counts } = pairs;
  const addRatio = (tally: RatioTally, numerator: number, denominator: number): void => {
    const at = numerator + tally.offset;
    if (denominator <= tally.maxDenominator && at >= 0 && at < tally.width && Math.floor(at) === at) {
      const cell = denominator * tally.width + at;
      tally.dense[cell] = (tally.dense[cell] as number) + 1;
    } else {
      tally.add(numerator, denominator);
    }
  };

  return {
    get respondents() {
      return respondents;
    },
    missing,
    add(values) {
      respondents++;
      for (let k = 0; k < values.length; k++) if (values[k] !== values[k]) missing[k] = (missing[k] as number) + 1;
      for (let i = 0; i < attributeCount; i++) {
        const ps = perfSlot[i] as number;
        const bs = baseSlot[i] as number;
        let p = ps >= 0 ? (values[ps] as number) : Number.NaN;
        const rp = reflectPerf[i] as number;
        if (rp !== 0) p = rp - p;
        let b = bs >= 0 ? (values[bs] as number) : Number.NaN;
        const rb = reflectBase[i] as number;
        if (rb !== 0) b = rb - b;
        perf[i] = p;
        base[i] = b;
        // Dense fast path of pairs.add(i, b, p).
        const k = points[i] as number;
        const lo = min[i] as number;
        const pi = p - lo;
        const bi = b - lo;
        if (pi >= 0 && pi < k && bi >= 0 && bi < k && Math.floor(pi) === pi && Math.floor(bi) === bi) {
          const cell = (pairOffset[i] as number) + bi * k + pi;
          counts[cell] = (counts[cell] as number) + 1;
        } else {
          pairs.add(i, b, p);
        }
      }
      for (const c of order) {
        const m = constructs[c] as (typeof constructs)[number];
        let sp = 0;
        let sb = 0;
        let k = 0;
        let sa = 0;
        let ka = 0;
        const members = m.members;
        if (m.higherOrder) {
          for (let j = 0; j < members.length; j++) {
            const d = members[j] as number;
            sp += sumP[d] as number;
            sb += sumB[d] as number;
            k += count[d] as number;
            sa += sumAll[d] as number;
            ka += countAll[d] as number;
          }
        } else {
          for (let j = 0; j < members.length; j++) {
            const i = members[j] as number;
            const p = perf[i] as number;
            if (p !== p) continue;
            sa += p;
            ka++;
            const b = base[i] as number;
            if (b !== b) continue;
            sp += p;
            sb += b;
            k++;
          }
        }
        sumP[c] = sp;
        sumB[c] = sb;
        count[c] = k;
        sumAll[c] = sa;
        countAll[c] = ka;
        if (!m.paired) {
          if (ka > 0) addRatio(m.performanceAll, sa, ka);
        } else if (k > 0) {
          addRatio(m.baseline, sb, k);
          addRatio(m.performance, sp, k);
          addRatio(m.difference, sp - sb, k);
        }
      }
    },
    tallies() {
      const attributeTallies = new Map<string, GapTallies>();
      attributes.forEach((a, i) => attributeTallies.set(a.id, { ...pairs.paired(i), performanceAll: pairs.performanceAll(i) }));
      const constructTallies = new Map<string, GapTallies>();
      for (const c of constructs) {
        const performance = c.performance.toTally();
        constructTallies.set(c.id, {
          baseline: c.baseline.toTally(), performance, difference: c.difference.toTally(),
          performanceAll: c.paired ? performance : c.performanceAll.toTally(),
        });
      }
      return { attributes: attributeTallies, constructs: constructTallies };
    },
  };
}
