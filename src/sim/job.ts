/**
 * One backtest as plain data, so it can run in this thread or in a Bun worker: the ledger path, the
 * full effective config, and the run window. `runJob` opens the ledger read-only and returns the
 * summary (no trade lists), which is what sweeps and walk-forward windows compare.
 */
import type { Config } from "../config/schema.ts";
import type { Interval } from "../core/intervals.ts";
import { coinsToLoad, createSignalSource } from "../engine/signal-source.ts";
import { openLedger } from "../ledger/open.ts";
import type { CurveStats, TradeStats } from "../report/metrics.ts";
import { runBacktest } from "./backtest.ts";

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
  mode: "shadow" | "live";
}

export interface JobResult {
  id: number;
  label: string;
  modelVersion: string;
  barUpdates: number;
  overall: TradeStats & CurveStats;
  byStrategy: Record<string, TradeStats>;
}

export function runJob(job: BacktestJob): JobResult {
  const db = openLedger(job.dbPath, { readonly: true });
  try {
    const r = runBacktest(db, {
      config: job.config,
      model: job.model,
      coins: coinsToLoad(job.config, job.coins),
      intervals: job.intervals,
      from: job.from,
      to: job.to,
      warmupMs: job.warmupMs,
      mode: job.mode,
      ignoreCandidates: true,
      signals: createSignalSource(job.config, job.strategies, job.coins),
      store: false,
    });
    const m = job.mode === "live" && r.live ? r.live : r.shadow;
    return {
      id: job.id,
      label: job.label,
      modelVersion: r.modelVersion,
      barUpdates: r.barUpdates,
      overall: m.overall,
      byStrategy: m.byStrategy,
    };
  } finally {
    db.close();
  }
}
