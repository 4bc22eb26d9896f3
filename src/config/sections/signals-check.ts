/**
 * Cross-section checks for the signal engine: a strategy or the regime reading a timeframe the engine
 * does not build, or a regime reference coin outside the basket, would silently never fire (or stay
 * Neutral forever), so config check reports them.
 */
import type * as z from "zod";
import type { FeaturesConfig } from "./features.ts";
import type { RegimeConfig } from "./regime.ts";
import type { StrategiesConfig } from "./strategies.ts";

interface SignalSections {
  engine: { coins: string[]; intervals: string[] };
  features: FeaturesConfig;
  regime: RegimeConfig;
  strategies: StrategiesConfig;
}

export function checkSignalConfig(cfg: SignalSections, ctx: z.RefinementCtx): void {
  const intervals = new Set(cfg.engine.intervals);
  for (const [name, s] of Object.entries(cfg.strategies)) {
    if (s.enabled && !intervals.has(s.timeframe)) {
      ctx.addIssue({
        code: "custom",
        path: ["strategies", name, "timeframe"],
        message: `${s.timeframe} is not in engine.intervals`,
      });
    }
  }
  for (const key of ["bias_timeframe", "trend_timeframe"] as const) {
    if (!intervals.has(cfg.regime[key])) {
      ctx.addIssue({
        code: "custom",
        path: ["regime", key],
        message: `${cfg.regime[key]} is not in engine.intervals`,
      });
    }
  }
  if (cfg.regime.scope === "btc" && !cfg.engine.coins.includes(cfg.regime.reference_coin)) {
    ctx.addIssue({ code: "custom", path: ["regime", "reference_coin"], message: "not in engine.coins" });
  }
  for (const set of ["live", "shadow"] as const) {
    const zr = cfg.strategies.zscore_reversion[set];
    if (zr.exit_z >= zr.z_entry) {
      ctx.addIssue({
        code: "custom",
        path: ["strategies", "zscore_reversion", set, "exit_z"],
        message: "must be below z_entry (a position would be closed on the bar it was opened for)",
      });
    }
    if (cfg.strategies.ema_pullback[set].trend_full_bars > cfg.features.cross_age_cap) {
      ctx.addIssue({
        code: "custom",
        path: ["strategies", "ema_pullback", set, "trend_full_bars"],
        message: "above features.cross_age_cap (trend age is capped there)",
      });
    }
  }
}
