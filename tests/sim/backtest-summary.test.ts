// The figures of a real-data backtest mean what a trader reads them as: the live account's months
// compound to its return, its Sharpe has the sign of its mean daily return, its drawdown stays in
// [0, 100%], every table adds up to its overall row; the header says what the data covers; the kill
// switch is an event with the drawdown that tripped it and the candidates it refused (checked
// against the ledger's decisions); the stored run keeps the same summary and events.
import type { Database } from "bun:sqlite";
import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import {
  coinsToLoad,
  createSignalSource,
  signalIntervals,
  warmupMs,
} from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { RunEventsRepo } from "../../src/ledger/repos/run-events.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { dailyReturns } from "../../src/report/account-stats.ts";
import type { GroupRow, RunOutput } from "../../src/report/run-summary.ts";
import { withoutTrades } from "../../src/report/summarize.ts";
import { type BacktestMode, runBacktest } from "../../src/sim/backtest.ts";
import { HL_DATA, REPO_ROOT, scratchDir } from "../support/paths.ts";

let dbPath = "";
const from = Date.parse("2024-06-01T00:00Z");
const to = Date.parse("2025-06-01T00:00Z");

beforeAll(async () => {
  dbPath = join(scratchDir(), "summary.db");
  const db = openLedger(dbPath);
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC", "ETH", "SOL"]) });
  db.close();
});

function run(db: Database, env: Record<string, string> = {}, mode: BacktestMode = "both") {
  const { config } = loadConfig({ cwd: scratchDir(), env });
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
    store: true,
  });
}

/** Rows of a table add up to the overall row. */
function expectSums(
  rows: Record<string, GroupRow & { netPnl?: number }>,
  trades: number,
  totalR: number,
  net?: number,
) {
  const all = Object.values(rows);
  expect(all.reduce((a, r) => a + r.trades, 0)).toBe(trades);
  expect(all.reduce((a, r) => a + r.totalR, 0)).toBeCloseTo(totalR, 8);
  if (net !== undefined) expect(all.reduce((a, r) => a + (r.netPnl ?? 0), 0)).toBeCloseTo(net, 6);
}

let result: RunOutput;
let db: Database;

describe("a real-data run (ETH, SOL, 2024-06 → 2025-06, both paths)", () => {
  beforeAll(() => {
    db = openLedger(dbPath);
    result = run(db);
  });

  test("live account: months compound to the total, Sharpe's sign is the mean day's, drawdown in [0, 100]", () => {
    const live = result.live!;
    const o = live.overall;
    expect(o.trades).toBeGreaterThan(10);
    const compounded = live.byMonth.reduce((g, m) => g * (1 + m.returnPct / 100), 1);
    expect(compounded - 1).toBeCloseTo(o.returnPct / 100, 10);
    expect(live.byMonth.reduce((a, m) => a + m.netPnl, 0)).toBeCloseTo(o.netPnl, 6);
    const rets = dailyReturns(live.equity, o.startEquity, result.dataWindow.from);
    const mean = rets.reduce((a, b) => a + b, 0) / rets.length;
    expect(o.sharpe).not.toBeNull();
    expect(Math.sign(o.sharpe!)).toBe(Math.sign(mean));
    expect(o.maxDrawdownPct).toBeGreaterThanOrEqual(0);
    expect(o.maxDrawdownPct).toBeLessThanOrEqual(100);
    expect(live.equity.every((p) => p.equity >= 0 && p.drawdownPct >= 0 && p.drawdownPct <= 100)).toBe(true);
    // net PnL is the account's change and the sum of its trades
    expect(o.endEquity - o.startEquity).toBeCloseTo(o.netPnl, 6);
    expect(live.trades.reduce((a, t) => a + t.netPnl, 0)).toBeCloseTo(o.netPnl, 4);
  });

  test("every table sums to its overall row (trades, total R, net PnL)", () => {
    const s = result.shadow;
    for (const rows of [s.byStrategy, s.byCoin, s.byBucket, s.byMonth])
      expectSums(rows, s.overall.trades, s.overall.totalR);
    const l = result.live!;
    for (const rows of [l.byStrategy, l.byCoin, l.byBucket])
      expectSums(rows, l.overall.trades, l.overall.totalR, l.overall.netPnl);
    expect(l.byMonth.reduce((a, m) => a + m.trades, 0)).toBe(l.overall.trades);
    expect(s.curve.at(-1)!.cumR).toBeCloseTo(s.overall.totalR, 8);
  });

  test("the shadow path carries no dollar equity and no % return", () => {
    const text = JSON.stringify(withoutTrades(result).shadow);
    for (const key of ["returnPct", "equity", "netPnl", "sharpe", "maxDrawdownPct", "cagrPct"])
      expect(text).not.toContain(`"${key}"`);
  });

  test("the header's window is the data's: coverage per coin × interval and per-strategy windows", () => {
    const eth = (iv: string) => result.coverage.find((c) => c.coin === "ETH" && c.interval === iv)!;
    expect(new Date(eth("15m").first).toISOString().slice(0, 10)).toBe("2025-02-07");
    expect(new Date(eth("1h").first).toISOString().slice(0, 10)).toBe("2024-09-04");
    expect(eth("4h").first).toBe(from);
    expect(result.dataWindow.from).toBe(from);
    expect(result.dataWindow.to).toBeLessThanOrEqual(to);
    // momentum trades 15m bars: its row covers 2025-02 on, trend_alpha (4h) the whole window
    const rows = result.shadow.byStrategy;
    expect(rows.momentum!.dataWindow!.from).toBeGreaterThan(eth("15m").first);
    expect(rows.trend_alpha!.dataWindow!.from).toBe(from);
    expect(rows.momentum!.days).toBeLessThan(rows.trend_alpha!.days);
    expect(result.warnings.some((w) => w.startsWith("per-strategy rows cover different windows"))).toBe(true);
  });

  test("the stored run keeps the summary without trades, and its events", () => {
    const row = db.query("SELECT summary, mode FROM backtest_runs WHERE id = ?1").get(result.runId) as {
      summary: string;
      mode: string;
    };
    expect(row.mode).toBe("both");
    expect(JSON.parse(row.summary)).toEqual(JSON.parse(JSON.stringify(withoutTrades(result))));
    expect(new RunEventsRepo(db).list(result.runId!)).toEqual(result.events);
  });
});

describe("the kill switch in a real-data run", () => {
  test("an event with the drawdown that tripped it and every candidate it refused (= the ledger's decisions)", () => {
    const db = openLedger(dbPath);
    const r = run(db, { HLBOT_RISK__DRAWDOWN_FLOOR: "0.04" });
    const kill = r.events.find((e) => e.kind === "kill_switch")!;
    expect(kill).toBeDefined();
    expect(kill.mode).toBe("live");
    expect(kill.value!).toBeGreaterThanOrEqual(4);
    expect(kill.endedAt).toBeNull();
    const refused = db
      .query(
        "SELECT COUNT(*) AS n FROM decisions WHERE run_id = ?1 AND mode = 'live' AND verdict = 'rejected' AND reasons LIKE '%kill_switch%'",
      )
      .get(r.runId) as { n: number };
    expect(refused.n).toBeGreaterThan(0);
    expect(kill.rejectedCandidates).toBe(refused.n);
    expect(r.live!.rejections.kill_switch).toBe(refused.n);
    expect(r.live!.note).toContain("kill switch tripped");
    // no live trade opens after it
    expect(r.live!.trades.every((t) => t.openedAt <= kill.t)).toBe(true);
    db.close();
  });
});

describe("hlbot backtest output", () => {
  const cli = (args: string[], env: Record<string, string> = {}) => {
    const p = Bun.spawnSync(["bun", join(REPO_ROOT, "src/main.ts"), "backtest", "--db", dbPath, ...args], {
      cwd: scratchDir(),
      env: { ...process.env, ...env },
      stdout: "pipe",
      stderr: "pipe",
    });
    return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
  };
  const window = ["--coins", "ETH", "--from", "2024-10-01", "--to", "2025-03-01"];

  test("both paths by default; with nothing promoted the live path says why and what to do", () => {
    const r = cli(window);
    expect(r.code).toBe(0);
    expect(r.out).toContain("== shadow path");
    expect(r.out).toContain("== live path");
    expect(r.out).toContain("0 trades");
    expect(r.out).toContain("--ignore-candidates");
    expect(r.out).toContain("hlbot promote");
    expect(r.out).toContain("coverage");
    expect(r.out).toMatch(
      /ETH: 15m 2025-02-07 → 2025-02-28 · 1h 2024-10-01 → 2025-02-28 · 4h 2024-10-01 → 2025-02-28/,
    );
  });

  test("a kill switch is listed with its drawdown and the candidates it refused", () => {
    const r = cli([...window, "--ignore-candidates"], { HLBOT_RISK__DRAWDOWN_FLOOR: "0.03" });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/live {2}kill_switch: drawdown \d+\.\d% reached the 3\.0% floor/);
    expect(r.out).toMatch(/[\d,]+ live candidates refused by it · held to the end of the run/);
  });

  test("--kill-switch reset:N is accepted; a bad rule or a window outside the data is exit 2", () => {
    expect(cli([...window, "--ignore-candidates", "--kill-switch", "reset:7", "--json"]).code).toBe(0);
    const bad = cli([...window, "--kill-switch", "reset"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--kill-switch");
    const early = cli(["--coins", "ETH", "--from", "2020-01-01"]);
    expect(early.code).toBe(2);
    expect(early.err).toContain("before the data");
    const late = cli(["--coins", "ETH", "--to", "2030-01-01"]);
    expect(late.code).toBe(2);
    expect(late.err).toContain("after the data");
  });
});
