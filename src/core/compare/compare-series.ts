import type { Instrument, Text } from '../instrument/types.js';
import type { ScoreLayout } from '../gaps/score-respondent.js';
import { compareWaves, type CompareReport, type Wave } from './compare-waves.js';
import { waveTrends, type TrendRow } from './wave-trend.js';

/**
 * Two or more waves compared in order. The top-level `meta`, `rows`, `improvements` and
 * `deteriorations` are the latest change (the last two waves), so that a two-wave report reads as
 * before and `--fail-on` gates on the latest change; `pairs` holds every consecutive change and
 * `trends` the linear trend per attribute and construct when there are three or more waves.
 */
export interface WaveSeriesReport extends CompareReport {
  readonly waves: readonly string[];
  /** Each attribute's and construct's label, to print beside its id. */
  readonly labels: Readonly<Record<string, Text>>;
  readonly pairs: readonly CompareReport[];
  readonly trends: readonly TrendRow[];
}

/**
 * Consecutive pairwise changes (`compareWaves`) and, from three waves, the trends (`waveTrends`).
 */
export function compareSeries(
  layout: ScoreLayout,
  attributeCount: number,
  waves: readonly Wave[],
  instrument: Instrument,
  meta: { readonly version: string },
): WaveSeriesReport {
  const pairs = waves.slice(1).map((after, i) =>
    compareWaves(layout, attributeCount, waves[i] as Wave, after, {
      // The compare JSON keeps its plain string: the English name.
      instrument: instrument.name.en,
      version: meta.version,
    }),
  );
  const latest = pairs[pairs.length - 1] as CompareReport;
  const labels: Record<string, Text> = {};
  for (const c of instrument.constructs) {
    labels[c.id] = c.label;
    for (const a of c.attributes) labels[a.id] = a.label;
  }
  return {
    ...latest,
    waves: waves.map((w) => w.file),
    labels,
    pairs,
    trends: waves.length >= 3 ? waveTrends(layout, attributeCount, waves) : [],
  };
}
