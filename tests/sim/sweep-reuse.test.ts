// Feature reuse: a sweep over strategy, exit, friction and risk keys replays the features recorded by
// its thread's first job, and every result is bit-identical to the same backtest run on its own.
import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import type { Config } from "../../src/config/schema.ts";
import {
  coinsToLoad,
  createSignalSource,
  signalIntervals,
  warmupMs,
} from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { backtestDataRequest, runBacktest } from "../../src/sim/backtest.ts";
import { loadReplayData } from "../../src/sim/backtest-data.ts";
import { FeatureTape, TapeMismatchError } from "../../src/sim/feature-cache.ts";
import { type BacktestJob, type JobResult, runJob } from "../../src/sim/job.ts";
import { expandGrid, parseSweep } from "../../src/sim/sweep-grid.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";

let dbPath = "";
let base: Config;
const coins = ["ETH", "SOL"];
const from = Date.parse("2025-03-15T00:00Z");
const to = Date.parse("2025-05-01T00:00Z");

beforeAll(async () => {
  dbPath = join(scratchDir(), "reuse.db");
  const db = openLedger(dbPath);
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC", ...coins]) });
  db.close();
  base = loadConfig({ cwd: scratchDir(), env: {} }).config;
});

const jobOf = (config: Config, id: number, label: string, reuse: boolean): BacktestJob => ({
  id,
  label,
  dbPath,
  config,
  model: "v4",
  strategies: null,
  coins,
  intervals: signalIntervals(config, null),
  from,
  to,
  warmupMs: warmupMs(config, null),
  mode: "both",
  reuseFeatures: reuse,
});
const strip = ({ reusedFeatures: _, ...r }: JobResult) => JSON.stringify(r);

describe("feature reuse", () => {
  test("a sweep over threshold, exit, friction and risk keys: replayed features give the same results bit for bit", () => {
    const grid = expandGrid(
      base,
      parseSweep([
        "strategies.momentum.shadow.adx_min=15,25",
        "exits.trail_from_r=2,3",
        "friction.slippage_bps=1,3",
        "risk.risk_fraction=0.005,0.01",
      ]),
    );
    expect(grid.length).toBe(16);
    const picks = [0, 5, 10, 15].map((i) => grid[i]!);
    const reused = picks.map((g, i) => runJob(jobOf(g.config, i, g.label, true)));
    expect(reused.map((r) => r.reusedFeatures)).toEqual([false, true, true, true]);
    const alone = picks.map((g, i) => runJob(jobOf(g.config, i, g.label, false)));
    for (let i = 0; i < picks.length; i++) expect(strip(reused[i]!)).toBe(strip(alone[i]!));
    expect(reused[0]!.shadow.trades).toBeGreaterThan(10);
    expect(new Set(reused.map((r) => r.shadow.totalR)).size).toBeGreaterThan(1);
  }, 60_000);

  test("the whole run summary with its trades is identical under a replayed tape", () => {
    const db = openLedger(dbPath, { readonly: true });
    const req = {
      config: base,
      model: "v4",
      coins: coinsToLoad(base, coins),
      intervals: signalIntervals(base, null),
      from,
      to,
      warmupMs: warmupMs(base, null),
      mode: "both" as const,
      ignoreCandidates: true,
      store: false,
    };
    const data = loadReplayData(db, backtestDataRequest(req));
    const tape = new FeatureTape();
    const recorded = runBacktest(db, {
      ...req,
      data,
      signals: createSignalSource(base, null, coins, tape.recording()),
    });
    tape.seal();
    const replayed = runBacktest(db, {
      ...req,
      data,
      signals: createSignalSource(base, null, coins, tape.replaying()),
    });
    const plain = runBacktest(db, { ...req, signals: createSignalSource(base, null, coins) });
    db.close();
    expect(JSON.stringify(recorded)).toBe(JSON.stringify(plain));
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(plain));
    expect(tape.bars).toBeGreaterThan(1000);
  }, 60_000);

  test("a tape never feeds other data: another window is a TapeMismatchError", () => {
    const db = openLedger(dbPath, { readonly: true });
    const req = {
      config: base,
      model: "v4",
      coins: coinsToLoad(base, coins),
      intervals: signalIntervals(base, null),
      from,
      to,
      warmupMs: warmupMs(base, null),
      mode: "shadow" as const,
      ignoreCandidates: true,
      store: false,
    };
    const tape = new FeatureTape();
    runBacktest(db, { ...req, signals: createSignalSource(base, null, coins, tape.recording()) });
    tape.seal();
    const later = { ...req, from: from + 86_400_000 };
    expect(() =>
      runBacktest(db, { ...later, signals: createSignalSource(base, null, coins, tape.replaying()) }),
    ).toThrow(TapeMismatchError);
    db.close();
  }, 60_000);
});
