import type { Instrument } from '../instrument/types.js';
import type { Problem } from '../problems.js';

/** One indicator of the path model: an attribute's performance (or outcome) rating. */
export interface PlsItem {
  readonly id: string;
  readonly construct: string;
  readonly scale: { readonly min: number; readonly max: number };
  readonly reverse: boolean;
}

/** The path model an instrument specifies (seminr's "specify" step: plain data, no estimation). */
export interface PlsModel {
  /** First-order constructs in the model, with their items. */
  readonly constructs: ReadonlyArray<{
    readonly id: string;
    readonly items: readonly PlsItem[];
    /** 'B': formative (Mode B, regression weights); absent or 'A': reflective (Mode A). */
    readonly mode?: 'A' | 'B';
  }>;
  /** Higher-order constructs and their dimensions (first-order construct ids). */
  readonly higherOrder: ReadonlyArray<{
    readonly id: string;
    readonly dimensions: readonly string[];
    /** 'B': the dimensions form the construct (reflective–formative, Sarstedt et al. 2019). */
    readonly mode?: 'A' | 'B';
  }>;
  /** Structural paths [from, to] by construct id, as the instrument gives them. */
  readonly paths: ReadonlyArray<readonly [string, string]>;
  /** All items, in model order (the columns of the data PLS reads). */
  readonly items: readonly PlsItem[];
}

/**
 * The path model of an instrument: every construct on a path, higher-order constructs expanded to
 * their dimensions; items are the attributes' performance ratings (outcome items included;
 * importance never feeds the model). Null with no problem when the instrument has no paths.
 */
export function plsModel(instrument: Instrument): { model: PlsModel | null; problems: Problem[] } {
  if (instrument.paths === null || instrument.paths.length === 0)
    return { model: null, problems: [] };
  const problems: Problem[] = [];
  const byId = new Map(instrument.constructs.map((c) => [c.id, c]));
  // Constructs on the paths, in instrument order.
  const named = new Set(instrument.paths.flat());
  const onPaths = instrument.constructs.map((c) => c.id).filter((id) => named.has(id));
  const higherOrder = onPaths
    .map((id) => byId.get(id))
    .filter((c): c is NonNullable<typeof c> => c !== undefined && c.dimensions.length > 0)
    .map((c) => ({
      id: c.id,
      dimensions: c.dimensions,
      ...(c.mode === 'B' ? { mode: c.mode } : {}),
    }));
  const order = new Map(instrument.constructs.map((c, i) => [c.id, i]));
  const firstOrderIds = [
    ...new Set(
      onPaths.flatMap((id) => {
        const c = byId.get(id);
        return c === undefined ? [] : c.dimensions.length > 0 ? c.dimensions : [id];
      }),
    ),
  ].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const constructs = firstOrderIds.map((id) => {
    const c = byId.get(id);
    const items = (c?.attributes ?? []).map((a) => ({
      id: a.id,
      construct: id,
      scale: a.scale,
      reverse: a.reverse,
    }));
    if (items.length === 0)
      problems.push({
        code: 'empty-construct',
        severity: 'error',
        path: `constructs: ${id}`,
        found: id,
      });
    return { id, items, ...(c?.mode === 'B' ? { mode: c.mode } : {}) };
  });
  return {
    model:
      problems.length > 0
        ? null
        : {
            constructs,
            higherOrder,
            paths: instrument.paths,
            items: constructs.flatMap((c) => c.items),
          },
    problems,
  };
}
