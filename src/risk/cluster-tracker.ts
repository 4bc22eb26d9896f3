/**
 * Keeps the basket's recent closes from the engine's closed-bar stream and answers the cluster
 * snapshot at a tick: recomputed once per `everyMs` period, from the bars closed by the period's
 * start only — so the answer depends on the data and the period, never on when or how often it is
 * asked, and backtest and daemon (fed the same bars) see the same clusters.
 */
import type { CloseSeries } from "./cluster-correlation.ts";
import { type ClusterSettings, type ClusterSnapshot, clusterSnapshotAt } from "./cluster-snapshot.ts";

interface Closes {
  t: number[];
  close: number[];
}

export class ClusterTracker {
  private readonly closes = new Map<string, Closes>();
  private current: ClusterSnapshot | null = null;
  /** Bars kept per coin: the window, the bar before it, and a period's worth of newer bars. */
  private readonly keep: number;

  constructor(
    readonly coins: readonly string[],
    readonly settings: ClusterSettings & { everyMs: number },
  ) {
    this.keep = settings.windowBars + 2 + Math.ceil(settings.everyMs / settings.barMs);
    for (const c of coins) this.closes.set(c, { t: [], close: [] });
  }

  /** A closed bar of the tracked interval (open time `t`); bars must arrive in time order per coin. */
  onBar(coin: string, t: number, close: number): void {
    const s = this.closes.get(coin);
    if (!s || (s.t.length > 0 && t <= s.t[s.t.length - 1]!)) return;
    s.t.push(t);
    s.close.push(close);
    if (s.t.length > 2 * this.keep) {
      s.t.splice(0, s.t.length - this.keep);
      s.close.splice(0, s.close.length - this.keep);
    }
  }

  /** The clusters for a tick at `now`: those of the bars closed by the start of now's period. */
  at(now: number): ClusterSnapshot {
    const end = Math.floor(now / this.settings.everyMs) * this.settings.everyMs;
    if (this.current?.end !== end) {
      this.current = clusterSnapshotAt(
        this.coins,
        this.closes as ReadonlyMap<string, CloseSeries>,
        end,
        this.settings,
      );
    }
    return this.current;
  }
}
