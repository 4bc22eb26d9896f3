/**
 * `hlbot mine` + `hlbot promote` over 1,000,000 synthetic closed shadow trades in a fresh ledger:
 * 216 buckets (4 strategies × 2 sides × 3 configured sessions × 3 regimes × 3 vol buckets) over a year, with
 * fat-tailed R, a few planted edges, autocorrelated buckets (so the stationary bootstrap runs) and
 * buckets already LIVE (so the monitors read their post-promotion trades). Insertion is not timed;
 * each timed round is one full mining run (read, statistics, bootstrap, write) and one promote run
 * (decisions, audit, atomic live_candidates.json). Target: ≤ 1 s per round.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../src/config/loader.ts";
import { DAY_MS, HOUR_MS, ManualClock } from "../src/core/clock.ts";
import { openLedger } from "../src/ledger/open.ts";
import { BucketStatesRepo } from "../src/ledger/repos/bucket-states.ts";
import { runMining } from "../src/mining/mine.ts";
import { EMPTY_MONITOR } from "../src/mining/monitor.ts";
import { runPromotion } from "../src/mining/promote.ts";
import { sfc32 } from "../src/mining/rng.ts";
import { drawR, insertShadowTrades, type SyntheticTrade } from "../tests/mining/support/synthetic.ts";
import { scratchDir } from "../tests/support/paths.ts";
import { recordFigure, secs } from "./results.ts";

const TRADES = Number(process.env.BENCH_TRADES ?? 1_000_000);
const ROUNDS = 3;
const dir = scratchDir("hlbot-bench-mining-");
const { config } = loadConfig({ cwd: dir, env: {} });
config.ledger.path = join(dir, "bench.db");
config.live.candidates_path = join(dir, "live_candidates.json");

// Session names as the engine writes them: the configured windows' names (three of the four).
const sessions = config.sessions.windows.slice(0, 3).map((w) => w.name);
const buckets: SyntheticTrade["bucket"][] = [];
for (const strategy of ["momentum", "mean_reversion", "ema_pullback", "trend_alpha"])
  for (const side of ["long", "short"] as const)
    for (const session of sessions)
      for (const regime of ["Long", "Short", "Neutral"] as const)
        for (const vol of ["low", "mid", "high"]) buckets.push([strategy, side, session, regime, vol]);

const end = Date.UTC(2025, 6, 1);
const start = end - 365 * DAY_MS;
const rand = sfc32(7);
const trades: SyntheticTrade[] = [];
const perBucket = Math.floor(TRADES / buckets.length);
for (const [b, bucket] of buckets.entries()) {
  const edge = b % 37 === 0 ? 0.2 : b % 11 === 0 ? -0.1 : 0;
  const drifting = b % 5 === 0; // a slow weekly drift of the edge makes daily PnL autocorrelated
  const step = (end - start) / perBucket;
  for (let i = 0; i < perBucket; i++) {
    const openedAt = Math.floor(start + i * step + rand() * step);
    const week = Math.floor((openedAt - start) / (7 * DAY_MS));
    const e = edge + (drifting ? 0.6 * Math.sin(week * 1.7) : 0);
    trades.push({
      bucket,
      coin: ["BTC", "ETH", "SOL", "DOGE"][i % 4]!,
      setupKey: `${b}:${i}`,
      openedAt,
      closedAt: openedAt + Math.floor(HOUR_MS * (1 + 11 * rand())),
      r: drawR(rand, e),
    });
  }
}

const db = openLedger(config.ledger.path);
let t0 = Bun.nanoseconds();
insertShadowTrades(db, trades, "v4", 0);
const insertSeconds = (Bun.nanoseconds() - t0) / 1e9;
// The million generated trade objects are not part of `hlbot mine`'s process: release them, or every
// garbage collection in the timed rounds would mark them too.
trades.length = 0;
Bun.gc(true);
db.run("PRAGMA wal_checkpoint(TRUNCATE)"); // a settled ledger, as the daemon's periodic checkpoints leave it
// Five buckets already LIVE, last monitored one day before the data cutoff.
const states = new BucketStatesRepo(db);
for (const b of buckets.slice(0, 5)) {
  states.upsert({
    bucket_key: b.join("|"),
    state: "LIVE",
    since: start,
    monitor: {
      ...EMPTY_MONITOR,
      promoted_at: start,
      cursor: end - DAY_MS,
      mu_p: 0.1,
      sigma_p: 1.9,
      k: 0.026,
      h: 20,
    },
    updated_at: start,
  });
}

const runs: { mine: number; promote: number; cpu: number }[] = [];
let last = { buckets: 0, family: 0, bootstraps: 0, decisions: 0, live: 0 };
for (let r = 0; r < ROUNDS; r++) {
  const clock = new ManualClock(end + r * HOUR_MS);
  const cpu0 = process.cpuUsage();
  t0 = Bun.nanoseconds();
  const mined = runMining(db, config, { clock });
  const t1 = Bun.nanoseconds();
  const promoted = runPromotion(db, config, { clock });
  const t2 = Bun.nanoseconds();
  const cpu = process.cpuUsage(cpu0);
  runs.push({ mine: (t1 - t0) / 1e9, promote: (t2 - t1) / 1e9, cpu: (cpu.user + cpu.system) / 1e6 });
  last = {
    buckets: mined.result.buckets.length,
    family: mined.result.family.length,
    bootstraps: mined.result.buckets.filter((b) => b.bootstrap).length,
    decisions: promoted.decisions.length,
    live: promoted.file?.buckets.length ?? 0,
  };
}
db.close();
rmSync(dir, { recursive: true, force: true });

const totals = runs.map((r) => r.mine + r.promote).sort((a, b) => a - b);
const best = totals[0]!;
const median = totals[Math.floor(totals.length / 2)]!;
console.log(
  `mining: ${TRADES.toLocaleString("en")} shadow trades, ${last.buckets} buckets (family ${last.family}, ` +
    `${last.bootstraps} bootstrapped), ${last.decisions} promote decisions, ${last.live} buckets in live_candidates.json`,
);
for (const [i, r] of runs.entries()) {
  console.log(
    `  round ${i + 1}: mine ${r.mine.toFixed(2)} s + promote ${r.promote.toFixed(2)} s wall (${r.cpu.toFixed(2)} s CPU)`,
  );
}
console.log(
  `  mine+promote wall time best ${best.toFixed(2)} s, median ${median.toFixed(2)} s ` +
    `(${Math.round(TRADES / best).toLocaleString("en")} trades/s; target ≤ 1 s) — insert ${insertSeconds.toFixed(1)} s not timed`,
);
recordFigure({
  what: `\`hlbot mine\` + \`hlbot promote\`, ${TRADES.toLocaleString("en")} shadow trades`,
  figure: `${secs(median)} wall median (best ${secs(best)})`,
  target: "≤ 1 s",
  floor: `${last.bootstraps} buckets bootstrapped; ${(median / 1).toFixed(2)}× of target`,
  met: median <= 1,
});
