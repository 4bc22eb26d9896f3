// Entry delay and cancel-if-signal-gone on real BTC 1h bars: a delayed entry executes N bars after
// its signal bar at that bar's open (with the model's slippage); with cancel-if-gone it executes only
// when the strategy still fires on the latest closed bar, and is otherwise recorded as refused.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { createSignalSource, signalIntervals, warmupMs } from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { runBacktest } from "../../src/sim/backtest.ts";
import { ZScoreReversionShadowSchema, zscoreReversion } from "../../strategies/zscore-reversion.ts";
import { candles } from "../market/features/real-data.ts";
import { contextAt, featuresAt } from "../strategies/replay.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";

const H = 3_600_000;
const only = ["zscore_reversion"];

async function run(env: Record<string, string>) {
  const db = openLedger(join(scratchDir(), "delay.db"));
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC"]) });
  const { config } = loadConfig({ cwd: scratchDir(), env });
  const r = runBacktest(db, {
    config,
    model: "v4",
    coins: ["BTC"],
    intervals: signalIntervals(config, only),
    from: Date.parse("2024-11-01T00:00Z"),
    to: Date.parse("2025-01-15T00:00Z"),
    warmupMs: warmupMs(config, only),
    mode: "shadow",
    ignoreCandidates: true,
    signals: createSignalSource(config, only, ["BTC"]),
    store: true,
  });
  const positions = db
    .query(
      `SELECT p.side, p.opened_at, p.entry_px, p.sim_model_version AS version, d.candle_t
         FROM positions p JOIN decisions d ON d.id = p.decision_id WHERE p.run_id = ?1 ORDER BY p.opened_at`,
    )
    .all(r.runId) as {
    side: "long" | "short";
    opened_at: number;
    entry_px: number;
    version: string;
    candle_t: number;
  }[];
  const gone = db
    .query(
      "SELECT candle_t, side, reasons FROM decisions WHERE run_id = ?1 AND verdict = 'rejected' AND reasons LIKE '%signal_gone%'",
    )
    .all(r.runId) as { candle_t: number; side: "long" | "short" }[];
  db.close();
  return { positions, gone };
}

describe("entry delay and cancel-if-signal-gone (zscore_reversion, BTC 1h, v4)", async () => {
  const open1h = new Map(candles("BTC", "1h").map((c) => [c.t, c.open]));
  const shadow = ZScoreReversionShadowSchema.parse({});
  const at = await run({});
  const delayed = await run({ HLBOT_ENTRIES__DELAY_BARS: "2" });
  const cancelled = await run({
    HLBOT_ENTRIES__DELAY_BARS: "2",
    HLBOT_ENTRIES__CANCEL_IF_SIGNAL_GONE: "true",
  });

  test("without delay an entry fills at the open of the bar after its signal bar", () => {
    expect(at.positions.length).toBeGreaterThan(20);
    for (const p of at.positions) expect(p.opened_at).toBe(p.candle_t + H);
    expect(at.positions[0]!.version).toBe("v4");
  });

  test("delay 2: every entry opens 2 bars later at that bar's open (+ 5 bps slippage), tagged delay=2", () => {
    expect(delayed.positions.length).toBeGreaterThan(20);
    for (const p of delayed.positions) {
      expect(p.opened_at).toBe(p.candle_t + 3 * H);
      const slip = p.side === "long" ? 1 + 5 / 10_000 : 1 - 5 / 10_000;
      expect(p.entry_px).toBeCloseTo(open1h.get(p.opened_at)! * slip, 6);
      expect(p.version).toBe("v4+delay=2");
    }
    expect(delayed.gone.length).toBe(0);
  });

  test("cancel-if-gone keeps exactly the delayed entries whose strategy still fires on the latest bar", () => {
    expect(cancelled.gone.length).toBeGreaterThan(5);
    expect(cancelled.positions.length).toBeGreaterThan(0);
    for (const p of cancelled.positions) {
      const f = featuresAt("BTC", "1h", p.opened_at - H);
      expect(zscoreReversion.evaluate(f, contextAt("BTC", f), shadow)?.side).toBe(p.side);
      expect(p.version).toBe("v4+delay=2,cancel_gone");
    }
    for (const g of cancelled.gone) {
      const f = featuresAt("BTC", "1h", g.candle_t + 2 * H);
      expect(zscoreReversion.evaluate(f, contextAt("BTC", f), shadow)?.side).not.toBe(g.side);
    }
  });
});
