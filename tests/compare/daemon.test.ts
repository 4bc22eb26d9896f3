// compare against the daemon: `hlbot trade --live` runs two accelerated days on the fake Hyperliquid
// (real prices replayed). Its shadow decisions over that window equal a backtest of the same bars row
// for row (compare says identical); its shadow trades differ from the backtest's only by fill price
// and exit timing (the daemon fills at the tick's mid, the backtest at the next bar's open); and the
// live-vs-shadow shortfall reads the live costs from the exchange's own fills — the fees and exit
// slippage the ledger booked.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { compareSides } from "../../src/compare/diff.ts";
import { liveVsShadow } from "../../src/compare/shortfall.ts";
import { loadSide, overlap } from "../../src/compare/sides.ts";
import { ConfigSchema } from "../../src/config/schema.ts";
import { bucketKey } from "../../src/core/bucket.ts";
import { EMPTY_LIVE_CANDIDATES } from "../../src/core/live-candidates.ts";
import { Daemon } from "../../src/daemon/daemon.ts";
import { hyperliquidLivePath } from "../../src/daemon/live-path.ts";
import { explainIds } from "../../src/explain/explain.ts";
import { exitsOf } from "../../src/explain/ledger-rows.ts";
import { runContext } from "../../src/explain/run-context.ts";
import { HyperliquidClient } from "../../src/hyperliquid/client.ts";
import { backtestRun, type Rig, rig, settle, shutdown } from "../daemon/support/harness.ts";

let r: Rig;
let daemon: Daemon;
let from = 0;
let to = 0;
const TICK_S = 120;

/** Every long bucket promoted, so the live path trades on the fake. */
function promoteLongs(path: string): void {
  const buckets = [];
  for (const strategy of ["momentum", "mean_reversion", "ema_pullback", "trend_alpha", "zscore_reversion"])
    for (const session of ["ASIA", "EU_OPEN", "US_MAIN", "US_LATE"])
      for (const regime of ["Long", "Short", "Neutral"] as const)
        for (const vol_bucket of ["low", "mid", "high"]) {
          const key = bucketKey({ strategy, side: "long", session, regime, vol_bucket });
          buckets.push({
            key,
            strategy,
            side: "long",
            session,
            regime,
            vol_bucket,
            state: "LIVE",
            size_multiplier: 1,
            since: "2025-06-01",
            stats: {},
          });
        }
  writeFileSync(path, JSON.stringify({ ...EMPTY_LIVE_CANDIDATES, buckets }));
}

beforeAll(async () => {
  const strategies = ConfigSchema.parse({}).strategies;
  r = rig({
    time: "2025-06-02T00:00:10Z",
    overrides: {
      "engine.tick_seconds": TICK_S,
      "live.min_score": 0,
      "risk.max_positions": 6,
      ...Object.fromEntries(
        Object.entries(strategies).map(([n, s]) => [`strategies.${n}`, { ...s, live: s.shadow }]),
      ),
    },
  });
  promoteLongs(r.config.live.candidates_path);
  const acct = r.fake.createAccount({ usdc: 50_000 });
  const client = new HyperliquidClient(
    r.config.hyperliquid,
    { privateKey: acct.privateKey as `0x${string}`, accountAddress: acct.address as `0x${string}` },
    { clock: r.clock, rateClock: r.clock, sleep: r.sleep },
  );
  daemon = new Daemon({
    config: r.config,
    db: r.db,
    client,
    clock: r.clock,
    sleep: r.sleep,
    live: hyperliquidLivePath,
  });
  await daemon.start();
  from = r.clock.now();
  for (let i = 0; i < (2 * 86_400) / TICK_S; i++) {
    r.fake.advance(TICK_S * 1000);
    await settle(client);
    await daemon.tick();
  }
  to = r.clock.now();
}, 300_000);

afterAll(async () => {
  await daemon.close();
  await shutdown(r);
});

describe("compare: the daemon against a backtest of the same bars", () => {
  test("decisions equal the backtest row for row; trades differ only by fill price and exit timing (mid vs next open)", () => {
    const bt = backtestRun(r, from, to);
    const path = r.config.ledger.path;
    const w = overlap(runContext(r.db, 0, r.config), runContext(r.db, bt, r.config));
    expect(w).toEqual({ from, to });
    const result = compareSides(
      loadSide("A", r.db, path, 0, r.config, w, ["shadow"]),
      loadSide("B", r.db, path, bt, r.config, w, ["shadow"]),
      w,
    );
    expect(result.totals.decisions.a).toBeGreaterThan(5);
    expect(result.totals.trades.a).toBeGreaterThan(0);
    // Every decision: same setups, scores, features, buckets, levels and verdicts.
    const t = result.totals.decisions;
    expect(
      t.differing,
      JSON.stringify(result.differences.filter((d) => d.what === "decision").slice(0, 3)),
    ).toBe(0);
    expect([t.matched, t.onlyA, t.onlyB]).toEqual([t.a, 0, 0]);
    // Every trade is matched; the daemon's shadow book fills at the tick's mid (one tick after the
    // close) and manages exits on ticks, the backtest at the next bar's open and on bar closes: those,
    // and only those, show up — as fill price and exit rule, never as a data, feature or verdict cause.
    expect(result.totals.trades.matched).toBe(result.totals.trades.a);
    expect(result.totals.trades.onlyA + result.totals.trades.onlyB).toBe(0);
    for (const d of result.differences) expect(["fill_price", "exit_rule"]).toContain(d.cause);
  });

  test("the daemon's shadow decisions compare identical to the backtest's (decisions only)", () => {
    const bt = backtestRun(r, from, to);
    const path = r.config.ledger.path;
    const w = overlap(runContext(r.db, 0, r.config), runContext(r.db, bt, r.config));
    const a = loadSide("A", r.db, path, 0, r.config, w, ["shadow"]);
    const b = loadSide("B", r.db, path, bt, r.config, w, ["shadow"]);
    a.trades.clear();
    b.trades.clear();
    const result = compareSides(a, b, w);
    expect(result.identical).toBe(true);
  });

  test("live vs shadow: live costs come from the exchange's fills and equal what the ledger booked", () => {
    const report = liveVsShadow(r.db, 0);
    expect(report.trades.length, "closed live trades on the fake").toBeGreaterThan(0);
    for (const t of report.trades) {
      expect(t.source).toBe("exchange fills");
      expect(t.entryVsRefBps).not.toBeNull();
      const p = r.db.query("SELECT fees FROM positions WHERE id = ?1").get(t.livePositionId) as {
        fees: number;
      };
      // In USDC: the ledger settled the estimated entry fee to the fills' (fee − estimate), ~1e-7 USDC.
      expect((t.feesBps.live * t.notional) / 10_000).toBeCloseTo(p.fees, 5);
      const booked = exitsOf(r.db, t.livePositionId).reduce((s, x) => s + x.slippage, 0);
      // The ledger books an exit at the order's avg_px, rounded to 8 decimals; the fills' exact
      // size-weighted price differs by < 1e-8 per coin (DOGE: 0.0004 USDC on 119,644 coins).
      const size = (
        r.db.query("SELECT initial_size AS n FROM positions WHERE id = ?1").get(t.livePositionId) as {
          n: number;
        }
      ).n;
      expect(Math.abs((t.exitSlippageBps.live * t.notional) / 10_000 - booked)).toBeLessThanOrEqual(
        size * 1e-8,
      );
    }
    expect(report.buckets.reduce((n, b) => n + b.trades, 0)).toBe(report.trades.length);
  });

  test("explain rebuilds every decision of the daemon (shadow and live) exactly as it stored them", () => {
    const ids = (
      r.db.query("SELECT id FROM decisions WHERE run_id = 0 ORDER BY id").all() as { id: number }[]
    ).map((x) => x.id);
    const out = explainIds(r.db, ids, r.config);
    expect(out.some((e) => e.decision.mode === "live" && e.decision.verdict === "open")).toBe(true);
    const bad = out
      .filter((e) => e.mismatches.length > 0)
      .map((e) => `${e.decision.id} ${e.decision.mode}: ${e.mismatches.join("; ")}`);
    expect(bad.slice(0, 5), `${bad.length} of ${out.length} differ`).toEqual([]);
  });
});
