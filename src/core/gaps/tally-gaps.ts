import type { ColumnPlan } from '../data/map-columns.js';
import type { Construct, Instrument, Role } from '../instrument/types.js';
import { PairTally } from '../stats/pair-tally.js';
import { RatioTally } from '../stats/ratio-tally.js';
import { Tally, type PlainTally } from '../stats/tally.js';

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

/** Everything one pass over the data leaves for the gap statistics. */
export interface GapTallySet {
  readonly respondents: number;
  /** Weighted runs (`plan.weight`): Σw, Σw² and the number of respondents with a weight above 0. */
  readonly weights?: WeightTotals | null;
  /** Missing cells per used column (same order as `plan.used`). */
  readonly missing: readonly number[];
  readonly attributes: ReadonlyMap<string, GapTallies>;
  /** For constructs with gaps, `performanceAll` is the paired `performance`. */
  readonly constructs: ReadonlyMap<string, GapTallies>;
}

/**
 * Zone-of-tolerance tallies (Zeithaml, Berry & Parasuraman 1993): measure of service adequacy
 * MSA = performance − adequate, measure of service superiority MSS = performance − desired, and the
 * zone's width desired − adequate, each over respondents who gave both ratings.
 */
export interface ZoneTallies {
  readonly msa: GapTallySet;
  readonly mss: GapTallySet;
  readonly width: GapTallySet;
}

export interface GapAccumulator {
  /**
   * Adds one respondent's ratings: `values[offset …]` in `plan.used` order, NaN = missing, with the
   * respondent's weight (`plan.weight`; 1 without). A weight of 0 counts the respondent (and the
   * missing cells) but adds nothing to the tallies.
   */
  add(values: Float64Array, offset?: number, weight?: number): void;
  /** The tallies of each attribute and construct, by id. */
  tallies(): GapTallySet;
}

/** Σw, Σw² and the number of respondents with a weight above 0, over a weighted run. */
export interface WeightTotals {
  readonly sum: number;
  readonly squares: number;
  readonly positive: number;
}

type PlainTallies = Record<keyof GapTallies, PlainTally>;
/** A GapTallySet as plain data (arrays and numbers), to cross a thread boundary. */
export interface PlainGapTallySet {
  readonly respondents: number;
  readonly weights?: WeightTotals | null;
  readonly missing: readonly number[];
  readonly attributes: ReadonlyArray<readonly [string, PlainTallies]>;
  readonly constructs: ReadonlyArray<readonly [string, PlainTallies]>;
}

export function toPlainTallies(set: GapTallySet): PlainGapTallySet {
  const plain = (t: GapTallies): PlainTallies => ({
    baseline: t.baseline.toPlain(),
    performance: t.performance.toPlain(),
    difference: t.difference.toPlain(),
    performanceAll: t.performanceAll.toPlain(),
  });
  return {
    respondents: set.respondents,
    weights: set.weights ?? null,
    missing: set.missing,
    attributes: [...set.attributes].map(([id, t]) => [id, plain(t)] as const),
    constructs: [...set.constructs].map(([id, t]) => [id, plain(t)] as const),
  };
}

export function fromPlainTallies(plain: PlainGapTallySet): GapTallySet {
  const tallies = (t: PlainTallies): GapTallies => ({
    baseline: Tally.fromPlain(t.baseline),
    performance: Tally.fromPlain(t.performance),
    difference: Tally.fromPlain(t.difference),
    performanceAll: Tally.fromPlain(t.performanceAll),
  });
  return {
    respondents: plain.respondents,
    weights: plain.weights ?? null,
    missing: plain.missing,
    attributes: new Map(plain.attributes.map(([id, t]) => [id, tallies(t)])),
    constructs: new Map(plain.constructs.map(([id, t]) => [id, tallies(t)])),
  };
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
 * - Weighted (`plan.weight`, `--weight-by`): each respondent adds its weight instead of 1, and the
 *   tallies keep n and Σw² for the effective sample size (see `Tally`).
 *
 * Memory is O(attributes × scale points²), independent of the number of respondents; the work per
 * respondent is one table increment per attribute and three per construct.
 */
export function createGapAccumulator(
  plan: ColumnPlan,
  instrument: Instrument,
  roles: { readonly baseline?: Role | null; readonly performance?: Role } = {},
): GapAccumulator {
  // By default: performance against the plan's baseline. The zone of tolerance reuses the same
  // tallies with other roles: performance − adequate (MSA), performance − desired (MSS),
  // desired − adequate (the zone's width).
  const baselineRole: Role | null = roles.baseline === undefined ? plan.baseline : roles.baseline;
  const performanceRole: Role = roles.performance ?? 'performance';
  const weighted = plan.weight !== null;
  const pairs = new PairTally(
    plan.attributes.map(({ attribute }) => attribute.scale),
    { weighted },
  );
  const attributes = plan.attributes.map(({ attribute, slot }) => {
    const reflect = attribute.reverse ? attribute.scale.min + attribute.scale.max : 0;
    return {
      id: attribute.id,
      perf: slot[performanceRole],
      base: baselineRole === null ? -1 : slot[baselineRole],
      reflectPerf: reflect,
      reflectBase: baselineRole === 'importance' ? 0 : reflect,
      min: attribute.scale.min,
      max: attribute.scale.max,
    };
  });
  const slotOf = new Map(plan.attributes.map(({ attribute }, i) => [attribute.id, i]));
  const index = new Map(instrument.constructs.map((c, i) => [c.id, i]));
  const byId = new Map<string, Construct>(instrument.constructs.map((c) => [c.id, c]));
  const constructs = instrument.constructs.map((c) => {
    const attributesOf =
      c.attributes.length > 0
        ? c.attributes
        : c.dimensions.flatMap((d) => byId.get(d)?.attributes ?? []);
    const slots = attributesOf.map((a) => slotOf.get(a.id) as number);
    const k = slots.length;
    const unitMin = Math.min(...slots.map((i) => attributes[i]?.min ?? 0));
    const unitMax = Math.max(...slots.map((i) => attributes[i]?.max ?? 0));
    const ratings = { maxDenominator: k, unitMin, unitMax, weighted };
    const differences = {
      maxDenominator: k,
      unitMin: unitMin - unitMax,
      unitMax: unitMax - unitMin,
      weighted,
    };
    // Gap tallies need a baseline; outcome constructs (and performance-only files) tally
    // performance alone.
    const paired = baselineRole !== null && attributesOf.some((a) => !a.outcome);
    return {
      id: c.id,
      paired,
      // First-order: the attribute slots; higher-order: the indices of the dimension constructs.
      members: Int32Array.from(
        c.attributes.length > 0 ? slots : c.dimensions.map((d) => index.get(d) as number),
      ),
      higherOrder: c.attributes.length === 0,
      baseline: new RatioTally(ratings),
      performance: new RatioTally(ratings),
      difference: new RatioTally(differences),
      performanceAll: new RatioTally(ratings),
    };
  });
  // Per-respondent sums per construct: ΣP and ΣB over attributes rated in both roles (k of them),
  // ΣP over all rated attributes (kAll). Higher-order constructs add up their dimensions' sums.
  const sumP = new Float64Array(constructs.length);
  const sumB = new Float64Array(constructs.length);
  const count = new Float64Array(constructs.length);
  const sumAll = new Float64Array(constructs.length);
  const countAll = new Float64Array(constructs.length);
  const order = [...constructs.keys()].sort(
    (a, b) => Number(constructs[a]?.higherOrder) - Number(constructs[b]?.higherOrder),
  );

  const width = plan.used.length;
  const missing = new Float64Array(width);
  const perf = new Float64Array(attributes.length);
  const base = new Float64Array(attributes.length);
  let respondents = 0;
  const weights = { sum: 0, squares: 0, positive: 0 };

  // The hot loop below inlines the dense fast paths of PairTally.add and RatioTally.add (function
  // calls there cost more than the arithmetic); anything off the dense grid goes through `add`.
  const attributeCount = attributes.length;
  const perfSlot = Int32Array.from(attributes, (a) => a.perf);
  const baseSlot = Int32Array.from(attributes, (a) => a.base);
  const reflectPerf = Float64Array.from(attributes, (a) => a.reflectPerf);
  const reflectBase = Float64Array.from(attributes, (a) => a.reflectBase);
  const { min, points, offset: pairOffset, counts } = pairs;
  // Weighted respondents take the general path (`add` keeps n and Σw² as well).
  const addRatio = (
    tally: RatioTally,
    numerator: number,
    denominator: number,
    weight: number,
  ): void => {
    const at = numerator - denominator * tally.unitMin;
    if (
      !weighted &&
      denominator <= tally.maxDenominator &&
      at >= 0 &&
      at <= denominator * tally.span &&
      Math.floor(at) === at
    ) {
      const cell = (tally.rowStart[denominator] as number) + at;
      tally.dense[cell] = (tally.dense[cell] as number) + 1;
    } else {
      tally.add(numerator, denominator, weight);
    }
  };

  return {
    add(values, offset = 0, weight = 1) {
      respondents++;
      for (let k = 0; k < width; k++)
        if (values[offset + k] !== values[offset + k]) missing[k] = (missing[k] as number) + 1;
      if (weighted) {
        if (!(weight > 0)) return;
        weights.sum += weight;
        weights.squares += weight * weight;
        weights.positive++;
      }
      for (let i = 0; i < attributeCount; i++) {
        const ps = perfSlot[i] as number;
        const bs = baseSlot[i] as number;
        let p = ps >= 0 ? (values[offset + ps] as number) : Number.NaN;
        const rp = reflectPerf[i] as number;
        if (rp !== 0) p = rp - p;
        let b = bs >= 0 ? (values[offset + bs] as number) : Number.NaN;
        const rb = reflectBase[i] as number;
        if (rb !== 0) b = rb - b;
        perf[i] = p;
        base[i] = b;
        // Dense fast path of pairs.add(i, b, p).
        const k = points[i] as number;
        const lo = min[i] as number;
        const pi = p - lo;
        const bi = b - lo;
        if (
          !weighted &&
          pi >= 0 &&
          pi < k &&
          bi >= 0 &&
          bi < k &&
          Math.floor(pi) === pi &&
          Math.floor(bi) === bi
        ) {
          const cell = (pairOffset[i] as number) + bi * k + pi;
          counts[cell] = (counts[cell] as number) + 1;
        } else {
          pairs.add(i, b, p, weight);
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
          if (ka > 0) addRatio(m.performanceAll, sa, ka, weight);
        } else if (k > 0) {
          addRatio(m.baseline, sb, k, weight);
          addRatio(m.performance, sp, k, weight);
          addRatio(m.difference, sp - sb, k, weight);
        }
      }
    },
    tallies() {
      const attributeTallies = new Map<string, GapTallies>();
      attributes.forEach((a, i) =>
        attributeTallies.set(a.id, { ...pairs.paired(i), performanceAll: pairs.performanceAll(i) }),
      );
      const constructTallies = new Map<string, GapTallies>();
      for (const c of constructs) {
        const performance = c.performance.toTally();
        constructTallies.set(c.id, {
          baseline: c.baseline.toTally(),
          performance,
          difference: c.difference.toTally(),
          performanceAll: c.paired ? performance : c.performanceAll.toTally(),
        });
      }
      return {
        respondents,
        weights: weighted ? { ...weights } : null,
        missing: [...missing],
        attributes: attributeTallies,
        constructs: constructTallies,
      };
    },
  };
}
