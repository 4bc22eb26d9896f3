/**
 * The basket's correlation clusters at one time: return correlations over the trailing window of
 * bars closed by `end` (cluster-correlation.ts), average-linkage clusters (cluster-linkage.ts), and
 * the lookups the cluster risk rule asks for. A coin without enough bars is its own cluster.
 */
import { type CloseSeries, correlationMatrix, returnsGrid } from "./cluster-correlation.ts";
import { type Cluster, clusterCoins } from "./cluster-linkage.ts";
import type { ClusterView } from "./cluster-risk.ts";

export interface ClusterSettings {
  barMs: number;
  windowBars: number;
  minCorrelation: number;
  /** Grid slots two coins must both fill for their correlation to count (else ρ = 0). */
  minOverlap: number;
}

export class ClusterSnapshot implements ClusterView {
  private readonly index: Map<string, number>;
  private readonly byCoin = new Map<string, Cluster>();

  constructor(
    /** Bars closed by this time were used. */
    readonly end: number,
    readonly coins: readonly string[],
    readonly corr: readonly (readonly number[])[],
    readonly clusters: readonly Cluster[],
  ) {
    this.index = new Map(coins.map((c, i) => [c, i]));
    for (const cl of clusters) for (const m of cl.members) this.byCoin.set(m, cl);
  }

  clusterOf(coin: string): string {
    return this.byCoin.get(coin)?.label ?? coin;
  }

  cluster(coin: string): Cluster | null {
    return this.byCoin.get(coin) ?? null;
  }

  correlation(a: string, b: string): number {
    if (a === b) return 1;
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return 0;
    const r = this.corr[i]![j]!;
    return Number.isNaN(r) ? 0 : r;
  }
}

/** Clusters of `coins` from their bars closed by `end` (a coin missing from `series` stands alone). */
export function clusterSnapshotAt(
  coins: readonly string[],
  series: ReadonlyMap<string, CloseSeries>,
  end: number,
  s: ClusterSettings,
): ClusterSnapshot {
  const empty = new Float64Array(s.windowBars).fill(Number.NaN);
  const grids = coins.map((c) => {
    const cols = series.get(c);
    return cols ? returnsGrid(cols, s.barMs, end, s.windowBars) : empty;
  });
  const corr = correlationMatrix(grids, s.minOverlap);
  return new ClusterSnapshot(end, coins, corr, clusterCoins(coins, corr, s.minCorrelation));
}
