/**
 * One backtest as plain data, so it can run in this thread or in a Bun worker: the ledger path, the
 * full effective config, and the run window. `runJob` opens the ledger read-only and returns the
 * figures sweeps and walk-forward windows compare: the shadow path in R (a research sample), the
 * live path as an account — never a dollar figure of the shadow book, which is not an account — each
 * per strategy, coin and bucket, and the ranked path's daily net R (what DSR and PBO are computed on).
 *
 * Feature reuse (feature-cache.ts): a thread keeps the last loaded data and its feature tape, keyed by
 * everything they depend on (ledger, coins, intervals, window, `features` config). The next job with
 * the same key replays the tape and runs only the regime, scan and books; a job with another key loads
 * and records afresh. `reuseFeatures: false` computes everything, as a lone backtest does.
 */
import type { Config } from "../config/schema.ts";
import { DAY_MS } from "../core/clock.ts";
import type { Interval } from "../core/intervals.ts";
import type { FeatureSeriesFactory, SignalEngine } from "../engine/signal-engine.ts";
import { coinsToLoad, createSignalSource } from "../engine/signal-source.ts";
import { openLedger } from "../ledger/open.ts";
import type { AccountStats, GroupRow, RStats, RunEvent, RunTrade } from "../report/run-summary.ts";
import { type BacktestMode, type BacktestRequest, backtestDataRequest, runBacktest } from "./backtest.ts";
import { type LoadedReplayData, loadReplayData } from "./backtest-data.ts";
import { FeatureTape } from "./feature-cache.ts";

export interface BacktestJob {
  id: number;
  label: string;
  dbPath: string;
  config: Config;
  model: string;
  strategies: string[] | null;
  coins: string[];
  intervals: Interval[];
  from: number;
  to: number;
  warmupMs: number;
  mode: BacktestMode;
  /** Reuse the thread's loaded data and feature tape when they match (default true). */
  reuseFeatures?: boolean;
}

/** A path's rows per strategy, coin and bucket (bucket = strategy|side|session|regime|vol). */
export interface JobBreakdown {
  strategy: Record<string, GroupRow>;
  coin: Record<string, GroupRow>;
  bucket: Record<string, GroupRow>;
}

export interface JobResult {
  id: number;
  label: string;
  modelVersion: string;
  barUpdates: number;
  /** The path this job is ranked on: shadow (in R) unless the mode is live. */
  rankedOn: "shadow" | "live";
  shadow: RStats;
  live: (AccountStats & RStats) | null;
  /** The shadow path per strategy, in R. */
  byStrategy: Record<string, GroupRow>;
  /** Each path's rows per strategy, coin and bucket, in R. */
  by: { shadow: JobBreakdown; live: JobBreakdown | null };
  /** The ranked path's net R per UTC day of the window (0 on days without a close), oldest first. */
  dailyR: number[];
  /** Whether this job replayed features recorded by an earlier job of its thread. */
  reusedFeatures: boolean;
  /** The live path's kill switches and ruin (what its account figures went through). */
  liveEvents: RunEvent[];
  warnings: string[];
}

/** Net R per UTC day from `from` (trades grouped by their close). */
export function dailyNetR(trades: readonly RunTrade[], from: number, to: number): number[] {
  const days = Math.max(1, Math.ceil((to - from) / DAY_MS));
  const out = new Array<number>(days).fill(0);
  for (const t of trades) {
    if (t.r === null) continue;
    const d = Math.min(days - 1, Math.max(0, Math.floor((t.closedAt - from) / DAY_MS)));
    out[d]! += t.r;
  }
  return out;
}

let cached: { key: string; data: LoadedReplayData; tape: FeatureTape } | null = null;

/** Everything a thread's data and features depend on. */
function reuseKey(job: BacktestJob, coins: string[]): string {
  const { dbPath, intervals, from, to, warmupMs } = job;
  return JSON.stringify([dbPath, coins, intervals, from - warmupMs, to, job.config.features]);
}

export function runJob(job: BacktestJob): JobResult {
  const db = openLedger(job.dbPath, { readonly: true });
  try {
    const coins = coinsToLoad(job.config, job.coins);
    const req: Omit<BacktestRequest, "signals"> = {
      config: job.config,
      model: job.model,
      coins,
      intervals: job.intervals,
      from: job.from,
      to: job.to,
      warmupMs: job.warmupMs,
      mode: job.mode,
      ignoreCandidates: true,
      strategies: job.strategies,
      store: false,
    };
    const reuse = job.reuseFeatures !== false;
    const key = reuse ? reuseKey(job, coins) : "";
    const hit = reuse && cached?.key === key ? cached : null;
    let r: ReturnType<typeof runBacktest>;
    if (hit) {
      const signals = signalEngine(job, hit.tape.replaying());
      r = runBacktest(db, { ...req, signals, data: hit.data });
    } else if (reuse) {
      const data = loadReplayData(db, backtestDataRequest(req));
      const tape = new FeatureTape();
      r = runBacktest(db, { ...req, signals: signalEngine(job, tape.recording()), data });
      tape.seal();
      cached = { key, data, tape };
    } else {
      r = runBacktest(db, { ...req, signals: createSignalSource(job.config, job.strategies, job.coins) });
    }
    const rankedOn = job.mode === "live" ? "live" : "shadow";
    const ranked = rankedOn === "live" && r.live ? r.live.trades : r.shadow.trades;
    return {
      id: job.id,
      label: job.label,
      modelVersion: r.modelVersion,
      barUpdates: r.barUpdates,
      rankedOn,
      shadow: r.shadow.overall,
      live: r.live?.overall ?? null,
      byStrategy: r.shadow.byStrategy,
      by: {
        shadow: { strategy: r.shadow.byStrategy, coin: r.shadow.byCoin, bucket: r.shadow.byBucket },
        live: r.live ? { strategy: r.live.byStrategy, coin: r.live.byCoin, bucket: r.live.byBucket } : null,
      },
      dailyR: dailyNetR(ranked, job.from, job.to),
      reusedFeatures: hit !== null,
      liveEvents: r.events.filter(
        (e) => e.mode === "live" && (e.kind === "kill_switch" || e.kind === "ruin"),
      ),
      warnings: r.warnings,
    };
  } finally {
    db.close();
  }
}

/** createSignalSource's engine (same strategies, same traded coins) over the given feature series. */
function signalEngine(job: BacktestJob, series: FeatureSeriesFactory): SignalEngine {
  return createSignalSource(job.config, job.strategies, job.coins, series);
}
