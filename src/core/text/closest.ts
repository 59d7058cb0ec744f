/**
 * Levenshtein edit distance between two strings (insertions, deletions, substitutions each cost 1),
 * computed with two rolling rows: O(|a|·|b|) time, O(|b|) memory.
 *
 * Reference: Levenshtein (1966), Soviet Physics Doklady 10(8).
 *
 * @example editDistance('kitten', 'sitting') // 3
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidate closest to `name` (case-insensitive edit distance) if it is close enough to be a
 * plausible typo — at most max(2, ⌊|name|/3⌋) edits — else null. Ties go to the earlier candidate.
 */
export function closest(name: string, candidates: readonly string[]): string | null {
  const target = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(target, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : null;
}
