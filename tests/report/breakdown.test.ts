// Breakdown tables add up: every trade is in exactly one row of a table, so the rows' trades,
// total R and net PnL sum to the overall row — on generated samples of trades.
import { describe, expect, test } from "bun:test";
import { DAY_MS } from "../../src/core/clock.ts";
import { sfc32 } from "../../src/mining/rng.ts";
import { breakdown, tradeSpan, withNetPnl } from "../../src/report/breakdown.ts";
import { monthKey } from "../../src/report/month-key.ts";
import { rStats } from "../../src/report/r-stats.ts";
import type { RunTrade } from "../../src/report/run-summary.ts";
import { byClose } from "../../src/report/run-trade.ts";

const T0 = Date.parse("2024-05-01T00:00Z");

function trades(seed: number, n: number): RunTrade[] {
  const rand = sfc32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: n }, (_, i): RunTrade => {
    const openedAt = T0 + Math.floor(rand() * 200 * DAY_MS);
    const riskUsd = 50 + rand() * 100;
    const netPnl = (rand() < 0.4 ? 2 * rand() + 0.2 : -1.05) * riskUsd;
    const strategy = pick(["momentum", "trend_alpha", "ema_pullback"]);
    const side = pick(["long", "short"] as const);
    return {
      id: i + 1,
      decisionId: i + 1,
      mode: "shadow",
      coin: pick(["BTC", "ETH", "SOL", "DOGE"]),
      side,
      strategy,
      bucket: `${strategy}|${side}|${pick(["ASIA", "US_MAIN"])}|Neutral|mid`,
      session: "ASIA",
      regime: "Neutral",
      volBucket: "mid",
      openedAt,
      closedAt: openedAt + Math.floor(rand() * 3 * DAY_MS),
      entryPx: 100,
      exitPx: 101,
      size: 1,
      stopPx: 99,
      targetPx: 103,
      riskUsd,
      leverage: 1,
      r: netPnl / riskUsd,
      netPnl,
      fees: 1,
      slippage: 1,
      funding: 0,
      exitReason: "stop",
      exits: [],
    };
  }).sort(byClose);
}

describe("breakdown tables", () => {
  test("per strategy, coin, bucket and month sum to the overall row (trades, total R, net PnL)", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const ts = trades(seed, 20 + seed * 25);
      const w = { from: T0, to: T0 + 210 * DAY_MS };
      const overall = rStats(ts, w, "all");
      const net = ts.reduce((a, t) => a + t.netPnl, 0);
      const keys: ((t: RunTrade) => string)[] = [
        (t) => t.strategy,
        (t) => t.coin,
        (t) => t.bucket,
        (t) => monthKey(t.closedAt),
      ];
      for (const key of keys) {
        const rows = withNetPnl(
          breakdown(ts, key, () => w, "g"),
          ts,
          key,
        );
        const sum = (f: (r: (typeof rows)[string]) => number) =>
          Object.values(rows).reduce((a, r) => a + f(r), 0);
        expect(sum((r) => r.trades)).toBe(overall.trades);
        expect(sum((r) => r.totalR)).toBeCloseTo(overall.totalR, 9);
        expect(sum((r) => r.netPnl)).toBeCloseTo(net, 6);
        for (const r of Object.values(rows)) {
          expect(r.window!.from).toBeLessThanOrEqual(r.window!.to);
          expect(r.dataWindow).toEqual(w);
        }
      }
    }
  });

  test("a group's window runs from its first entry to its last exit", () => {
    const ts = trades(3, 50);
    const span = tradeSpan(ts)!;
    expect(span.from).toBe(Math.min(...ts.map((t) => t.openedAt)));
    expect(span.to).toBe(Math.max(...ts.map((t) => t.closedAt)));
    expect(tradeSpan([])).toBeNull();
  });
});
