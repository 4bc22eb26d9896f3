/**
 * The stationary bootstrap of Politis & Romano (1994) for a one-sided test of H0: mean ≤ 0 on an
 * autocorrelated series (daily bucket PnL). Blocks start at uniform positions on the circular series
 * and have geometric lengths with mean L ≈ T^(1/3); block sums come from a prefix-sum table, so a draw
 * costs O(T/L). p = (1 + #{x̄* − x̄ ≥ x̄}) / (B + 1).
 */
import type { Random } from "./rng.ts";

export interface BootstrapResult {
  p: number;
  draws: number;
  meanBlock: number;
}

export function stationaryBootstrapP(x: ArrayLike<number>, draws: number, rand: Random): BootstrapResult {
  const n = x.length;
  const meanBlock = Math.max(1, Math.cbrt(n));
  if (n === 0) return { p: 1, draws, meanBlock };
  const prefix = new Float64Array(2 * n + 1);
  for (let i = 0; i < 2 * n; i++) prefix[i + 1] = prefix[i]! + x[i % n]!;
  const mean = prefix[n]! / n;
  const logKeep = meanBlock > 1 ? Math.log(1 - 1 / meanBlock) : Number.NEGATIVE_INFINITY;
  let hits = 0;
  for (let b = 0; b < draws; b++) {
    let sum = 0;
    let filled = 0;
    while (filled < n) {
      const start = Math.floor(rand() * n);
      let len = logKeep === Number.NEGATIVE_INFINITY ? 1 : 1 + Math.floor(Math.log(1 - rand()) / logKeep);
      if (len > n - filled) len = n - filled;
      sum += prefix[start + len]! - prefix[start]!;
      filled += len;
    }
    if (sum / n - mean >= mean) hits++;
  }
  return { p: (1 + hits) / (draws + 1), draws, meanBlock };
}
