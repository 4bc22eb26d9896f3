/**
 * The two small least-squares fits of the impact model: ordinary least squares with an intercept and
 * two regressors (normal equations, Gaussian elimination with partial pivoting, null when the design
 * is singular), and the power curve y = k·x^α, profiled over α (k has a closed form for each α).
 */

/** Coefficients [b0, b1, b2] of y ≈ b0 + b1·x1 + b2·x2, or null when x1, x2 do not identify them. */
export function ols2(x1: readonly number[], x2: readonly number[], y: readonly number[]): number[] | null {
  const n = y.length;
  if (n < 3) return null;
  const a = [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ];
  for (let i = 0; i < n; i++) {
    const row = [1, x1[i]!, x2[i]!];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) a[r]![c]! += row[r]! * row[c]!;
      a[r]![3]! += row[r]! * y[i]!;
    }
  }
  const scale = Math.max(...a.map((r) => Math.abs(r[0]!) + Math.abs(r[1]!) + Math.abs(r[2]!)));
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) <= 1e-12 * scale) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / a[col]![col]!;
      for (let c = col; c < 4; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  return [0, 1, 2].map((i) => a[i]![3]! / a[i]![i]!);
}

export interface PowerFit {
  k: number;
  alpha: number;
  /** Sum of squared residuals at the optimum. */
  sse: number;
}

/** Best k ≥ 0 for a given α, and its SSE (Σy² − 2kΣyx^α + k²Σx^2α: one pass over the points). */
function profile(logX: Float64Array, y: readonly number[], syy: number, alpha: number): PowerFit {
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < logX.length; i++) {
    const p = Math.exp(alpha * logX[i]!);
    sxy += p * y[i]!;
    sxx += p * p;
  }
  const k = sxx > 0 ? Math.max(0, sxy / sxx) : 0;
  return { k, alpha, sse: Math.max(0, syy - 2 * k * sxy + k * k * sxx) };
}

/**
 * Least-squares y ≈ k·x^α (x > 0) with α in [lo, hi]: a grid of 0.05 steps, then golden-section search
 * in the bracket around the best grid point. Deterministic; ties keep the smaller α. x must be > 0.
 */
export function fitPower(x: readonly number[], y: readonly number[], lo = 0.1, hi = 3): PowerFit {
  const step = 0.05;
  const logX = Float64Array.from(x, Math.log);
  const syy = y.reduce((s, v) => s + v * v, 0);
  let best = profile(logX, y, syy, lo);
  for (let i = 1; lo + i * step <= hi + 1e-9; i++) {
    const p = profile(logX, y, syy, lo + i * step);
    if (p.sse < best.sse) best = p;
  }
  let a = Math.max(lo, best.alpha - step);
  let b = Math.min(hi, best.alpha + step);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = profile(logX, y, syy, c).sse;
  let fd = profile(logX, y, syy, d).sse;
  for (let i = 0; i < 40; i++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = profile(logX, y, syy, c).sse;
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = profile(logX, y, syy, d).sse;
    }
  }
  const refined = profile(logX, y, syy, (a + b) / 2);
  return refined.sse < best.sse ? refined : best;
}
