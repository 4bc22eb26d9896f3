/**
 * One engine session of the daemon, built from the ledger alone — at start, and again after a tick
 * whose transaction failed (crash-only: recovery and start-up share this path). The engine is the
 * backtest's assembly (assembleEngine) with the daemon's journal (run 0), the persisted halts and
 * account, the shadow positions the ledger holds open, and features warmed from stored history.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import type { Clock } from "../core/clock.ts";
import { assembleEngine } from "../engine/assemble.ts";
import type { Engine } from "../engine/engine.ts";
import { LedgerJournal } from "../engine/journals.ts";
import { createSignalSource } from "../engine/signal-source.ts";
import { OpenPositionsRepo } from "../ledger/repos/open-positions.ts";
import { livePredictionSource } from "../regime-sources/index.ts";
import type { RiskRegime } from "../regime-sources/port.ts";
import { ledgerDepthSlippage } from "../sim/depth/ledger-depth.ts";
import type { ResolvedModel } from "../sim/models/index.ts";
import type { LiveSetup } from "./live-path.ts";
import type { SeriesSet } from "./series.ts";
import type { DaemonStateStore, FeedCursors } from "./state-store.ts";
import { warmEngine } from "./warm-up.ts";

export interface Session {
  engine: Engine;
  cursors: FeedCursors;
  /** Position id → best price last written to the ledger (written again when it moves). */
  writtenBest: Map<number, number>;
  /** Trail distances as last persisted (JSON), to write only on change. */
  trailsJson: string;
}

export interface SessionDeps {
  config: Config;
  db: Database;
  clock: Clock;
  model: ResolvedModel;
  series: SeriesSet;
  state: DaemonStateStore;
  live: LiveSetup | null;
}

/** The trail distance a position was opened with when no record of it survives: its strategy's, else config. */
export function defaultTrailDistance(config: Config, strategy: string): number {
  const entry = (
    config.strategies as unknown as Record<
      string,
      { shadow?: { trail_distance_r?: unknown }; exits?: { trail_distance_r: number | null } }
    >
  )[strategy];
  if (typeof entry?.exits?.trail_distance_r === "number") return entry.exits.trail_distance_r;
  const v = entry?.shadow?.trail_distance_r;
  return typeof v === "number" ? v : config.exits.trail_distance_r;
}

/** The live prediction-market source (polled off the tick, recording prediction_snapshots), or null when off. */
function predictionRegime(
  config: Config,
  db: SessionDeps["db"],
  clock: SessionDeps["clock"],
): RiskRegime | null {
  const source = livePredictionSource(config.prediction_markets, db, clock);
  return source ? { source, config: config.prediction_markets } : null;
}

export function bootSession(d: SessionDeps, now: number): Session & { warmedBars: number } {
  const { config, db, state } = d;
  const engine = assembleEngine({
    config,
    model: d.model,
    signals: createSignalSource(config, null, config.engine.coins),
    journal: new LedgerJournal(db, 0, d.clock),
    runId: 0,
    withLive: false,
    ...(d.live ? { liveBook: d.live.path.book } : {}),
    startEquity: { shadow: config.engine.shadow_equity_usd, live: d.live?.account.startEquity ?? 0 },
    restored: { shadow: state.account("shadow"), halts: state.halts() },
    equityEveryMs: config.daemon.equity_snapshot_seconds * 1000,
    ...(d.model.depth ? { depth: ledgerDepthSlippage(db, d.model, config.engine.coins, now)!.slippage } : {}),
    riskRegime: predictionRegime(config, db, d.clock),
  });
  const trails = state.trails();
  const open = new OpenPositionsRepo(db).list(
    0,
    "shadow",
    (p) => trails[p.id] ?? defaultTrailDistance(config, p.strategy),
  );
  engine.shadow.restore(open);
  const warm = warmEngine(engine, db, d.series, state.cursors(), {
    now,
    historyBars: config.engine.history_bars,
    maxBarAgeMs: config.daemon.max_bar_age_seconds * 1000,
  });
  return {
    engine,
    cursors: warm.cursors,
    writtenBest: new Map(open.map((p) => [p.id, p.bestPx])),
    trailsJson: JSON.stringify(trails),
    warmedBars: warm.bars,
  };
}
