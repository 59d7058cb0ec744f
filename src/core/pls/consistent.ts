import { regress, type PlsEstimate } from './estimate.js';
import { constructReliability } from './reliability.js';
import { predecessors, type PlsStructure } from './structure.js';

/**
 * Consistent PLS (PLSc; Dijkstra & Henseler 2015, MIS Quarterly 39(2), 297–316), as seminr's `PLSc`
 * for `reflective()` constructs: the PLS composites of reflective (Mode A) constructs are corrected
 * for
 * attenuation by their reliability ρA (see `constructReliability`; 1 for single items and Mode B):
 *   construct correlations  C̃_ij = C_ij / √(ρA_i·ρA_j)  (i ≠ j),
 *   path coefficients       OLS on C̃: b_j = C̃_pp⁻¹ C̃_pj,  R²_j = b_jᵀ C̃_pj,
 *   loadings (Mode A)       λ̃_j = w_j · √ρA_j / (w_jᵀ w_j).
 * Outer weights stay the PLS weights. Returns null when C̃ makes a regression singular (ρA too
 * small).
 */
export function consistentEstimate(
  r: ArrayLike<number>,
  structure: PlsStructure,
  estimate: PlsEstimate,
): PlsEstimate | null {
  const m = structure.constructs.length;
  const rho = constructReliability(r, structure, estimate).map((x, j) =>
    structure.modes?.[j] === 'B' ? 1 : x.rhoA,
  );
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      c[i * m + j] =
        i === j
          ? 1
          : (estimate.constructCorrelation[i * m + j] as number) /
            Math.sqrt((rho[i] as number) * (rho[j] as number));
  const pred = predecessors(structure);
  const paths = new Float64Array(structure.paths.length);
  const rSquared = new Float64Array(m).fill(Number.NaN);
  for (let j = 0; j < m; j++) {
    const preds = pred[j] as number[];
    if (preds.length === 0) continue;
    const fit = regress(c, m, preds, j);
    if (fit === null) return null;
    rSquared[j] = fit.rSquared;
    structure.paths.forEach(([from, to], index) => {
      if (to === j) paths[index] = fit.coefficients[preds.indexOf(from)] as number;
    });
  }
  const loadings = Float64Array.from(estimate.loadings);
  structure.blocks.forEach((block, j) => {
    if (structure.modes?.[j] === 'B' || block.length === 1) return;
    let ww = 0;
    for (const k of block) ww += (estimate.weights[k] as number) ** 2;
    for (const k of block)
      loadings[k] = ((estimate.weights[k] as number) * Math.sqrt(rho[j] as number)) / ww;
  });
  return { ...estimate, loadings, constructCorrelation: c, paths, rSquared };
}
