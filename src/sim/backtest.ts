/**
 * `hlbot backtest`: the daemon's engine over a replay of the ledger. Same assembly, same rules, same
 * sizing; only the clock (replay), the feed (stored candles + funding) and the venue (simulated under
 * a friction model) differ. Results are deterministic: the same inputs give byte-identical output.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import { bucketKey } from "../core/bucket.ts";
import { ManualClock } from "../core/clock.ts";
import type { Interval } from "../core/intervals.ts";
import { COMMIT, VERSION } from "../core/version.ts";
import { assembleEngine } from "../engine/assemble.ts";
import { LedgerJournal, MemoryJournal } from "../engine/journals.ts";
import type { Journal, SignalSource } from "../engine/ports.ts";
import { netPnl, type Position, rMultiple } from "../engine/position.ts";
import { BacktestRunsRepo } from "../ledger/repos/backtest-runs.ts";
import {
  type CurveStats,
  curveStats,
  type EquityPoint,
  groupStats,
  type TradeLike,
  type TradeStats,
  tradeStats,
} from "../report/metrics.ts";
import { type LoadedReplayData, loadReplayData } from "./backtest-data.ts";
import type { SourceCounts } from "./depth/depth-slippage.ts";
import { ledgerDepthSlippage } from "./depth/ledger-depth.ts";
import { getModel, resolveModel } from "./models/index.ts";
import { ReplayFeed } from "./replay-feed.ts";

export interface BacktestRequest {
  config: Config;
  model: string;
  coins: string[];
  intervals: Interval[];
  from: number;
  to: number;
  /** Bars of history fed before `from` for warm-up (in the coarsest interval's units). */
  warmupMs: number;
  mode: "shadow" | "live";
  ignoreCandidates: boolean;
  signals: SignalSource;
  /** Store the run, its decisions, trades and equity in the ledger. */
  store: boolean;
  kind?: "single" | "walk_forward" | "sweep";
  params?: Record<string, unknown>;
  onProgress?: (done: number, total: number) => void;
  promoted?: ReadonlyMap<string, import("../core/live-candidates.ts").LiveCandidate>;
  /** Candles and funding already loaded for exactly these coins, intervals and window (benchmarks). */
  data?: LoadedReplayData;
}

export interface ModeResult {
  trades: TradeLike[];
  overall: TradeStats & CurveStats;
  byStrategy: Record<string, TradeStats>;
  byBucket: Record<string, TradeStats>;
  equity: EquityPoint[];
}

export interface BacktestResult {
  runId: number | null;
  modelVersion: string;
  dataHash: string;
  window: { from: number; to: number };
  barUpdates: number;
  shadow: ModeResult;
  live: ModeResult | null;
  /** Depth models (v5): fills per coin priced from a recorded book, the impact model or the flat rate. */
  depthFills?: Record<string, SourceCounts>;
}

const TX_TICKS = 2000;

export function runBacktest(db: Database, req: BacktestRequest): BacktestResult {
  const { config } = req;
  const model = resolveModel(getModel(req.model), config.friction, config.exits);
  const loaded = req.data ?? loadReplayData(db, backtestDataRequest(req));
  const depth = ledgerDepthSlippage(db, model, req.coins, req.to);
  // Under a depth model the recorded books are data too: their digest joins the candles' hash.
  const data = depth ? { ...loaded, hash: `${loaded.hash}+${depth.digest}` } : loaded;
  const clock = new ManualClock(req.from);
  const runs = new BacktestRunsRepo(db);
  const runId = req.store
    ? runs.create({
        startedAt: Date.now(),
        kind: req.kind ?? "single",
        model: model.version,
        mode: req.mode,
        params: { coins: req.coins, intervals: req.intervals, from: req.from, to: req.to, ...req.params },
        dataHash: data.hash,
        codeVersion: `${VERSION}+${COMMIT}`,
      })
    : 0;
  const memory = new MemoryJournal();
  const ledger = req.store ? new LedgerJournal(db, runId, clock, true) : null;
  const journal: Journal = ledger ? new TeeJournal(ledger, memory) : memory;
  const engine = assembleEngine({
    config,
    model,
    signals: req.signals,
    journal,
    runId,
    withLive: req.mode === "live",
    startEquity: { shadow: config.engine.shadow_equity_usd, live: config.engine.shadow_equity_usd },
    ignorePromotion: req.ignoreCandidates,
    ...(depth ? { depth: depth.slippage } : {}),
  });
  if (req.promoted) engine.promoted = req.promoted;

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
    ledger?.flush();
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
    db.transaction(() => {
      engine.shadow.flatten(lastView!, "end_of_test");
      engine.live?.flatten(lastView!, "end_of_test");
      for (const book of [engine.shadow, engine.live]) if (book) journal.recordEquity(book.mark(lastView!));
      ledger?.flush();
    })();
  }
  const result: BacktestResult = {
    runId: req.store ? runId : null,
    modelVersion: model.version,
    dataHash: data.hash,
    window: { from: req.from, to: req.to },
    barUpdates,
    shadow: summarize(memory, "shadow", config.engine.shadow_equity_usd),
    live: req.mode === "live" ? summarize(memory, "live", config.engine.shadow_equity_usd) : null,
    ...(depth ? { depthFills: Object.fromEntries(depth.slippage.counts) } : {}),
  };
  if (req.store)
    runs.complete(runId, Date.now(), {
      ...result,
      shadow: modeSummary(result.shadow),
      live: result.live && modeSummary(result.live),
    });
  return result;
}

/** What runBacktest loads from the ledger for `req` (history from `from − warmupMs`). */
export function backtestDataRequest(
  req: Pick<BacktestRequest, "coins" | "intervals" | "from" | "to" | "warmupMs">,
) {
  return { coins: req.coins, intervals: req.intervals, loadFrom: req.from - req.warmupMs, to: req.to };
}

/** A path's statistics without its trade list and equity curve (what a stored run keeps). */
export function modeSummary(m: ModeResult) {
  return { overall: m.overall, byStrategy: m.byStrategy, byBucket: m.byBucket };
}

export function toTrade(p: Position): TradeLike {
  return {
    strategy: p.strategy,
    bucket: bucketKey({
      strategy: p.strategy,
      side: p.side,
      session: p.session,
      regime: p.regime,
      vol_bucket: p.volBucket,
    }),
    openedAt: p.openedAt,
    closedAt: p.closedAt ?? p.openedAt,
    netPnl: netPnl(p),
    r: rMultiple(p),
    fees: p.fees,
    slippage: p.slippage,
    funding: p.funding,
    exitReason: p.exitReason ?? "open",
  };
}

function summarize(memory: MemoryJournal, mode: "shadow" | "live", startEquity: number): ModeResult {
  const trades = memory.positions.filter((p) => p.mode === mode && p.status === "closed").map(toTrade);
  const equity = memory.equity.filter((e) => e.mode === mode).map((e) => ({ t: e.t, equity: e.equity }));
  return {
    trades,
    overall: { ...tradeStats(trades), ...curveStats(equity, startEquity, trades) },
    byStrategy: groupStats(trades, (t) => t.strategy),
    byBucket: groupStats(trades, (t) => t.bucket),
    equity,
  };
}

/** Writes to the ledger and keeps the in-memory copy the summary is computed from. */
class TeeJournal implements Journal {
  constructor(
    private readonly a: Journal,
    private readonly b: Journal,
  ) {}
  recordDecision(d: Parameters<Journal["recordDecision"]>[0]): number {
    this.b.recordDecision(d);
    return this.a.recordDecision(d);
  }
  openPosition(p: Position): number {
    this.b.openPosition(p);
    return this.a.openPosition(p);
  }
  updatePosition(p: Position): void {
    this.a.updatePosition(p);
  }
  recordExit(p: Position, e: Parameters<Journal["recordExit"]>[1]): void {
    this.a.recordExit(p, e);
  }
  recordEquity(s: Parameters<Journal["recordEquity"]>[0]): void {
    this.a.recordEquity(s);
    this.b.recordEquity(s);
  }
}
