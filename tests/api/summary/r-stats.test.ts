import { describe, expect, test } from "bun:test";
import {
  cumulativeR,
  exposure,
  groupRows,
  monthWindow,
  type RTrade,
  rStats,
} from "../../../src/api/summary/r-stats.ts";

const DAY = 86_400_000;
const W = { from: 0, to: 4 * DAY };

function trade(id: number, closedDay: number, r: number, extra: Partial<RTrade> = {}): RTrade {
  return {
    id,
    coin: id % 2 ? "BTC" : "ETH",
    strategy: "momentum",
    bucket: "momentum|long|us|Long|mid",
    openedAt: closedDay * DAY - DAY / 2,
    closedAt: closedDay * DAY + 1000,
    r,
    netPnl: r * 10,
    riskUsd: 10,
    fees: 1,
    slippage: 0.5,
    funding: -0.25,
    exitReason: r > 0 ? "target" : "stop",
    ...extra,
  };
}

describe("rStats", () => {
  // R in close order: +2, −1, −1, +3 → cumulative 2, 1, 0, 3: peak 2 → trough 0 is a 2R drawdown.
  const trades = [trade(1, 0, 2), trade(2, 1, -1), trade(3, 1, -1), trade(4, 3, 3)];

  test("totals, drawdown in R, profit factor, win rate, per-day figures, costs in R", () => {
    const s = rStats([...trades].reverse(), W);
    expect(s).toMatchObject({
      trades: 4,
      days: 4,
      totalR: 3,
      maxDrawdownR: 2,
      winRate: 0.5,
      rPerDay: 0.75,
      tradesPerDay: 1,
    });
    expect(s.profitFactor).toBeCloseTo(5 / 2, 12);
    expect(s.meanR!.value).toBe(0.75);
    expect(s.medianR!.value).toBe(0.5);
    expect(s.meanR!.ci95).toBeNull(); // 4 trades: too few for an interval
    expect(s.feesR).toBeCloseTo(0.4, 12);
    expect(s.slippageR).toBeCloseTo(0.2, 12);
    expect(s.fundingR).toBeCloseTo(-0.1, 12);
    // Daily R sums over the 4 days, a day without a close counting 0: [2, −2, 0, 3].
    const daily = [2, -2, 0, 3];
    const m = daily.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(daily.reduce((a, b) => a + (b - m) ** 2, 0) / 3);
    expect(s.rSharpePerDay).toBeCloseTo(m / sd, 12);
  });

  test("no loser: profit factor null; no trade: nulls and zeros, never NaN", () => {
    expect(rStats([trade(1, 0, 1)], W).profitFactor).toBeNull();
    const empty = rStats([], W);
    expect(empty).toMatchObject({
      trades: 0,
      totalR: 0,
      meanR: null,
      medianR: null,
      winRate: null,
      maxDrawdownR: 0,
    });
    expect(JSON.stringify(empty)).not.toContain("NaN");
  });

  test("bootstrap intervals: seeded (same trades, same interval) and around the estimate", () => {
    const many = Array.from({ length: 200 }, (_, i) => trade(i, i % 4, ((i * 7919) % 13) / 4 - 1.2));
    const a = rStats(many, W);
    expect(rStats(many, W).meanR).toEqual(a.meanR!);
    const [lo, hi] = a.meanR!.ci95!;
    expect(lo).toBeLessThan(a.meanR!.value);
    expect(hi).toBeGreaterThan(a.meanR!.value);
    const [mlo, mhi] = a.medianR!.ci95!;
    expect(mlo).toBeLessThanOrEqual(a.medianR!.value);
    expect(mhi).toBeGreaterThanOrEqual(a.medianR!.value);
  });

  test("exposure: time-weighted concurrency, its maximum and time in market, clipped to the window", () => {
    const e = exposure(
      [
        { openedAt: 0, closedAt: 2 * DAY },
        { openedAt: DAY, closedAt: 3 * DAY },
        { openedAt: 3.5 * DAY, closedAt: null },
      ],
      W,
    );
    expect(e.maxConcurrent).toBe(2);
    expect(e.avgConcurrent).toBeCloseTo((2 + 2 + 0.5) / 4, 12);
    expect(e.timeInMarketPct).toBeCloseTo((3.5 / 4) * 100, 12);
  });

  test("groups add up to the overall row; months cover their part of the window", () => {
    const rows = groupRows(trades, (t) => t.coin, W);
    expect(Object.keys(rows)).toEqual(["BTC", "ETH"]);
    expect(rows.BTC!.trades + rows.ETH!.trades).toBe(4);
    expect(rows.BTC!.totalR + rows.ETH!.totalR).toBe(3);
    expect(rows.BTC!.window).toEqual({ from: -DAY / 2, to: DAY + 1000 });
    expect(monthWindow("2024-02", { from: Date.UTC(2024, 1, 10), to: Date.UTC(2024, 5, 1) })).toEqual({
      from: Date.UTC(2024, 1, 10),
      to: Date.UTC(2024, 2, 1),
    });
    expect(cumulativeR(trades).map((p) => p.cumR)).toEqual([2, 1, 0, 3]);
  });
});
