// Per-strategy exit overrides (strategies.<name>.exits.*): they change only that strategy's trades,
// they are part of sim_model_version, and breakeven can stand on its own (breakeven_at_r) instead of
// being tied to the partial.
import type { Database } from "bun:sqlite";
import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import type { Config } from "../../src/config/schema.ts";
import type { Position } from "../../src/engine/position.ts";
import { type ExitRules, stepPosition } from "../../src/engine/position-rules.ts";
import {
  coinsToLoad,
  createSignalSource,
  signalIntervals,
  warmupMs,
} from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { runBacktest } from "../../src/sim/backtest.ts";
import { getModel, resolveModel } from "../../src/sim/models/index.ts";
import { expandGrid, parseSweep } from "../../src/sim/sweep-grid.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";

let dbPath = "";
let base: Config;
const coins = ["ETH", "SOL"];

beforeAll(async () => {
  dbPath = join(scratchDir(), "exits.db");
  const db = openLedger(dbPath);
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC", ...coins]) });
  db.close();
  base = loadConfig({ cwd: scratchDir(), env: {} }).config;
});

function run(db: Database, config: Config) {
  return runBacktest(db, {
    config,
    model: "v4",
    coins: coinsToLoad(config, coins),
    intervals: signalIntervals(config, null),
    from: Date.parse("2025-01-01T00:00Z"),
    to: Date.parse("2025-05-01T00:00Z"),
    warmupMs: warmupMs(config, null),
    mode: "shadow",
    ignoreCandidates: true,
    signals: createSignalSource(config, null, coins),
    store: false,
  });
}

describe("strategies.<name>.exits", () => {
  test("trend_alpha's trail start 3R → 2R is one sweep: tagged apart, only trend_alpha's trades move", () => {
    const grid = expandGrid(base, parseSweep(["strategies.trend_alpha.exits.trail_from_r=3,2"]));
    const tags = grid.map(
      (g) => resolveModel(getModel("v4"), g.config.friction, g.config.exits, g.config.strategies).version,
    );
    expect(tags).toEqual(["v4+trend_alpha.trail_from_r=3", "v4+trend_alpha.trail_from_r=2"]);
    expect(resolveModel(getModel("v4"), base.friction, base.exits, base.strategies).version).toBe("v4");

    const db = openLedger(dbPath, { readonly: true });
    const [a, b] = grid.map((g) => run(db, g.config));
    db.close();
    expect(a!.modelVersion).toBe(tags[0]!);
    const of = (r: typeof a, name: string, not = false) =>
      JSON.stringify(
        r!.shadow.trades.filter((t) => (t.strategy === name) !== not).map((t) => [t.openedAt, t.r]),
      );
    // Shadow sizes on the starting equity: the other strategies' trades are untouched.
    expect(of(a, "trend_alpha", true)).toBe(of(b, "trend_alpha", true));
    expect(a!.shadow.trades.some((t) => t.strategy === "trend_alpha")).toBe(true);
    expect(of(a, "trend_alpha")).not.toBe(of(b, "trend_alpha"));
  }, 60_000);

  test("a strategy's trail distance wins over its own parameter and over exits.trail_distance_r", () => {
    const [g] = expandGrid(base, parseSweep(["strategies.trend_alpha.exits.trail_distance_r=0.5"]));
    const db = openLedger(dbPath, { readonly: true });
    const r = run(db, g!.config);
    const plain = run(db, base);
    // The same 0.5 set as the global default does not reach trend_alpha (its own 1.5 wins over it).
    const global = structuredClone(base);
    global.exits.trail_distance_r = 0.5;
    const viaGlobal = run(db, global);
    db.close();
    expect(r.modelVersion).toBe("v4+trend_alpha.trail_distance_r=0.5");
    const of = (x: typeof r, not: boolean) =>
      JSON.stringify(
        x.shadow.trades.filter((t) => (t.strategy === "trend_alpha") !== not).map((t) => [t.openedAt, t.r]),
      );
    expect(of(r, true)).toBe(of(plain, true));
    expect(of(r, false)).not.toBe(of(plain, false));
    expect(of(viaGlobal, false)).toBe(of(plain, false));
  }, 60_000);
});

describe("breakeven", () => {
  const rules: ExitRules = {
    partials: true,
    partialFraction: 0.5,
    partialAtR: 1.5,
    breakevenAfterPartial: false,
    breakevenAtR: 1,
    trail: true,
    trailFromR: 3,
    liquidation: false,
    timeoutMs: 48 * 3_600_000,
    szDecimals: 3,
  };
  const pos = (): Position =>
    ({
      strategy: "s",
      side: "long",
      entryPx: 100,
      stopPx: 98,
      initialStopPx: 98,
      targetPx: 110,
      size: 2,
      initialSize: 2,
      partialDone: false,
      trailActive: false,
      trailDistanceR: 1,
      bestPx: 100,
      openedAt: 0,
      liquidationPx: null,
    }) as unknown as Position;

  test("breakeven_at_r moves the stop to entry without a partial, and the stop-out says breakeven", () => {
    const p = pos();
    expect(stepPosition(p, { open: 100, high: 102.5, low: 99.5, close: 102, end: 1 }, rules)).toEqual([]);
    expect(p.partialDone).toBe(false);
    expect(p.stopPx).toBe(100);
    const out = stepPosition(p, { open: 101, high: 101, low: 99, close: 99, end: 2 }, rules);
    expect(out).toEqual([{ reason: "breakeven", px: 100, size: 2 }]);
  });

  test("a strategy's levels replace the global ones for its positions only", () => {
    const byStrategy = new Map([["s", { ...rules, breakevenAtR: null, partialAtR: 1 }]]);
    const p = pos();
    const out = stepPosition(
      p,
      { open: 100, high: 102.5, low: 99.5, close: 102, end: 1 },
      { ...rules, byStrategy },
    );
    expect(out).toEqual([{ reason: "partial", px: 102, size: 1 }]);
    expect(p.stopPx).toBe(98);
    const other = { ...pos(), strategy: "t" } as Position;
    expect(
      stepPosition(
        other,
        { open: 100, high: 102.5, low: 99.5, close: 102, end: 1 },
        { ...rules, byStrategy },
      ),
    ).toEqual([]);
    expect(other.stopPx).toBe(100);
  });
});
