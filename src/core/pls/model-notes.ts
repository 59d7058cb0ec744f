import type { Note, PathModelReport } from '../report/types.js';
import { sampleSizeCheck } from './sample-size.js';

/**
 * HTMT thresholds (Henseler, Ringle & Sarstedt 2015): 0.90 for conceptually similar constructs,
 * 0.85 strict.
 */
export const HTMT_LIBERAL = 0.9;
export const HTMT_STRICT = 0.85;

/**
 * Warnings about path-model values a reviewer would reject, each with its cause:
 * - `ipma-undefined`: a negative outer weight — IPMA's rescaled weights must be positive (Ringle &
 *   Sarstedt 2016, p. 1871), otherwise performance can leave 0–100; the map is not reported.
 * - `negative-loadings`: an item loads negatively on its construct — ρC, α and AVE assume items
 * that
 *   point the same way (ρC near 0 beside a high AVE is this case).
 * - `negative-alpha`: Cronbach's α < 0 — items correlate negatively on average (a reversed item not
 *   declared `reverse`, or too few respondents); α is not a reliability then.
 * - `htmt-high`: HTMT above 0.85 (strict) or 0.90: discriminant validity in doubt.
 * - `formative-indicators`: Mode B indicators with outer VIF > 5, or with a non-significant weight
 * and
 *   a loading below 0.5 (Hair et al. 2019).
 * - `sample-size`: fewer respondents than 10 × the largest number of arrows pointing at a
 * construct,
 *   or than Hair et al.'s (2017, Exhibit 1.7) minimum for the smallest R² in the model.
 */
export function modelNotes(model: PathModelReport): Note[] {
  const notes: Note[] = [];
  if (model.consistent === true) notes.push({ code: 'consistent-pls' });
  if (model.predict !== undefined && model.predict !== null)
    notes.push({
      code: 'plspredict',
      folds: model.predict.folds,
      repetitions: model.predict.repetitions,
      constructs: model.predict.constructs,
    });
  if (model.predict === null)
    notes.push({ code: 'plspredict-unavailable', reason: 'higher-order' });
  if (model.fit !== undefined)
    notes.push({
      code: 'model-fit',
      srmr: model.fit.srmr,
      srmrSaturated: model.fit.srmrSaturated,
      srmrQuantile95: model.fit.srmrQuantile95,
    });
  const negative = model.loadings.filter((l) => l.weight < 0).map((l) => l.item);
  if (negative.length > 0) notes.push({ code: 'ipma-undefined', items: negative });
  const opposite = model.loadings.filter((l) => l.loading < 0).map((l) => l.item);
  if (opposite.length > 0) notes.push({ code: 'negative-loadings', items: opposite });
  const alpha = model.constructs
    .filter((c) => c.alpha < 0)
    .map((c) => ({ id: c.id, alpha: c.alpha }));
  if (alpha.length > 0) notes.push({ code: 'negative-alpha', constructs: alpha });
  // HTMT judges reflective constructs only; pairs with a formative (Mode B) construct are skipped.
  const formative = new Set(model.constructs.filter((c) => c.mode === 'B').map((c) => c.id));
  const htmt = model.htmt
    .filter((h) => h.value > HTMT_STRICT && !formative.has(h.a) && !formative.has(h.b))
    .map((h) => ({ a: h.a, b: h.b, value: h.value }));
  if (htmt.length > 0) notes.push({ code: 'htmt-high', pairs: htmt });
  // Formative (Mode B) indicators (Hair et al. 2019, EBR 31(1), pp. 8–9): outer VIF above 5 is
  // critical collinearity; a weight that is not significant (bootstrap p ≥ 0.05) is kept only when
  // the
  // indicator's loading is at least 0.5 — otherwise it is a candidate for removal.
  const formativeItems = model.loadings.filter((l) => formative.has(l.construct));
  const collinear = formativeItems
    .filter((l) => (l.vif ?? 0) > 5)
    .map((l) => ({ item: l.item, vif: l.vif as number }));
  const weak = formativeItems
    .filter((l) => l.weightInference !== null && !(l.weightInference.p < 0.05) && l.loading < 0.5)
    .map((l) => l.item);
  if (collinear.length > 0 || weak.length > 0)
    notes.push({ code: 'formative-indicators', collinear, weak });
  const arrows = new Map<string, number>();
  for (const p of model.paths) arrows.set(p.to, (arrows.get(p.to) ?? 0) + 1);
  for (const c of model.constructs)
    if (c.mode === 'B')
      arrows.set(
        c.id,
        Math.max(arrows.get(c.id) ?? 0, model.loadings.filter((l) => l.construct === c.id).length),
      );
  const maxArrows = Math.max(0, ...arrows.values());
  const r2 = Object.values(model.rSquared);
  if (maxArrows > 0 && r2.length > 0) {
    const check = sampleSizeCheck(model.respondents, maxArrows, Math.min(...r2));
    if (check.n < check.tenTimes || check.n < check.powerRule)
      notes.push({ code: 'sample-size', ...check });
  }
  return notes;
}
