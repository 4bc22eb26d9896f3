// hlbot trade (shadow) against the fake Hyperliquid replaying real data on an accelerated clock: two
// days of 30 s ticks decide exactly what a backtest of the same bars decides (one engine).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { backtestRun, decisionKeys, type Rig, rig, shutdown, step } from "./support/harness.ts";

const DAY_TICKS = 2880;
let r: Rig;
let from = 0;
let to = 0;

beforeAll(async () => {
  r = rig({ time: "2025-06-02T00:00:10Z" });
  await r.daemon.start();
  from = r.clock.now();
  for (let i = 0; i < 2 * DAY_TICKS; i++) await step(r);
  to = r.clock.now();
}, 300_000);
afterAll(() => shutdown(r));

describe("hlbot trade, shadow path, on the fake", () => {
  test("ticks every 30 s without errors and records decisions, trades and equity in the ledger", () => {
    const s = r.daemon.stats();
    expect(s.ticks).toBe(2 * DAY_TICKS);
    expect(s.errors).toEqual({});
    expect(s.boots).toBe(1);
    const count = (sql: string) => (r.db.query(sql).get() as { n: number }).n;
    expect(count("SELECT COUNT(*) AS n FROM decisions WHERE run_id = 0 AND mode = 'shadow'")).toBeGreaterThan(
      5,
    );
    expect(count("SELECT COUNT(*) AS n FROM positions WHERE run_id = 0 AND mode = 'shadow'")).toBeGreaterThan(
      0,
    );
    // One snapshot a minute (daemon.equity_snapshot_seconds) over two days.
    expect(
      count("SELECT COUNT(*) AS n FROM equity_snapshots WHERE run_id = 0 AND mode = 'shadow'"),
    ).toBeGreaterThan(2800);
    expect(count("SELECT COUNT(*) AS n FROM decisions WHERE run_id = 0 AND mode = 'live'")).toBe(0);
  });

  test("the shadow decisions equal the backtest's over the same window (strategy, coin, side, candle)", () => {
    const daemon = decisionKeys(r.db, 0, from, to);
    const backtest = decisionKeys(r.db, backtestRun(r, from, to), from, to);
    expect(daemon.length).toBeGreaterThan(5);
    expect(daemon).toEqual(backtest);
  });

  test("the candles the engine consumed are the ledger's, with no gap and nothing still forming", () => {
    const rows = r.db
      .query(
        "SELECT coin, interval, COUNT(*) AS n, MIN(t) AS lo, MAX(t) AS hi FROM candles GROUP BY coin, interval",
      )
      .all() as { coin: string; interval: string; n: number; lo: number; hi: number }[];
    const len: Record<string, number> = { "15m": 900_000, "1h": 3_600_000, "4h": 14_400_000 };
    for (const s of rows) {
      expect((s.hi - s.lo) / len[s.interval]! + 1).toBe(s.n); // gap-free
      expect(s.hi + len[s.interval]!).toBeLessThanOrEqual(to); // closed
      expect(r.daemon.session!.cursors.bars[`${s.coin}|${s.interval}`]).toBe(s.hi);
    }
    // The websocket's bars went through the candle inbox, folded into candles after every tick.
    expect(r.db.query("SELECT COUNT(*) AS n FROM candles_inbox").get()).toEqual({ n: 0 });
  });

  test("the websocket carried the bars and REST stayed within a small share of the weight budget", () => {
    const stats = r.fake.stats();
    expect(stats.rateLimited).toBe(0);
    // Candles came over the websocket: REST candleSnapshot only for the start-up top-up (18 series)
    // and bars whose close raced a websocket push — far fewer requests than the 1512 bars consumed.
    expect(stats.info.candleSnapshot!.count).toBeLessThan(18 + 1512 / 4);
    const minutes = (to - from) / 60_000;
    expect(stats.weight / minutes).toBeLessThan(0.5 * 1200);
  });
});
