import type { Attribute, Instrument, Role } from '../instrument/types.js';
import { ROLE_SUFFIX, allAttributes } from '../instrument/types.js';
import type { ExportColumn } from './export-columns.js';
import { normalizeLabel } from './likert-labels.js';

export interface ColumnGuess {
  readonly column: string;
  /** The column's wording, for the person who reviews the guess. */
  readonly text: string;
  readonly attribute: string | null;
  readonly role: Role | null;
  /**
   * Why the guess needs a person's look, or null when it is certain: the column carries an
   * attribute's own name, or an attribute's label word for word with a role word in its question.
   */
  readonly review: string | null;
}

/**
 * Guesses which attribute and role each export column holds, from its name and wording.
 *
 * Attribute: the instrument's column name (`tan1_imp`) or attribute id as the name or matrix row
 * wins; else the attribute whose English or Chinese label equals the matrix row (normalised: case,
 * width, spaces); else the most similar label (character-bigram Dice coefficient ≥ 0.6, Dice 1945),
 * marked for review. Role: words in the question — minimum/adequate/最低 → adequate,
 * desired/ideal/理想 → desired, expect/期望 → expectation, important/重要 → importance,
 * perform/how well/rate/agree/表现/评价/同意 → performance (agreement
 * with a statement about the firm rates it); loyalty items (outcomes) are performance; a
 * question without such words is marked for review. Every attribute–role pair is given to one
 * column at most (a second claimant is marked for review).
 */
export function guessMapping(
  columns: readonly ExportColumn[],
  instrument: Instrument,
): ColumnGuess[] {
  const attributes = allAttributes(instrument);
  const byName = new Map<string, { attribute: Attribute; role: Role }>();
  for (const attribute of attributes) {
    for (const role of Object.keys(ROLE_SUFFIX) as Role[]) {
      const name = attribute.columns[role] ?? `${attribute.id}_${ROLE_SUFFIX[role]}`;
      byName.set(name.toLowerCase(), { attribute, role });
    }
  }
  const byId = new Map(attributes.map((a) => [a.id.toLowerCase(), a]));
  const byLabel = new Map<string, Attribute>();
  for (const a of attributes) {
    byLabel.set(normalizeLabel(a.label.en), a);
    if (a.label.zh !== undefined) byLabel.set(normalizeLabel(a.label.zh), a);
  }
  const grams = labelGrams(attributes);
  const taken = new Set<string>();
  return columns.map((column) => {
    const text = column.item === null ? column.question : `${column.question} — ${column.item}`;
    const named = byName.get(column.name.toLowerCase());
    if (named !== undefined)
      return claim({
        column: column.name,
        text,
        attribute: named.attribute.id,
        role: named.role,
        review: null,
      });
    const item = column.item ?? column.question;
    let attribute = byId.get(item.toLowerCase()) ?? byLabel.get(normalizeLabel(item)) ?? null;
    let review: string | null = null;
    if (attribute === null) {
      const best = mostSimilar(item, grams);
      if (best === null)
        return { column: column.name, text, attribute: null, role: null, review: null };
      attribute = best.attribute;
      review = `"${item}" is only similar to "${best.label}" (${Math.round(best.score * 100)} %)`;
    }
    const role = attribute.outcome ? 'performance' : roleOf(column.question);
    if (role === null) {
      return claim({
        column: column.name,
        text,
        attribute: attribute.id,
        role: 'performance',
        review: review ?? 'no role word in the question: importance or performance?',
      });
    }
    return claim({ column: column.name, text, attribute: attribute.id, role, review });
  });

  function claim(guess: ColumnGuess): ColumnGuess {
    const key = `${guess.attribute ?? ''}\u0000${guess.role ?? ''}`;
    if (guess.attribute === null) return guess;
    if (taken.has(key))
      return {
        ...guess,
        review: `${guess.attribute} (${guess.role ?? ''}) is also guessed for an earlier column`,
      };
    taken.add(key);
    return guess;
  }
}

const ROLE_WORDS: ReadonlyArray<readonly [Role, RegExp]> = [
  ['adequate', /\b(minimum|adequate|acceptable)\b|最低|可接受/i],
  ['desired', /\b(desired|ideal)\b|理想|希望达到/i],
  ['expectation', /\bexpect|期望|期待/i],
  ['importance', /\bimportan|重要/i],
  [
    'performance',
    /\bperform|\bhow well\b|\brate\b|\brating|\bexperience|\bagree|表现|评价|做得|感受|实际|同意/i,
  ],
];

function roleOf(question: string): Role | null {
  for (const [role, words] of ROLE_WORDS) if (words.test(question)) return role;
  return null;
}

/** Dice's coefficient on character bigrams of the normalised texts: 2·|A ∩ B| / (|A| + |B|). */
export function labelSimilarity(a: string, b: string): number {
  return diceOf(bigrams(a), bigrams(b));
}

/** The character bigrams of a label (normalised, punctuation as spaces) with their counts. */
function bigrams(s: string): Map<string, number> {
  const t = normalizeLabel(s).replace(/[^\p{L}\p{N}]+/gu, ' ');
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function diceOf(x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>): number {
  let common = 0;
  let total = 0;
  for (const [g, c] of x) {
    common += Math.min(c, y.get(g) ?? 0);
    total += c;
  }
  for (const c of y.values()) total += c;
  return total === 0 ? 0 : (2 * common) / total;
}

interface LabelGrams {
  readonly attribute: Attribute;
  readonly label: string;
  readonly grams: ReadonlyMap<string, number>;
}

/**
 * The bigrams of every attribute label, computed once per instrument so that guessing a wide
 * export costs columns × labels comparisons and no label is normalised again for each column.
 */
function labelGrams(attributes: readonly Attribute[]): LabelGrams[] {
  const out: LabelGrams[] = [];
  for (const attribute of attributes)
    for (const label of [attribute.label.en, attribute.label.zh ?? ''])
      if (label !== '') out.push({ attribute, label, grams: bigrams(label) });
  return out;
}

function mostSimilar(
  item: string,
  labels: readonly LabelGrams[],
): { attribute: Attribute; label: string; score: number } | null {
  let best: { attribute: Attribute; label: string; score: number } | null = null;
  const grams = bigrams(item);
  for (const { attribute, label, grams: other } of labels) {
    const score = diceOf(grams, other);
    if (score >= 0.6 && (best === null || score > best.score)) best = { attribute, label, score };
  }
  return best;
}
