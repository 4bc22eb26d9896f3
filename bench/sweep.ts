/**
 * Sweep throughput with feature reuse: a 64-combination threshold sweep (4 × 4 × 4 shadow thresholds of
 * momentum, mean_reversion and ema_pullback) over the whole shared data set (23 coins, 15m + 1h + 4h,
 * v4, both paths) on the job pool's 2 workers, against 64 separate backtests on the same 2 cores —
 * each a fresh process that loads the data and computes every feature itself, two at a time. The
 * baseline is timed on SEPARATE_RUNS processes and scaled to 64 (said in the printout). Also printed:
 * the same sweep on the pool with reuse off (what a sweep cost before the feature tape). Target ≥ 5×.
 * Run as `bun bench/sweep.ts`; `bun bench/sweep.ts --one JOB.json` is the child one separate run is.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config/loader.ts";
import { DEFAULT_COINS } from "../src/config/sections/engine.ts";
import { signalIntervals, warmupMs } from "../src/engine/signal-source.ts";
import { openLedger } from "../src/ledger/open.ts";
import { importDirectory } from "../src/market/importer.ts";
import { type BacktestJob, runJob } from "../src/sim/job.ts";
import { runJobs } from "../src/sim/job-pool.ts";
import { expandGrid, parseSweep } from "../src/sim/sweep-grid.ts";
import { HL_DATA } from "../tests/support/paths.ts";
import { recordFigure } from "./results.ts";

const TARGET = 5;
const SEPARATE_RUNS = 4;
const CORES = 2;

if (process.argv[2] === "--one") {
  runJob(JSON.parse(readFileSync(process.argv[3]!, "utf8")) as BacktestJob);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "hlbot-bench-sweep-"));
const dbPath = join(dir, "bench.db");
const db = openLedger(dbPath);
await importDirectory(db, HL_DATA);
const bounds = db.query("SELECT MIN(t) AS lo, MAX(t) AS hi FROM candles").get() as { lo: number; hi: number };
db.close();
const { config } = loadConfig({ cwd: dir, env: {} });
const grid = expandGrid(
  config,
  parseSweep([
    "strategies.momentum.shadow.adx_min=12,15,18,21",
    "strategies.mean_reversion.shadow.rsi_long_max=25,30,35,40",
    "strategies.ema_pullback.shadow.adx_min=14,18,22,26",
  ]),
);
const warm = warmupMs(config, null);
const jobs = (reuse: boolean): BacktestJob[] =>
  grid.map((g, id) => ({
    id,
    label: g.label,
    dbPath,
    config: g.config,
    model: "v4",
    strategies: null,
    coins: DEFAULT_COINS,
    intervals: signalIntervals(config, null),
    from: bounds.lo + warm,
    to: bounds.hi + 86_400_000,
    warmupMs: warm,
    mode: "both",
    reuseFeatures: reuse,
  }));

/** Wall seconds, and CPU seconds of this process (all its threads, the workers too). */
const timed = async (f: () => Promise<unknown>) => {
  const t0 = Bun.nanoseconds();
  const c0 = process.cpuUsage();
  await f();
  const c = process.cpuUsage(c0);
  return { wall: (Bun.nanoseconds() - t0) / 1e9, cpu: (c.user + c.system) / 1e6 };
};

let reused: Awaited<ReturnType<typeof runJobs>> = [];
const sweep = await timed(async () => {
  reused = await runJobs(jobs(true), { workers: CORES });
});
const pooled = await timed(() => runJobs(jobs(false), { workers: CORES }));

// Separate backtests: one process each, CORES at a time.
const files = jobs(false)
  .slice(0, SEPARATE_RUNS)
  .map((j, i) => {
    const f = join(dir, `job-${i}.json`);
    writeFileSync(f, JSON.stringify(j));
    return f;
  });
let childCpu = 0;
const separate = await timed(async () => {
  for (let i = 0; i < files.length; i += CORES) {
    const procs = files.slice(i, i + CORES).map((f) => Bun.spawn(["bun", import.meta.path, "--one", f]));
    const codes = await Promise.all(procs.map((p) => p.exited));
    if (codes.some((c) => c !== 0)) throw new Error(`a separate backtest failed (exit ${codes.join(", ")})`);
    for (const p of procs) {
      const u = p.resourceUsage();
      if (u) childCpu += Number(u.cpuTime.user + u.cpuTime.system) / 1e6;
    }
  }
});
const scale = grid.length / SEPARATE_RUNS;
const separate64 = { wall: separate.wall * scale, cpu: childCpu * scale };
const speedup = separate64.wall / sweep.wall;
const replays = reused.filter((r) => r.reusedFeatures).length;
const load = (
  await Bun.file("/proc/loadavg")
    .text()
    .catch(() => "?")
).split(" ")[0];

console.log(
  `\n== sweep: ${grid.length}-combination threshold sweep, v4, ${DEFAULT_COINS.length} coins, whole data set, ${CORES} workers ==`,
);
console.log(`bar updates per combination  ${reused[0]!.barUpdates.toLocaleString("en-US")}`);
const s1 = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(1)} s wall, ${t.cpu.toFixed(1)} s CPU`;
console.log(
  `sweep, feature reuse         ${s1(sweep)}   (${replays}/${grid.length} combinations replayed recorded features)`,
);
console.log(
  `sweep, reuse off (same pool) ${s1(pooled)}   ${(pooled.wall / sweep.wall).toFixed(2)}× the reuse sweep's wall time`,
);
console.log(
  `64 separate backtests        ${s1(separate64)}   scaled ×${scale} from ${SEPARATE_RUNS} separate processes run ${CORES} at a time (${s1({ wall: separate.wall, cpu: childCpu })})`,
);
console.log(
  `speed-up                     ${speedup.toFixed(2)}× wall (${(separate64.cpu / sweep.cpu).toFixed(2)}× CPU) vs separate backtests · target ≥ ${TARGET}× wall · ${speedup >= TARGET ? "met" : "NOT met"} (load average ${load} on the shared cores)`,
);
recordFigure({
  what: `${grid.length}-combination threshold sweep (feature reuse) vs ${grid.length} separate backtests, whole data set`,
  figure: `${speedup.toFixed(2)}× faster (sweep ${sweep.wall.toFixed(1)} s wall)`,
  target: `≥ ${TARGET}× wall`,
  floor: `separate ${separate64.wall.toFixed(1)} s wall, scaled ×${scale} from ${SEPARATE_RUNS} processes; ${(separate64.cpu / sweep.cpu).toFixed(2)}× on CPU`,
  met: speedup >= TARGET,
});
