/**
 * Question 5's measurement: how often the book holds several same-side positions in one correlation
 * cluster, and what such stacks earn together. A trade belongs to the cluster of its coin at its
 * open time (no lookahead) and to its side; trades of one (cluster, side) whose holding periods
 * overlap, directly or through a chain, form one group, whose joint R is the sum of its trades' R.
 */
import type { Side } from "../core/bucket.ts";
import type { LabelAt } from "./cluster-labels.ts";

export interface TradeSpan {
  coin: string;
  side: Side;
  /** Holding period [openedAt, closedAt), ms. */
  openedAt: number;
  closedAt: number;
  r: number;
}

export interface StackedGroup {
  cluster: string;
  side: Side;
  coins: string[];
  trades: number;
  jointR: number;
  from: number;
  to: number;
}

export interface GroupSizeStats {
  size: number;
  groups: number;
  meanJointR: number;
  /** Mean R per trade inside groups of this size. */
  meanTradeR: number;
  worstJointR: number;
}

export interface ClusterConcurrency {
  trades: number;
  /** Trades opened while another same-side trade of their cluster was open. */
  openedStacked: number;
  stackedShare: number;
  /** Of the time any trade was open, the share in which some cluster held ≥ 2 same-side trades. */
  stackedTimeShare: number;
  groups: StackedGroup[];
  bySize: GroupSizeStats[];
}

export function clusterConcurrency(trades: readonly TradeSpan[], labelAt: LabelAt): ClusterConcurrency {
  const keyed = trades
    .map((t) => ({
      ...t,
      key: `${labelAt(t.coin, t.openedAt)}|${t.side}`,
      cluster: labelAt(t.coin, t.openedAt),
    }))
    .sort((a, b) => a.openedAt - b.openedAt || a.coin.localeCompare(b.coin));
  const groups: StackedGroup[] = [];
  const openGroup = new Map<string, StackedGroup>();
  const openByKey = new Map<string, number[]>();
  let openedStacked = 0;
  for (const t of keyed) {
    const closes = (openByKey.get(t.key) ?? []).filter((c) => c > t.openedAt);
    if (closes.length > 0) openedStacked++;
    closes.push(t.closedAt);
    openByKey.set(t.key, closes);
    const g = openGroup.get(t.key);
    if (g && t.openedAt < g.to) {
      g.trades++;
      g.jointR += t.r;
      g.to = Math.max(g.to, t.closedAt);
      if (!g.coins.includes(t.coin)) g.coins.push(t.coin);
    } else {
      const fresh = {
        cluster: t.cluster,
        side: t.side,
        coins: [t.coin],
        trades: 1,
        jointR: t.r,
        from: t.openedAt,
        to: t.closedAt,
      };
      groups.push(fresh);
      openGroup.set(t.key, fresh);
    }
  }
  return {
    trades: trades.length,
    openedStacked,
    stackedShare: trades.length ? openedStacked / trades.length : 0,
    stackedTimeShare: stackedTime(keyed),
    groups,
    bySize: bySize(groups),
  };
}

function bySize(groups: readonly StackedGroup[]): GroupSizeStats[] {
  const sizes = [...new Set(groups.map((g) => g.trades))].sort((a, b) => a - b);
  return sizes.map((size) => {
    const gs = groups.filter((g) => g.trades === size);
    const joint = gs.map((g) => g.jointR);
    return {
      size,
      groups: gs.length,
      meanJointR: joint.reduce((a, v) => a + v, 0) / gs.length,
      meanTradeR: joint.reduce((a, v) => a + v, 0) / (gs.length * size),
      worstJointR: Math.min(...joint),
    };
  });
}

/** Sweep over opens and closes (a close at t ends before an open at t). */
function stackedTime(trades: readonly (TradeSpan & { key: string })[]): number {
  const events = trades.flatMap((t) => [
    { t: t.openedAt, d: 1, key: t.key },
    { t: t.closedAt, d: -1, key: t.key },
  ]);
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  const count = new Map<string, number>();
  let open = 0;
  let stackedKeys = 0;
  let anyTime = 0;
  let stackTime = 0;
  let last = events[0]?.t ?? 0;
  for (const e of events) {
    if (open > 0) anyTime += e.t - last;
    if (stackedKeys > 0) stackTime += e.t - last;
    last = e.t;
    const before = count.get(e.key) ?? 0;
    const after = before + e.d;
    count.set(e.key, after);
    open += e.d;
    if (before < 2 && after >= 2) stackedKeys++;
    if (before >= 2 && after < 2) stackedKeys--;
  }
  return anyTime > 0 ? stackTime / anyTime : 0;
}
