// `hlbot runs` over a real-data ledger: list, show, rm and prune — a run deleted with every row that
// belongs to it (and nothing else), daemon sessions and runs behind promotions never deletable, bad
// input exit 2 naming it — and a backtest that completes while a daemon holds the main ledger.

import { Database } from "bun:sqlite";
import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { acquireDaemonLock } from "../../src/mining/run-lock.ts";
import { startDaemonSession } from "../../src/runs/daemon-session.ts";
import { HL_DATA, REPO_ROOT, scratchDir } from "../support/paths.ts";

const dir = scratchDir();
const main = join(dir, "hlbot.db");
const research = join(dir, "research.db");

const cli = (args: string[], env: Record<string, string> = {}) => {
  const p = Bun.spawnSync(["bun", join(REPO_ROOT, "src/main.ts"), ...args], {
    cwd: dir,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, HLBOT_LEDGER__PATH: main, ...env },
  });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
};

const backtest = (from: string, to: string, extra: string[] = []) => {
  const r = cli([
    "backtest",
    "--db",
    main,
    "--coins",
    "ETH,SOL",
    "--from",
    from,
    "--to",
    to,
    "--json",
    ...extra,
  ]);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out).runId as number;
};

const rowsOf = (db: Database, id: number) => {
  const n = (sql: string) => (db.query(sql).get(id) as { n: number }).n;
  return {
    decisions: n("SELECT COUNT(*) AS n FROM decisions WHERE run_id = ?1"),
    positions: n("SELECT COUNT(*) AS n FROM positions WHERE run_id = ?1"),
    exits: n(
      "SELECT COUNT(*) AS n FROM position_exits WHERE position_id IN (SELECT id FROM positions WHERE run_id = ?1)",
    ),
    equity: n("SELECT COUNT(*) AS n FROM equity_snapshots WHERE run_id = ?1"),
    events: n("SELECT COUNT(*) AS n FROM run_events WHERE run_id = ?1"),
    mining: n("SELECT COUNT(*) AS n FROM mining_runs WHERE source_run_id = ?1"),
    run: n("SELECT COUNT(*) AS n FROM backtest_runs WHERE id = ?1"),
  };
};

let a = 0;
let b = 0;
let c = 0;
let session = 0;

beforeAll(async () => {
  const db = openLedger(main);
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC", "ETH", "SOL"]) });
  const { config } = loadConfig({ cwd: dir, env: {} });
  session = startDaemonSession(db, {
    config,
    kind: "trade",
    live: false,
    clock: new ManualClock(Date.parse("2025-05-01T00:00Z")),
  }).id;
  db.close();
  a = backtest("2025-04-01", "2025-04-15");
  b = backtest("2025-04-15", "2025-04-29");
  c = backtest("2025-03-01", "2025-03-10", ["--mode", "shadow"]);
  // Run a was mined (a mining run with bucket statistics) and run c's mining decided a promotion.
  const r = new Database(research);
  for (const [source, audited] of [
    [a, false],
    [c, true],
  ] as const) {
    const m = Number(
      r.run(
        "INSERT INTO mining_runs (t, sim_model_version, source_run_id, n_trades, n_buckets, trades_sha256, config_hash, code_version, seed, params) VALUES (1, 'v4', ?1, 1, 1, 'x', 'y', 'z', 1, '{}')",
        [source],
      ).lastInsertRowid,
    );
    r.run(
      "INSERT INTO bucket_stats (mining_run_id, bucket_key, strategy, side, session, regime, vol_bucket, n_raw, n_dedup, n_eff, days, eligible, stats) VALUES (?1, 'k', 's', 'long', 'asia', 'Long', 'mid', 1, 1, 1, 1, 0, '{}')",
      [m],
    );
    if (audited)
      r.run(
        "INSERT INTO promotion_audit (promote_run_id, mining_run_id, t, bucket_key, prev_state, new_state, reasons, inputs) VALUES ('p', ?1, 1, 'k', 'SHADOW', 'PROBATION', '[]', '{}')",
        [m],
      );
  }
  r.close();
}, 240_000);

describe("hlbot runs", () => {
  test("lists the research ledger's runs newest first with kind, window, model, status, trades and data hash", () => {
    const r = cli(["runs", "--json"]);
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out);
    expect(rows.map((x: { id: number }) => x.id)).toEqual([c, b, a]);
    expect(rows[2]).toMatchObject({
      kind: "single",
      model: "v4",
      status: "finished",
      from: Date.parse("2025-04-01"),
    });
    expect(rows[2].trades).toBeGreaterThan(0);
    expect(rows[2].dataHash).toMatch(/^[0-9a-f]{16}/);
    expect(rows[2].command).toContain("hlbot backtest --db");
    const text = cli(["runs"]);
    expect(text.out).toContain("data hash");
    expect(text.out).toContain(
      `1 more in the main ledger (daemon sessions, runs stored there): hlbot runs --db ${main}`,
    );
  });

  test("hlbot mine on the main ledger with nothing to mine points at the research ledger's runs", () => {
    const r = cli(["mine"]);
    expect(r.code).toBe(3);
    expect(r.out).toContain(
      `backtests are stored in ${research}: hlbot runs lists them, hlbot mine --db ${research} --run-id N`,
    );
  });

  test("the daemon's sessions are in the main ledger, listed with --db", () => {
    const r = cli(["runs", "--db", main, "--json"]);
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: session, kind: "trade", status: "unfinished" });
  });

  test("show N prints the full stored config, binary, command line, coverage and summary", () => {
    const r = cli(["runs", "show", String(a), "--json"]);
    expect(r.code, r.err).toBe(0);
    const run = JSON.parse(r.out);
    expect(run.config.strategies).toBeDefined();
    expect(run.version).toBeTruthy();
    expect(run.commit).toBeTruthy();
    expect(run.argv[0]).toBe("hlbot");
    expect(run.coverage.map((x: { coin: string }) => x.coin)).toContain("ETH");
    expect(run.summary.shadow.overall.trades).toBe(run.trades - run.summary.live.overall.trades);
    const text = cli(["runs", "show", String(a)]);
    expect(text.out).toContain("config (effective, secrets redacted)");
    expect(text.out).toContain("coverage:");
  });

  test("the stored config is redacted: an API token never reaches the ledger", () => {
    const token = "s3cr3t-token-abcdefghijkl";
    const id = backtest("2025-03-10", "2025-03-12", ["--mode", "shadow"]);
    const r = cli(["runs", "show", String(id), "--json"], { HLBOT_API__TOKEN: token });
    expect(r.code).toBe(0);
    const withToken = cli(
      [
        "backtest",
        "--db",
        main,
        "--coins",
        "ETH",
        "--from",
        "2025-03-10",
        "--to",
        "2025-03-11",
        "--mode",
        "shadow",
        "--json",
      ],
      { HLBOT_API__TOKEN: token },
    );
    expect(withToken.code, withToken.err).toBe(0);
    const stored = new Database(research, { readonly: true });
    const raw = stored
      .query("SELECT config FROM backtest_runs WHERE id = ?1")
      .get(JSON.parse(withToken.out).runId) as { config: string };
    stored.close();
    expect(raw.config).not.toContain(token);
    expect(JSON.parse(raw.config).api.token).toBe("<redacted>");
    expect(cli(["runs", "rm", String(id)]).code).toBe(0);
    expect(cli(["runs", "rm", String(JSON.parse(withToken.out).runId)]).code).toBe(0);
  }, 60_000);

  test("rm N deletes the run and everything keyed by it — mining runs and their statistics too — and nothing of other runs", () => {
    const db = new Database(research, { readonly: true });
    const before = rowsOf(db, a);
    const other = rowsOf(db, b);
    db.close();
    expect(before.decisions).toBeGreaterThan(0);
    expect(before.exits).toBeGreaterThan(0);
    expect(before.mining).toBe(1);
    const r = cli(["runs", "rm", String(a), "--json"]);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.rows.decisions).toBe(before.decisions);
    expect(out.rows.bucket_stats).toBe(1);
    const after = new Database(research, { readonly: true });
    expect(rowsOf(after, a)).toEqual({
      decisions: 0,
      positions: 0,
      exits: 0,
      equity: 0,
      events: 0,
      mining: 0,
      run: 0,
    });
    expect(rowsOf(after, b)).toEqual(other);
    after.close();
  });

  test("never deletable: a daemon session, run 0, a run whose mining decided promotions; unknown or bad ids exit 2 naming them", () => {
    const s = cli(["runs", "rm", String(session), "--db", main]);
    expect(s.code).toBe(2);
    expect(s.err).toContain("daemon session");
    expect(cli(["runs", "rm", "0"]).code).toBe(2);
    const audited = cli(["runs", "rm", String(c)]);
    expect(audited.code).toBe(2);
    expect(audited.err).toContain("promotion");
    const missing = cli(["runs", "show", "4242"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("no run 4242");
    expect(cli(["runs", "rm", "x1"]).err).toContain("runs rm x1");
    expect(cli(["runs", "prune", "--keep", "-1"]).code).toBe(2);
  });

  test("prune --keep N keeps the N newest backtest runs, skips what may not go, and says so", () => {
    const d = backtest("2025-03-20", "2025-03-22", ["--mode", "shadow"]);
    const r = cli(["runs", "prune", "--keep", "1", "--json", "--vacuum"]);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.kept).toEqual([d]);
    expect(out.deleted.map((x: { runId: number }) => x.runId)).toEqual([b]);
    expect(out.skipped.map((x: { runId: number }) => x.runId)).toEqual([c]);
    const rows = JSON.parse(cli(["runs", "--json"]).out);
    expect(rows.map((x: { id: number }) => x.id)).toEqual([d, c]);
  }, 60_000);
});

describe("the research ledger", () => {
  test("a daemon holding the main ledger (its lock and an open write transaction) does not block a backtest", () => {
    const lock = acquireDaemonLock(main);
    const daemon = new Database(main);
    daemon.run("PRAGMA busy_timeout = 0");
    daemon.run("BEGIN IMMEDIATE");
    daemon.run("INSERT INTO bot_state (key, value, updated_at) VALUES ('daemon_writing', '1', 1)");
    try {
      const env = { HLBOT_LEDGER__BUSY_TIMEOUT_MS: "300" };
      const args = [
        "backtest",
        "--db",
        main,
        "--coins",
        "ETH",
        "--from",
        "2025-04-01",
        "--to",
        "2025-04-05",
        "--json",
      ];
      const r = cli(args, env);
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out).runId).toBeGreaterThan(0);
      // The old layout — runs written into the daemon's ledger — waits for its lock and fails.
      const old = cli([...args, "--research-db", main], env);
      expect(old.code).not.toBe(0);
      expect(old.err).toContain("locked");
    } finally {
      daemon.run("ROLLBACK");
      daemon.close();
      lock.release();
    }
  }, 60_000);

  test("the API over the research ledger (hlbot serve --research) lists its runs and reads candles from the main one", async () => {
    const { openResearchLedger } = await import("../../src/runs/research-ledger.ts");
    const { ledgerApiApp } = await import("../../src/api/standalone.ts");
    const { config } = loadConfig({ cwd: dir, env: { HLBOT_LEDGER__PATH: main } });
    const db = openResearchLedger(research, main, { readonly: true });
    try {
      const app = ledgerApiApp(db, config);
      const runs = await app.request("/runs");
      expect(runs.status).toBe(200);
      expect(JSON.stringify(await runs.json())).toContain("hlbot backtest");
      const candles = await app.request("/candles?coin=ETH&interval=1h&to=2025-04-02T00:00:00Z&limit=5");
      expect(candles.status).toBe(200);
      const body = (await candles.json()) as { bars: number[][] };
      expect(body.bars).toHaveLength(5);
      expect(body.bars.at(-1)![0]).toBeLessThan(Date.parse("2025-04-02T00:00Z"));
    } finally {
      db.close();
    }
  });

  test("a write to market data through the research ledger fails instead of landing in either file", async () => {
    const { openResearchLedger } = await import("../../src/runs/research-ledger.ts");
    const db = openResearchLedger(research, main);
    expect((db.query("SELECT COUNT(*) AS n FROM candles").get() as { n: number }).n).toBeGreaterThan(1000);
    expect(() => db.run("DELETE FROM candles")).toThrow(/readonly/);
    db.close();
  });
});
