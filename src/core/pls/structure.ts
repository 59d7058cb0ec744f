import { hotRecord } from './hot-record.js';
/** A PLS path model in index form: what `estimatePls` needs, independent of names and files. */
export interface PlsStructure {
  /** Construct ids, in a fixed order (index = construct number). */
  readonly constructs: readonly string[];
  /** Indicator ids (index = position in the correlation matrix). */
  readonly items: readonly string[];
  /** For each construct, the indices of its indicators (each indicator in exactly one block). */
  readonly blocks: ReadonlyArray<readonly number[]>;
  /** Structural paths [from, to] as construct indices. */
  readonly paths: ReadonlyArray<readonly [number, number]>;
  /**
   * Outer mode of each construct: 'A' (reflective, correlation weights; the default when absent) or
   * 'B' (formative, regression weights).
   */
  readonly modes?: ReadonlyArray<'A' | 'B'>;
}

export type InnerScheme = 'path' | 'factorial' | 'centroid';

/** Predecessors of each construct (constructs with a path into it), in path order. */
export function predecessors(structure: PlsStructure): number[][] {
  const out = structure.constructs.map((): number[] => []);
  for (const [from, to] of structure.paths) out[to]?.push(from);
  return out;
}

/**
 * Exogenous constructs first (instrument order), then endogenous ones each after all its
 * predecessors; shorter than m when the paths have a cycle (the instrument parser refuses
 * them).
 */
export function causalOrder(pred: number[][], m: number): number[] {
  const order: number[] = [];
  const placed = new Set<number>();
  for (let j = 0; j < m; j++)
    if ((pred[j] as number[]).length === 0) {
      order.push(j);
      placed.add(j);
    }
  while (order.length < m) {
    const before = order.length;
    for (let j = 0; j < m; j++)
      if (!placed.has(j) && (pred[j] as number[]).every((p) => placed.has(p))) {
        order.push(j);
        placed.add(j);
      }
    if (order.length === before) break; // a cycle (the instrument parser refuses them)
  }
  return order;
}

/** Successors of each construct (constructs it has a path to), in path order. */
export function successors(structure: PlsStructure): number[][] {
  const out = structure.constructs.map((): number[] => []);
  for (const [from, to] of structure.paths) out[from]?.push(to);
  return out;
}

/**
 * A structure's blocks in index form: each indicator's construct (`block`), and the blocks as one
 * indicator list (`items`, block after block in block order) with each block's start offset
 * (`start`, m + 1 entries: block j is items[start[j]] … items[start[j + 1] − 1]). Built once per
 * structure and shared by the estimate, HTMT, SRMR and PLSpredict: read only.
 */
export interface BlockIndex {
  readonly block: Int32Array;
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** The shape of block indexes (`hotRecord`). */
class BlockIndexRecord {}

export const blockIndex = perStructure((structure): BlockIndex => {
  const block = new Int32Array(structure.items.length);
  structure.blocks.forEach((items, j) => items.forEach((k) => (block[k] = j)));
  const start = new Int32Array(structure.blocks.length + 1);
  structure.blocks.forEach((b, j) => (start[j + 1] = (start[j] as number) + b.length));
  return hotRecord(BlockIndexRecord, {
    block,
    start,
    items: Int32Array.from(structure.blocks.flat()),
  });
});

/**
 * `build` made a cache of what it builds from a structure: built once per structure content and
 * kept (weakly) with the first structure of that content (`canonicalStructure`), so that copies
 * share it.
 */
export function perStructure<T>(build: (structure: PlsStructure) => T): (s: PlsStructure) => T {
  const kept = new WeakMap<PlsStructure, T>();
  return (structure) => {
    const key = canonicalStructure(structure);
    let value = kept.get(key);
    if (value === undefined) {
      value = build(structure);
      kept.set(key, value);
    }
    return value;
  };
}

/**
 * The first structure seen with the same content (constructs, items, blocks, paths, modes) as
 * `structure`: itself the first time. The per-structure caches (`perStructure`: the block index,
 * the estimate's plan, SRMR's layout, HTMT's scratch) key on it, so that a copy of a structure —
 * the fit a worker thread receives by structured clone, and the stage structures `fitPls` rebuilds
 * from that worker's copy of the model — shares what the first one built instead of building it
 * again.
 * (It first served speed: a second plan discarded the estimate's optimized code, which the plan
 * being a `hotRecord` now prevents for any second structure.)
 */
export function canonicalStructure(structure: PlsStructure): PlsStructure {
  const seen = canonical.get(structure);
  if (seen !== undefined) return seen;
  const content = JSON.stringify(structure);
  let first = byContent.get(content)?.deref();
  if (first === undefined) {
    first = structure;
    byContent.set(content, new WeakRef(structure));
  }
  canonical.set(structure, first);
  return first;
}
const canonical = new WeakMap<PlsStructure, PlsStructure>();
/** The first structure of each content, held weakly (a cache, not a registry of every model). */
const byContent = new Map<string, WeakRef<PlsStructure>>();
