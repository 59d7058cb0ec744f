import type { PlsEstimate } from './estimate.js';
import type { PlsStructure } from './structure.js';

export interface Reliability {
  /** Cronbach's α, standardized: k/(k−1)·(1 − k/ΣR_jj) (Cronbach 1951); 1 for a single item. */
  readonly alpha: number;
  /**
   * Dijkstra–Henseler ρA = (wᵀw)²·wᵀ(R − diag R)w / wᵀ(wwᵀ − diag(wwᵀ))w (Dijkstra & Henseler
   * 2015); 1 for a single item.
   */
  readonly rhoA: number;
  /**
   * Composite reliability ρC = (Σl)² / ((Σl)² + Σ(1 − l²)) (Jöreskog 1971; Dillon–Goldstein ρ); 1
   * for a single item.
   */
  readonly rhoC: number;
  /**
   * Average variance extracted, mean of squared loadings (Fornell & Larcker 1981); 1 for a single
   * item.
   */
  readonly ave: number;
}

/**
 * Reliability and convergent validity of each construct, as seminr 2.3 computes them: R is the
 * item correlation matrix, w the final outer weights, l the loadings.
 */
export function constructReliability(
  r: ArrayLike<number>,
  structure: PlsStructure,
  estimate: PlsEstimate,
): Reliability[] {
  const p = structure.items.length;
  return structure.blocks.map((items) => {
    const k = items.length;
    if (k === 1) return { alpha: 1, rhoA: 1, rhoC: 1, ave: 1 };
    let sumR = 0;
    for (const a of items) for (const b of items) sumR += r[a * p + b] as number;
    const alpha = (k / (k - 1)) * (1 - k / sumR);
    let ww = 0;
    let numerator = 0;
    let denominator = 0;
    for (const a of items) {
      const wa = estimate.weights[a] as number;
      ww += wa * wa;
      for (const b of items) {
        if (a === b) continue;
        const wb = estimate.weights[b] as number;
        numerator += wa * (r[a * p + b] as number) * wb;
        denominator += wa * wa * wb * wb;
      }
    }
    const rhoA = ww * ww * (numerator / denominator);
    let sumL = 0;
    let sumError = 0;
    let sumL2 = 0;
    for (const a of items) {
      const l = estimate.loadings[a] as number;
      sumL += l;
      sumL2 += l * l;
      sumError += 1 - l * l;
    }
    const rhoC = (sumL * sumL) / (sumL * sumL + sumError);
    return { alpha, rhoA, rhoC, ave: sumL2 / k };
  });
}
