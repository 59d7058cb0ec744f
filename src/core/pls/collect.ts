import type { ColumnPlan } from '../data/map-columns.js';
import type { RowSink } from '../data/ingest-ratings.js';
import { createCompactRowsBuilder, type CompactRows } from './compact-rows.js';
import { createMomentsAccumulator, type MissingTreatment, type Moments } from './moments.js';
import type { PlsModel } from './model.js';

export interface PlsData {
  readonly moments: Moments;
  /** Share of respondents missing each item. */
  readonly missingShare: Float64Array;
  /**
   * Kept respondents' item values with missing values replaced by the item means, compactly (bytes
   * for Likert data), when rows were kept.
   */
  readonly compact: CompactRows | null;
}

export interface PlsCollector extends RowSink {
  finish(): PlsData;
}

/**
 * Collects what the path model needs from each validated respondent: the performance ratings of the
 * model's items (reverse-keyed ones reflected, x' = min + max − x), streamed into the sufficient
 * statistics (O(p²) memory), and — only when a bootstrap will resample respondents — the rows
 * themselves (n × p, a byte a value for Likert data: `CompactRows`). Missing values: mean
 * replacement or listwise deletion.
 */
export function createPlsCollector(
  plan: ColumnPlan,
  model: PlsModel,
  options: { readonly missing: MissingTreatment; readonly keepRows: boolean },
): PlsCollector {
  const p = model.items.length;
  const slotOf = new Map(plan.attributes.map((a) => [a.attribute.id, a.slot.performance]));
  const slots = Int32Array.from(model.items, (it) => slotOf.get(it.id) ?? -1);
  const reflect = Float64Array.from(model.items, (it) =>
    it.reverse ? it.scale.min + it.scale.max : 0,
  );
  const accumulator = createMomentsAccumulator(p, {
    missing: options.missing,
    shift: model.items.map((it) => (it.scale.min + it.scale.max) / 2),
  });
  const x = new Float64Array(p);
  const kept = options.keepRows ? createCompactRowsBuilder(p) : null;
  return {
    add(values) {
      let complete = true;
      for (let k = 0; k < p; k++) {
        const slot = slots[k] as number;
        let v = slot >= 0 ? (values[slot] as number) : Number.NaN;
        if (reflect[k] !== 0) v = (reflect[k] as number) - v;
        x[k] = v;
        if (v !== v) complete = false;
      }
      accumulator.add(x);
      if (kept === null || (!complete && options.missing === 'listwise')) return;
      kept.add(x);
    },
    finish() {
      const moments = accumulator.moments();
      const missingShare = accumulator.missing.map((v) => v / Math.max(1, accumulator.rows));
      const compact = kept === null ? null : kept.finish(moments.means);
      return { moments, missingShare, compact };
    },
  };
}
