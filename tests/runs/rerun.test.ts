// `hlbot backtest --rerun N` on a real-data ledger: the stored run comes back bit for bit (decisions,
// trades, equity, summary), and a changed candle or another binary is refused with the reason.

import { Database } from "bun:sqlite";
import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { diffRuns } from "../../src/runs/run-diff.ts";
import { HL_DATA, REPO_ROOT, scratchDir } from "../support/paths.ts";

const dir = scratchDir();
const main = join(dir, "hlbot.db");
const research = join(dir, "research.db");
const WINDOW = ["--from", "2025-04-01", "--to", "2025-04-21"];

const cli = (args: string[]) => {
  const p = Bun.spawnSync(["bun", join(REPO_ROOT, "src/main.ts"), ...args], {
    cwd: dir,
    stdout: "pipe",
    stderr: "pipe",
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
    const r = cli(["backtest", "--db", main, "--rerun", String(original), "--json"]);
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
