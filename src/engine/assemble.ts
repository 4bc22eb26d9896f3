/**
 * Wires an Engine from the config: the same assembly for `hlbot backtest` and `hlbot trade`, so both
 * run identical rules. Only the signal source, journal, venue model and starting equity are injected.
 */
import type { Config } from "../config/schema.ts";
import { clusterRiskSettings, clusterTrackerSettings } from "../config/sections/cluster-risk.ts";
import { HOUR_MS } from "../core/clock.ts";
import type { RiskRegime } from "../regime-sources/port.ts";
import { ClusterTracker } from "../risk/cluster-tracker.ts";
import { EMPTY_HALTS, type HaltState } from "../risk/halts.ts";
import type { DepthSlippage } from "../sim/depth/depth-slippage.ts";
import type { ResolvedModel } from "../sim/models/index.ts";
import { SimVenue } from "../sim/sim-venue.ts";
import { type AccountState, EquityTracker } from "./account.ts";
import { Book, type BookSettings } from "./book.ts";
import { Engine } from "./engine.ts";
import type { Journal, SignalSource, TradingBook } from "./ports.ts";
import type { Mode } from "./position.ts";
import { strategyExitLevels } from "./strategy-exits.ts";

export interface AssembleOptions {
  config: Config;
  model: ResolvedModel;
  signals: SignalSource;
  journal: Journal;
  runId: number;
  /** Run the live path too (on the simulated venue in a backtest). */
  withLive: boolean;
  /** The live path's book when it is not simulated (the daemon's Hyperliquid book). */
  liveBook?: TradingBook;
  startEquity: { shadow: number; live: number };
  restored?: { shadow?: AccountState; live?: AccountState; halts?: HaltState };
  equityEveryMs?: number;
  ignorePromotion?: boolean;
  /** Backtest replay rules (see EngineSettings): the kill switch's reset, ending a ruined account. */
  killSwitchResetMs?: number | null;
  endOnRuin?: boolean;
  /** The prediction-market regime source (live or replayed); absent/null when prediction_markets is off. */
  riskRegime?: RiskRegime | null;
  /** Book-depth slippage for a depth model (v5); shared by the simulated books. */
  depth?: DepthSlippage;
}

export function bookSettings(config: Config, mode: Mode, runId: number): BookSettings {
  return {
    mode,
    runId,
    riskFraction: config.risk.risk_fraction,
    maxLeverage: config.risk.max_leverage,
    maxNotionalUsd: config.risk.max_notional_usd,
    partialFraction: config.exits.partial_fraction,
    partialAtR: config.exits.partial_at_r,
    breakevenAfterPartial: config.exits.breakeven_after_partial,
    breakevenAtR: config.exits.breakeven_at_r,
    trailFromR: config.exits.trail_from_r,
    trailDistanceR: config.exits.trail_distance_r,
    strategyExits: strategyExitLevels(config.exits, config.strategies),
    timeoutMs: config.risk.position_timeout_hours * HOUR_MS,
    compounding: mode === "live",
  };
}

export function assembleEngine(o: AssembleOptions): Engine {
  const { config } = o;
  const shadow = new Book(
    bookSettings(config, "shadow", o.runId),
    new SimVenue(o.model, o.depth ?? null),
    new EquityTracker("shadow", o.startEquity.shadow, o.restored?.shadow),
    o.journal,
  );
  const live: TradingBook | null = o.liveBook
    ? o.liveBook
    : o.withLive
      ? new Book(
          bookSettings(config, "live", o.runId),
          new SimVenue(o.model, o.depth ?? null),
          new EquityTracker("live", o.startEquity.live, o.restored?.live),
          o.journal,
        )
      : null;
  return new Engine(o.signals, shadow, live, o.restored?.halts ?? structuredClone(EMPTY_HALTS), o.journal, {
    minScore: config.live.min_score,
    maxPositions: config.risk.max_positions,
    shadowOnly: new Set(config.live.shadow_only_strategies),
    probationMultiplier: config.risk.probation_size_multiplier,
    halts: config.risk,
    equityEveryMs: o.equityEveryMs ?? HOUR_MS,
    ignorePromotion: o.ignorePromotion ?? false,
    killSwitchResetMs: o.killSwitchResetMs ?? null,
    endOnRuin: o.endOnRuin ?? false,
    cluster: config.risk.cluster_enabled
      ? {
          tracker: new ClusterTracker(config.engine.coins, clusterTrackerSettings(config.risk)),
          interval: config.risk.cluster_interval,
          rule: clusterRiskSettings(config.risk),
        }
      : null,
    entryDelay: o.model.entries,
    riskRegime: o.riskRegime ?? null,
  });
}
