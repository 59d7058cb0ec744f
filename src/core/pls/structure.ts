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

/** Successors of each construct (constructs it has a path to), in path order. */
export function successors(structure: PlsStructure): number[][] {
  const out = structure.constructs.map((): number[] => []);
  for (const [from, to] of structure.paths) out[from]?.push(to);
  return out;
}
