/** Gate introspection of mean_reversion (strategies/mean-reversion.ts), condition for condition. */
import type { Side } from "../../src/core/bucket.ts";
import type { Features } from "../../src/market/features/features.ts";
import type { MeanReversionParams } from "../mean-reversion.ts";
import { dir } from "../score.ts";
import type { StrategyContext } from "../types.ts";
import { type Gate, type GateReport, gate, n, report } from "./types.ts";

function sideGates(f: Features, p: MeanReversionParams, s: Side): Gate[] {
  const d = dir(s);
  const risk = p.stop_atr * f.atr14;
  const target = p.target_mode === "middle" ? f.bbMiddle : f.close + d * p.target_r * risk;
  const rewardR = ((target - f.close) * d) / risk;
  return [
    gate(
      "context",
      "band_not_expanding",
      `bbWidth ≤ ${n(p.band_width_max)}`,
      f.bbWidth,
      f.bbWidth <= p.band_width_max,
    ),
    gate("context", "atr_positive", "atr14 > 0", f.atr14, f.atr14 > 0),
    s === "long"
      ? gate("side", "rsi_extreme", `rsi14 ≤ ${n(p.rsi_long_max)}`, f.rsi14, f.rsi14 <= p.rsi_long_max)
      : gate("side", "rsi_extreme", `rsi14 ≥ ${n(p.rsi_short_min)}`, f.rsi14, f.rsi14 >= p.rsi_short_min),
    s === "long"
      ? gate("side", "outside_band", `close < bbLower (${n(f.bbLower)})`, f.close, f.close < f.bbLower)
      : gate("side", "outside_band", `close > bbUpper (${n(f.bbUpper)})`, f.close, f.close > f.bbUpper),
    gate(
      "filter",
      "reward",
      `reward/risk > 0 and ≥ ${n(p.min_reward_r)} (target ${p.target_mode})`,
      rewardR,
      rewardR > 0 && !(rewardR < p.min_reward_r),
    ),
  ];
}

export function meanReversionGates(f: Features, _ctx: StrategyContext, p: MeanReversionParams): GateReport {
  return report(sideGates(f, p, "long"), sideGates(f, p, "short"));
}
