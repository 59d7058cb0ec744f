import type { Attribute, Instrument } from '../instrument/types.js';
import { ROLE_SUFFIX } from '../instrument/types.js';
import type { LoyaltyType } from '../loyalty/types.js';
import type { RandomSource } from '../random/random-source.js';
import { TRUE_MEANS } from './simulate-responses.js';

/**
 * The known truths of `servqual simulate --loyalty` (tests recover them):
 *
 * - **Typology**: each respondent is drawn a Dick & Basu type with these probabilities. Attitudinal
 *   items of a high-attitude type are uniform on the top three scale points, of a low one on the
 *   bottom three; behavioural items likewise by patronage — so the midpoint split recovers every
 *   type.
 * - **Asymmetry**: SQ performance ratings are uniform on the scale; each satisfaction item is
 *   round(4.3 + Σ effects + N(0, 0.8²)), where an attribute rated low (1–2 on 1–7) adds −penalty
 *   and one rated high (6–7) adds +reward: `basic` penalises (1.2) and barely rewards (0.15),
 *   `excitement` the reverse, `performance` both 0.8; every other attribute has no effect.
 * - **Complaints**: a respondent whose satisfaction mean is below the midpoint complains with
 *   probability 0.3 (so 70 % of the dissatisfied are silent), others with 0.1. A complaint is
 *   resolved (50 %), partly (20 %) or not (30 %); the firm answered after an exponential time with
 *   mean 4 h (resolved), 24 h (partly) or 72 h (unresolved). Recovery: a resolved complainer's
 *   loyalty items are drawn from the top two of their type's three points, an unresolved one's from
 *   the bottom point, a partly resolved one's from all three.
 */
export const LOYALTY_TRUTH = {
  types: { true: 0.4, latent: 0.15, spurious: 0.25, none: 0.2 } as Readonly<
    Record<LoyaltyType, number>
  >,
  silentDissatisfied: 0.7,
  complainIfSatisfied: 0.1,
  resolution: { yes: 0.5, partly: 0.2, no: 0.3 },
  meanHours: { yes: 4, partly: 24, no: 72 },
  effects: {
    basic: { penalty: 1.2, reward: 0.15 },
    excitement: { penalty: 0.15, reward: 1.2 },
    performance: { penalty: 0.8, reward: 0.8 },
  },
  /** The default instrument's attributes given each effect (else the first three SQ attributes). */
  attributes: { basic: 'rel1', excitement: 'emp1', performance: 'res2' },
} as const;

type Effect = keyof typeof LOYALTY_TRUTH.effects;

/**
 * Columns of a `--loyalty` file: the usual ones, then the complaint fields the instrument declares.
 */
export function loyaltyHeader(instrument: Instrument): string[] {
  const header = ['respondent_id', 'segment', 'tier'];
  for (const a of instrument.constructs.flatMap((c) => c.attributes)) {
    if (!a.outcome) header.push(a.columns.importance ?? `${a.id}_${ROLE_SUFFIX.importance}`);
    header.push(a.columns.performance ?? `${a.id}_${ROLE_SUFFIX.performance}`);
  }
  for (const meaning of ['complained', 'resolved', 'response-hours'] as const) {
    const field = instrument.respondentFields.find((f) => f.meaning === meaning);
    if (field !== undefined) header.push(field.id);
  }
  return header;
}

/** Which attributes carry the known asymmetric effects in this instrument. */
export function asymmetricAttributes(instrument: Instrument): Readonly<Record<Effect, string>> {
  const sq = instrument.constructs
    .filter((c) => c.group === 'SQ')
    .flatMap((c) => c.attributes)
    .filter((a) => !a.outcome)
    .map((a) => a.id);
  const wanted = LOYALTY_TRUTH.attributes;
  if (Object.values(wanted).every((id) => sq.includes(id))) return wanted;
  return { basic: sq[0] ?? '', excitement: sq[1] ?? '', performance: sq[2] ?? '' };
}

/**
 * Simulated respondents with the known loyalty, asymmetry and complaint structure above, one row at
 * a time in the column order of `loyaltyHeader`. RQ items other than satisfaction are round(4.6 ±
 * 0.9 + N(0, 1)), higher for high-attitude types; importance as in `simulateResponses`.
 */
export function* simulateLoyalty(
  instrument: Instrument,
  options: { readonly n: number; readonly random: RandomSource; readonly missingRate?: number },
): Generator<string[]> {
  const { random, n } = options;
  const missingRate = options.missingRate ?? 0.02;
  const attributes = instrument.constructs.flatMap((c) => c.attributes);
  const effectOf = new Map(
    Object.entries(asymmetricAttributes(instrument)).map(([k, id]) => [id, k as Effect]),
  );
  const targetId =
    instrument.constructs.find((c) => c.id === 'satisfaction')?.id ??
    instrument.constructs.find((c) => c.outcome)?.id;
  const midpoint = (instrument.scale.min + instrument.scale.max) / 2;
  const fields = (['complained', 'resolved', 'response-hours'] as const).map((m) =>
    instrument.respondentFields.some((f) => f.meaning === m),
  );
  const width = String(n).length;
  const types = Object.entries(LOYALTY_TRUTH.types) as Array<[LoyaltyType, number]>;
  for (let r = 1; r <= n; r++) {
    let u = random.next();
    let type: LoyaltyType = 'none';
    for (const [t, p] of types) {
      if (u < p) {
        type = t;
        break;
      }
      u -= p;
    }
    const highAttitude = type === 'true' || type === 'latent';
    const highPatronage = type === 'true' || type === 'spurious';
    // SQ performance first: satisfaction depends on it.
    const sqPerformance = new Map<string, number>();
    let shift = 0;
    for (const a of attributes) {
      if (a.group !== 'SQ' || a.outcome) continue;
      const x = a.scale.min + random.int(a.scale.max - a.scale.min + 1);
      sqPerformance.set(a.id, x);
      const effect = effectOf.get(a.id);
      if (effect === undefined) continue;
      const quarter = (a.scale.max - a.scale.min) / 4;
      if (x <= a.scale.min + quarter) shift -= LOYALTY_TRUTH.effects[effect].penalty;
      if (x >= a.scale.max - quarter) shift += LOYALTY_TRUTH.effects[effect].reward;
    }
    const satisfaction = new Map<string, number>();
    for (const a of attributes)
      if (a.construct === targetId && !a.outcome)
        satisfaction.set(a.id, clip(Math.round(4.3 + shift + 0.8 * random.normal()), a));
    const satValues = [...satisfaction.values()];
    const satMean = satValues.reduce((s, x) => s + x, 0) / Math.max(1, satValues.length);
    const dissatisfied = satValues.length > 0 && satMean < midpoint;
    const complained =
      random.next() <
      (dissatisfied ? 1 - LOYALTY_TRUTH.silentDissatisfied : LOYALTY_TRUTH.complainIfSatisfied);
    let resolved: 'yes' | 'partly' | 'no' | '' = '';
    let hours = '';
    if (complained) {
      const v = random.next();
      resolved =
        v < LOYALTY_TRUTH.resolution.yes
          ? 'yes'
          : v < LOYALTY_TRUTH.resolution.yes + LOYALTY_TRUTH.resolution.partly
            ? 'partly'
            : 'no';
      const mean = LOYALTY_TRUTH.meanHours[resolved];
      hours = String(Math.round(-mean * Math.log(1 - random.next()) * 10) / 10);
    }
    const row = [`R${String(r).padStart(width, '0')}`, r % 5 < 3 ? 'retail' : 'business', 'B'];
    for (const a of attributes) {
      const truth = TRUE_MEANS[a.id] ?? { performance: 5.3, importance: 5.6 };
      if (!a.outcome)
        row.push(
          cell(
            clip(Math.round(truth.importance + 0.9 * random.normal()), a),
            a,
            false,
            missingRate,
            random,
          ),
        );
      let x: number;
      if (a.outcome && a.loyalty !== undefined) {
        const high = a.loyalty === 'attitudinal' ? highAttitude : highPatronage;
        const top = high ? a.scale.max : a.scale.min + 2;
        // Three points per side: {top − 2, top − 1, top}; recovery moves complainers within them.
        const offset = resolved === 'yes' ? random.int(2) : resolved === 'no' ? 2 : random.int(3);
        x = top - offset;
      } else if (sqPerformance.has(a.id)) {
        x = sqPerformance.get(a.id) as number;
      } else if (satisfaction.has(a.id)) {
        x = satisfaction.get(a.id) as number;
      } else {
        x = clip(Math.round(4.6 + (highAttitude ? 0.9 : -0.9) + random.normal()), a);
      }
      row.push(cell(x, a, a.reverse, missingRate, random));
    }
    if (fields[0]) row.push(complained ? 'yes' : 'no');
    if (fields[1]) row.push(resolved);
    if (fields[2]) row.push(hours);
    yield row;
  }
}

function clip(x: number, a: Attribute): number {
  return Math.min(a.scale.max, Math.max(a.scale.min, x));
}

function cell(
  x: number,
  a: Attribute,
  reverse: boolean,
  missingRate: number,
  random: RandomSource,
): string {
  if (random.next() < missingRate) return '';
  return String(reverse ? a.scale.min + a.scale.max - x : x);
}
