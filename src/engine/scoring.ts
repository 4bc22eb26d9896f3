/**
 * Final score of a candidate: the strategy's raw score times the regime multiplier of its strategy
 * (with-trend, counter-trend or neutral; regime.multipliers in config), capped at regime.score_cap.
 */

import type { StrategyName } from "../../strategies/types.ts";
import type { RegimeConfig } from "../config/sections/regime.ts";
import type { Regime, Side } from "../core/bucket.ts";

export function regimeMultiplier(
  strategy: StrategyName,
  side: Side,
  regime: Regime,
  cfg: RegimeConfig,
): number {
  const m = cfg.multipliers[strategy];
  if (regime === "Neutral") return m.neutral;
  const withTrend = (regime === "Long") === (side === "long");
  return withTrend ? m.with_trend : m.counter_trend;
}

export function finalScore(scoreRaw: number, multiplier: number, cap: number): number {
  return Math.min(cap, Math.max(0, scoreRaw * multiplier));
}
