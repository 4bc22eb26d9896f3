import { afterAll, describe, expect, test } from "bun:test";
import { fixtureApp } from "../support/fixture-app.ts";

// Two backtest runs in one ledger: run 3 finished, run 4 killed mid-replay (no finished_at).
const f = fixtureApp({ runId: 3, bars: 24 * 10 });
const db = f.fixture.db;
db.run(
  "INSERT INTO backtest_runs (id, started_at, kind, model, mode, params, data_hash, code_version) VALUES (4, 1, 'single', 'v4', 'shadow', ?1, 'h', 'test')",
  [JSON.stringify({ argv: ["hlbot", "backtest", "--model", "v4"], from: 1000, to: 2000 })],
);
db.run(
  "INSERT INTO positions (run_id, mode, coin, side, strategy, session, regime, vol_bucket, setup_key, sim_model_version, status, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px, risk_usd, best_px, closed_at, exit_px, exit_reason, net_pnl, r_multiple, updated_at) VALUES (4, 'shadow', 'BTC', 'long', 'momentum', 'us', 'Long', 'mid', 'k', 'v4', 'closed', 1100, 100, 1, 1, 99, 99, 103, 10, 100, 1500, 103, 'target', 25, 2.5, 1500)",
);
afterAll(() => db.close());

describe("GET /runs", () => {
  test("every backtest run, newest first, with command line, model, window, status and key figures", async () => {
    const { runs, next_before } = await f.json("/runs");
    expect(runs.map((r: { id: number }) => r.id)).toEqual([4, 3]);
    expect(next_before).toBeNull();
    const [killed, done] = runs;
    expect(done).toMatchObject({
      status: "finished",
      model: "v4",
      command: "hlbot backtest --coins BTC,ETH,SOL,DOGE",
    });
    expect(done.window.to).toBeGreaterThan(done.window.from);
    const ref = db
      .query(
        "SELECT COUNT(*) AS n, SUM(r_multiple) AS r FROM positions WHERE run_id = 3 AND mode = 'shadow' AND status = 'closed'",
      )
      .get() as { n: number; r: number };
    expect(done.figures.shadow.trades).toBe(ref.n);
    expect(done.figures.shadow.total_r).toBeCloseTo(ref.r, 3);
    expect(done.figures.live.return_pct).not.toBeNull();
    expect(killed).toMatchObject({
      status: "unfinished",
      finished_at: null,
      command: "hlbot backtest --model v4",
    });
    expect(killed.figures.shadow).toEqual({ trades: 1, total_r: 2.5, win_rate: 1 });
    expect((await f.json("/runs?limit=1")).next_before).toBe(4);
    expect((await f.json("/runs?before=4")).runs.map((r: { id: number }) => r.id)).toEqual([3]);
  });

  test("issue 14 item 10: a killed run is flagged unfinished on every route that reads it, never served as complete", async () => {
    for (const path of ["/decisions", "/positions", "/performance", "/trades", "/equity", "/summary"]) {
      expect((await f.json(`${path}?run_id=4`)).run_status, path).toBe("unfinished");
      expect((await f.json(`${path}?run_id=3`)).run_status, path).toBe("finished");
      expect((await f.json(path)).run_status, path).toBe("daemon");
    }
    expect((await f.json("/runs/4")).run.status).toBe("unfinished");
    // Even a summary written before the kill is not served as the run's result.
    db.run('UPDATE backtest_runs SET summary = \'{"shadow":{"path":"shadow","unit":"R"}}\' WHERE id = 4');
    const body = await f.json("/summary?run_id=4");
    expect(body.summary.source).toBe("ledger");
    expect(body.summary.shadow.overall.trades).toBe(1);
  });

  test("GET /runs/:id: one run; unknown, zero or malformed ids are 404", async () => {
    expect((await f.json("/runs/3")).run.id).toBe(3);
    for (const path of ["/runs/99", "/runs/0", "/runs/abc"])
      expect((await f.app.request(path)).status, path).toBe(404);
  });
});
