/**
 * What a strategy is: a pure function of one bar's Features, its context bucket and a parameter set,
 * with two parameter sets (live and shadow thresholds), and optionally a pure CLOSE rule for the
 * positions it opened (a signal-driven exit, called by the engine on each closed bar of the
 * strategy's timeframe while the position is open). The registry (index.ts) lists them statically
 * so `bun build --compile` bundles every strategy.
 */
import type { Regime, Side } from "../src/core/bucket.ts";
import type { Interval } from "../src/core/intervals.ts";
import type { StrategySignal } from "../src/core/signal.ts";
import type { Features } from "../src/market/features/features.ts";

export const STRATEGY_NAMES = [
  "momentum",
  "mean_reversion",
  "ema_pullback",
  "trend_alpha",
  "zscore_reversion",
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** The bucket a bar falls in, known before any strategy runs. */
export interface StrategyContext {
  coin: string;
  session: string;
  volBucket: string;
  regime: Regime;
}

export interface StrategyDef<P> {
  name: StrategyName;
  /** Timeframe whose closed bars the strategy evaluates. */
  timeframe: Interval;
  params: { live: P; shadow: P };
  /** Pure: same inputs, same output; reads nothing but its arguments. */
  evaluate(f: Features, ctx: StrategyContext, p: P): StrategySignal | null;
  /**
   * Optional CLOSE rule, pure like evaluate: given a closed bar of this strategy's timeframe for a
   * coin on which this strategy holds an `openSide` position (opened under parameter set `p`),
   * "close" asks the engine to exit it; null keeps it (stop/target/trail still apply).
   */
  exitSignal?(f: Features, ctx: StrategyContext, openSide: Side, p: P): ExitSignal | null;
}

/** What a CLOSE rule can ask for. */
export type ExitSignal = "close";
