/**
 * Reads one rating cell. Returns the number, NaN for a missing value, or undefined when the
 * cell is not a number.
 *
 * Missing: an empty cell and (case-insensitive, trimmed) `NA`, `N/A`, `.`. Numbers: plain decimal
 * notation with an optional sign, fraction and exponent (`5`, `4.5`, `-1`, `1e1`); hexadecimal,
 * `Infinity` and the like are not ratings. With `decimalComma` (files delimited by `;` or tab,
 * as European spreadsheets write them) `4,5` reads as 4.5.
 */
export function parseRating(cell: string, decimalComma = false): number | undefined {
  if (cell.length === 1) {
    const digit = cell.charCodeAt(0) - 48;
    if (digit >= 0 && digit <= 9) return digit;
  }
  if (cell.length === 0) return Number.NaN;
  let text = cell.trim();
  if (text.length === 0) return Number.NaN;
  const lower = text.toLowerCase();
  if (lower === 'na' || lower === 'n/a' || lower === '.') return Number.NaN;
  if (decimalComma && DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
  return DECIMAL.test(text) ? Number(text) : undefined;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;
