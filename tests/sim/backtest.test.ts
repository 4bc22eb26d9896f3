// hlbot backtest over a real-data ledger: deterministic, stored in the ledger, and the CLI paths
// (JSON, HTML report, sweep and walk-forward on workers) work end to end.

import type { Database } from "bun:sqlite";
import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
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
import { HL_DATA, REPO_ROOT, scratchDir } from "../support/paths.ts";

let dbPath = "";
const from = Date.parse("2025-04-01T00:00Z");
const to = Date.parse("2025-05-15T00:00Z");

beforeAll(async () => {
  dbPath = join(scratchDir(), "bt.db");
  const db = openLedger(dbPath);
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC", "ETH", "SOL"]) });
  db.close();
});

function run(db: Database, store: boolean, mode: "shadow" | "live" = "shadow") {
  const { config } = loadConfig({ cwd: scratchDir(), env: {} });
  const coins = ["ETH", "SOL"];
  return runBacktest(db, {
    config,
    model: "v4",
    coins: coinsToLoad(config, coins),
    intervals: signalIntervals(config, null),
    from,
    to,
    warmupMs: warmupMs(config, null),
    mode,
    ignoreCandidates: true,
    signals: createSignalSource(config, null, coins),
    store,
  });
}

describe("runBacktest", () => {
  test("same inputs give byte-identical results", () => {
    const db = openLedger(dbPath);
    const a = JSON.stringify({ ...run(db, false), runId: null });
    const b = JSON.stringify({ ...run(db, false), runId: null });
    db.close();
    expect(a).toBe(b);
    expect(JSON.parse(a).shadow.trades.length).toBeGreaterThan(10);
  });

  test("a stored run writes its decisions, trades and equity under its run id, tagged with the model", () => {
    const db = openLedger(dbPath);
    const r = run(db, true, "live");
    const id = r.runId!;
    const trades = db
      .query(
        "SELECT COUNT(*) AS n FROM positions WHERE run_id = ?1 AND status = 'closed' AND mode = 'shadow'",
      )
      .get(id) as { n: number };
    expect(trades.n).toBe(r.shadow.trades.length);
    const tags = db.query("SELECT DISTINCT sim_model_version AS v FROM positions WHERE run_id = ?1").all(id);
    expect(tags).toEqual([{ v: "v4" }]);
    const decisions = db
      .query("SELECT COUNT(*) AS n FROM decisions WHERE run_id = ?1 AND mode = 'live'")
      .get(id) as { n: number };
    expect(decisions.n).toBeGreaterThan(0);
    const row = db.query("SELECT summary FROM backtest_runs WHERE id = ?1").get(id) as { summary: string };
    expect(JSON.parse(row.summary).shadow.overall.trades).toBe(r.shadow.trades.length);
    // Only ticks after `from` trade: nothing opened before the window.
    const early = db
      .query("SELECT COUNT(*) AS n FROM positions WHERE run_id = ?1 AND opened_at <= ?2")
      .get(id, from) as { n: number };
    expect(early.n).toBe(0);
    // Position rows are written once per batch, not on every hourly funding charge: the stored
    // rows still end exactly as the run's own trades (final status, PnL, funding, fees, R).
    const rows = db
      .query(
        "SELECT mode, status, opened_at AS o, closed_at AS c, net_pnl AS pnl, funding AS f, fees, r_multiple AS r FROM positions WHERE run_id = ?1 ORDER BY mode, opened_at, id",
      )
      .all(id) as {
      mode: string;
      status: string;
      o: number;
      c: number;
      pnl: number;
      f: number;
      fees: number;
      r: number;
    }[];
    expect(rows.every((x) => x.status === "closed")).toBe(true);
    const stored: Row[] = rows.map((x) => [x.mode, x.o, x.c, x.pnl, x.f, x.fees, x.r]);
    const ran: Row[] = (["live", "shadow"] as const).flatMap((mode) =>
      r[mode]!.trades.map((t) => [mode, t.openedAt, t.closedAt, t.netPnl, t.funding, t.fees, t.r]),
    );
    type Row = (string | number | null)[];
    // Trades come in close order, rows in entry order: compare both fully ordered.
    const byOpen = (a: Row, b: Row) =>
      String(a[0]).localeCompare(String(b[0])) ||
      (a[1] as number) - (b[1] as number) ||
      (a[2] as number) - (b[2] as number) ||
      (a[6] as number) - (b[6] as number);
    expect(stored.sort(byOpen)).toEqual(ran.sort(byOpen));
    expect(rows.some((x) => x.f !== 0)).toBe(true);
    db.close();
  });
});

describe("hlbot backtest CLI", () => {
  const cli = (args: string[]) => {
    const p = Bun.spawnSync(["bun", join(REPO_ROOT, "src/main.ts"), ...args], {
      cwd: scratchDir(),
      stdout: "pipe",
      stderr: "pipe",
    });
    return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
  };

  test("--json and --report", () => {
    const report = join(scratchDir(), "r.html");
    const r = cli([
      "backtest",
      "--db",
      dbPath,
      "--model",
      "v4",
      "--coins",
      "ETH",
      "--from",
      "2025-04-01",
      "--to",
      "2025-05-01",
      "--json",
      "--report",
      report,
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.modelVersion).toBe("v4");
    // The shadow path is a research sample in R: no dollar equity, % return or account Sharpe.
    expect(out.shadow.unit).toBe("R");
    expect(out.shadow.overall).toHaveProperty("totalR");
    for (const key of ["sharpe", "returnPct", "netPnl", "equity", "maxDrawdownPct"])
      expect(out.shadow.overall).not.toHaveProperty(key);
    expect(out.shadow).not.toHaveProperty("equity");
    // Both paths by default, as the daemon runs them; the live path is an account.
    expect(out.mode).toBe("both");
    expect(out.live.unit).toBe("USDC");
    expect(out.live.overall).toHaveProperty("sharpe");
    expect(existsSync(report)).toBe(true);
    const html = readFileSync(report, "utf8");
    expect(html).toContain('id="report-data"'); // the run's data, inline
    expect(html).not.toMatch(/<(script|img|iframe)[^>]+src=|<link[^>]+href=/i); // nothing fetched: self-contained
  });

  test("--sweep runs every combination on workers", () => {
    const r = cli([
      "backtest",
      "--db",
      dbPath,
      "--coins",
      "ETH",
      "--from",
      "2025-04-01",
      "--to",
      "2025-05-01",
      "--sweep",
      "exits.trail_from_r=1.5,2.5",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.results.map((x: { label: string }) => x.label)).toEqual([
      "exits.trail_from_r=1.5",
      "exits.trail_from_r=2.5",
    ]);
    expect(out.results[0].modelVersion).toBe("v4+trail_from_r=1.5");
    // Ranked on the shadow path in R, never on a dollar Sharpe of the shadow book.
    expect(out.rankedOn).toBe("shadow");
    expect(out.rankedBy).toContain("mean R");
    expect(out.results[0].shadow).toHaveProperty("meanR");
    expect(out.results[0].shadow).not.toHaveProperty("sharpe");
    expect(out.results[0].live).toHaveProperty("sharpe");
  });

  test("--sweep --mode live ranks on the live account and says so in the table header", () => {
    const r = cli([
      "backtest",
      "--db",
      dbPath,
      "--coins",
      "ETH",
      "--from",
      "2025-04-01",
      "--to",
      "2025-05-01",
      "--mode",
      "live",
      "--sweep",
      "exits.trail_from_r=1.5,2.5",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("ranked by live account Sharpe");
    expect(r.out).toContain("live path, an account");
    expect(r.out).toContain("shadow path, in R");
  });

  test("--walk-forward reports one out-of-sample window per step", () => {
    const r = cli([
      "backtest",
      "--db",
      dbPath,
      "--coins",
      "ETH",
      "--from",
      "2025-03-01",
      "--to",
      "2025-05-15",
      "--walk-forward",
      "--train-days",
      "30",
      "--test-days",
      "15",
      "--sweep",
      "exits.trail_from_r=1.5,2.5",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.windows.length).toBe(3);
    expect(out.rankedOn).toBe("shadow");
    for (const w of out.windows) expect(w.testTo - w.testFrom).toBe(15 * 86_400_000);
  });

  test("bad input: unknown model, bad date, unknown sweep key → exit 2 with the reason", () => {
    expect(cli(["backtest", "--db", dbPath, "--model", "v9"]).code).toBe(2);
    expect(cli(["backtest", "--db", dbPath, "--from", "yesterday"]).err).toContain("--from");
    const bad = cli(["backtest", "--db", dbPath, "--coins", "ETH", "--sweep", "risk.nope=1,2"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("risk.nope");
  });
});
