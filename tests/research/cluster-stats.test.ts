import { describe, expect, test } from "bun:test";
import { clusterConcurrency, type TradeSpan } from "../../src/research/cluster-stats.ts";

// A and B share cluster "A"; C is alone.
const labelAt = (coin: string) => (coin === "C" ? "C" : "A");
const T = (
  coin: string,
  side: "long" | "short",
  openedAt: number,
  closedAt: number,
  r: number,
): TradeSpan => ({
  coin,
  side,
  openedAt,
  closedAt,
  r,
});

describe("clusterConcurrency", () => {
  const trades = [
    T("A", "long", 0, 10, 1),
    T("B", "long", 5, 15, -1), // stacks on the first: group {1, 2}, joint R 0
    T("C", "long", 6, 8, 2), // its own cluster
    T("A", "short", 7, 9, 0.5), // the other side
    T("B", "long", 15, 20, 3), // opens as the group closes: a new group
    T("A", "long", 16, 18, -2), // stacks on it: group {5, 6}, joint R 1
  ];
  const c = clusterConcurrency(trades, labelAt);

  test("trades opened on top of a same-side cluster peer, and the groups they form", () => {
    expect(c.trades).toBe(6);
    expect(c.openedStacked).toBe(2);
    expect(c.stackedShare).toBeCloseTo(2 / 6, 12);
    expect(c.groups.map((g) => [g.cluster, g.side, g.trades, g.jointR])).toEqual([
      ["A", "long", 2, 0],
      ["C", "long", 1, 2],
      ["A", "short", 1, 0.5],
      ["A", "long", 2, 1],
    ]);
    expect(c.groups[0]!.coins).toEqual(["A", "B"]);
  });

  test("joint R by group size, and the share of time the book was stacked", () => {
    expect(c.bySize).toEqual([
      { size: 1, groups: 2, meanJointR: 1.25, meanTradeR: 1.25, worstJointR: 0.5 },
      { size: 2, groups: 2, meanJointR: 0.5, meanTradeR: 0.25, worstJointR: 0 },
    ]);
    // Something open over [0, 20); two same-side cluster trades over [5, 10) and [16, 18): 7 / 20.
    expect(c.stackedTimeShare).toBeCloseTo(0.35, 12);
  });

  test("a trade belongs to the cluster of its coin at its own open time", () => {
    const moving = (coin: string, t: number) => (coin === "B" && t >= 100 ? "B" : "A");
    const r = clusterConcurrency([T("A", "long", 90, 200, 1), T("B", "long", 110, 120, 1)], moving);
    expect(r.openedStacked).toBe(0);
    expect(r.groups.length).toBe(2);
  });

  test("no trades: zeros", () => {
    expect(clusterConcurrency([], labelAt)).toEqual({
      trades: 0,
      openedStacked: 0,
      stackedShare: 0,
      stackedTimeShare: 0,
      groups: [],
      bySize: [],
    });
  });
});
