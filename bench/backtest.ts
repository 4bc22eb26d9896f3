/**
 * Full backtest pipeline throughput: 4 strategies, friction model v4, all 23 HL coins, 15m+1h+4h,
 * the whole shared data set, through the same engine the daemon runs (replay feed → features →
 * regime → scan → shadow book with v4 exits → metrics). Reported as bar-updates/s (one closed candle
 * of one coin × interval through the tick) and wall time; once in memory, once writing the ledger.
 */

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config/loader.ts";
import { DEFAULT_COINS } from "../src/config/sections/engine.ts";
import { coinsToLoad, createSignalSource, signalIntervals, warmupMs } from "../src/engine/signal-source.ts";
import { openLedger } from "../src/ledger/open.ts";
import { importDirectory } from "../src/market/importer.ts";
import { runBacktest } from "../src/sim/backtest.ts";
import { loadReplayData } from "../src/sim/backtest-data.ts";
import { HL_DATA } from "../tests/support/paths.ts";

const dir = mkdtempSync(join(tmpdir(), "hlbot-bench-"));
const db = openLedger(join(dir, "bench.db"));
await importDirectory(db, HL_DATA);
const { config } = loadConfig({ cwd: dir, env: {} });
const bounds = db.query("SELECT MIN(t) AS lo, MAX(t) AS hi FROM candles").get() as { lo: number; hi: number };

function once(store: boolean) {
  const t0 = Bun.nanoseconds();
  const r = runBacktest(db, {
    config,
    model: "v4",
    coins: coinsToLoad(config, DEFAULT_COINS),
    intervals: signalIntervals(config, null),
    from: bounds.lo + warmupMs(config, null),
    to: bounds.hi + 86_400_000,
    warmupMs: warmupMs(config, null),
    mode: "live",
    ignoreCandidates: true,
    signals: createSignalSource(config, null, DEFAULT_COINS),
    store,
  });
  const s = (Bun.nanoseconds() - t0) / 1e9;
  return { s, r };
}

const tLoad = Bun.nanoseconds();
loadReplayData(db, {
  coins: coinsToLoad(config, DEFAULT_COINS),
  intervals: signalIntervals(config, null),
  loadFrom: 0,
  to: bounds.hi + 86_400_000,
});
const loadS = (Bun.nanoseconds() - tLoad) / 1e9;
once(false); // warm the JIT
const runs = [once(false), once(false), once(false)];
const mem = runs.reduce((a, b) => (b.s < a.s ? b : a));
const led = once(true);
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const replayS = mem.s - loadS;
console.log("\n== backtest: full pipeline (4 strategies, v4, 23 coins, 15m+1h+4h, shadow + live paths) ==");
console.log(`bar updates            ${fmt(mem.r.barUpdates)}`);
console.log(
  `shadow trades          ${fmt(mem.r.shadow.trades.length)}   live trades ${fmt(mem.r.live?.trades.length ?? 0)}`,
);
console.log(`ledger → columns load  ${loadS.toFixed(2)} s (${fmt(mem.r.barUpdates / loadS)} candles/s)`);
console.log(
  `in memory, wall        ${mem.s.toFixed(2)} s   ${fmt(mem.r.barUpdates / mem.s)} bar-updates/s (load included)`,
);
console.log(
  `replay only            ${replayS.toFixed(2)} s   ${fmt(mem.r.barUpdates / replayS)} bar-updates/s (best of 3: ${runs.map((r) => (r.s - loadS).toFixed(2)).join(", ")} s)`,
);
console.log(`writing the ledger     ${led.s.toFixed(2)} s   ${fmt(led.r.barUpdates / led.s)} bar-updates/s`);
console.log(
  `target                 ≥ 1,000,000 bar-updates/s on one core: replay at ${(mem.r.barUpdates / replayS / 1e6).toFixed(2)}× of target`,
);
db.close();
