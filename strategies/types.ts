/**
 * What a strategy is: a pure function of one bar's Features, its context bucket and a parameter set,
 * with two parameter sets (live and shadow thresholds). The registry (index.ts) lists them statically
 * so `bun build --compile` bundles every strategy.
 */
import type { Regime } from "../src/core/bucket.ts";
import type { Interval } from "../src/core/intervals.ts";
import type { StrategySignal } from "../src/core/signal.ts";
import type { Features } from "../src/market/features/features.ts";

export const STRATEGY_NAMES = ["momentum", "mean_reversion", "ema_pullback", "trend_alpha"] as const;
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
}
