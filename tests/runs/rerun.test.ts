// `hlbot backtest --rerun N` on a real-data ledger: the stored run comes back bit for bit (decisions,
// trades, equity, summary), and a changed candle or another binary is refused with the reason.

import { Database } from "bun:sqlite";
import { beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { diffRuns } from "../../src/runs/run-diff.ts";
import { HL_DATA, REPO_ROOT, scratchDir } from "../support/paths.ts";

const dir = scratchDir();
const main = join(dir, "hlbot.db");
const research = join(dir, "research.db");
const WINDOW = ["--from", "2025-04-01", "--to", "2025-04-21"];

const cli = (args: string[], env: Record<string, string> = {}) => {
  const p = Bun.spawnSync(["bun", join(REPO_ROOT, "src/main.ts"), ...args], {
    cwd: dir,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, ...env },
  });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
};

let original = 0;

beforeAll(async () => {
  const db = openLedger(main);
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC", "ETH", "SOL"]) });
  db.close();
  const r = cli(["backtest", "--db", main, "--coins", "ETH,SOL", ...WINDOW, "--json"]);
  expect(r.code, r.err).toBe(0);
  original = JSON.parse(r.out).runId;
}, 240_000);

describe("hlbot backtest --rerun", () => {
  test("stores the run in the research ledger beside the main one, with its config, binary, argv and coverage", () => {
    const db = new Database(research, { readonly: true });
    const row = db.query("SELECT * FROM backtest_runs WHERE id = ?1").get(original) as Record<string, string>;
    db.close();
    expect(JSON.parse(row.config!).engine).toBeDefined();
    expect(row.version).toBeTruthy();
    expect(row.git_commit).toBeTruthy();
    expect(JSON.parse(row.argv!)).toContain("--coins");
    expect(JSON.parse(row.coverage!).length).toBeGreaterThan(0);
    expect(row.data_hash).toMatch(/^[0-9a-f]{16}/);
    const m = new Database(main, { readonly: true });
    expect((m.query("SELECT COUNT(*) AS n FROM backtest_runs").get() as { n: number }).n).toBe(0);
    m.close();
  });

  test("reproduces run N bit for bit: decisions, trades, equity and summary equal", () => {
    // Today's config differs (other exits, another friction model): the stored one is what runs.
    const today = { HLBOT_EXITS__TRAIL_FROM_R: "3", HLBOT_FRICTION__MODEL: "legacy" };
    const r = cli(["backtest", "--db", main, "--rerun", String(original), "--json"], today);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.rerunOf).toBe(original);
    expect(out.diff.identical).toBe(true);
    expect(out.diff.trades.a).toBeGreaterThan(5);
    expect(out.diff.decisions.a).toBeGreaterThan(out.diff.trades.a);
    // Checked here too, not only by the command's own verdict.
    const db = new Database(research, { readonly: true });
    const diff = diffRuns(db, original, out.runId);
    db.close();
    expect(diff.identical).toBe(true);
    expect(diff.decisions).toEqual({
      a: out.diff.decisions.a,
      b: out.diff.decisions.a,
      firstDifference: null,
    });
  }, 120_000);

  test("the live path trades the buckets promoted at the time: the rerun uses the stored ones, not today's file", () => {
    const db = new Database(research, { readonly: true });
    const buckets = db
      .query(
        "SELECT strategy, side, session, regime, vol_bucket, COUNT(*) AS n FROM positions WHERE run_id = ?1 AND mode = 'shadow' GROUP BY 1, 2, 3, 4, 5 ORDER BY n DESC, 1, 2, 3, 4, 5 LIMIT 8",
      )
      .all(original) as {
      strategy: string;
      side: string;
      session: string;
      regime: string;
      vol_bucket: string;
      n: number;
    }[];
    db.close();
    const file = join(dir, "config", "live_candidates.json");
    mkdirSync(join(dir, "config"), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        generated_at: null,
        mining_run_id: null,
        promote_run_id: null,
        sim_model_version: "v4",
        buckets: buckets.map(({ n: _n, ...b }) => ({
          key: `${b.strategy}|${b.side}|${b.session}|${b.regime}|${b.vol_bucket}`,
          ...b,
          state: "LIVE",
          size_multiplier: 1,
          since: "2025-01-01",
          stats: {},
        })),
      }),
    );
    const first = cli(["backtest", "--db", main, "--coins", "ETH,SOL", ...WINDOW, "--json"]);
    expect(first.code, first.err).toBe(0);
    const run = JSON.parse(first.out);
    expect(run.live.trades.length).toBeGreaterThan(0);
    rmSync(file); // today nothing is promoted
    const r = cli(["backtest", "--db", main, "--rerun", String(run.runId), "--json"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).diff.identical).toBe(true);
  }, 120_000);

  test("a changed candle in the window is refused (exit 2, both hashes named); --force reruns and says so", () => {
    const db = new Database(main);
    db.run("UPDATE candles SET close = close * 1.01 WHERE coin = 'ETH' AND interval = '1h' AND t = ?1", [
      Date.parse("2025-04-10T00:00Z"),
    ]);
    db.close();
    const refused = cli(["backtest", "--db", main, "--rerun", String(original)]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("hashes");
    expect(refused.err).toContain("--force");
    const forced = cli(["backtest", "--db", main, "--rerun", String(original), "--force"]);
    expect(forced.code, forced.err).toBe(0);
    expect(forced.err + forced.out).toContain("forced");
  }, 120_000);

  test("another binary version is refused; an unknown run and a bad id exit 2 naming them", () => {
    const db = new Database(research);
    db.run("UPDATE backtest_runs SET version = '0.0.1-old' WHERE id = ?1", [original]);
    db.close();
    const r = cli(["backtest", "--db", main, "--rerun", String(original)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("0.0.1-old");
    const missing = cli(["backtest", "--db", main, "--rerun", "999"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("no run 999");
    const bad = cli(["backtest", "--db", main, "--rerun", "abc"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--rerun abc");
  }, 60_000);
});

describe("sweeps and walk-forwards as runs", () => {
  test("a sweep stores its config, binary, argv, data hash and coverage; --rerun of it is refused (exit 2)", () => {
    const r = cli([
      "backtest",
      "--db",
      main,
      "--coins",
      "ETH",
      "--from",
      "2025-03-01",
      "--to",
      "2025-03-08",
      "--sweep",
      "exits.trail_from_r=1.5,2.5",
      "--workers",
      "1",
      "--json",
    ]);
    expect(r.code, r.err).toBe(0);
    const id = JSON.parse(r.out).runId as number;
    const db = new Database(research, { readonly: true });
    const row = db.query("SELECT * FROM backtest_runs WHERE id = ?1").get(id) as Record<string, string>;
    db.close();
    expect(row.kind).toBe("sweep");
    expect(JSON.parse(row.config!).exits).toBeDefined();
    expect(JSON.parse(row.argv!)).toContain("--sweep");
    expect(row.data_hash).toMatch(/^[0-9a-f]{16}/);
    expect(JSON.parse(row.coverage!).map((c: { coin: string }) => c.coin)).toContain("ETH");
    const rerun = cli(["backtest", "--db", main, "--rerun", String(id)]);
    expect(rerun.code).toBe(2);
    expect(rerun.err).toContain("sweep run");
  }, 120_000);
});

describe("walk-forward as a run", () => {
  test("stores config, argv, data hash and coverage; hlbot runs shows its whole window", () => {
    const r = cli([
      "backtest",
      "--db",
      main,
      "--coins",
      "ETH",
      "--from",
      "2025-03-01",
      "--to",
      "2025-03-21",
      "--walk-forward",
      "--train-days",
      "10",
      "--test-days",
      "5",
      "--workers",
      "1",
      "--json",
    ]);
    expect(r.code, r.err).toBe(0);
    const id = JSON.parse(r.out).runId as number;
    const shown = cli(["runs", "show", String(id), "--db", research, "--json"]);
    expect(shown.code, shown.err).toBe(0);
    const run = JSON.parse(shown.out);
    expect(run.kind).toBe("walk_forward");
    expect(run.config.engine).toBeDefined();
    expect(run.argv).toContain("--walk-forward");
    expect(run.dataHash).toMatch(/^[0-9a-f]{16}/);
    expect(run.coverage.length).toBeGreaterThan(0);
    expect(run.from).toBe(Date.parse("2025-03-01"));
    expect(run.to).toBeGreaterThan(Date.parse("2025-03-15"));
  }, 120_000);
});
