// The prediction-market source replayed in a backtest: the recorded prediction_snapshots rows, as of
// each tick (a row received after the decision is never seen), drive the same crisis block as live.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { createSignalSource, signalIntervals, warmupMs } from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { PredictionSnapshotsRepo } from "../../src/regime-sources/snapshots-repo.ts";
import { runBacktest } from "../../src/sim/backtest.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";

const H = 3_600_000;
const FROM = Date.parse("2024-11-01T00:00Z");
const TO = Date.parse("2025-01-15T00:00Z");
const DAY = 24 * H;
/** Every other UTC day is a crisis in the recorded market. */
const inCrisis = (t: number) => Math.floor(t / DAY) % 2 === 0;

describe("prediction-market regime replayed in a backtest", async () => {
  const db = openLedger(join(scratchDir(), "pm.db"));
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC"]) });
  // Hourly snapshots of one market: 0.9 (a crisis) on every other UTC day, 0.1 otherwise.
  const rows = [];
  for (let t = FROM; t < TO; t += H)
    rows.push({
      source: "polymarket",
      market: "war",
      outcome: "Yes",
      t,
      probability: inCrisis(t) ? 0.9 : 0.1,
      sourceT: null,
      closed: false,
    });
  new PredictionSnapshotsRepo(db).insertMany(rows);
  const only = ["zscore_reversion"];
  const backtest = (enabled: boolean) => {
    const env: Record<string, string> = { HLBOT_LIVE__MIN_SCORE: "0" };
    if (enabled) {
      env.HLBOT_PREDICTION_MARKETS__ENABLED = "true";
      env.HLBOT_PREDICTION_MARKETS__MARKETS = "[{slug: war}]";
      env.HLBOT_PREDICTION_MARKETS__MAX_AGE_SECONDS = "7200";
    }
    const { config } = loadConfig({ cwd: scratchDir(), env });
    const r = runBacktest(db, {
      config,
      model: "v4",
      coins: ["BTC"],
      intervals: signalIntervals(config, only),
      from: FROM,
      to: TO,
      warmupMs: warmupMs(config, only),
      mode: "live",
      ignoreCandidates: true,
      signals: createSignalSource(config, only, ["BTC"]),
      store: true,
    });
    return db
      .query(
        "SELECT created_at AS t, verdict, reasons FROM decisions WHERE run_id = ?1 AND mode = 'live' ORDER BY id",
      )
      .all(r.runId) as { t: number; verdict: string; reasons: string }[];
  };
  const off = backtest(false);
  const on = backtest(true);

  test("off by default: no decision mentions it", () => {
    expect(off.length).toBeGreaterThan(5);
    expect(off.some((d) => d.reasons.includes("prediction_crisis"))).toBe(false);
  });

  test("on: exactly the live decisions on a recorded crisis day are refused as prediction_crisis", () => {
    expect(on.length).toBe(off.length);
    const refused = on.filter((d) => d.reasons.includes("prediction_crisis"));
    expect(refused.length).toBeGreaterThan(1);
    for (const d of on)
      expect(d.reasons.includes("prediction_crisis"), new Date(d.t).toISOString()).toBe(inCrisis(d.t));
    // Outside the crisis the score is 0.1 (≤ reduce_from): the same trades as without the source.
    const outside = (ds: typeof on) => ds.filter((d) => !inCrisis(d.t)).map((d) => `${d.t}|${d.verdict}`);
    expect(outside(on)).toEqual(outside(off));
  });
});
