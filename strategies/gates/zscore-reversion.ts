/** Gate introspection of zscore_reversion (strategies/zscore-reversion.ts), condition for condition. */
import type { Side } from "../../src/core/bucket.ts";
import type { Features } from "../../src/market/features/features.ts";
import type { StrategyContext } from "../types.ts";
import type { ZScoreReversionParams } from "../zscore-reversion.ts";
import { type Gate, type GateReport, gate, n, report } from "./types.ts";

function sideGates(f: Features, p: ZScoreReversionParams, s: Side): Gate[] {
  const long = s === "long";
  return [
    gate("context", "no_trend", `adx14 ≤ ${n(p.adx_max)}`, f.adx14, f.adx14 <= p.adx_max),
    gate("context", "atr_positive", "atr14 > 0", f.atr14, f.atr14 > 0),
    long
      ? gate("side", "stretched", `zScore ≤ −${n(p.z_entry)}`, f.zScore, f.zScore <= -p.z_entry)
      : gate("side", "stretched", `zScore ≥ ${n(p.z_entry)}`, f.zScore, f.zScore >= p.z_entry),
    long
      ? gate("side", "outside_band", `close < bbLower (${n(f.bbLower)})`, f.close, f.close < f.bbLower)
      : gate("side", "outside_band", `close > bbUpper (${n(f.bbUpper)})`, f.close, f.close > f.bbUpper),
    long
      ? gate("side", "rsi_confirms", `rsi14 ≤ ${n(p.rsi_long_max)}`, f.rsi14, f.rsi14 <= p.rsi_long_max)
      : gate("side", "rsi_confirms", `rsi14 ≥ ${n(p.rsi_short_min)}`, f.rsi14, f.rsi14 >= p.rsi_short_min),
    gate("filter", "mean_reverting", `hurst < ${n(p.hurst_max)}`, f.hurst, f.hurst < p.hurst_max),
  ];
}

export function zscoreReversionGates(
  f: Features,
  _ctx: StrategyContext,
  p: ZScoreReversionParams,
): GateReport {
  return report(sideGates(f, p, "long"), sideGates(f, p, "short"));
}
