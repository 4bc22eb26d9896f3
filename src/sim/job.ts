/**
 * One backtest as plain data, so it can run in this thread or in a Bun worker: the ledger path, the
 * full effective config, and the run window. `runJob` opens the ledger read-only and returns the
 * figures sweeps and walk-forward windows compare: the shadow path in R (a research sample), the
 * live path as an account — never a dollar figure of the shadow book, which is not an account.
 */
import type { Config } from "../config/schema.ts";
import type { Interval } from "../core/intervals.ts";
import { coinsToLoad, createSignalSource } from "../engine/signal-source.ts";
import { openLedger } from "../ledger/open.ts";
import type { AccountStats, GroupRow, RStats, RunEvent } from "../report/run-summary.ts";
import { type BacktestMode, runBacktest } from "./backtest.ts";

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
  /** The live path's kill switches and ruin (what its account figures went through). */
  liveEvents: RunEvent[];
  warnings: string[];
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
      strategies: job.strategies,
      store: false,
    });
    return {
      id: job.id,
      label: job.label,
      modelVersion: r.modelVersion,
      barUpdates: r.barUpdates,
      rankedOn: job.mode === "live" ? "live" : "shadow",
      shadow: r.shadow.overall,
      live: r.live?.overall ?? null,
      byStrategy: r.shadow.byStrategy,
      liveEvents: r.events.filter(
        (e) => e.mode === "live" && (e.kind === "kill_switch" || e.kind === "ruin"),
      ),
      warnings: r.warnings,
    };
  } finally {
    db.close();
  }
}
