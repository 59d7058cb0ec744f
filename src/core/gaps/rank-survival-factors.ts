import type { AttributeRow, RankBy, SurvivalFactor } from '../report/types.js';

/**
 * Survival factors: the attributes whose mean performance falls short of their mean baseline
 * (gap P̄ − Ī < 0), ranked worst first.
 *
 * priority = Ī × max(0, Ī − P̄): a shortfall weighted by how much it matters, so a 1-point
 * shortfall on an attribute rated 7 outranks the same shortfall on one rated 3. It is an
 * importance-weighted gap, in the spirit of the weighted SERVQUAL score (Parasuraman, Berry &
 * Zeithaml 1991, Journal of Retailing 67(4), which weights each dimension's gap by its stated
 * importance); only shortfalls count, so surpluses cannot offset them.
 *
 * `rankBy: 'priority'` (default): priority descending, then gap ascending, then id.
 * `rankBy: 'gap'`: gap ascending (largest shortfall first), then priority descending, then id.
 * `rankBy: 'derived'`: priority = derived importance (the IPMA importance of the attribute, from
 * the path model) × max(0, Ī − P̄), descending — what the loyalty model says matters, not what
 * customers say matters; attributes without a derived importance rank last. Significance
 * (Holm-adjusted p < 0.05) is reported, not used for ranking. With zone-of-tolerance ratings,
 * attributes performing below the zone (mean MSA < 0) rank first (then by the same keys); without
 * importance or expectation ratings, the adequate level is the baseline.
 */
export function rankSurvivalFactors(
  attributes: readonly AttributeRow[],
  options: {
    readonly rankBy?: RankBy;
    readonly alpha?: number;
    readonly derivedImportance?: ReadonlyMap<string, number>;
  } = {},
): SurvivalFactor[] {
  const rankBy = options.rankBy ?? 'priority';
  const alpha = options.alpha ?? 0.05;
  const candidates = attributes.flatMap((a) => {
    const belowZone = a.zone?.status === 'below';
    // Without importance or expectation ratings, the zone's adequate level is the yardstick.
    const reference =
      a.baseline !== null && a.gap !== null
        ? { mean: a.baseline.mean, gap: a.gap }
        : a.zone !== null
          ? { mean: a.performance.mean - a.zone.msa.mean, gap: a.zone.msa }
          : null;
    if (reference === null || !(reference.gap.mean < 0 || belowZone)) return [];
    const importance = reference.mean;
    const performance = a.performance.mean;
    return [
      {
        id: a.id,
        construct: a.construct,
        label: a.label,
        priority:
          (rankBy === 'derived' ? (options.derivedImportance?.get(a.id) ?? 0) : importance) *
          Math.max(0, importance - performance),
        importance,
        performance,
        gap: reference.gap.mean,
        quadrant: a.quadrant,
        significant: reference.gap.pAdjusted < alpha,
        importantShare: a.importantShare,
        belowZone,
      },
    ];
  });
  const byId = (x: { id: string }, y: { id: string }): number =>
    x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  candidates.sort(
    (x, y) =>
      Number(y.belowZone) - Number(x.belowZone) ||
      (rankBy === 'gap'
        ? x.gap - y.gap || y.priority - x.priority || byId(x, y)
        : y.priority - x.priority || x.gap - y.gap || byId(x, y)),
  );
  return candidates.map((c, i) => ({ rank: i + 1, ...c }));
}
