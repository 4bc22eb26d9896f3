/**
 * Historical cluster labels for research: the cluster of a coin at time t, computed exactly as the
 * live rule's tracker computes it (the period's start, bars closed by then), from stored candles.
 * Snapshots are cached per period, so labelling many trades costs one clustering per period touched.
 */
import type { CloseSeries } from "../risk/cluster-correlation.ts";
import { type ClusterSettings, type ClusterSnapshot, clusterSnapshotAt } from "../risk/cluster-snapshot.ts";

export type LabelAt = (coin: string, t: number) => string;

export class RollingClusters {
  private readonly cache = new Map<number, ClusterSnapshot>();

  constructor(
    readonly coins: readonly string[],
    private readonly series: ReadonlyMap<string, CloseSeries>,
    readonly settings: ClusterSettings & { everyMs: number },
  ) {}

  at(t: number): ClusterSnapshot {
    const end = Math.floor(t / this.settings.everyMs) * this.settings.everyMs;
    let snap = this.cache.get(end);
    if (!snap) {
      snap = clusterSnapshotAt(this.coins, this.series, end, this.settings);
      this.cache.set(end, snap);
    }
    return snap;
  }

  readonly labelAt: LabelAt = (coin, t) => this.at(t).clusterOf(coin);
}
