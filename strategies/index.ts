/**
 * The static strategy registry (no dynamic import: the compiled binary must contain every strategy)
 * and the binding of each strategy to the parameter sets and timeframe chosen in config.
 */
import type { StrategiesConfig } from "../src/config/sections/strategies.ts";
import type { Side } from "../src/core/bucket.ts";
import type { Interval } from "../src/core/intervals.ts";
import type { StrategySignal } from "../src/core/signal.ts";
import type { Features } from "../src/market/features/features.ts";
import { emaPullback } from "./ema-pullback.ts";
import { meanReversion } from "./mean-reversion.ts";
import { momentum } from "./momentum.ts";
import { trendAlpha } from "./trend-alpha.ts";
import {
  type ExitSignal,
  STRATEGY_NAMES,
  type StrategyContext,
  type StrategyDef,
  type StrategyName,
} from "./types.ts";
import { zscoreReversion } from "./zscore-reversion.ts";

export type { ExitSignal, StrategyContext, StrategyDef, StrategyName } from "./types.ts";
export { STRATEGY_NAMES } from "./types.ts";

/** Every strategy with its default timeframe and parameter sets, in evaluation order. */
export const STRATEGIES = {
  momentum,
  mean_reversion: meanReversion,
  ema_pullback: emaPullback,
  trend_alpha: trendAlpha,
  zscore_reversion: zscoreReversion,
} as const satisfies Record<StrategyName, { name: StrategyName; timeframe: Interval }>;

/** Which threshold set to evaluate with: live candidates or shadow exploration. */
export type ParamSet = "live" | "shadow";

/** A strategy with its parameter sets bound: what the scanner calls. */
export interface BoundStrategy {
  name: StrategyName;
  timeframe: Interval;
  evaluate(f: Features, ctx: StrategyContext, set: ParamSet): StrategySignal | null;
  /**
   * The strategy's CLOSE rule, when it has one, bound like evaluate: `set` is the threshold set the
   * position was opened under (a live position is judged by the live set, a shadow one by shadow).
   */
  exitSignal?: (f: Features, ctx: StrategyContext, openSide: Side, set: ParamSet) => ExitSignal | null;
}

export function bindStrategy<P>(def: StrategyDef<P>): BoundStrategy {
  const { live, shadow } = def.params;
  const evaluate = def.evaluate;
  const bound: BoundStrategy = {
    name: def.name,
    timeframe: def.timeframe,
    evaluate: (f, ctx, set) => evaluate(f, ctx, set === "live" ? live : shadow),
  };
  const exit = def.exitSignal;
  if (exit) bound.exitSignal = (f, ctx, side, set) => exit(f, ctx, side, set === "live" ? live : shadow);
  return bound;
}

function configured<P>(def: StrategyDef<P>, c: { timeframe: Interval; live: P; shadow: P }): StrategyDef<P> {
  return { ...def, timeframe: c.timeframe, params: { live: c.live, shadow: c.shadow } };
}

/** The enabled strategies, in registry order, with timeframes and thresholds from config. */
export function strategiesFromConfig(cfg: StrategiesConfig): BoundStrategy[] {
  const out: BoundStrategy[] = [];
  for (const name of STRATEGY_NAMES) {
    if (!cfg[name].enabled) continue;
    switch (name) {
      case "momentum":
        out.push(bindStrategy(configured(STRATEGIES.momentum, cfg.momentum)));
        break;
      case "mean_reversion":
        out.push(bindStrategy(configured(STRATEGIES.mean_reversion, cfg.mean_reversion)));
        break;
      case "ema_pullback":
        out.push(bindStrategy(configured(STRATEGIES.ema_pullback, cfg.ema_pullback)));
        break;
      case "trend_alpha":
        out.push(bindStrategy(configured(STRATEGIES.trend_alpha, cfg.trend_alpha)));
        break;
      case "zscore_reversion":
        out.push(bindStrategy(configured(STRATEGIES.zscore_reversion, cfg.zscore_reversion)));
        break;
    }
  }
  return out;
}
