/**
 * What every research question runs on: the ledger, the config, the basket and window, the seed —
 * and one way to run an experiment, `backtest()`: the engine's own runBacktest (no second simulator)
 * on a copy of the config changed by the experiment, stored as a normal backtest run (kind single,
 * params.research naming the question and variant) so `hlbot runs`, `compare` and `explain` open it.
 * Identical experiments (same config, model, strategies, mode) run once and are shared.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import { coinsToLoad, createSignalSource, signalIntervals, warmupMs } from "../engine/signal-source.ts";
import type { RunTrade } from "../report/run-summary.ts";
import { type BacktestMode, type BacktestResult, backtestDataRequest, runBacktest } from "../sim/backtest.ts";
import { type LoadedReplayData, loadReplayData } from "../sim/backtest-data.ts";

export interface ResearchOptions {
  db: Database;
  config: Config;
  coins: string[];
  from: number;
  to: number;
  seed: number;
  /** Store each run in backtest_runs (the command does; the unit tests may not). */
  store: boolean;
  command?: string;
  onRun?: (label: string, seconds: number) => void;
  /** Families per synthetic population in question 8 (default 200 noise, 40 planted, 40 decayed). */
  calibrationFamilies?: { noise: number; planted: number; decayed: number };
}

export interface RunRef {
  variant: string;
  runId: number | null;
  model: string;
  mode: BacktestMode;
  shadowTrades: number;
  liveTrades: number;
}

export interface Experiment {
  /** Names the run in the report and in backtest_runs.params.research. */
  variant: string;
  mutate?: (c: Config) => void;
  model?: string;
  strategies?: string[] | null;
  /** shadow (default: the training sample in R) or both (adds the live-path account). */
  mode?: BacktestMode;
}

export interface ExperimentRun {
  ref: RunRef;
  result: BacktestResult;
  config: Config;
}

export class ResearchContext {
  private readonly memo = new Map<string, ExperimentRun>();
  private readonly data = new Map<string, LoadedReplayData>();
  readonly all: RunRef[] = [];

  constructor(readonly o: ResearchOptions) {}

  get config(): Config {
    return this.o.config;
  }

  /** Runs (or reuses) one experiment through the engine; `question` tags the stored run. */
  backtest(question: number, e: Experiment): ExperimentRun {
    const config = structuredClone(this.o.config);
    e.mutate?.(config);
    const model = e.model ?? config.friction.model;
    const strategies = e.strategies ?? null;
    const mode = e.mode ?? "shadow";
    const key = JSON.stringify([model, strategies, mode, config]);
    const seen = this.memo.get(key);
    if (seen) return seen;
    const coins = coinsToLoad(config, this.o.coins);
    const intervals = signalIntervals(config, strategies);
    const req = {
      coins,
      intervals,
      from: this.o.from,
      to: this.o.to,
      warmupMs: warmupMs(config, strategies),
    };
    const dataKey = JSON.stringify(backtestDataRequest(req));
    let data = this.data.get(dataKey);
    if (!data) {
      data = loadReplayData(this.o.db, backtestDataRequest(req));
      this.data.set(dataKey, data);
    }
    const started = performance.now();
    const result = runBacktest(this.o.db, {
      ...req,
      config,
      model,
      mode,
      ignoreCandidates: true,
      signals: createSignalSource(config, strategies, this.o.coins),
      strategies,
      store: this.o.store,
      params: { research: { question, variant: e.variant, seed: this.o.seed } },
      ...(this.o.command ? { command: this.o.command } : {}),
      data,
    });
    const ref: RunRef = {
      variant: e.variant,
      runId: result.runId,
      model: result.modelVersion,
      mode,
      shadowTrades: result.shadow.trades.length,
      liveTrades: result.live?.trades.length ?? 0,
    };
    this.o.onRun?.(`q${question} ${e.variant}`, (performance.now() - started) / 1000);
    const run = { ref, result, config };
    this.memo.set(key, run);
    this.all.push(ref);
    return run;
  }
}

/** The key that pairs one setup's trade across experiments whose entries agree. */
export const pairKey = (t: RunTrade) => `${t.strategy}|${t.coin}|${t.side}|${t.openedAt}`;

/** Paired differences b − a of the trades both runs took, in a's close order. */
export function pairedDiffs(
  a: readonly RunTrade[],
  b: readonly RunTrade[],
): { diffs: number[]; paired: number } {
  const byKey = new Map(b.map((t) => [pairKey(t), t]));
  const diffs: number[] = [];
  for (const t of a) {
    const u = byKey.get(pairKey(t));
    if (u && t.r !== null && u.r !== null) diffs.push(u.r - t.r);
  }
  return { diffs, paired: diffs.length };
}

/** Net R of the trades that have one (a trade without a stop distance has none), in their order. */
export const rOf = (trades: readonly RunTrade[]): number[] =>
  trades.flatMap((t) => (t.r === null ? [] : [t.r]));
