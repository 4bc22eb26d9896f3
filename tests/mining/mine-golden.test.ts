/**
 * Pins `hlbot mine`'s stored output — every bucket_stats row and the mining_runs row (all but the code
 * version) — as a sha256 digest on a fixed generated ledger, so a faster read or sample path is proven
 * to change nothing. The ledger exercises every branch of the sample builder: repeated setup keys
 * (trades of one setup inserted out of order), exit-time ties, overlapping and disjoint trades, a
 * demoted bucket mined on its post-demotion window only, autocorrelated buckets (the bootstrap runs),
 * trades of another model, of a backtest run, still open, or closed after the cutoff (all excluded),
 * and a second run that reads the first one's family history.
 * The digests were computed with the row-by-row read path, before the columnar one replaced it.
 */
import { expect, test } from "bun:test";
import { DAY_MS, HOUR_MS, ManualClock } from "../../src/core/clock.ts";
import { BucketStatesRepo } from "../../src/ledger/repos/bucket-states.ts";
import { runMining } from "../../src/mining/mine.ts";
import { EMPTY_MONITOR } from "../../src/mining/monitor.ts";
import { sha256 } from "../../src/mining/provenance.ts";
import { sfc32 } from "../../src/mining/rng.ts";
import { miningFixture, T0 } from "./support/ledger.ts";
import { drawR, insertShadowTrades, type SyntheticTrade } from "./support/synthetic.ts";

const DAYS = 240;

function goldenTrades(): SyntheticTrade[] {
  const rand = sfc32(20261204);
  const out: SyntheticTrade[] = [];
  const buckets: SyntheticTrade["bucket"][] = [];
  for (const strategy of ["momentum", "mean_reversion", "trend_alpha"])
    for (const side of ["long", "short"] as const)
      for (const session of ["asia", "us"])
        for (const vol of ["low", "high"]) buckets.push([strategy, side, session, "Neutral", vol]);
  for (const [b, bucket] of buckets.entries()) {
    const perDay = 2 + (b % 5);
    const n = DAYS * perDay;
    const step = (DAYS * DAY_MS) / n;
    const edge = b % 7 === 0 ? 0.35 : b % 4 === 0 ? -0.15 : 0.02;
    const drifting = b % 3 === 0;
    for (let i = 0; i < n; i++) {
      // Every 50th trade exits on the previous trade's exit millisecond (ties), others hold 1–30 h.
      const openedAt = Math.floor(T0 + i * step + rand() * step);
      const hold = Math.floor(HOUR_MS * (1 + 29 * rand()));
      const week = Math.floor((openedAt - T0) / (7 * DAY_MS));
      const e = edge + (drifting ? 0.7 * Math.sin(week * 1.3) : 0);
      const prev = out[out.length - 1];
      const closedAt = i % 50 === 7 && prev && prev.closedAt > openedAt ? prev.closedAt : openedAt + hold;
      out.push({
        bucket,
        coin: ["BTC", "ETH", "SOL", "HYPE"][i % 4]!,
        setupKey: `${["BTC", "ETH", "SOL", "HYPE"][i % 4]}|${bucket[1]}|${openedAt - (openedAt % (15 * 60_000))}`,
        openedAt,
        closedAt,
        r: drawR(rand, e),
      });
    }
  }
  // Second and third trades of existing setups (scale-ins), shuffled in after everything else.
  const extra: SyntheticTrade[] = [];
  for (let k = 0; k < out.length; k += 9) {
    const t = out[k]!;
    const copies = 1 + (k % 2);
    for (let c = 0; c < copies; c++) {
      const openedAt = t.openedAt + Math.floor(rand() * 3 * HOUR_MS) - HOUR_MS;
      extra.push({
        ...t,
        openedAt,
        closedAt: openedAt + Math.floor(HOUR_MS * (1 + 20 * rand())),
        r: drawR(rand, 0),
      });
    }
  }
  for (let i = extra.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [extra[i], extra[j]] = [extra[j]!, extra[i]!];
  }
  return [...out, ...extra];
}

function digest(db: ReturnType<typeof miningFixture>["db"]): { stats: string; runs: string } {
  const stats = db.query("SELECT * FROM bucket_stats ORDER BY mining_run_id, bucket_key").all();
  const runs = db
    .query(
      `SELECT id, t, sim_model_version, source_run_id, n_trades, n_buckets, trades_sha256, config_hash, seed,
        params FROM mining_runs ORDER BY id`,
    )
    .all();
  return { stats: sha256(JSON.stringify(stats)), runs: sha256(JSON.stringify(runs)) };
}

test("mine's stored rows are unchanged on a fixed ledger (digest pinned before the columnar read)", () => {
  const fx = miningFixture();
  const trades = goldenTrades();
  insertShadowTrades(fx.db, trades, "v4", 0);
  // Excluded from every run: another model, a backtest run, trades closed after the cutoff.
  insertShadowTrades(fx.db, trades.slice(0, 500), "v3", 0);
  insertShadowTrades(fx.db, trades.slice(0, 500), "v4", 5);
  const rand = sfc32(3);
  const late = trades
    .slice(0, 200)
    .map((t) => ({ ...t, closedAt: T0 + (DAYS + 30) * DAY_MS + Math.floor(rand() * DAY_MS) }));
  insertShadowTrades(fx.db, late, "v4", 0);
  fx.db.run("UPDATE positions SET status = 'open', closed_at = NULL WHERE id % 997 = 0");
  // A bucket demoted on day 120 is mined on its post-demotion trades only.
  new BucketStatesRepo(fx.db).upsert({
    bucket_key: "momentum|long|us|Neutral|high",
    state: "SHADOW",
    since: T0 + 120 * DAY_MS,
    monitor: { ...EMPTY_MONITOR, demoted_at: T0 + 120 * DAY_MS },
    updated_at: T0 + 120 * DAY_MS,
  });

  const first = runMining(fx.db, fx.config, { clock: new ManualClock(T0 + 200 * DAY_MS) });
  const second = runMining(fx.db, fx.config, { clock: new ManualClock(T0 + (DAYS + 1) * DAY_MS) });
  expect(first.result.buckets.some((b) => b.bootstrap)).toBe(true);
  expect(second.result.buckets.some((b) => b.n_raw > b.n_dedup)).toBe(true);
  expect([first.nTrades, second.nTrades]).toEqual([21_847, 26_292]);
  expect([first.trades_sha256, second.trades_sha256]).toEqual([
    "9345ce0a9bb45744c52c2c30bc08e77b4bb88170009f08df85442b466fbd5ca5",
    "a50bbcadf1942e4613e19ba79e762e4bd820abfdfaa6d599ef6a7770741b7bd4",
  ]);
  expect(digest(fx.db)).toEqual({
    stats: "5a02fc9c14d1e6afa0b213c00ebdbb9fc54682ebd050d2122406a04b9672104e",
    runs: "1113affacc21240b66c874c8df088a8008d17d36d3cb34b9b6dcf1c8b635e57e",
  });
  fx.db.close();
});
