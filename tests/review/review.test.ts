// `hlbot review` over a real-data ledger: a real backtest's trades moved to run 0 (the daemon's rows),
// plus a halt, a control action, promotions and live fills of the week. The identity: per-strategy
// and per-bucket rows add up to the week's total, and their signs agree; exit codes 0 / 2 / 3.

import { Database } from "bun:sqlite";
import { beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { fillCosts } from "../../src/review/costs.ts";
import { parseWeek } from "../../src/review/week.ts";
import { HL_DATA, REPO_ROOT, scratchDir } from "../support/paths.ts";

const dir = scratchDir();
const main = join(dir, "hlbot.db");
const WEEK = "2025-W16"; // Mon 14 Apr → Sun 20 Apr 2025
const week = parseWeek("--week", WEEK);

const cli = (args: string[]) => {
  const p = Bun.spawnSync(["bun", join(REPO_ROOT, "src/main.ts"), ...args], {
    cwd: dir,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, HLBOT_LEDGER__PATH: main },
  });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
};

beforeAll(async () => {
  const db = openLedger(main);
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC", "ETH", "SOL"]) });
  db.close();
  const bt = cli([
    "backtest",
    "--research-db",
    main,
    "--coins",
    "BTC,ETH,SOL",
    "--from",
    "2025-04-07",
    "--to",
    "2025-04-27",
    "--ignore-candidates",
    "--json",
  ]);
  expect(bt.code, bt.err).toBe(0);
  const runId = JSON.parse(bt.out).runId as number;
  const w = new Database(main);
  // The backtest's rows become the daemon's: real decisions and trades on both paths.
  for (const table of ["decisions", "positions", "equity_snapshots"])
    w.run(`UPDATE ${table} SET run_id = 0 WHERE run_id = ?1`, [runId]);
  const t = week.from + 2 * 86_400_000;
  w.run("INSERT INTO bot_state (key, value, updated_at) VALUES ('halts', ?1, ?2)", [
    JSON.stringify({ kill: { since: t, drawdown: 0.12 }, dailyHaltDay: null, cooldowns: {} }),
    t,
  ]);
  w.run(
    "INSERT INTO control_actions (t, action, args, ok, result, finished_at) VALUES (?1, 'pause', '{}', 1, 'paused', ?1)",
    [t + 1],
  );
  const m = Number(
    w.run(
      "INSERT INTO mining_runs (t, sim_model_version, source_run_id, n_trades, n_buckets, trades_sha256, config_hash, code_version, seed, params) VALUES (?1, 'v4', 0, 10, 2, 'x', 'y', 'z', 1, '{}')",
      [t],
    ).lastInsertRowid,
  );
  const audit = (bucket: string, from: string, to: string) =>
    w.run(
      "INSERT INTO promotion_audit (promote_run_id, mining_run_id, t, bucket_key, prev_state, new_state, reasons, inputs) VALUES ('p1', ?1, ?2, ?3, ?4, ?5, '[\"gate_passed\"]', '{}')",
      [m, t + 2, bucket, from, to],
    );
  audit("trend_alpha|long|us|Long|mid", "SHADOW", "PROBATION");
  audit("momentum|short|asia|Short|high", "LIVE", "SHADOW");
  audit("momentum|long|asia|Long|low", "SHADOW", "SHADOW"); // no change: not listed
  // Two live fills: a buy 1 above its reference of 100 (adverse), a sell at its reference.
  w.run(
    "INSERT INTO orders (cloid, coin, is_buy, role, order_type, px, size, status, created_at, updated_at, ref_px) VALUES ('0xa', 'ETH', 1, 'entry', 'ioc', '101', '2', 'filled', ?1, ?1, '100'), ('0xb', 'ETH', 0, 'exit', 'ioc', '110', '2', 'filled', ?1, ?1, '110')",
    [t],
  );
  w.run(
    "INSERT INTO fills (tid, oid, cloid, coin, side, px, sz, fee, closed_pnl, t) VALUES (1, 11, '0xa', 'ETH', 'B', '101', '2', '0.0909', '0', ?1), (2, 12, '0xb', 'ETH', 'A', '110', '2', '0.099', '18', ?1)",
    [t],
  );
  w.close();
}, 240_000);

const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9 * Math.max(1, Math.abs(b)));

describe("hlbot review", () => {
  test("per-strategy and per-bucket rows add up to the week's total (trades, R, PnL) and their signs agree", () => {
    const r = cli(["review", "--week", WEEK, "--json"]);
    expect(r.code, r.err).toBe(0);
    const review = JSON.parse(r.out);
    expect(review.paths.map((p: { path: string }) => p.path)).toEqual(["shadow", "live"]);
    for (const p of review.paths) {
      expect(p.overall.trades).toBeGreaterThan(3);
      for (const rows of [p.byStrategy, p.byBucket]) {
        const groups = Object.values(rows) as { trades: number; totalR: number; netPnl: number }[];
        expect(groups.reduce((a, g) => a + g.trades, 0)).toBe(p.overall.trades);
        near(
          groups.reduce((a, g) => a + g.totalR, 0),
          p.overall.totalR,
        );
        near(
          groups.reduce((a, g) => a + g.netPnl, 0),
          p.overall.netPnl,
        );
      }
      expect(Math.sign(p.overall.totalR)).toBe(Math.sign(p.overall.netPnl));
      // Best first, worst last; the lists are disjoint.
      expect(p.best[0].r).toBeGreaterThanOrEqual(p.worst[0].r);
      const ids = [...p.best, ...p.worst].map((t: { id: number }) => t.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const t of [...p.best, ...p.worst]) {
        expect(t.closedAt).toBeGreaterThanOrEqual(week.from);
        expect(t.closedAt).toBeLessThan(week.to);
      }
    }
  }, 60_000);

  test("the week's totals equal the ledger's own sums of the trades closed in it", () => {
    const review = JSON.parse(cli(["review", "--week", WEEK, "--json", "--path", "shadow"]).out);
    const db = new Database(main, { readonly: true });
    const sums = db
      .query(
        "SELECT COUNT(*) AS n, SUM(r_multiple) AS r, SUM(net_pnl) AS pnl FROM positions WHERE run_id = 0 AND mode = 'shadow' AND status = 'closed' AND closed_at >= ?1 AND closed_at < ?2",
      )
      .get(week.from, week.to) as { n: number; r: number; pnl: number };
    db.close();
    expect(review.paths).toHaveLength(1);
    expect(review.paths[0].overall.trades).toBe(sums.n);
    near(review.paths[0].overall.totalR, sums.r);
    near(review.paths[0].overall.netPnl, sums.pnl);
  });

  test("events, promotions/demotions and live costs from the exchange's fills", () => {
    const review = JSON.parse(cli(["review", "--week", WEEK, "--json"]).out);
    const kinds = review.events.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain("kill_switch");
    expect(kinds).toContain("ctl_pause");
    expect(review.stateChanges.map((c: { direction: string }) => c.direction)).toEqual([
      "promotion",
      "demotion",
    ]);
    const live = review.paths.find((p: { path: string }) => p.path === "live");
    expect(live.costs.source).toBe("fills");
    expect(live.costs.fees).toBeCloseTo(0.1899, 12);
    expect(live.costs.notional).toBe(422);
    // 2 USDC adverse on 422 USDC of referenced notional.
    expect(live.costs.slippageBps).toBeCloseTo((2 / 422) * 10_000, 9);
    expect(live.costs.modelFeeBps).toBe(4.5);
    const text = cli(["review", "--week", WEEK]);
    expect(text.out).toContain("weekly review 2025-W16");
    expect(text.out).toContain("by strategy");
    expect(text.out).toContain("promotion trend_alpha|long|us|Long|mid: SHADOW → PROBATION");
  });

  test("--html writes a self-contained page with the same figures", () => {
    const file = join(dir, "out", "review.html");
    const r = cli(["review", "--week", WEEK, "--html", file]);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(file, "utf8");
    expect(html).toContain('id="shadow-by-strategy"');
    expect(html).toContain('id="live-costs"');
    expect(html).not.toMatch(/<(script|img|iframe|link)[^>]+(src|href)=/i);
    const data = JSON.parse(
      /<script type="application\/json" id="review-data">(.*?)<\/script>/s.exec(html)![1]!,
    );
    expect(data.week.label).toBe(WEEK);
  });

  test("exit codes: 2 for a bad week naming it, 3 for a week without data, 2 for an unknown run", () => {
    const bad = cli(["review", "--week", "2025-W60"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--week 2025-W60");
    const empty = cli(["review", "--week", "2019-W10"]);
    expect(empty.code).toBe(3);
    expect(empty.out).toContain("no data for 2019-W10");
    const run = cli(["review", "--week", WEEK, "--run", "77"]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("no run 77");
  });
});

describe("live costs from fills", () => {
  test("fees summed exactly from decimal strings; slippage adverse for buys above and sells below the reference", () => {
    const c = fillCosts(
      [
        { isBuy: true, px: "10.5", sz: "1", fee: "0.1", refPx: "10" },
        { isBuy: false, px: "9.5", sz: "1", fee: "0.2", refPx: "10" },
        { isBuy: false, px: "11", sz: "1", fee: "0.000000000001", refPx: null },
      ],
      [],
      { takerFeeBps: 4.5, slippageBps: 5 },
    );
    expect(c.fees).toBe(0.300000000001);
    expect(c.slippage).toBe(1);
    expect(c.slippageBps).toBeCloseTo((1 / 20) * 10_000, 9);
    expect(c.unreferencedFills).toBe(1);
  });
});
