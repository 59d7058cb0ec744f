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
  return solveMany(m, x, k, 1);
}

/**
 * `solveInPlace` for t right-hand sides at once: `x` is k×t row-major (column y: the y-th b) and is
 * overwritten with the solutions. The elimination and pivoting depend on A alone and each column
 * takes the same operations in the same order as a solve of its own, so every solution has the
 * same bits as `solve(a, b_y, k)`.
 */
export function solveMany(m: Float64Array, x: Float64Array, k: number, t: number): boolean {
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
        const swap = m[col * k + c] as number;
        m[col * k + c] = m[pivot * k + c] as number;
        m[pivot * k + c] = swap;
      }
      for (let y = 0; y < t; y++) {
        const swap = x[col * t + y] as number;
        x[col * t + y] = x[pivot * t + y] as number;
        x[pivot * t + y] = swap;
      }
    }
    for (let r = col + 1; r < k; r++) {
      const f = (m[r * k + col] as number) / p;
      if (f === 0) continue;
      for (let c = col; c < k; c++)
        m[r * k + c] = (m[r * k + c] as number) - f * (m[col * k + c] as number);
      for (let y = 0; y < t; y++)
        x[r * t + y] = (x[r * t + y] as number) - f * (x[col * t + y] as number);
    }
  }
  for (let y = 0; y < t; y++)
    for (let r = k - 1; r >= 0; r--) {
      let s = x[r * t + y] as number;
      for (let c = r + 1; c < k; c++) s -= (m[r * k + c] as number) * (x[c * t + y] as number);
      x[r * t + y] = s / (m[r * k + r] as number);
    }
  return true;
}

/**
 * The inverse of a small dense k×k matrix (columns of A⁻¹ = solutions of A·x = eᵢ), or null when
 * singular: one elimination with the k unit vectors as right-hand sides (`solveMany`, so every
 * column has the bits of a solve of its own). Into `out` when given; `scratch` (k×k `m`) avoids
 * the working allocation.
 */
export function invert(
  a: ArrayLike<number>,
  k: number,
  out?: Float64Array,
  scratch?: { readonly m: Float64Array },
): Float64Array | null {
  const inverse = out ?? new Float64Array(k * k);
  const m = scratch?.m ?? new Float64Array(k * k);
  for (let x = 0; x < k * k; x++) m[x] = a[x] as number;
  inverse.fill(0, 0, k * k);
  for (let i = 0; i < k; i++) inverse[i * k + i] = 1;
  return solveMany(m, inverse, k, k) ? inverse : null;
}
