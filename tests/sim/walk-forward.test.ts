// Walk-forward on real data: the test windows concatenate into one out-of-sample record (R, trades,
// DSR over the concatenated daily R) and the chosen parameters' stability is measured per key.
import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import type { Config } from "../../src/config/schema.ts";
import { signalIntervals, warmupMs } from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { expandGrid, parseSweep } from "../../src/sim/sweep-grid.ts";
import { type WalkForwardWindow, walkForward } from "../../src/sim/walk-forward.ts";
import { walkForwardSummary } from "../../src/sim/walk-forward-summary.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";

let dbPath = "";
let config: Config;

beforeAll(async () => {
  dbPath = join(scratchDir(), "wf.db");
  const db = openLedger(dbPath);
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC", "ETH"]) });
  db.close();
  config = loadConfig({ cwd: scratchDir(), env: {} }).config;
});

describe("walk-forward", () => {
  test("the concatenated out-of-sample record sums the test windows, with DSR and parameter stability", async () => {
    const grid = expandGrid(config, parseSweep(["exits.trail_from_r=1.5,3"]));
    const template = {
      dbPath,
      model: "v4",
      strategies: null,
      coins: ["ETH"],
      intervals: signalIntervals(config, null),
      warmupMs: warmupMs(config, null),
      mode: "shadow" as const,
    };
    const from = Date.parse("2025-03-01T00:00Z");
    const to = Date.parse("2025-05-15T00:00Z");
    const w = await walkForward(template, { label: "base", config }, grid, {
      from,
      to,
      trainDays: 30,
      testDays: 15,
      minTrades: 5,
    });
    expect(w.length).toBe(3);
    const s = walkForwardSummary(w, grid.length);
    expect(s.oos.windows).toBe(3);
    expect(s.oos.days).toBe(45);
    expect(s.oos.trades).toBe(w.reduce((a, x) => a + x.test.shadow.trades, 0));
    expect(s.oos.totalR).toBeCloseTo(
      w.reduce((a, x) => a + x.test.shadow.totalR, 0),
      9,
    );
    expect(s.oos.trades).toBeGreaterThan(10);
    expect(s.oos.trials).toBe(2);
    expect(s.oos.dsr).not.toBeNull();
    expect(s.oos.dsr!).toBeLessThanOrEqual(s.oos.psr!);
    // The test windows abut: the concatenated calendar is the span after the first train window.
    for (let i = 1; i < w.length; i++) expect(w[i]!.testFrom).toBe(w[i - 1]!.testTo);
    expect(s.stability.map((x) => x.key)).toEqual(["exits.trail_from_r"]);
    expect(s.stability[0]!.chosen.length).toBe(3);
    expect(s.stability[0]!.chosen.every((c) => c === "1.5" || c === "3")).toBe(true);
  }, 60_000);

  test("stability counts the modal choice and the changes between windows", () => {
    const win = (v: number | null) =>
      ({
        chosenParams: v === null ? {} : { "exits.trail_from_r": v },
        trainSrVariance: 0.01,
        test: { rankedOn: "shadow", shadow: { trades: 2, totalR: 1 }, live: null, dailyR: [0.5, -0.1, 0.6] },
      }) as unknown as WalkForwardWindow;
    const s = walkForwardSummary([win(2), win(3), win(2), win(null), win(2)], 4);
    expect(s.stability[0]).toEqual({
      key: "exits.trail_from_r",
      chosen: ["2", "3", "2", "(base)", "2"],
      modal: "2",
      modalShare: 0.6,
      distinct: 3,
      changes: 4,
    });
    expect(s.oos.trades).toBe(10);
    expect(s.oos.days).toBe(15);
    expect(s.oos.meanR).toBe(0.5);
    expect(s.oos.expectedMaxSr).toBeGreaterThan(0);
  });
});
