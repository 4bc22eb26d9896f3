/**
 * API read latency under write load: p50/p99 and throughput of GET /decisions?limit=100 on a ledger
 * of 1M decisions (built from the real Hyperliquid 1h candles of every coin), served by `hlbot serve`
 * in a subprocess, driven at 1k requests/s by autocannon on loopback, while a Worker thread inserts
 * decisions through the daemon's own DecisionsRepo. Target: p99 ≤ 5 ms at 1k req/s.
 */
import type { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DecisionQueries } from "../src/api/queries/decisions.ts";
import { ledgerApiApp } from "../src/api/standalone.ts";
import { loadConfig } from "../src/config/loader.ts";
import { DEFAULT_COINS } from "../src/config/sections/engine.ts";
import type { Regime } from "../src/core/bucket.ts";
import { HOUR_MS } from "../src/core/clock.ts";
import type { DecisionRecord } from "../src/engine/ports.ts";
import { openLedger } from "../src/ledger/open.ts";
import { DecisionsRepo } from "../src/ledger/repos/decisions.ts";
import { parseCandleFile } from "../src/market/csv-files.ts";
import { HL_DATA, REPO_ROOT } from "../tests/support/paths.ts";
import { recordFigure } from "./results.ts";

/** The part of autocannon's API used here (the package ships no types). */
interface LoadResult {
  latency: { p50: number; p90: number; p99: number; max: number };
  requests: { average: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = require("autocannon") as (o: {
  url: string;
  connections: number;
  overallRate: number;
  duration: number;
}) => Promise<LoadResult>;

const DECISIONS = 1_000_000;
const RATE = 1_000;
const CONNECTIONS = 10;
const DURATION_S = 15;
const WRITES_PER_S = 200;
const WRITE_BATCH = 20;
const STRATEGIES = ["momentum", "mean_reversion", "ema_pullback", "trend_alpha"];
const REGIMES: Regime[] = ["Long", "Short", "Neutral"];

/** One decision of `strategy` on a real candle close; every field as the engine records it. */
function decision(
  coin: string,
  strategy: string,
  timeframe: "15m" | "1h",
  t: number,
  close: number,
  i: number,
): DecisionRecord {
  const side = i % 2 === 0 ? "long" : "short";
  const dir = side === "long" ? 1 : -1;
  const score = 40 + (i % 60);
  return {
    mode: i % 7 === 0 ? "live" : "shadow",
    verdict: i % 25 === 0 ? "open" : i % 3 === 0 ? "duplicate" : "rejected",
    reasons: i % 25 === 0 ? [] : ["below_threshold"],
    modelVersion: "v4",
    candidate: {
      strategy,
      coin,
      side,
      timeframe,
      candleT: t,
      decidedAt: t + HOUR_MS,
      scoreRaw: score,
      score,
      regime: REGIMES[i % 3]!,
      session: ["asia", "europe", "us"][i % 3]!,
      volBucket: ["low", "mid", "high"][i % 3]!,
      setupKey: `${coin}|${side}|${t + HOUR_MS}`,
      entryRef: close,
      stop: close * (1 - dir * 0.01),
      target: close * (1 + dir * 0.02),
      features: { atr: close * 0.004, rsi: 30 + (i % 40), z: (i % 9) - 4 },
    },
  };
}

/** Fills the ledger with DECISIONS decisions and a closed position for every opened one. */
function build(db: Database): void {
  const repo = new DecisionsRepo(db, 0);
  const openPos =
    db.prepare(`INSERT INTO positions (decision_id, mode, coin, side, strategy, session, regime, vol_bucket,
    setup_key, sim_model_version, status, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px,
    risk_usd, best_px, closed_at, exit_px, exit_reason, net_pnl, r_multiple, updated_at)
    VALUES (?1, ?2, ?3, ?4, ?5, 'us', 'Long', 'mid', 'k', 'v4', 'closed', ?6, ?7, 1, 1, ?7, ?7, ?7, 100, ?7, ?8, ?7, 'target', 50, 0.5, ?8)`);
  let n = 0;
  db.transaction(() => {
    for (const timeframe of ["1h", "15m"] as const) {
      for (const coin of DEFAULT_COINS) {
        const candles = parseCandleFile(join(HL_DATA, `${coin}-${timeframe}.csv.gz`));
        for (const strategy of STRATEGIES) {
          for (const c of candles) {
            if (n >= DECISIONS) return;
            const d = decision(coin, strategy, timeframe, c.t, c.close, n++);
            const id = repo.record(d, c.t + HOUR_MS);
            if (d.verdict === "open")
              openPos.run(
                id,
                d.mode,
                coin,
                d.candidate.side,
                strategy,
                c.t + HOUR_MS,
                c.close,
                c.t + 5 * HOUR_MS,
              );
          }
        }
      }
    }
  })();
}

/** Worker thread: inserts WRITE_BATCH decisions per transaction, WRITES_PER_S a second, until told to stop. */
function writer(): void {
  let stop = false;
  self.onmessage = (e: MessageEvent<{ path?: string; stop?: boolean }>) => {
    if (e.data.stop) {
      stop = true;
      return;
    }
    const db = openLedger(e.data.path!);
    const repo = new DecisionsRepo(db, 0);
    let written = 0;
    let t = Date.UTC(2030, 0, 1);
    const tick = () => {
      if (stop) {
        db.close();
        postMessage({ written });
        return;
      }
      db.transaction(() => {
        for (let k = 0; k < WRITE_BATCH; k++) {
          t += HOUR_MS;
          repo.record(decision("BTC", "momentum", "1h", t, 100_000 + (k % 100), written++), t + HOUR_MS);
        }
      })();
      setTimeout(tick, (1000 * WRITE_BATCH) / WRITES_PER_S);
    };
    tick();
  };
}

async function listen(proc: Bun.Subprocess<"ignore", "ignore", "pipe">): Promise<string> {
  const reader = proc.stderr.getReader();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`hlbot serve exited: ${text}`);
    text += new TextDecoder().decode(value);
    const url = /API and dashboard on (http:\/\/[^/\s]+)\//.exec(text)?.[1];
    if (url) return url;
  }
}

/** The same load against a do-nothing server in a subprocess: the harness and machine's own latency. */
async function floor(): Promise<LoadResult> {
  const code =
    'const s = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("ok") }); ' +
    'console.error("API and dashboard on " + s.url);';
  const proc = Bun.spawn(["bun", "-e", code], { stdin: "ignore", stdout: "ignore", stderr: "pipe" });
  try {
    return await autocannon({
      url: await listen(proc),
      connections: CONNECTIONS,
      overallRate: RATE,
      duration: 5,
    });
  } finally {
    proc.kill("SIGTERM");
    await proc.exited;
  }
}

function report(phase: string, r: LoadResult): void {
  console.log(
    `api: ${CONNECTIONS} connections, ${RATE} req/s offered, ${phase}:\n` +
      `api:   latency p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; ` +
      `throughput ${r.requests.average.toFixed(0)} req/s, ${(r.throughput.average / 1e6).toFixed(1)} MB/s; ` +
      `non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`,
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "hlbot-bench-api-"));
  const path = join(dir, "ledger.db");
  const db = openLedger(path);
  let t0 = performance.now();
  build(db);
  const count = (db.query("SELECT COUNT(*) AS n FROM decisions").get() as { n: number }).n;
  console.log(`api: ledger of ${count} decisions built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // The query alone, in-process (no HTTP): what the route costs before serialization and transport.
  const q = new DecisionQueries(db);
  const times: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    t0 = performance.now();
    q.page({ runId: 0, since: 0, limit: 100 });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `api: decisions page of 100 in-process: p50 ${percentile(times, 0.5).toFixed(3)} ms, p99 ${percentile(times, 0.99).toFixed(3)} ms`,
  );
  const { config } = loadConfig({ cwd: dir, env: {} });
  const app = ledgerApiApp(db, config);
  const routeTimes: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    t0 = performance.now();
    await (await app.request("/decisions?limit=100")).text();
    routeTimes.push(performance.now() - t0);
  }
  routeTimes.sort((a, b) => a - b);
  console.log(
    `api: GET /decisions?limit=100 in-process (no socket): p50 ${percentile(routeTimes, 0.5).toFixed(3)} ms, p99 ${percentile(routeTimes, 0.99).toFixed(3)} ms`,
  );
  db.close();

  const server = Bun.spawn(
    ["bun", join(REPO_ROOT, "src", "main.ts"), "serve", "--db", path, "--port", "0", "--log-format", "json"],
    {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "" },
      stdin: "ignore",
      stdout: "ignore",
      stderr: "pipe",
    },
  );
  const worker = new Worker(import.meta.path);
  try {
    const url = `${await listen(server)}/decisions?limit=100`;
    const base = await floor();
    report("floor: a do-nothing Bun.serve handler in a subprocess", base);
    await autocannon({ url, connections: CONNECTIONS, overallRate: RATE, duration: 3 });
    report(
      `GET /decisions?limit=100 for ${DURATION_S} s, read only`,
      await autocannon({ url, connections: CONNECTIONS, overallRate: RATE, duration: DURATION_S }),
    );
    const written = new Promise<number>((resolve) => {
      worker.onmessage = (e: MessageEvent<{ written: number }>) => resolve(e.data.written);
    });
    worker.postMessage({ path });
    const r = await autocannon({ url, connections: CONNECTIONS, overallRate: RATE, duration: DURATION_S });
    worker.postMessage({ stop: true });
    const rows = await written;
    report(
      `GET /decisions?limit=100 for ${DURATION_S} s, with a writer at ${(rows / DURATION_S).toFixed(0)} decisions/s`,
      r,
    );
    const ok = r.latency.p99 <= 5 && r.requests.average >= RATE * 0.95;
    console.log(
      `api:   target p99 ≤ 5 ms at ${RATE} req/s under writes: ${ok ? "met" : "NOT met"}; ` +
        `machine floor p99 ${base.latency.p99} ms ` +
        `(${navigator.hardwareConcurrency} cores shared by server, load generator and writer; load average ${loadavg()[0]!.toFixed(1)})`,
    );
    recordFigure({
      what: "API `/decisions?limit=100`, 1,000 req/s, with a writer",
      figure: `p99 ${r.latency.p99} ms (${r.requests.average.toFixed(0)} req/s served)`,
      target: "p99 ≤ floor + 1 ms",
      floor: `do-nothing Bun.serve p99 ${base.latency.p99} ms → ${r.latency.p99 >= base.latency.p99 ? "+" : "−"}${Math.abs(r.latency.p99 - base.latency.p99).toFixed(0)} ms`,
      met: r.latency.p99 - base.latency.p99 <= 1 && r.requests.average >= RATE * 0.95,
    });
  } finally {
    worker.terminate();
    server.kill("SIGTERM");
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

if (Bun.isMainThread) await main();
else writer();
