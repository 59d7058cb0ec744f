/**
 * Solves A·x = b for a small dense matrix by Gaussian elimination with partial pivoting
 * (Golub & Van Loan, Matrix Computations, 4th ed., §3.4). `a` is k×k row-major and is not
 * modified. Returns null when A is singular to working precision (a pivot below 1e-13 of the
 * largest entry), so callers can report a failed estimate instead of returning NaNs.
 */
export function solve(a: ArrayLike<number>, b: ArrayLike<number>, k: number): Float64Array | null {
  const m = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) m[i] = a[i] as number;
  const x = new Float64Array(k);
  for (let i = 0; i < k; i++) x[i] = b[i] as number;
  return solveInPlace(m, x, k) ? x : null;
}

/**
 * `solve` without allocation: overwrites `m` (k×k) with its elimination and `x` (k) with the
 * solution; false when singular. For hot loops (the PLS inner regressions).
 */
export function solveInPlace(m: Float64Array, x: Float64Array, k: number): boolean {
  let scale = 0;
  for (let i = 0; i < k * k; i++) scale = Math.max(scale, Math.abs(m[i] as number));
  if (scale === 0) return k === 0;
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++)
      if (Math.abs(m[r * k + col] as number) > Math.abs(m[pivot * k + col] as number)) pivot = r;
    const p = m[pivot * k + col] as number;
    if (Math.abs(p) < 1e-13 * scale) return false;
    if (pivot !== col) {
      for (let c = 0; c < k; c++) {
        const t = m[col * k + c] as number;
        m[col * k + c] = m[pivot * k + c] as number;
        m[pivot * k + c] = t;
      }
      const t = x[col] as number;
      x[col] = x[pivot] as number;
      x[pivot] = t;
    }
    for (let r = col + 1; r < k; r++) {
      const f = (m[r * k + col] as number) / p;
      if (f === 0) continue;
      for (let c = col; c < k; c++)
        m[r * k + c] = (m[r * k + c] as number) - f * (m[col * k + c] as number);
      x[r] = (x[r] as number) - f * (x[col] as number);
    }
  }
  for (let r = k - 1; r >= 0; r--) {
    let s = x[r] as number;
    for (let c = r + 1; c < k; c++) s -= (m[r * k + c] as number) * (x[c] as number);
    x[r] = s / (m[r * k + r] as number);
  }
  return true;
}

/**
 * The inverse of a small dense k×k matrix (columns of A⁻¹ = solutions of A·x = eᵢ), or null when
 * singular.
 */
export function invert(a: ArrayLike<number>, k: number): Float64Array | null {
  const inverse = new Float64Array(k * k);
  const m = new Float64Array(k * k);
  const e = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let x = 0; x < k * k; x++) m[x] = a[x] as number;
    e.fill(0);
    e[i] = 1;
    if (!solveInPlace(m, e, k)) return null;
    for (let r = 0; r < k; r++) inverse[r * k + i] = e[r] as number;
  }
  return inverse;
}
