// hlbot backtest --sweep on a real-data ledger: inert keys are refused (exit 2) with the reason and the
// mode that would make them matter, all-equal rows are called out, the best combination carries its
// DSR (trials = combinations run) and the sweep its PBO by CSCV, and --by adds per coin/strategy/bucket rows.
import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import type { Config } from "../../src/config/schema.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { getModel } from "../../src/sim/models/index.ts";
import { inertReason } from "../../src/sim/sweep-relevance.ts";
import { HL_DATA, REPO_ROOT, scratchDir } from "../support/paths.ts";

let dbPath = "";
let config: Config;
const window = ["--coins", "ETH,SOL", "--from", "2025-03-01", "--to", "2025-05-01"];

beforeAll(async () => {
  dbPath = join(scratchDir(), "sweep.db");
  const db = openLedger(dbPath);
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC", "ETH", "SOL"]) });
  db.close();
  config = loadConfig({ cwd: scratchDir(), env: {} }).config;
});

const cli = (args: string[]) => {
  const p = Bun.spawnSync(
    ["bun", join(REPO_ROOT, "src/main.ts"), "backtest", "--db", dbPath, ...window, ...args],
    {
      cwd: scratchDir(),
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
};

describe("inert sweep keys", () => {
  const ctx = (mode: "shadow" | "both" | "live", model = "v4", strategies: string[] | null = null) => ({
    mode,
    model: getModel(model),
    strategies,
    config,
  });

  test("live thresholds, regime and the funding bonus are refused unless the live account is ranked", () => {
    expect(inertReason("strategies.momentum.live.adx_min", ctx("shadow"))).toContain(
      "--mode shadow runs none",
    );
    expect(inertReason("strategies.momentum.live.adx_min", ctx("both"))).toContain("--mode live");
    expect(inertReason("regime.scope", ctx("shadow"))).toContain("not score-gated");
    expect(inertReason("strategies.momentum.shadow.funding_bonus_max", ctx("both"))).toContain("score");
    expect(inertReason("strategies.trend_alpha.shadow.adx_full", ctx("shadow"))).toContain("score");
    for (const k of [
      "strategies.momentum.live.adx_min",
      "regime.scope",
      "strategies.momentum.shadow.funding_bonus_max",
    ])
      expect(inertReason(k, ctx("live"))).toBeNull();
  });

  test("keys that move results are accepted; exits without managed exits, unread sections and absent strategies are not", () => {
    for (const k of [
      "strategies.momentum.shadow.adx_min",
      "exits.trail_from_r",
      "risk.risk_fraction",
      "friction.slippage_bps",
    ])
      expect(inertReason(k, ctx("shadow"))).toBeNull();
    expect(inertReason("strategies.trend_alpha.exits.trail_from_r", ctx("both", "legacy"))).toContain(
      "does not manage exits",
    );
    expect(inertReason("friction.slippage_bps", ctx("both", "legacy"))).toContain("cost-free");
    expect(inertReason("daemon.tick_offset_ms", ctx("live"))).toContain("never reads");
    expect(inertReason("strategies.momentum.shadow.adx_min", ctx("both", "v4", ["trend_alpha"]))).toContain(
      "not in --strategies",
    );
  });

  test("the CLI refuses with exit 2 and the explanation before running anything", () => {
    const r = cli(["--mode", "shadow", "--sweep", "strategies.momentum.live.adx_min=20,30"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("strategies.momentum.live.adx_min");
    expect(r.err).toContain("--mode live");
    expect(cli(["--sweep", "exits.trail_from_r=2,3", "--pbo-blocks", "5"]).code).toBe(2);
    expect(cli(["--sweep", "exits.trail_from_r=2,3", "--by", "month"]).err).toContain("--by month");
  }, 60_000);
});

describe("sweep report", () => {
  test("a sweep whose rows all come out equal says so", () => {
    const r = cli(["--mode", "shadow", "--sweep", "exits.trail_from_r=2,2"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("all 2 combinations produced identical results");
  }, 60_000);

  test("the best carries its DSR with trials = combinations run, the sweep its PBO by CSCV; --by adds rows", () => {
    const r = cli([
      "--mode",
      "shadow",
      "--sweep",
      "strategies.momentum.shadow.adx_min=15,25;exits.trail_from_r=1.5,3",
      "--pbo-blocks",
      "8",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    const sel = out.report.selection;
    expect(out.report.allEqual).toBe(false);
    expect(sel.combinations).toBe(4);
    expect(sel.trials).toBe(4);
    expect(Number.isFinite(sel.best.dsr)).toBe(true);
    expect(sel.best.dsr).toBeLessThanOrEqual(sel.best.psr);
    expect(sel.pbo.blocks).toBe(8);
    expect(sel.pbo.splits).toBe(70);
    expect(sel.pbo.pbo).toBeGreaterThanOrEqual(0);
    expect(sel.pbo.pbo).toBeLessThanOrEqual(1);
    expect(out.results[0].dailyR.length).toBe(61);
    expect(Object.keys(out.results[0].by.shadow.coin).sort()).toEqual(["ETH", "SOL"]);

    const text = cli([
      "--mode",
      "shadow",
      "--sweep",
      "exits.trail_from_r=1.5,3",
      "--by",
      "coin,strategy,bucket",
    ]);
    expect(text.code).toBe(0);
    for (const s of ["per coin", "per strategy", "per bucket", "DSR", "PBO", "CSCV splits of 16 blocks"])
      expect(text.out).toContain(s);
    expect(text.out).toMatch(/exits\.trail_from_r=3\s+SOL/);
  }, 60_000);
});
