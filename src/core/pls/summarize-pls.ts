import type {
  EffectRow,
  Inference,
  Mediation,
  MediationVerdict,
  PathModelReport,
} from '../report/types.js';
import { totalEffects } from './effects.js';
import type { PlsFit } from './fit.js';
import { htmt } from './htmt.js';
import { ipma } from './ipma.js';
import type { PlsModel } from './model.js';
import { constructReliability } from './reliability.js';
import { indicatorList, measurementStage, statisticsLayout } from './statistics.js';
import type { PlsOptions } from './estimate.js';
import { fSquared } from './f-squared.js';
import { outerVif } from './outer-vif.js';
import { countSignFlips } from './sign-flips.js';
import { modelFit } from './srmr.js';
import { adjustedRSquared, pathQuality } from './structural-quality.js';
import { predecessors } from './structure.js';
import {
  columnOf,
  drawScratch,
  type InferenceRequest,
  inferenceReordering,
  reachability,
  sumOf,
  tStatistic,
} from './bootstrap-inference.js';

export interface BootstrapResult {
  /**
   * The resamples' statistics, statistic-major (width × B: statistic k of resample i at k·B + i;
   * `BootstrapMatrix`), so each statistic's draws are contiguous; NaN for every statistic of a
   * failed resample.
   */
  readonly values: Float64Array;
  readonly width: number;
  readonly resamples: number;
  readonly failed: number;
  readonly seed: number;
  readonly threads: number;
  /**
   * Jackknife values (width × groups, statistic-major) for BCa intervals; absent for percentile
   * intervals.
   */
  readonly jackknife?: { readonly values: Float64Array; readonly groups: number };
}

export interface SummarizeOptions {
  readonly n: number;
  readonly missing: 'mean' | 'listwise';
  readonly missingShare: ArrayLike<number>;
  readonly scheme: 'path' | 'factorial' | 'centroid';
  readonly means: ArrayLike<number>;
  readonly sd: ArrayLike<number>;
  readonly ipmaTarget?: string;
  /** Stated importance (mean importance rating) per item id, for IPMA beside derived importance. */
  readonly statedImportance?: ReadonlyMap<string, number>;
  /**
   * The estimation settings (tolerance, iterations), for re-estimating models without a path (f²).
   */
  readonly pls?: PlsOptions;
  /**
   * Inferences already computed (`percentileInferences` of these requests, e.g. a share of them on
   * a worker thread after the bootstrap): used for the statistics they cover, with percentile
   * intervals; the others are computed here.
   */
  readonly inferences?: {
    readonly requests: readonly InferenceRequest[];
    readonly values: Float64Array;
  };
  /**
   * f² of each path when already computed (`fSquared` of `fit` with these settings, e.g. on a
   * worker thread during the bootstrap); computed here otherwise.
   */
  readonly fSquared?: Float64Array;
}

/**
 * The path-model part of the report: paths with f² and inner VIF, R² and adjusted R², loadings and
 * weights, reliability (α, ρA, ρC, AVE), HTMT and the Fornell–Larcker matrix, total and indirect
 * effects, the mediation verdict for the main chain, IPMA, and bootstrap inference for every
 * resampled statistic (percentile intervals; seminr's p).
 */
export function summarizePls(
  fit: PlsFit,
  model: PlsModel,
  options: SummarizeOptions,
  boot: BootstrapResult | null,
): PathModelReport {
  const { final } = fit;
  const s = final.structure;
  const m = s.constructs.length;
  const layout = statisticsLayout(fit);
  // Inference for statistic `index` of the resampled vectors (minus statistic `minus`, for indirect
  // effects = total − direct), from the bootstrap values and, for BCa, the jackknife values (both
  // statistic-major: each statistic's values are contiguous).
  const scratch = boot === null ? null : drawScratch(boot.resamples);
  const kernel = scratch?.kernel ?? null;
  const groups = new Float64Array(boot?.jackknife?.groups ?? 0);
  // The inferences computed elsewhere (`percentileInferences`), by statistic.
  const computed = new Map(options.inferences?.requests.map((r, at) => [r.index, at]));
  const infer = (estimate: number, index: number, reference = 0, minus = -1): Inference | null => {
    if (boot === null) return null;
    const jack = boot.jackknife;
    const at = jack === undefined && minus < 0 ? computed.get(index) : undefined;
    const given = options.inferences;
    if (at !== undefined && given !== undefined && given.requests[at]?.reference === reference) {
      const v = given.values;
      const sd = v[4 * at] as number;
      // As `inference` writes it: t from the estimate, the rest from the draws.
      return {
        sd,
        t: tStatistic(estimate, sd, reference),
        p: v[4 * at + 1] as number,
        ci: [v[4 * at + 2] as number, v[4 * at + 3] as number],
      };
    }
    const { draws, sum } = scratch as NonNullable<typeof scratch>;
    const samples = columnOf(boot.values, boot.resamples, index, minus, draws, sum);
    return inferenceReordering(
      estimate,
      samples,
      reference,
      jack === undefined
        ? undefined
        : columnOf(jack.values, jack.groups, index, minus, groups, sumOf),
      kernel,
    );
  };

  const quality = pathQuality(final.estimate.constructCorrelation, s, final.estimate.rSquared);
  const f2 = options.fSquared ?? fSquared(fit, { scheme: options.scheme, ...options.pls });
  const paths = s.paths.map(([from, to], k) => ({
    from: s.constructs[from] as string,
    to: s.constructs[to] as string,
    estimate: final.estimate.paths[k] as number,
    f2: f2[k] as number,
    vif: quality[k]?.vif as number,
    inference: infer(final.estimate.paths[k] as number, layout.paths + k),
  }));
  const pred = predecessors(s);
  const rSquared: Record<string, number> = {};
  const adjusted: Record<string, number> = {};
  s.constructs.forEach((id, j) => {
    const r2 = final.estimate.rSquared[j] as number;
    if (r2 !== r2) return;
    rSquared[id] = r2;
    adjusted[id] = adjustedRSquared(r2, options.n, (pred[j] as number[]).length);
  });

  const vifFirst = outerVif(measurementStage(fit).r, measurementStage(fit).structure);
  const vifFinal = fit.stage1 === null ? vifFirst : outerVif(final.r, s);
  const indicators = indicatorList(fit);
  const loadings = indicators.map(({ stage, index, construct }, x) => ({
    construct: stage.structure.constructs[construct] as string,
    item: stage.structure.items[index] as string,
    loading: stage.estimate.loadings[index] as number,
    weight: stage.estimate.weights[index] as number,
    vif: (stage === fit.final ? vifFinal : vifFirst)[index] as number,
    loadingInference: infer(stage.estimate.loadings[index] as number, layout.loadings + x),
    weightInference: infer(stage.estimate.weights[index] as number, layout.weights + x),
  }));

  const first = measurementStage(fit);
  const reliability = [
    ...constructReliability(first.r, first.structure, first.estimate).map((r, j) => ({
      id: first.structure.constructs[j] as string,
      ...(first.structure.modes?.[j] === 'B' ? { mode: 'B' as const } : {}),
      ...r,
    })),
    ...(fit.stage1 === null
      ? []
      : constructReliability(final.r, s, final.estimate)
          .map((r, j) => ({
            id: s.constructs[j] as string,
            ...(s.modes?.[j] === 'B' ? { mode: 'B' as const } : {}),
            ...r,
          }))
          .filter((r) => model.higherOrder.some((h) => h.id === r.id))),
  ];
  const h = first.structure.constructs.length;
  const htmtMatrix = htmt(first.r, first.structure);
  const htmtRows: PathModelReport['htmt'][number][] = [];
  for (let i = 0; i < h; i++) {
    for (let j = i + 1; j < h; j++) {
      const value = htmtMatrix[i * h + j] as number;
      htmtRows.push({
        a: first.structure.constructs[i] as string,
        b: first.structure.constructs[j] as string,
        value,
        inference: infer(value, layout.htmt + i * h + j, 1),
      });
    }
  }
  const fl = first.structure.constructs.map((_, i) =>
    first.structure.constructs.map((__, j) =>
      i === j
        ? Math.sqrt(reliability[i]?.ave as number)
        : (first.estimate.constructCorrelation[i * h + j] as number),
    ),
  );

  const effects = totalEffects(s, final.estimate.paths);
  const total: EffectRow[] = [];
  const indirect: EffectRow[] = [];
  const reach = reachability(m, s.paths);
  if (effects !== null) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j || !(reach[i]?.[j] ?? false)) continue;
        const via = s.constructs.filter(
          (_, k) => k !== i && k !== j && (reach[i]?.[k] ?? false) && (reach[k]?.[j] ?? false),
        );
        const t = effects.total[i * m + j] as number;
        const d = effects.direct[i * m + j] as number;
        const pathIndex = s.paths.findIndex(([a, b]) => a === i && b === j);
        const totalAt = layout.total + i * m + j;
        total.push({
          from: s.constructs[i] as string,
          to: s.constructs[j] as string,
          via,
          estimate: t,
          inference: infer(t, totalAt),
        });
        if (via.length > 0) {
          const pathAt = pathIndex < 0 ? -1 : layout.paths + pathIndex;
          indirect.push({
            from: s.constructs[i] as string,
            to: s.constructs[j] as string,
            via,
            estimate: t - d,
            inference: infer(t - d, totalAt, 0, pathAt),
          });
        }
      }
    }
  }
  const mediation = mediationOf(paths, indirect);

  const target =
    options.ipmaTarget ??
    (s.constructs.includes('CL')
      ? 'CL'
      : (s.constructs.find((_, j) => s.paths.every(([a]) => a !== j)) as string));
  // IPMA needs positive outer weights (Ringle & Sarstedt 2016): with a negative one the 0–100 score
  // is not a weighted mean of its indicators and performance can leave 0–100. Then it is undefined.
  const map =
    effects === null || loadings.some((l) => l.weight < 0)
      ? null
      : ipma(fit, model, { means: options.means, sd: options.sd }, effects.total, target);
  const ipmaReport =
    map === null
      ? null
      : {
          target: map.target,
          targetPerformance: map.targetPerformance,
          constructs: map.constructs,
          items: map.items.map((it) => ({
            ...it,
            stated: options.statedImportance?.get(it.id) ?? null,
          })),
        };

  const heavilyMissing = model.items
    .map((it, k) => ({ item: it.id, share: options.missingShare[k] as number }))
    .filter((x) => x.share > 0.05);
  return {
    respondents: options.n,
    missing: options.missing,
    heavilyMissing,
    scheme: options.scheme,
    paths,
    rSquared,
    adjustedRSquared: adjusted,
    loadings,
    constructs: reliability,
    htmt: htmtRows,
    fornellLarcker: { constructs: [...first.structure.constructs], matrix: fl },
    effects: { total, indirect },
    mediation,
    ipma: ipmaReport,
    bootstrap:
      boot === null
        ? null
        : {
            resamples: boot.resamples,
            seed: boot.seed,
            threads: boot.threads,
            failed: boot.failed,
            ci: boot.jackknife === undefined ? 'percentile' : 'bca',
            signFlips: countSignFlips(
              boot,
              loadings.map((l) => l.weight),
              blocksOf(loadings),
              layout.weights,
              kernel,
            ),
          },
    ...(options.pls?.consistent === true ? { consistent: true } : {}),
    fit: (() => {
      const f = modelFit(
        first.r,
        first.structure,
        first.estimate,
        options.pls?.consistent === true,
      );
      return { srmr: f.estimated, srmrSaturated: f.saturated, srmrQuantile95: null, resamples: 0 };
    })(),
    iterations: (fit.stage1?.estimate.iterations ?? 0) + final.estimate.iterations,
    converged: final.estimate.converged && (fit.stage1?.estimate.converged ?? true),
  };
}

/** Each construct's positions in the indicator list, in first-appearance order. */
function blocksOf(
  loadings: ReadonlyArray<{ readonly construct: string }>,
): Array<{ id: string; positions: number[] }> {
  const out: Array<{ id: string; positions: number[] }> = [];
  loadings.forEach((l, x) => {
    const block = out.find((b) => b.id === l.construct);
    if (block === undefined) out.push({ id: l.construct, positions: [x] });
    else block.positions.push(x);
  });
  return out;
}

/**
 * The main mediation: the first direct path that also has an indirect route (for the default
 * instrument, SQ → CL through RQ), classified after Zhao, Lynch & Chen (2010), J. Consumer Research
 * 37(2): indirect effect significant (its 95 % interval excludes 0) and direct not → indirect-only;
 * both, same sign → complementary; both, opposite signs → competitive; only direct → direct-only;
 * neither → no-effect.
 */
function mediationOf(
  paths: ReadonlyArray<{ from: string; to: string; estimate: number; inference: Inference | null }>,
  indirect: readonly EffectRow[],
): Mediation | null {
  for (const path of paths) {
    const route = indirect.find((e) => e.from === path.from && e.to === path.to);
    if (route === undefined) continue;
    const direct: EffectRow = {
      from: path.from,
      to: path.to,
      via: [],
      estimate: path.estimate,
      inference: path.inference,
    };
    const significant = (e: EffectRow): boolean | null =>
      e.inference === null ? null : e.inference.ci[0] > 0 || e.inference.ci[1] < 0;
    const si = significant(route);
    const sd = significant(direct);
    let verdict: MediationVerdict | null = null;
    if (si !== null && sd !== null) {
      if (si && !sd) verdict = 'indirect-only';
      else if (si && sd)
        verdict = route.estimate * direct.estimate > 0 ? 'complementary' : 'competitive';
      else if (!si && sd) verdict = 'direct-only';
      else verdict = 'no-effect';
    }
    return { from: path.from, to: path.to, via: route.via, indirect: route, direct, verdict };
  }
  return null;
}
