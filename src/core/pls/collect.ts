import type { ColumnPlan } from '../data/map-columns.js';
import type { RowSink } from '../data/ingest-ratings.js';
import { createMomentsAccumulator, type MissingTreatment, type Moments } from './moments.js';
import type { PlsModel } from './model.js';

export interface PlsData {
  readonly moments: Moments;
  /** Share of respondents missing each item. */
  readonly missingShare: Float64Array;
  /** Kept respondents' item values with missing values replaced by the item means (n × p), when rows were kept. */
  readonly rows: Float64Array | null;
}

export interface PlsCollector extends RowSink {
  finish(): PlsData;
}

/**
 * Collects what the path model needs from each validated respondent: the performance ratings of the
 * model's items (reverse-keyed ones reflected, x' = min + max − x), streamed into the sufficient
 * statistics (O(p²) memory), and — only when a bootstrap will resample respondents — the rows
 * themselves (n × p). Missing values: mean replacement or listwise deletion.
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
  let rows = options.keepRows ? new Float64Array(p * 1024) : null;
  let kept = 0;
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
      if (rows === null || (!complete && options.missing === 'listwise')) return;
      if ((kept + 1) * p > rows.length) {
        const grown = new Float64Array(rows.length * 2);
        grown.set(rows);
        rows = grown;
      }
      rows.set(x, kept * p);
      kept++;
    },
    finish() {
      const moments = accumulator.moments();
      const missingShare = accumulator.missing.map((v) => v / Math.max(1, accumulator.rows));
      let imputed: Float64Array | null = null;
      if (rows !== null) {
        imputed = rows.slice(0, kept * p);
        for (let i = 0; i < kept; i++) {
          for (let k = 0; k < p; k++)
            if ((imputed[i * p + k] as number) !== (imputed[i * p + k] as number))
              imputed[i * p + k] = moments.means[k] as number;
        }
      }
      return { moments, missingShare, rows: imputed };
    },
  };
}
