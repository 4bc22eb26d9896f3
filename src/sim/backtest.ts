/**
 * `hlbot backtest`: the daemon's engine over a replay of the ledger. Same assembly, same rules, same
 * sizing; only the clock (replay), the feed (stored candles + funding) and the venue (simulated under
 * a friction model) differ. Returns the run's RunSummary with its trades (src/report/summarize.ts):
 * the shadow path in R, the live path as an account that can be halted and ruined, the events and
 * the data coverage. Deterministic: the same inputs give byte-identical output.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import { ManualClock } from "../core/clock.ts";
import type { Interval } from "../core/intervals.ts";
import type { LiveCandidate } from "../core/live-candidates.ts";
import { COMMIT, VERSION } from "../core/version.ts";
import { assembleEngine } from "../engine/assemble.ts";
import { Book, type MakerStats } from "../engine/book.ts";
import { type KillSwitchRule, killSwitchLabel } from "../engine/engine-events.ts";
import type { SignalSource } from "../engine/ports.ts";
import { BacktestRunsRepo } from "../ledger/repos/backtest-runs.ts";
import { RunEventsRepo } from "../ledger/repos/run-events.ts";
import { RunLedgerWriter } from "../ledger/run-writer.ts";
import { FeaturePipeline } from "../market/features/pipeline.ts";
import { replayPredictionSource } from "../regime-sources/index.ts";
import { seriesCoverage } from "../report/coverage.ts";
import { RunEventLog } from "../report/run-events.ts";
import type { RunOutput, SeriesCoverage, Window } from "../report/run-summary.ts";
import { byClose, toRunTrade } from "../report/run-trade.ts";
import { summarizeRun, withoutTrades } from "../report/summarize.ts";
import { backtestInputs, recordCoverage, recordProvenance } from "../runs/provenance.ts";
import { type LoadedReplayData, loadReplayData } from "./backtest-data.ts";
import type { SourceCounts } from "./depth/depth-slippage.ts";
import { ledgerDepthSlippage } from "./depth/ledger-depth.ts";
import { configuredModel } from "./models/configured.ts";
import { ReplayFeed } from "./replay-feed.ts";
import { RunRecorder } from "./run-recorder.ts";

export type BacktestMode = "both" | "shadow" | "live";

export interface BacktestRequest {
  config: Config;
  model: string;
  coins: string[];
  intervals: Interval[];
  from: number;
  to: number;
  /** Bars of history fed before `from` for warm-up (in the coarsest interval's units). */
  warmupMs: number;
  /** both (default): shadow + live path; shadow: the shadow path only; live: both, ranked on live. */
  mode: BacktestMode;
  ignoreCandidates: boolean;
  signals: SignalSource;
  /** The strategies `signals` runs (--strategies), null = every enabled one. */
  strategies?: string[] | null;
  /** Store the run, its decisions, trades, equity and events in the ledger. */
  store: boolean;
  kind?: "single" | "walk_forward" | "sweep";
  params?: Record<string, unknown>;
  /** The command line, stored with the run. */
  command?: string;
  /** What the kill switch does in the replay (default: live's rule, halt to the end). */
  killSwitch?: KillSwitchRule;
  /** Cautions found before the run (e.g. coins without data), carried into the summary. */
  warnings?: string[];
  onProgress?: (done: number, total: number) => void;
  promoted?: ReadonlyMap<string, LiveCandidate>;
  /** Where `promoted` was read from (named when nothing is promoted). */
  promotedFrom?: string;
  /** Candles and funding already loaded for exactly these coins, intervals and window (benchmarks). */
  data?: LoadedReplayData;
  /** What a stored run keeps to be reproduced (`--rerun`): the argv and the coins the signals scan. */
  provenance?: { argv: readonly string[] | null; signalCoins: readonly string[] };
}

/** The run's summary with each path's trades (RunOutput); the stored run keeps it without the trades. */
/** Maker entries per path: placed, filled, expired, cancelled. */
export interface MakerEntryCounts {
  shadow: MakerStats;
  live: MakerStats | null;
}

export type BacktestResult = RunOutput & {
  /** Depth models (v5): fills per coin priced from a recorded book, the impact model or the flat rate. */
  depthFills?: Record<string, SourceCounts>;
  /** Under maker entries (entries.maker): what became of the post-only entries each path placed. */
  makerEntries?: MakerEntryCounts;
};

const TX_TICKS = 2000;
const DAY = 86_400_000;

/** Coverage of every loaded series inside the run's window (history before it counts for warm-up). */
export function replayCoverage(data: LoadedReplayData, window: Window, warmupBars: number): SeriesCoverage[] {
  const out: SeriesCoverage[] = [];
  for (const s of data.series) {
    const c = seriesCoverage(s.coin, s.interval, s.cols.t, window, warmupBars);
    if (c) out.push(c);
  }
  return out.sort((a, b) => a.coin.localeCompare(b.coin) || a.interval.localeCompare(b.interval));
}

export function runBacktest(db: Database, req: BacktestRequest): BacktestResult {
  const { config } = req;
  const model = configuredModel(config, req.model);
  const loaded = req.data ?? loadReplayData(db, backtestDataRequest(req));
  const depth = ledgerDepthSlippage(db, model, req.coins, req.to);
  // Under a depth model the recorded books are data too: their digest joins the candles' hash.
  const data = depth ? { ...loaded, hash: `${loaded.hash}+${depth.digest}` } : loaded;
  const window = { from: req.from, to: req.to };
  // The prediction-market regime source (off by default) replays its recorded snapshots as of each tick.
  const prediction = replayPredictionSource(config.prediction_markets, db, req.from, req.to);
  const killSwitch = req.killSwitch ?? { kind: "halt" };
  const withLive = req.mode !== "shadow";
  const clock = new ManualClock(req.from);
  const runs = new BacktestRunsRepo(db);
  const runId = req.store
    ? runs.create({
        startedAt: Date.now(),
        kind: req.kind ?? "single",
        model: model.version,
        mode: req.mode,
        params: {
          coins: req.coins,
          intervals: req.intervals,
          from: req.from,
          to: req.to,
          killSwitch: killSwitchLabel(killSwitch),
          ignoreCandidates: req.ignoreCandidates,
          ...(prediction ? { predictionSnapshots: prediction.total() } : {}),
          ...req.params,
        },
        dataHash: data.hash,
        codeVersion: `${VERSION}+${COMMIT}`,
        command: req.command ?? null,
      })
    : 0;
  if (req.store)
    recordProvenance(db, runId, { config, argv: req.provenance?.argv ?? null, inputs: backtestInputs(req) });
  const log = new RunEventLog(killSwitchLabel(killSwitch));
  const ledger = req.store ? new RunLedgerWriter(db, runId, clock) : null;
  const journal = new RunRecorder(log, ledger);
  const engine = assembleEngine({
    config,
    model,
    signals: req.signals,
    journal,
    runId,
    withLive,
    startEquity: { shadow: config.engine.shadow_equity_usd, live: config.engine.shadow_equity_usd },
    ignorePromotion: req.ignoreCandidates,
    killSwitchResetMs: killSwitch.kind === "reset" ? killSwitch.days * DAY : null,
    endOnRuin: true,
    ...(depth ? { depth: depth.slippage } : {}),
    riskRegime: prediction ? { source: prediction, config: config.prediction_markets } : null,
  });
  if (req.promoted) engine.promoted = req.promoted;
  engine.onEvent = log.onEngineEvent;

  const feed = new ReplayFeed(data);
  const total = Math.max(0, Math.floor((feed.end - feed.start) / feed.step) + 1);
  let barUpdates = 0;
  let done = 0;
  let lastView = null as ReturnType<ReplayFeed["view"]> | null;
  const step = db.transaction((times: number[]) => {
    for (const t of times) {
      clock.set(t);
      const view = feed.view(t);
      barUpdates += view.closedBars.length;
      // Nothing closed and no funding: no feature, position or account can change this tick.
      if (view.closedBars.length === 0 && view.funding.length === 0) continue;
      if (t <= req.from) engine.warm(view);
      else engine.tick(view);
      lastView = view;
    }
    journal.flush();
  });
  let batch: number[] = [];
  for (const t of feed.eventTimes()) {
    if (t > req.to) break;
    batch.push(t);
    if (batch.length === TX_TICKS) {
      step(batch);
      done = Math.min(total, Math.floor((t - feed.start) / feed.step) + 1);
      req.onProgress?.(done, total);
      batch = [];
    }
  }
  step(batch);
  if (lastView) {
    const view = lastView;
    db.transaction(() => {
      engine.shadow.flatten(view, "end_of_test");
      journal.recordEquity(engine.shadow.mark(view));
      // A ruined account already recorded its end (at 0); it has nothing left to close.
      if (engine.live && !engine.liveEnded) {
        engine.live.flatten(view, "end_of_test");
        journal.recordEquity(engine.live.mark(view));
      }
      journal.flush();
    })();
  }
  journal.write();
  const closed = (mode: "shadow" | "live") =>
    journal.positions
      .filter((p) => p.mode === mode && p.status === "closed")
      .map(toRunTrade)
      .sort(byClose);
  const promotedBuckets = req.ignoreCandidates ? ("all" as const) : (req.promoted?.size ?? 0);
  const summary = summarizeRun({
    runId: req.store ? runId : null,
    modelVersion: model.version,
    dataHash: data.hash,
    mode: req.mode,
    killSwitch: killSwitchLabel(killSwitch),
    window,
    coverage: replayCoverage(data, window, FeaturePipeline.warmupBars(config.features)),
    strategyTimeframes: strategyTimeframes(config, req.strategies ?? null),
    barUpdates,
    startEquity: config.engine.shadow_equity_usd,
    shadowTrades: closed("shadow"),
    live: withLive
      ? {
          trades: closed("live"),
          equity: journal.liveEquity,
          ended: engine.liveEnded,
          promotedBuckets,
          promotedFrom: req.promotedFrom ?? null,
        }
      : null,
    events: log,
    warnings: req.warnings ?? [],
  });
  const result: BacktestResult = depth
    ? { ...summary, depthFills: Object.fromEntries(depth.slippage.counts) }
    : summary;
  if (model.entries.maker)
    result.makerEntries = {
      shadow: { ...engine.shadow.makerStats },
      live: engine.live instanceof Book ? { ...engine.live.makerStats } : null,
    };
  if (req.store) {
    db.transaction(() => {
      runs.complete(runId, Date.now(), withoutTrades(result));
      recordCoverage(db, runId, result.coverage);
      new RunEventsRepo(db).record(runId, result.events);
    })();
  }
  return result;
}

/** The run's strategies (enabled, and selected when `only` is given) → the timeframe each evaluates. */
export function strategyTimeframes(config: Config, only: readonly string[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, s] of Object.entries(config.strategies))
    if (s.enabled && (!only || only.includes(name))) out[name] = s.timeframe;
  return out;
}

/** What runBacktest loads from the ledger for `req` (history from `from − warmupMs`). */
export function backtestDataRequest(
  req: Pick<BacktestRequest, "coins" | "intervals" | "from" | "to" | "warmupMs">,
) {
  return { coins: req.coins, intervals: req.intervals, loadFrom: req.from - req.warmupMs, to: req.to };
}
