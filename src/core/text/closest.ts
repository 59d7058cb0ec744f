/**
 * Optimal-string-alignment edit distance: insertions, deletions, substitutions and transpositions
 * of adjacent characters each cost 1 (so the typo "perf" → "pref" costs 1). Dynamic programming
 * over three rolling rows: O(|a|·|b|) time, O(|b|) memory.
 *
 * Reference: Damerau (1964), Communications of the ACM 7(3); Levenshtein (1966).
 *
 * @example editDistance('kitten', 'sitting') // 3
 * @example editDistance('s2_pref', 's2_perf') // 1
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (before[j - 2] as number) + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidate closest to `name` (case-insensitive edit distance) if it is close enough to be a
 * plausible typo — at most max(1, ⌊|name|/4⌋) edits — else null. Ties go to the earlier candidate.
 */
export function closest(name: string, candidates: readonly string[]): string | null {
  const target = name.toLowerCase();
  const limit = Math.max(1, Math.floor(name.length / 4));
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
