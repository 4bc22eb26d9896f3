/**
 * The cluster-aware risk rule (`risk.cluster_*`), one pure function for the live gate and sizing, in
 * backtests and in the daemon alike. A new live position joins the cluster of its coin on its side;
 *   - cap: with `maxSameSide` > 0, it is refused when the cluster would then hold more than that many
 *     same-side positions (reason `cluster_same_side_cap`);
 *   - scale: with `scaleByEffectiveBets`, its risk is multiplied by N_eff / k, where k counts the
 *     cluster's same-side positions with the new one and N_eff = k² / Σᵢⱼ ρᵢⱼ² is their effective number
 *     of independent bets (cluster-linkage.ts): 1 for uncorrelated peers, down to 1/k for clones.
 * Disabled, it is neutral (multiplier 1, no reason). Its inputs are the open positions and a
 * ClusterView, so the live path on the simulated venue and on the exchange decide identically.
 */
import type { Side } from "../core/bucket.ts";

export const CLUSTER_CAP_REASON = "cluster_same_side_cap";

/** Cluster membership and return correlations at the decision time. */
export interface ClusterView {
  /** The cluster label of a coin (the coin itself when it is in no cluster). */
  clusterOf(coin: string): string;
  /** Return correlation of two coins (1 for the same coin, 0 when unknown). */
  correlation(a: string, b: string): number;
}

export interface ClusterRiskSettings {
  enabled: boolean;
  /** Most same-side positions per cluster, the new one included; 0 = no cap. */
  maxSameSide: number;
  scaleByEffectiveBets: boolean;
}

export interface ClusterVerdict {
  /** Refusal reasons to add to the live gate's (empty when allowed). */
  reasons: string[];
  /** Multiplies the position's risk (1 when not scaled). */
  sizeMultiplier: number;
  cluster: string;
  /** Same-side positions already open in the cluster. */
  peers: number;
  /** Effective number of bets among the peers and the new position. */
  effectiveBets: number;
}

export function clusterRisk(
  candidate: { coin: string; side: Side },
  open: readonly { coin: string; side: Side }[],
  view: ClusterView,
  s: ClusterRiskSettings,
): ClusterVerdict {
  const cluster = view.clusterOf(candidate.coin);
  if (!s.enabled) return { reasons: [], sizeMultiplier: 1, cluster, peers: 0, effectiveBets: 1 };
  const coins = open
    .filter((p) => p.side === candidate.side && view.clusterOf(p.coin) === cluster)
    .map((p) => p.coin);
  const peers = coins.length;
  coins.push(candidate.coin);
  const k = coins.length;
  let sum2 = 0;
  for (const a of coins) for (const b of coins) sum2 += a === b ? 1 : view.correlation(a, b) ** 2;
  const effectiveBets = (k * k) / sum2;
  const reasons = s.maxSameSide > 0 && k > s.maxSameSide ? [CLUSTER_CAP_REASON] : [];
  const sizeMultiplier = s.scaleByEffectiveBets ? effectiveBets / k : 1;
  return { reasons, sizeMultiplier, cluster, peers, effectiveBets };
}
