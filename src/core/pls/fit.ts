import { consistentEstimate } from './consistent.js';
import {
  createEstimateBuffers,
  estimatePls,
  type PlsEstimate,
  type PlsEstimateBuffers,
  type PlsOptions,
} from './estimate.js';
import { hotRecord } from './hot-record.js';
import type { PlsModel } from './model.js';
import type { PlsStructure } from './structure.js';

/**
 * One stage of an estimate: its index structure, the correlation matrix it ran on, and the result.
 */
export interface PlsStage {
  readonly structure: PlsStructure;
  readonly r: Float64Array;
  readonly estimate: PlsEstimate;
}

export interface PlsFit {
  /**
   * The model with the original structural paths (stage 2 when there are higher-order constructs).
   */
  readonly final: PlsStage;
  /**
   * Stage 1 of the two-stage approach (first-order constructs only), when the model has
   * higher-order constructs.
   */
  readonly stage1: PlsStage | null;
}

/**
 * Estimates a path model from the item correlation matrix R (items in `model.items` order).
 *
 * Without higher-order constructs: one PLS run. With them, the two-stage approach as seminr
 * implements it (Becker, Klein & Wetzels 2012; Sarstedt et al. 2019): stage 1 replaces each
 * higher-order construct in the structural model by its dimensions (its antecedents point to every
 * dimension, every dimension points to its outcomes) and estimates the first-order model; stage 2
 * uses the dimensions' standardized scores as the higher-order construct's indicators, with the
 * original paths. Stage 2 needs only correlations: cor(Y_a, Y_b) = w_aᵀ R w_b and
 * cor(Y_a, z_k) = (R w_a)_k for stage-1 scores Y and items z.
 *
 * Returns null when an estimate fails (a constant composite or a singular regression).
 */
export function fitPls(
  r: Float64Array,
  model: PlsModel,
  options: PlsOptions & { readonly stage1Weights?: ArrayLike<number> } = {},
  buffers?: FitBuffers,
): PlsFit | null {
  const prepared = prepare(model);
  if (prepared.stage2 === null) {
    const estimate = finalEstimate(r, prepared.stage1, options, buffers?.final);
    return estimate === null
      ? null
      : { final: { structure: prepared.stage1, r, estimate }, stage1: null };
  }
  const estimate1 = estimatePls(
    r,
    prepared.stage1,
    options.stage1Weights === undefined
      ? options
      : { ...options, initialWeights: options.stage1Weights },
    buffers?.stage1,
  );
  if (estimate1 === null) return null;
  const { structure: structure2, indicators } = prepared.stage2;
  const p = model.items.length;
  const firstOrder = prepared.stage1.constructs;
  const blocks = prepared.stage1.blocks;
  const rw = buffers?.rw ?? new Float64Array(p * firstOrder.length); // R·W1
  const w1 = estimate1.weights;
  const m1 = firstOrder.length;
  for (let k = 0; k < p; k++) {
    for (let j = 0; j < m1; j++) {
      let s = 0;
      for (const l of blocks[j] as readonly number[])
        s += (r[k * p + l] as number) * (w1[l] as number);
      rw[k * m1 + j] = s;
    }
  }
  const q = indicators.length;
  const r2 = buffers?.r2 ?? new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      const x = indicators[a] as Indicator;
      const y = indicators[b] as Indicator;
      let v: number;
      if (x.kind === 'item' && y.kind === 'item') v = r[x.item * p + y.item] as number;
      else if (x.kind === 'item' && y.kind === 'score') v = rw[x.item * m1 + y.construct] as number;
      else if (x.kind === 'score' && y.kind === 'item') v = rw[y.item * m1 + x.construct] as number;
      else
        v = estimate1.constructCorrelation[
          (x as { construct: number }).construct * m1 + (y as { construct: number }).construct
        ] as number;
      r2[a * q + b] = a === b ? 1 : v;
    }
  }
  const { initialWeights: _ignored, ...rest } = options;
  const estimate2 = finalEstimate(
    r2,
    structure2,
    options.initialWeights === undefined ? rest : options,
    buffers?.final,
  );
  return estimate2 === null
    ? null
    : {
        final: { structure: structure2, r: r2, estimate: estimate2 },
        stage1: { structure: prepared.stage1, r, estimate: estimate1 },
      };
}

/**
 * The final stage: PLS, then (with `consistent`) the PLSc correction of its reflective constructs.
 */
function finalEstimate(
  r: Float64Array,
  structure: PlsStructure,
  options: PlsOptions,
  into: PlsEstimateBuffers | undefined,
): PlsEstimate | null {
  const estimate = estimatePls(r, structure, options, into);
  return estimate === null || options.consistent !== true
    ? estimate
    : consistentEstimate(r, structure, estimate);
}

/**
 * Arrays a fit is written into, for a loop of fits that reads each before the next (the bootstrap,
 * the jackknife): the estimates of both stages, R·W₁ and the stage-2 correlation matrix. With them
 * `fitPls` allocates nothing but the small result objects (PLSc aside).
 */
export interface FitBuffers {
  readonly stage1: PlsEstimateBuffers;
  readonly final: PlsEstimateBuffers;
  readonly rw: Float64Array;
  readonly r2: Float64Array;
}

export function createFitBuffers(model: PlsModel): FitBuffers {
  const prepared = prepare(model);
  const stage2 = prepared.stage2;
  const p = model.items.length;
  const q = stage2 === null ? 0 : stage2.indicators.length;
  return hotRecord(FitBuffersRecord, {
    stage1: createEstimateBuffers(prepared.stage1),
    final: createEstimateBuffers(stage2 === null ? prepared.stage1 : stage2.structure),
    rw: new Float64Array(p * prepared.stage1.constructs.length),
    r2: new Float64Array(q * q),
  });
}
/** The shape of fit buffers (`hotRecord`). */
class FitBuffersRecord {}

/**
 * The first-order (stage-1) structure of a model: every item in its construct's block (MICOM runs
 * on it).
 */
export function firstOrderStructure(model: PlsModel): PlsStructure {
  return prepare(model).stage1;
}

type Indicator = { kind: 'score'; construct: number } | { kind: 'item'; item: number };
interface Prepared {
  readonly stage1: PlsStructure;
  readonly stage2: {
    readonly structure: PlsStructure;
    readonly indicators: readonly Indicator[];
  } | null;
}
const preparedModels = new WeakMap<PlsModel, Prepared>();

/**
 * The index structures of a model's stages, built once per model (bootstrap resamples reuse them).
 */
function prepare(model: PlsModel): Prepared {
  const cached = preparedModels.get(model);
  if (cached !== undefined) return cached;
  const prepared = buildStructures(model);
  preparedModels.set(model, prepared);
  return prepared;
}

function buildStructures(model: PlsModel): Prepared {
  const firstOrder = model.constructs.map((c) => c.id);
  let offset = 0;
  const blocks = model.constructs.map((c) => c.items.map(() => offset++));
  const items = model.items.map((i) => i.id);
  // Per-block outer mode (Mode B: formative); absent when every block is Mode A.
  const modes1 = model.constructs.map((c) => c.mode ?? 'A');
  const withModes = (modes: Array<'A' | 'B'>) => (modes.includes('B') ? { modes } : {});
  if (model.higherOrder.length === 0) {
    return {
      stage1: {
        constructs: firstOrder,
        items,
        blocks,
        paths: indexPaths(model.paths, firstOrder),
        ...withModes(modes1),
      },
      stage2: null,
    };
  }
  // Stage 1: substitute dimensions for each higher-order construct, in instrument order.
  let paths = model.paths.map(([a, b]) => [a, b] as [string, string]);
  for (const hoc of model.higherOrder) {
    const antecedents = paths.filter(([, to]) => to === hoc.id).map(([from]) => from);
    const outcomes = paths.filter(([from]) => from === hoc.id).map(([, to]) => to);
    paths = paths.filter(([from, to]) => from !== hoc.id && to !== hoc.id);
    for (const a of antecedents) for (const d of hoc.dimensions) paths.push([a, d]);
    for (const d of hoc.dimensions) for (const o of outcomes) paths.push([d, o]);
  }
  const stage1: PlsStructure = {
    constructs: firstOrder,
    items,
    blocks,
    paths: indexPaths(dedupe(paths), firstOrder),
    ...withModes(modes1),
  };
  // Stage 2 indicators: dimension scores, then the items of first-order constructs that are not
  // dimensions.
  const dimensionOf = new Set(model.higherOrder.flatMap((h) => h.dimensions));
  const constructs2 = [
    ...model.higherOrder.map((h) => h.id),
    ...firstOrder.filter(
      (id) => !dimensionOf.has(id) && model.paths.some(([a, b]) => a === id || b === id),
    ),
  ];
  const indicators: Indicator[] = [];
  const items2: string[] = [];
  const blocks2 = constructs2.map((id) => {
    const hoc = model.higherOrder.find((h) => h.id === id);
    const members: Indicator[] =
      hoc !== undefined
        ? hoc.dimensions.map((d) => ({ kind: 'score', construct: firstOrder.indexOf(d) }))
        : (blocks[firstOrder.indexOf(id)] as number[]).map((k) => ({ kind: 'item', item: k }));
    return members.map((ind) => {
      indicators.push(ind);
      items2.push(
        ind.kind === 'score' ? (firstOrder[ind.construct] as string) : (items[ind.item] as string),
      );
      return indicators.length - 1;
    });
  });
  return {
    stage1,
    stage2: {
      structure: {
        constructs: constructs2,
        items: items2,
        blocks: blocks2,
        paths: indexPaths(model.paths, constructs2),
        ...withModes(
          constructs2.map(
            (id) =>
              model.higherOrder.find((h) => h.id === id)?.mode ??
              model.constructs.find((c) => c.id === id)?.mode ??
              'A',
          ),
        ),
      },
      indicators,
    },
  };
}

function indexPaths(
  paths: ReadonlyArray<readonly [string, string]>,
  constructs: readonly string[],
): Array<[number, number]> {
  return paths.map(([a, b]) => [constructs.indexOf(a), constructs.indexOf(b)]);
}

function dedupe(paths: Array<[string, string]>): Array<[string, string]> {
  const seen = new Set<string>();
  return paths.filter(([a, b]) => {
    const key = `${a}\u0000${b}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
