// The websocket sampler between ticks (Daemon.sample): closed bars go to the candle inbox at once;
// at the next quiet moment the inbox is folded into `candles`; the WAL checkpoint only at a quiet
// moment with nothing left to fold — never two heavy writes in one sample, never one at a close.
import { describe, expect, test } from "bun:test";
import { Daemon } from "../../src/daemon/daemon.ts";
import { HyperliquidClient } from "../../src/hyperliquid/client.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { CandlesRepo } from "../../src/ledger/repos/candles.ts";
import { scratchDir } from "../support/paths.ts";
import { testConfig } from "./support/harness.ts";

const M15 = 900_000;
const T0 = Date.parse("2025-06-02T00:00:00Z");
const bar = (t: number) => ({ t, open: 100, high: 101, low: 99, close: 100.5, volume: 3 });
const wire = (t: number) => ({
  t,
  T: t + M15 - 1,
  s: "BTC",
  i: "15m",
  o: "100",
  c: "100.5",
  h: "101",
  l: "99",
  v: "3",
  n: 1,
});

describe("Daemon.sample", () => {
  test("bars into the inbox at a close; fold at the next quiet sample; checkpoint at the one after", () => {
    const cfg = testConfig(
      { url: "http://127.0.0.1:9", wsUrl: "ws://127.0.0.1:9/ws" },
      scratchDir("hlbot-sampler-"),
    );
    const db = openLedger(cfg.ledger.path);
    const candles = new CandlesRepo(db);
    candles.insertMany("BTC", "15m", [bar(T0 - 2 * M15), bar(T0 - M15)]);
    const client = new HyperliquidClient(cfg.hyperliquid);
    const daemon = new Daemon({ config: cfg, db, client, clock: { now: () => T0 } });
    const count = (sql: string) => (db.query(sql).get() as { n: number }).n;

    // Bar T0 closed: the next bar's first update arrived (on a connection the daemon trusts from now).
    daemon.sample(T0 + 1); // connection seen: bars that closed before this are left to REST
    client.ws.cache.apply("candle", wire(T0));
    client.ws.cache.apply("candle", wire(T0 + M15));
    daemon.sample(T0 + M15 + 1_000);
    expect(count("SELECT COUNT(*) AS n FROM candles_inbox")).toBe(1);
    expect(candles.lastTime("BTC", "15m")).toBe(T0 - M15);
    expect(daemon.foldStats().count).toBe(0);
    const checkpoints = daemon.checkpointStats().count;

    daemon.sample(T0 + M15 + 2_000); // quiet: the fold, and no checkpoint in the same sample
    expect(daemon.foldStats()).toMatchObject({ count: 1, lastRows: 1 });
    expect(daemon.checkpointStats().count).toBe(checkpoints);
    expect(count("SELECT COUNT(*) AS n FROM candles_inbox")).toBe(0);
    expect(candles.list("BTC", "15m").map((c) => c.t)).toEqual([T0 - 2 * M15, T0 - M15, T0]);

    daemon.sample(T0 + M15 + 3_000); // quiet, nothing to fold: the checkpoint's turn
    expect(daemon.foldStats().count).toBe(1);
    expect(daemon.checkpointStats().count).toBe(checkpoints + 1);
    expect(daemon.stats().errors).toEqual({});
    db.close();
  });
});
