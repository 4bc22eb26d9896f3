// One engine: for every setup that both the shadow and the live path traded (live thresholds are
// stricter, so live setups are a subset), entry, exit time, exit reason and R agree — the paths differ
// only in thresholds, gate and size, never in the rules that manage a position.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import {
  coinsToLoad,
  createSignalSource,
  signalIntervals,
  warmupMs,
} from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { runBacktest } from "../../src/sim/backtest.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";

describe("shadow and live paths agree on shared setups", () => {
  test("same entries, exits and R on real data (v4)", async () => {
    const db = openLedger(join(scratchDir(), "p.db"));
    await importDirectory(db, HL_DATA, { coins: new Set(["BTC", "ETH", "SOL", "AVAX"]) });
    const { config } = loadConfig({
      cwd: scratchDir(),
      env: {
        HLBOT_RISK__MAX_POSITIONS: "50",
        HLBOT_RISK__DRAWDOWN_FLOOR: "0.99",
        HLBOT_RISK__DAILY_LOSS_LIMIT: "0.99",
        HLBOT_RISK__COOLDOWN_AFTER_STOP_MINUTES: "0",
        HLBOT_LIVE__MIN_SCORE: "0",
      },
    });
    const coins = ["ETH", "SOL", "AVAX"];
    const r = runBacktest(db, {
      config,
      model: "v4",
      coins: coinsToLoad(config, coins),
      intervals: signalIntervals(config, null),
      from: Date.parse("2025-03-01T00:00Z"),
      to: Date.parse("2025-06-01T00:00Z"),
      warmupMs: warmupMs(config, null),
      mode: "live",
      ignoreCandidates: true,
      signals: createSignalSource(config, null, coins),
      store: true,
    });
    const rows = (mode: string) =>
      db
        .query(
          "SELECT setup_key, strategy, opened_at, closed_at, exit_reason, entry_px, r_multiple FROM positions WHERE run_id = ?1 AND mode = ?2 AND status = 'closed'",
        )
        .all(r.runId, mode) as {
        setup_key: string;
        strategy: string;
        opened_at: number;
        closed_at: number;
        exit_reason: string;
        entry_px: number;
        r_multiple: number;
      }[];
    const shadow = new Map(rows("shadow").map((p) => [`${p.setup_key}|${p.strategy}`, p]));
    const live = rows("live");
    const shared = live.filter(
      (p) => shadow.has(`${p.setup_key}|${p.strategy}`) && p.exit_reason !== "end_of_test",
    );
    expect(shared.length).toBeGreaterThan(5);
    for (const l of shared) {
      const s = shadow.get(`${l.setup_key}|${l.strategy}`)!;
      expect([l.opened_at, l.closed_at, l.exit_reason, l.entry_px]).toEqual([
        s.opened_at,
        s.closed_at,
        s.exit_reason,
        s.entry_px,
      ]);
      expect(l.r_multiple).toBeCloseTo(s.r_multiple, 1); // sizes differ only by lot rounding
    }
    db.close();
  }, 60_000);
});
