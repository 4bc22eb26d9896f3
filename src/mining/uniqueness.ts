/**
 * Overlap between a bucket's trades (López de Prado, AFML ch. 4): c(t) is the number of the bucket's
 * observations open at time t, an observation's average uniqueness ū_i is the mean of 1/c(t) over its
 * life [open, close), and n_eff = Σ ū_i. Non-overlapping trades have ū = 1, so n_eff = n. The ū_i are
 * also the observations' weights in the bucket's moments.
 */

/** Average uniqueness of each interval; intervals shorter than 1 ms count as 1 ms long. */
export function averageUniqueness(openedAt: ArrayLike<number>, closedAt: ArrayLike<number>): Float64Array {
  const n = openedAt.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const open = new Float64Array(n);
  const close = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    open[i] = openedAt[i]!;
    close[i] = Math.max(closedAt[i]!, openedAt[i]! + 1);
  }
  const points = Float64Array.from(new Set([...open, ...close])).sort();
  // c on [points[j], points[j+1]) = opens at or before points[j] minus closes at or before points[j].
  const delta = new Float64Array(points.length);
  for (let i = 0; i < n; i++) {
    delta[lowerBound(points, open[i]!)]! += 1;
    delta[lowerBound(points, close[i]!)]! -= 1;
  }
  // F[j] = ∫ from points[0] to points[j] of 1/c(t) dt over the stretches where c > 0.
  const integral = new Float64Array(points.length);
  let c = 0;
  for (let j = 0; j + 1 < points.length; j++) {
    c += delta[j]!;
    const span = points[j + 1]! - points[j]!;
    integral[j + 1] = integral[j]! + (c > 0 ? span / c : 0);
  }
  for (let i = 0; i < n; i++) {
    const a = lowerBound(points, open[i]!);
    const b = lowerBound(points, close[i]!);
    out[i] = (integral[b]! - integral[a]!) / (close[i]! - open[i]!);
  }
  return out;
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
