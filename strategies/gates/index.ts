/**
 * The gate introspection of every strategy, looked up by name with the threshold set of a run's
 * config (the same parameters strategiesFromConfig binds for evaluate).
 */
import type { StrategiesConfig } from "../../src/config/sections/strategies.ts";
import type { Features } from "../../src/market/features/features.ts";
import type { ParamSet } from "../index.ts";
import type { StrategyContext, StrategyName } from "../types.ts";
import { emaPullbackGates } from "./ema-pullback.ts";
import { meanReversionGates } from "./mean-reversion.ts";
import { momentumGates } from "./momentum.ts";
import { trendAlphaGates } from "./trend-alpha.ts";
import type { GateReport } from "./types.ts";
import { zscoreReversionGates } from "./zscore-reversion.ts";

export type { Gate, GateReport } from "./types.ts";

export function strategyGates(
  name: StrategyName,
  f: Features,
  ctx: StrategyContext,
  cfg: StrategiesConfig,
  set: ParamSet,
): GateReport {
  switch (name) {
    case "momentum":
      return momentumGates(f, ctx, cfg.momentum[set]);
    case "mean_reversion":
      return meanReversionGates(f, ctx, cfg.mean_reversion[set]);
    case "ema_pullback":
      return emaPullbackGates(f, ctx, cfg.ema_pullback[set]);
    case "trend_alpha":
      return trendAlphaGates(f, ctx, cfg.trend_alpha[set]);
    case "zscore_reversion":
      return zscoreReversionGates(f, ctx, cfg.zscore_reversion[set]);
  }
}
