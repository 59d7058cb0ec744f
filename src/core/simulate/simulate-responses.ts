import type { Attribute, Instrument } from '../instrument/types.js';
import { ROLE_SUFFIX } from '../instrument/types.js';
import type { RandomSource } from '../random/random-source.js';

/**
 * The model `servqual simulate` draws from. Standardized latent variables:
 *   SQ ~ N(0, 1);            each SQ dimension  = 0.8·SQ + 0.6·ε
 *   RQ = 0.6·SQ + 0.8·ε;     each RQ dimension  = 0.8·RQ + 0.6·ε
 *   CL = 0.55·RQ + 0.10·SQ + e, e ~ N(0, 1 − 0.3785)   (var(CL) = 1)
 * so SQ → RQ = 0.6, RQ → CL = 0.55, SQ → CL = 0.10 (loyalty comes mainly through RQ).
 * An item's performance rating is round(μ + 1.1·(0.8·η + 0.6·ε)) clipped to the scale, η its
 * dimension (CL items load on CL); importance is round(ι + 0.9·ε), independent of performance.
 * Reverse-keyed items are generated on the positive side and stored raw (min + max − x).
 * Each rating cell is missing with probability `missingRate`.
 */
export const TRUE_PATHS = { 'SQ→RQ': 0.6, 'RQ→CL': 0.55, 'SQ→CL': 0.1 } as const;

/**
 * True mean performance μ and importance ι per default-instrument attribute (others: μ 5.3, ι 5.6).
 */
export const TRUE_MEANS: Readonly<
  Record<string, { readonly performance: number; readonly importance: number }>
> = {
  tan1: { performance: 5.6, importance: 4.3 },
  tan2: { performance: 5.9, importance: 4.1 },
  tan3: { performance: 5.8, importance: 3.9 },
  tan4: { performance: 5.2, importance: 4.6 },
  rel1: { performance: 4.9, importance: 6.3 },
  rel2: { performance: 5.2, importance: 6.0 },
  rel3: { performance: 4.5, importance: 6.4 },
  rel4: { performance: 4.8, importance: 6.2 },
  rel5: { performance: 5.6, importance: 5.7 },
  res1: { performance: 4.8, importance: 5.6 },
  res2: { performance: 4.0, importance: 6.3 },
  res3: { performance: 5.4, importance: 5.8 },
  res4: { performance: 4.9, importance: 5.3 },
  ass1: { performance: 5.5, importance: 5.9 },
  ass2: { performance: 6.0, importance: 6.1 },
  ass3: { performance: 5.9, importance: 5.2 },
  ass4: { performance: 5.1, importance: 5.9 },
  emp1: { performance: 4.6, importance: 4.8 },
  emp2: { performance: 4.3, importance: 5.4 },
  emp3: { performance: 4.5, importance: 4.6 },
  emp4: { performance: 5.0, importance: 5.5 },
  emp5: { performance: 4.9, importance: 5.6 },
  con1: { performance: 5.6, importance: 5.0 },
  con2: { performance: 5.3, importance: 5.1 },
  con3: { performance: 5.2, importance: 5.3 },
};

export interface SimulateOptions {
  readonly n: number;
  readonly random: RandomSource;
  /** Probability that a rating cell is left empty (default 0.02). */
  readonly missingRate?: number;
}

const SEGMENTS = ['retail', 'retail', 'retail', 'business', 'business'] as const;
const TIERS = ['A', 'B', 'B', 'C', 'C'] as const;

/**
 * Column names of a simulated file: respondent_id, segment, tier, then importance and performance
 * per attribute.
 */
export function simulatedHeader(instrument: Instrument): string[] {
  const header = ['respondent_id', 'segment', 'tier'];
  for (const a of instrument.constructs.flatMap((c) => c.attributes)) {
    if (!a.outcome) header.push(a.columns.importance ?? `${a.id}_${ROLE_SUFFIX.importance}`);
    header.push(a.columns.performance ?? `${a.id}_${ROLE_SUFFIX.performance}`);
  }
  return header;
}

/**
 * Simulated respondents for an instrument, one row (array of cell strings) at a time, in the column
 * order of `simulatedHeader`. Constructs outside SQ/RQ/CL groups load on SQ.
 */
export function* simulateResponses(
  instrument: Instrument,
  options: SimulateOptions,
): Generator<string[]> {
  const { random, n } = options;
  const missingRate = options.missingRate ?? 0.02;
  const attributes = instrument.constructs.flatMap((c) => c.attributes);
  const firstOrder = instrument.constructs.filter((c) => c.attributes.length > 0);
  const width = String(n).length;
  const eta = new Map<string, number>();
  for (let r = 1; r <= n; r++) {
    const sq = random.normal();
    const rq = 0.6 * sq + 0.8 * random.normal();
    const cl = 0.55 * rq + 0.1 * sq + Math.sqrt(1 - 0.3785) * random.normal();
    for (const c of firstOrder) {
      const level = c.group === 'RQ' ? rq : c.group === 'CL' ? cl : sq;
      eta.set(c.id, c.group === 'CL' ? level : 0.8 * level + 0.6 * random.normal());
    }
    const row = [`R${String(r).padStart(width, '0')}`, pick(SEGMENTS, random), pick(TIERS, random)];
    for (const a of attributes) {
      const truth = TRUE_MEANS[a.id] ?? { performance: 5.3, importance: 5.6 };
      if (!a.outcome)
        row.push(cellOf(truth.importance + 0.9 * random.normal(), a, false, missingRate, random));
      const latent = eta.get(a.construct) ?? 0;
      row.push(
        cellOf(
          truth.performance + 1.1 * (0.8 * latent + 0.6 * random.normal()),
          a,
          a.reverse,
          missingRate,
          random,
        ),
      );
    }
    yield row;
  }
}

function cellOf(
  x: number,
  a: Attribute,
  reverse: boolean,
  missingRate: number,
  random: RandomSource,
): string {
  if (random.next() < missingRate) return '';
  const { min, max } = a.scale;
  const rating = Math.min(max, Math.max(min, Math.round(x)));
  return String(reverse ? min + max - rating : rating);
}

function pick<T>(items: readonly T[], random: RandomSource): T {
  return items[random.int(items.length)] as T;
}
