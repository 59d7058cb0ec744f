import { quantile } from '../stats/quantile.js';
import { wilsonInterval, type Proportion } from '../stats/wilson-interval.js';
import { LOYALTY_TYPES, type LoyaltyType } from './types.js';

export interface Typology {
  /** Each respondent's type, null when attitude or patronage is missing. */
  readonly types: ReadonlyArray<LoyaltyType | null>;
  readonly attitudeCut: number;
  readonly patronageCut: number;
  readonly classified: number;
  /** Count and share of the classified per type, Wilson 95 % intervals. */
  readonly shares: Readonly<Record<LoyaltyType, Proportion>>;
  /** Spurious / (true + spurious): the retained customers who are only spuriously loyal. */
  readonly spuriousAmongRetained: Proportion;
}

/**
 * Dick & Basu's (1994) loyalty typology (Journal of the Academy of Marketing Science 22(2),
 * 99–113): loyalty is relative attitude × repeat patronage. Per respondent, attitude is high when
 * the score is above `attitudeCut` (strictly), patronage likewise above `patronageCut`:
 *
 *   true = high attitude, high patronage;  latent = high attitude, low patronage;
 *   spurious = low attitude, high patronage;  none = low, low.
 *
 * A cut given as 'median' is the sample median (R's `median`, type-7 quantile 0.5) of the scores
 * present; a respondent exactly at the median counts as low. Shares are of the classified
 * respondents, with Wilson 95 % intervals; "spuriously loyal among the retained" divides spurious
 * by everyone with high patronage (true + spurious).
 */
export function classifyLoyalty(
  attitude: ArrayLike<number>,
  patronage: ArrayLike<number>,
  cuts: { readonly attitude: number | 'median'; readonly patronage: number | 'median' },
): Typology {
  const median = (xs: ArrayLike<number>): number => {
    const present = Array.from(xs).filter((x) => Number.isFinite(x));
    present.sort((a, b) => a - b);
    return present.length === 0 ? Number.NaN : quantile(present, 0.5);
  };
  const attitudeCut = cuts.attitude === 'median' ? median(attitude) : cuts.attitude;
  const patronageCut = cuts.patronage === 'median' ? median(patronage) : cuts.patronage;
  const counts: Record<LoyaltyType, number> = { true: 0, latent: 0, spurious: 0, none: 0 };
  const types: Array<LoyaltyType | null> = [];
  for (let i = 0; i < attitude.length; i++) {
    const a = attitude[i] as number;
    const p = patronage[i] as number;
    if (!Number.isFinite(a) || !Number.isFinite(p)) {
      types.push(null);
      continue;
    }
    const type = loyaltyTypeOf(a, p, attitudeCut, patronageCut);
    counts[type]++;
    types.push(type);
  }
  const classified = counts.true + counts.latent + counts.spurious + counts.none;
  const shares = Object.fromEntries(
    LOYALTY_TYPES.map((t) => [t, wilsonInterval(counts[t], classified)]),
  ) as Record<LoyaltyType, Proportion>;
  return {
    types,
    attitudeCut,
    patronageCut,
    classified,
    shares,
    spuriousAmongRetained: wilsonInterval(counts.spurious, counts.true + counts.spurious),
  };
}

/** The type of one respondent: high = strictly above the cut (see `classifyLoyalty`). */
export function loyaltyTypeOf(
  attitude: number,
  patronage: number,
  attitudeCut: number,
  patronageCut: number,
): LoyaltyType {
  if (attitude > attitudeCut) return patronage > patronageCut ? 'true' : 'latent';
  return patronage > patronageCut ? 'spurious' : 'none';
}
