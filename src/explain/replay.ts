/**
 * Rebuilds what the engine saw at chosen bars of a run, through the engine's own path: the run's
 * candles and funding (same warm-up start) go through a ReplayFeed into `Engine.warm` — the tick's
 * feature and funding step — and at each target tick the SignalEngine scans the target coin's bars
 * that just closed, exactly as `Engine.tick` does after its warm step. No feature, regime, session,
 * score or gate is computed here; this only drives the engine and keeps copies of what it produced.
 * One pass serves any number of targets (explain of 1,000 decisions costs one replay).
 */
import type { Database } from "bun:sqlite";
import type { StrategyContext } from "../../strategies/types.ts";
import type { Config } from "../config/schema.ts";
import type { Interval } from "../core/intervals.ts";
import { intervalMs } from "../core/intervals.ts";
import type { Candidate } from "../core/signal.ts";
import { lastClosedOpen } from "../daemon/series.ts";
import { assembleEngine } from "../engine/assemble.ts";
import type { Engine } from "../engine/engine.ts";
import type { EntryPlan, EntryRefusal, Journal } from "../engine/ports.ts";
import { coinsToLoad, createSignalSource } from "../engine/signal-source.ts";
import { volBucket } from "../engine/vol-bucket.ts";
import { CandlesRepo } from "../ledger/repos/candles.ts";
import { FundingRepo, type FundingRow } from "../ledger/repos/funding.ts";
import type { Features } from "../market/features/features.ts";
import { loadReplayData } from "../sim/backtest-data.ts";
import { ledgerDepthSlippage } from "../sim/depth/ledger-depth.ts";
import { configuredModel } from "../sim/models/configured.ts";
import type { ResolvedModel } from "../sim/models/index.ts";
import { type ReplayData, ReplayFeed, type ReplaySeries } from "../sim/replay-feed.ts";
import type { RunContext } from "./run-context.ts";

/** A bar to rebuild: a decision's coin, timeframe and signal candle. */
export interface ReplayTarget {
  coin: string;
  timeframe: Interval;
  candleT: number;
}

/** What the engine produced for the target's coin on the tick its bar closed. */
export interface RebuiltBar {
  /** Every feature of the target bar (a copy). */
  features: Features;
  /** Session, vol bucket and regime the scan gave the bar. */
  context: StrategyContext;
  /** The coin's candidates of that tick in the engine's order (all its bars that closed then). */
  shadow: Candidate[];
  live: Candidate[];
  /** The shadow book's entry plan for each shadow candidate (sizing on the starting equity). */
  shadowPlans: (EntryPlan | EntryRefusal)[];
  /** The tradable price at the tick (next bar's open), if known. */
  price: number | undefined;
}

const NO_JOURNAL: Journal = {
  recordDecision: () => 0,
  openPosition: () => 0,
  updatePosition: () => {},
  recordExit: () => {},
  recordEquity: () => {},
};

export function targetKey(coin: string, timeframe: Interval, candleT: number): string {
  return `${coin}|${timeframe}|${candleT}`;
}

/** The friction model a decision's tag names, resolved against the run's config (costs, exits, entries). */
export function modelFor(tag: string, config: Config): ResolvedModel {
  return configuredModel(config, tag.split("+")[0]!);
}

/**
 * Replays the run up to the last target and returns the rebuilt bar of every target found (keyed by
 * targetKey); a target whose bar is not in the data is absent from the result.
 */
export function rebuildBars(
  db: Database,
  run: RunContext,
  modelTag: string,
  targets: readonly ReplayTarget[],
): Map<string, RebuiltBar> {
  const out = new Map<string, RebuiltBar>();
  if (targets.length === 0) return out;
  const { config } = run;
  const traded = [...new Set(targets.map((t) => t.coin))];
  const coins = coinsToLoad(config, traded);
  const byClose = new Map<number, Map<string, ReplayTarget[]>>();
  let last = Number.NEGATIVE_INFINITY;
  for (const t of targets) {
    const closeT = t.candleT + intervalMs(t.timeframe);
    last = Math.max(last, closeT);
    const at = byClose.get(closeT) ?? new Map<string, ReplayTarget[]>();
    byClose.set(closeT, at);
    at.set(t.coin, [...(at.get(t.coin) ?? []), t]);
  }
  const to = Math.min(run.to, last + 1);
  const data =
    run.kind === "daemon"
      ? loadDaemonWarmData(db, coins, run.intervals, run.from, config.engine.history_bars, to)
      : loadReplayData(db, { coins, intervals: run.intervals, loadFrom: run.loadFrom, to });
  const model = modelFor(modelTag, config);
  const depth = ledgerDepthSlippage(db, model, coins, run.to);
  const signals = createSignalSource(config, run.strategies, traded);
  const engine: Engine = assembleEngine({
    config,
    model,
    signals,
    journal: NO_JOURNAL,
    runId: run.runId,
    withLive: true,
    startEquity: { shadow: config.engine.shadow_equity_usd, live: config.engine.shadow_equity_usd },
    ...(depth ? { depth: depth.slippage } : {}),
  });
  const feed = new ReplayFeed(data);
  for (const t of feed.eventTimes()) {
    if (t > last) break;
    const view = feed.view(t);
    if (view.closedBars.length === 0 && view.funding.length === 0) continue;
    engine.warm(view);
    const wanted = byClose.get(t);
    if (!wanted) continue;
    for (const [coin, list] of wanted) {
      const shadow: Candidate[] = [];
      const live: Candidate[] = [];
      for (const bar of view.closedBars) {
        if (bar.coin !== coin) continue;
        const found = signals.scan(bar, t, true);
        shadow.push(...found.shadow);
        live.push(...found.live);
      }
      const shadowPlans = shadow.map((c) => engine.shadow.plan(c, view));
      for (const target of list) {
        const f = signals.features(coin, target.timeframe);
        if (f === null || f.t !== target.candleT) continue;
        out.set(targetKey(coin, target.timeframe, target.candleT), {
          features: { ...f },
          context: {
            coin,
            session: signals.setup.sessions.at(f.closeT),
            volBucket: volBucket(f.volRatio, config.features.vol_bucket),
            regime: signals.regime(coin),
          },
          shadow,
          live,
          shadowPlans,
          price: view.price(coin),
        });
      }
    }
  }
  return out;
}

/**
 * What the daemon warmed from when its session started at `start` (src/daemon/warm-up.ts): each
 * series' last `historyBars` closed bars, funding from the earliest of them — then every later bar.
 */
function loadDaemonWarmData(
  db: Database,
  coins: readonly string[],
  intervals: readonly Interval[],
  start: number,
  historyBars: number,
  to: number,
): ReplayData {
  const candles = new CandlesRepo(db);
  const series: ReplaySeries[] = [];
  let earliest = start;
  for (const coin of coins) {
    for (const interval of intervals) {
      const len = intervalMs(interval);
      const from = lastClosedOpen(start, len) - (historyBars - 1) * len;
      earliest = Math.min(earliest, from);
      const cols = candles.columns(coin, interval, from, to);
      if (cols.t.length > 0) series.push({ coin, interval, cols });
    }
  }
  const fundingRepo = new FundingRepo(db);
  const funding = new Map<string, FundingRow[]>();
  for (const coin of coins) {
    const rows = fundingRepo.list(coin, earliest, to);
    if (rows.length > 0) funding.set(coin, rows);
  }
  return { series, funding };
}
