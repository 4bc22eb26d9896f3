import { describe, expect, test } from "bun:test";
import { DAY_MS, ManualClock } from "../../src/core/clock.ts";
import { BucketStatesRepo } from "../../src/ledger/repos/bucket-states.ts";
import { BucketStatsRepo } from "../../src/ledger/repos/bucket-stats.ts";
import { MiningRunsRepo } from "../../src/ledger/repos/mining-runs.ts";
import { runMining } from "../../src/mining/mine.ts";
import { EMPTY_MONITOR } from "../../src/mining/monitor.ts";
import { keyOf, miningFixture, specs, T0 } from "./support/ledger.ts";

describe("runMining", () => {
  test("writes one mining run and one bucket_stats row per bucket with every intermediate", () => {
    const fx = miningFixture();
    const s = specs("momentum", [0.8, 0, 0, -0.2]);
    const n = fx.feed(s, 0, 60, 1);
    const r = runMining(fx.db, fx.config, { clock: new ManualClock(T0 + 61 * DAY_MS) });
    expect(r.miningRunId).not.toBeNull();
    expect(r.nTrades).toBe(n);
    const run = new MiningRunsRepo(fx.db).get(r.miningRunId!)!;
    expect(run.sim_model_version).toBe("v4");
    expect(run.source_run_id).toBe(0);
    expect(run.n_buckets).toBe(4);
    expect(run.trades_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(run.params).family).toHaveLength(4);
    const rows = new BucketStatsRepo(fx.db).listByRun(r.miningRunId!);
    expect(rows.map((x) => x.bucket_key).sort()).toEqual(s.map(keyOf).sort());
    const best = rows.find((x) => x.bucket_key === keyOf(s[0]!))!.stats;
    for (const k of [
      "n_raw",
      "n_dedup",
      "n_eff",
      "days",
      "mean_r",
      "sd_r",
      "skew",
      "kurtosis",
      "z",
      "p",
      "q",
      "bh_rank",
      "n_hat",
      "e_n",
      "dsr",
      "mu0",
      "tau2",
      "shrinkage",
      "theta",
      "theta_var",
      "p_edge",
      "oos_mean",
      "ac1",
    ] as const) {
      expect(best[k], k).not.toBeUndefined();
    }
    expect(best.eligible).toBe(true);
    expect(best.z!).toBeGreaterThan(3);
    expect(best.q!).toBeLessThan(0.01);
    const row = fx.db
      .query("SELECT z, q, dsr, eligible FROM bucket_stats WHERE bucket_key = ?1")
      .get(keyOf(s[0]!)) as Record<string, number>;
    expect(row.z).toBeCloseTo(best.z!, 12);
  });

  test("deduplicates by setup key and only reads the requested model and source run", () => {
    const fx = miningFixture();
    const s = specs("momentum", [0.2, 0]);
    fx.feed(s, 0, 30, 3);
    fx.feed(s, 0, 30, 3, "v3"); // another model: never mixed in
    fx.feed(s, 0, 30, 4, "v4", 7); // a backtest run
    // A duplicate of every trade of bucket 0 (same setup key, e.g. two timeframes of one setup).
    fx.db.run(`INSERT INTO positions (run_id, mode, coin, side, strategy, session, regime, vol_bucket, setup_key,
      sim_model_version, status, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px, risk_usd,
      best_px, closed_at, r_multiple, updated_at)
      SELECT run_id, mode, coin, side, strategy, session, regime, vol_bucket, setup_key, sim_model_version, status,
      opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px, risk_usd, best_px, closed_at + 60000,
      r_multiple + 1, updated_at FROM positions WHERE run_id = 0 AND sim_model_version = 'v4' AND side = 'long'`);
    const clock = new ManualClock(T0 + 31 * DAY_MS);
    const daemon = runMining(fx.db, fx.config, { clock });
    const b0 = daemon.result.buckets.find((b) => b.key === keyOf(s[0]!))!;
    expect(b0.n_raw).toBe(2 * b0.n_dedup);
    const backtest = runMining(fx.db, fx.config, { clock, runId: 7 });
    expect(backtest.nTrades).toBe(daemon.nTrades / 1.5);
    expect(backtest.trades_sha256).not.toBe(daemon.trades_sha256);
    expect(runMining(fx.db, fx.config, { clock, model: "v9-unknown" }).miningRunId).toBeNull();
  });

  test("is deterministic given the data and the seed, and records the seed", () => {
    const a = miningFixture();
    const b = miningFixture();
    const s = specs("trend", [0.3, 0.1, 0, -0.1, 0, 0.05], 4);
    a.feed(s, 0, 60, 9);
    b.feed(s, 0, 60, 9);
    const clock = new ManualClock(T0 + 61 * DAY_MS);
    const ra = runMining(a.db, a.config, { clock, seed: 42 });
    const rb = runMining(b.db, b.config, { clock, seed: 42 });
    expect(JSON.stringify(ra.result)).toBe(JSON.stringify(rb.result));
    expect(ra.trades_sha256).toBe(rb.trades_sha256);
    expect(new MiningRunsRepo(a.db).get(ra.miningRunId!)!.seed).toBe(42);
  });

  test("N for the DSR counts every bucket of the strategy evaluated in earlier runs", () => {
    const fx = miningFixture();
    fx.feed(specs("alpha", [0, 0, 0, 0, 0, 0]), 0, 30, 1);
    runMining(fx.db, fx.config, { clock: new ManualClock(T0 + 31 * DAY_MS) });
    // Later only two of the six buckets still trade: M stays 6.
    fx.db.run("DELETE FROM positions WHERE session <> 'asia'");
    fx.feed(specs("alpha", [0.1, 0]).slice(0, 1), 31, 60, 2);
    const r = runMining(fx.db, fx.config, { clock: new ManualClock(T0 + 61 * DAY_MS) });
    expect(r.result.trials.alpha!.m).toBe(6);
  });

  test("a demoted bucket is judged on its post-demotion trades only", () => {
    const fx = miningFixture();
    const s = specs("alpha", [0.3, 0, 0]);
    fx.feed(s, 0, 60, 5);
    const demotedAt = T0 + 40 * DAY_MS;
    new BucketStatesRepo(fx.db).upsert({
      bucket_key: keyOf(s[0]!),
      state: "SHADOW",
      since: demotedAt,
      monitor: { ...EMPTY_MONITOR, demoted_at: demotedAt, demotions: 1 },
      updated_at: demotedAt,
    });
    const r = runMining(fx.db, fx.config, { clock: new ManualClock(T0 + 61 * DAY_MS) });
    const b = r.result.buckets.find((x) => x.key === keyOf(s[0]!))!;
    expect(b.window_from).toBe(demotedAt);
    expect(b.n_raw).toBeLessThan(6 * 21 + 1);
    expect(b.n_raw).toBeGreaterThan(6 * 19);
    expect(r.params.window_from[keyOf(s[0]!)]).toBe(demotedAt);
  });

  test("no closed shadow trades: nothing written", () => {
    const fx = miningFixture();
    const r = runMining(fx.db, fx.config, { clock: new ManualClock(T0) });
    expect(r.miningRunId).toBeNull();
    expect(fx.db.query("SELECT COUNT(*) AS n FROM mining_runs").get()).toEqual({ n: 0 });
  });
});
