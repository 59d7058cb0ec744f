/** Number formatting for the human formats (JSON keeps full precision). */

/** Fixed decimals; an em dash for undefined values (NaN, ±Infinity). */
export function fixed(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s.replace('-', '−');
}

/** A p-value: three decimals, or "<0.001". */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/**
 * A p-value in a sentence: "p = 0.012", or "p < 0.001" below 0.001 (never "p = <0.001"), after
 * `label` ("p", "p (Holm)").
 */
export function pStatement(p: number | null | undefined, label = 'p'): string {
  const value = pValue(p);
  return value === '<0.001' ? `${label} < 0.001` : `${label} = ${value}`;
}

/** "[lo, hi]" with the given decimals. */
export function interval(ci: readonly [number, number] | null | undefined, digits = 2): string {
  return ci === null || ci === undefined
    ? '—'
    : `[${fixed(ci[0], digits)}, ${fixed(ci[1], digits)}]`;
}

/** A share as a whole percentage, "92 %". */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${Math.round(x * 100)} %`;
}
