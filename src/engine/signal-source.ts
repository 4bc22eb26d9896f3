/**
 * Builds the signal engine the tick uses from the config: the strategy selection (`--strategies`),
 * the coins that may trade (the regime's reference coin is fed but never traded unless listed), and
 * how much history the features need before the first decision.
 */

import { STRATEGY_NAMES } from "../../strategies/types.ts";
import type { Config } from "../config/schema.ts";
import { DEFAULT_COINS } from "../config/sections/engine.ts";
import { UsageError } from "../core/errors.ts";
import { type Interval, intervalMs } from "../core/intervals.ts";
import { type FeatureSeriesFactory, SignalEngine } from "./signal-engine.ts";

/** The signal config with only the selected strategies enabled. */
function selectStrategies(config: Config, only: string[] | null): Config["strategies"] {
  const strategies = structuredClone(config.strategies);
  if (!only) return strategies;
  for (const name of only) {
    if (!(STRATEGY_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`--strategies: unknown strategy "${name}" (known: ${STRATEGY_NAMES.join(", ")})`);
    }
  }
  for (const name of STRATEGY_NAMES) if (!only.includes(name)) strategies[name].enabled = false;
  return strategies;
}

/**
 * The signal engine the tick uses; only the traded coins' bars produce candidates (null = all).
 * `series` supplies each coin × interval's features (default: fresh pipelines; a sweep's replay of
 * recorded ones, sim/feature-cache.ts).
 */
export function createSignalSource(
  config: Config,
  only: string[] | null,
  traded: readonly string[] | null = null,
  series?: FeatureSeriesFactory,
): SignalEngine {
  return new SignalEngine(
    {
      features: config.features,
      sessions: config.sessions,
      regime: config.regime,
      strategies: selectStrategies(config, only),
    },
    traded ? new Set(traded) : null,
    series,
  );
}

/** Coins whose candles must be loaded: the traded ones plus the regime's reference coin, in canonical order. */
export function coinsToLoad(config: Config, traded: readonly string[]): string[] {
  const set = new Set(traded);
  if (config.regime.scope === "btc") set.add(config.regime.reference_coin);
  return canonicalCoinOrder([...set]);
}

const DEFAULT_RANK = new Map(DEFAULT_COINS.map((c, i) => [c, i]));

/**
 * The order every replay and the daemon feed coins in: the default basket's order, then the other
 * coins alphabetically. Bars closing together reach the engine in this order, which decides the
 * ids of simultaneous entries and, on the live path, which of them is sized first from the equity:
 * without it `--coins ETH,BTC` and `--coins BTC,ETH` (or `--coins all`) gave the same trades with a
 * different live PnL and max drawdown in R.
 */
export function canonicalCoinOrder(coins: readonly string[]): string[] {
  const rank = (c: string) => DEFAULT_RANK.get(c) ?? Number.POSITIVE_INFINITY;
  return [...coins].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Intervals to replay: the configured ones (signals, regime, the 15m management bars, the cluster rule's). */
export function signalIntervals(config: Config, _only: string[] | null): Interval[] {
  const set = new Set<Interval>(config.engine.intervals);
  set.add(config.regime.bias_timeframe);
  set.add(config.regime.trend_timeframe);
  if (config.risk.cluster_enabled) set.add(config.risk.cluster_interval);
  return [...set];
}

/** History needed before the first decision: the warm-up bars of the coarsest interval in use. */
export function warmupMs(config: Config, only: string[] | null): number {
  const bars = createSignalSource(config, only).warmupBars + 1;
  return Math.max(...signalIntervals(config, only).map((i) => intervalMs(i))) * bars;
}
