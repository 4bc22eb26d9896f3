/**
 * Daily PnL series on a UTC calendar (0 on days without trades), the lag-1 autocorrelation the gate
 * uses to switch to the bootstrap p, and the average pairwise correlation ρ̄ of buckets' daily PnL
 * that turns M trials into N̂ for the DSR.
 */
import { DAY_MS } from "../core/clock.ts";

/** Sum of x per UTC day of `closedAt`, for days firstDay..lastDay (day numbers since the epoch). */
export function dailySeries(
  closedAt: ArrayLike<number>,
  x: ArrayLike<number>,
  firstDay: number,
  lastDay: number,
): Float64Array {
  const out = new Float64Array(Math.max(0, lastDay - firstDay + 1));
  for (let i = 0; i < x.length; i++) {
    const d = Math.floor(closedAt[i]! / DAY_MS) - firstDay;
    if (d >= 0 && d < out.length) out[d]! += x[i]!;
  }
  return out;
}

/** Lag-1 sample autocorrelation; 0 when the series is too short or constant. */
export function lag1Autocorrelation(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 3) return 0;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i]!;
  m /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    den += d * d;
    if (i + 1 < n) num += d * (x[i + 1]! - m);
  }
  return den > 0 ? num / den : 0;
}

/** Mean Pearson correlation over all pairs of equal-length series; 0 for fewer than two series. */
export function averagePairwiseCorrelation(series: readonly Float64Array[]): number {
  const k = series.length;
  if (k < 2) return 0;
  const centred: Float64Array[] = [];
  const norms: number[] = [];
  for (const s of series) {
    let m = 0;
    for (let i = 0; i < s.length; i++) m += s[i]!;
    m /= s.length || 1;
    const c = new Float64Array(s.length);
    let ss = 0;
    for (let i = 0; i < s.length; i++) {
      c[i] = s[i]! - m;
      ss += c[i]! * c[i]!;
    }
    centred.push(c);
    norms.push(Math.sqrt(ss));
  }
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      pairs++;
      if (norms[a] === 0 || norms[b] === 0) continue;
      const ca = centred[a]!;
      const cb = centred[b]!;
      let dot = 0;
      for (let i = 0; i < ca.length; i++) dot += ca[i]! * cb[i]!;
      total += dot / (norms[a]! * norms[b]!);
    }
  }
  return total / pairs;
}
