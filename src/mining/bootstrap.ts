/**
 * The stationary bootstrap of Politis & Romano (1994) for a one-sided test of H0: mean ≤ 0 on an
 * autocorrelated series (daily bucket PnL). Blocks start at uniform positions on the circular series
 * and have geometric lengths with mean L ≈ T^(1/3); block sums come from a prefix-sum table, so a draw
 * costs O(T/L). A draw is a hit when x̄* − x̄ ≥ x̄.
 *
 * Sequential (Besag & Clifford 1991, Biometrika 78): drawing stops at the 10th hit, p = 10/draws taken —
 * a clear non-discovery costs a few dozen draws. If all B draws finish with fewer hits, the percentile
 * p = (1 + hits)/(B + 1) is below the bootstrap's resolution and the normal tail with the bootstrap
 * standard error of the mean, 1 − Φ(x̄ / sd(x̄*)), is used instead (B bounds the cost, not the p).
 */
import { normCdf } from "./normal.ts";
import type { Random } from "./rng.ts";

/** Hits that stop the drawing; fewer after all draws means p is below the bootstrap's resolution. */
export const MIN_TAIL_HITS = 10;

export interface BootstrapResult {
  /** The one-sided p used (percentile, or bootstrap-SE normal tail beyond the resolution). */
  p: number;
  /** Monte Carlo p: hits/drawn after a sequential stop, else (1 + hits)/(B + 1). */
  pPercentile: number;
  /** Draws with x̄* − x̄ ≥ x̄. */
  hits: number;
  /** Standard deviation of the bootstrap means. */
  se: number;
  /** Draws taken (≤ the draws asked for). */
  draws: number;
  meanBlock: number;
}

export function stationaryBootstrapP(x: ArrayLike<number>, draws: number, rand: Random): BootstrapResult {
  const n = x.length;
  const meanBlock = Math.max(1, Math.cbrt(n));
  if (n === 0) return { p: 1, pPercentile: 1, hits: draws, se: 0, draws, meanBlock };
  const prefix = new Float64Array(2 * n + 1);
  for (let i = 0; i < 2 * n; i++) prefix[i + 1] = prefix[i]! + x[i % n]!;
  const mean = prefix[n]! / n;
  const logKeep = meanBlock > 1 ? Math.log(1 - 1 / meanBlock) : Number.NEGATIVE_INFINITY;
  let hits = 0;
  let sum1 = 0;
  let sum2 = 0;
  let taken = 0;
  while (taken < draws && hits < MIN_TAIL_HITS) {
    let sum = 0;
    let filled = 0;
    while (filled < n) {
      const start = Math.floor(rand() * n);
      let len = logKeep === Number.NEGATIVE_INFINITY ? 1 : 1 + Math.floor(Math.log(1 - rand()) / logKeep);
      if (len > n - filled) len = n - filled;
      sum += prefix[start + len]! - prefix[start]!;
      filled += len;
    }
    const m = sum / n;
    sum1 += m;
    sum2 += m * m;
    taken++;
    if (m - mean >= mean) hits++;
  }
  const se = taken > 1 ? Math.sqrt(Math.max(0, (sum2 - (sum1 * sum1) / taken) / (taken - 1))) : 0;
  if (hits >= MIN_TAIL_HITS)
    return { p: hits / taken, pPercentile: hits / taken, hits, se, draws: taken, meanBlock };
  const pPercentile = (1 + hits) / (taken + 1);
  const p = se > 0 ? 1 - normCdf(mean / se) : pPercentile;
  return { p, pPercentile, hits, se, draws: taken, meanBlock };
}
