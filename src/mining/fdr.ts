/**
 * False-discovery control over the whole bucket family (losers included): Benjamini–Hochberg (1995)
 * step-up q-values, or Benjamini–Yekutieli (2001) for arbitrary dependence (BH with q/c(m),
 * c(m) = Σ 1/i). Matches scipy.stats.false_discovery_control and R p.adjust.
 */

export type FdrMethod = "bh" | "by";

export interface FdrResult {
  /** Adjusted p-values (q), in input order. */
  q: number[];
  /** 1-based rank of each p-value in ascending order (ties keep input order). */
  rank: number[];
  /** The step-up critical value rank·α/(m·c(m)) of each hypothesis at level α. */
  threshold: number[];
  /** Whether each hypothesis is rejected at level α. */
  rejected: boolean[];
  /** c(m): 1 for BH, Σ_{i≤m} 1/i for BY. */
  c: number;
}

export function fdrAdjust(p: readonly number[], alpha: number, method: FdrMethod = "bh"): FdrResult {
  const m = p.length;
  let c = 1;
  if (method === "by") {
    c = 0;
    for (let i = 1; i <= m; i++) c += 1 / i;
  }
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]! || a - b);
  const q = new Array<number>(m);
  const rank = new Array<number>(m);
  const threshold = new Array<number>(m);
  let running = Number.POSITIVE_INFINITY;
  for (let j = m - 1; j >= 0; j--) {
    const i = order[j]!;
    running = Math.min(running, (p[i]! * m * c) / (j + 1));
    q[i] = Math.min(1, running);
    rank[i] = j + 1;
    threshold[i] = ((j + 1) * alpha) / (m * c);
  }
  // Step-up: reject every hypothesis ranked at or below the largest k with p(k) ≤ k·α/(m·c).
  let k = 0;
  for (let j = 0; j < m; j++) if (p[order[j]!]! <= threshold[order[j]!]!) k = j + 1;
  const rejected = rank.map((r) => r <= k);
  return { q, rank, threshold, rejected, c };
}
