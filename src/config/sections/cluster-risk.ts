/**
 * The `risk.cluster_*` keys: the cluster-aware risk rule (src/risk/cluster-risk.ts) and the rolling
 * return-correlation clusters it reads (src/risk/cluster-tracker.ts). Spread into the risk section.
 */
import * as z from "zod";
import { intervalMs } from "../../core/intervals.ts";
import type { ClusterRiskSettings } from "../../risk/cluster-risk.ts";
import type { ClusterSettings } from "../../risk/cluster-snapshot.ts";

export const ClusterRiskFields = {
  /** Apply the cluster rule to live-path entries (off: no cap, no scaling). */
  cluster_enabled: z.boolean().default(false),
  /** Bars whose close-to-close returns the correlations are measured on. */
  cluster_interval: z.enum(["15m", "1h", "4h"]).default("1h"),
  /** Bars in the trailing correlation window (168 × 1h = one week). */
  cluster_window_bars: z.number().int().min(10).max(5000).default(168),
  /** Least average correlation at which coins merge into one cluster (average linkage). */
  cluster_min_correlation: z.number().min(0).max(1).default(0.7),
  /** Hours between recomputations of the clusters (each from the bars closed by then). */
  cluster_every_hours: z.number().int().min(1).max(168).default(1),
  /** Most open same-side live positions per cluster, the new one included; 0 = no cap. */
  cluster_max_same_side: z.number().int().min(0).max(100).default(2),
  /** Scale a new position's risk by effective bets / positions of its cluster's same side. */
  cluster_scale_by_effective_bets: z.boolean().default(true),
};

type ClusterKeys = { [K in keyof typeof ClusterRiskFields]: z.output<(typeof ClusterRiskFields)[K]> };

/** The rule's settings from the risk section. */
export function clusterRiskSettings(risk: ClusterKeys): ClusterRiskSettings {
  return {
    enabled: risk.cluster_enabled,
    maxSameSide: risk.cluster_max_same_side,
    scaleByEffectiveBets: risk.cluster_scale_by_effective_bets,
  };
}

/** The tracker's settings: two coins' correlation counts once they share half the window's returns. */
export function clusterTrackerSettings(risk: ClusterKeys): ClusterSettings & { everyMs: number } {
  return {
    barMs: intervalMs(risk.cluster_interval),
    windowBars: risk.cluster_window_bars,
    minCorrelation: risk.cluster_min_correlation,
    minOverlap: Math.ceil(risk.cluster_window_bars / 2),
    everyMs: risk.cluster_every_hours * 3_600_000,
  };
}
