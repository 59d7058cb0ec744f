import type { PlsFit } from './fit.js';
import type { PlsModel } from './model.js';

export interface IpmaPoint {
  readonly id: string;
  /** Unstandardized total effect on the target of a one-point (0–100) rise. */
  readonly importance: number;
  /** Mean score on the 0–100 scale. */
  readonly performance: number;
}

export interface Ipma {
  readonly target: string;
  /** The target's mean 0–100 score. */
  readonly targetPerformance: number;
  readonly constructs: readonly IpmaPoint[];
  /** Per indicator (attribute): importance = rescaled weight × its construct's importance. */
  readonly items: readonly IpmaPoint[];
}

/**
 * Importance–performance map analysis (Ringle & Sarstedt 2016, as SmartPLS computes it).
 *
 * Each indicator is rescaled from its theoretical scale ends to 0–100, x̃ = (x − min)/(max −
 * min)·100.
 * Rescaled weights w̃_k = (w_k / sd(x̃_k)) / Σ_block (w_l / sd(x̃_l)), so each construct's 0–100
 * score
 * Ỹ_j = Σ w̃_k x̃_k = Y_j / Z_j + const with Z_j = Σ_block w_l / sd(x̃_l) (Y_j the standardized
 * score).
 * Performance_j = mean(Ỹ_j) = Σ w̃_k mean(x̃_k). Importance_j = the unstandardized total effect of
 * Ỹ_j
 * on the target, T_jt · Z_j / Z_t with T the standardized total effects. Higher-order constructs
 * take
 * their dimensions' 0–100 scores as indicators (sd = 1/Z_d). Indicator importance is w̃_k times the
 * importance of its construct (the target's own items: w̃_k).
 */
export function ipma(
  fit: PlsFit,
  model: PlsModel,
  moments: { readonly means: ArrayLike<number>; readonly sd: ArrayLike<number> },
  total: ArrayLike<number>,
  target: string,
): Ipma | null {
  const items = model.items;
  const rescale = items.map((it, k) => {
    const range = it.scale.max - it.scale.min;
    return {
      mean: (((moments.means[k] as number) - it.scale.min) / range) * 100,
      sd: ((moments.sd[k] as number) / range) * 100,
    };
  });
  // Stage 1 (or the only stage): first-order constructs from items.
  const first = fit.stage1 ?? fit.final;
  const z1 = new Map<string, number>();
  const perf1 = new Map<string, number>();
  const itemWeight = new Float64Array(items.length);
  first.structure.constructs.forEach((id, j) => {
    const block = first.structure.blocks[j] as readonly number[];
    let z = 0;
    for (const k of block) z += (first.estimate.weights[k] as number) / (rescale[k]?.sd as number);
    let perf = 0;
    for (const k of block) {
      itemWeight[k] = (first.estimate.weights[k] as number) / (rescale[k]?.sd as number) / z;
      perf += (itemWeight[k] as number) * (rescale[k]?.mean as number);
    }
    z1.set(id, z);
    perf1.set(id, perf);
  });
  // Final stage: higher-order constructs from dimension scores, the rest as in stage 1.
  const final = fit.final;
  const m = final.structure.constructs.length;
  const z2 = new Map<string, number>();
  const perf2 = new Map<string, number>();
  const dimensionWeight = new Map<string, number>();
  final.structure.constructs.forEach((id, j) => {
    const hoc = model.higherOrder.find((h) => h.id === id);
    if (hoc === undefined) {
      z2.set(id, z1.get(id) as number);
      perf2.set(id, perf1.get(id) as number);
      return;
    }
    const block = final.structure.blocks[j] as readonly number[];
    let z = 0;
    block.forEach(
      (k, x) =>
        (z +=
          (final.estimate.weights[k] as number) * (z1.get(hoc.dimensions[x] as string) as number)),
    );
    let perf = 0;
    block.forEach((k, x) => {
      const d = hoc.dimensions[x] as string;
      const w = ((final.estimate.weights[k] as number) * (z1.get(d) as number)) / z;
      dimensionWeight.set(d, w);
      perf += w * (perf1.get(d) as number);
    });
    z2.set(id, z);
    perf2.set(id, perf);
  });
  const t = final.structure.constructs.indexOf(target);
  if (t < 0) return null;
  const zt = z2.get(target) as number;
  const importance = new Map<string, number>();
  final.structure.constructs.forEach((id, j) => {
    importance.set(id, j === t ? 1 : ((total[j * m + t] as number) * (z2.get(id) as number)) / zt);
  });
  const constructs: IpmaPoint[] = [];
  for (const id of final.structure.constructs) {
    if (id !== target)
      constructs.push({
        id,
        importance: importance.get(id) as number,
        performance: perf2.get(id) as number,
      });
    for (const d of model.higherOrder.find((h) => h.id === id)?.dimensions ?? []) {
      importance.set(d, (dimensionWeight.get(d) as number) * (importance.get(id) as number));
      constructs.push({
        id: d,
        importance: importance.get(d) as number,
        performance: perf1.get(d) as number,
      });
    }
  }
  const points = items.map((it, k) => ({
    id: it.id,
    importance: (itemWeight[k] as number) * (importance.get(it.construct) ?? 0),
    performance: rescale[k]?.mean as number,
  }));
  return { target, targetPerformance: perf2.get(target) as number, constructs, items: points };
}
