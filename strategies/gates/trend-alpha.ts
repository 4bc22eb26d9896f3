/** Gate introspection of trend_alpha (strategies/trend-alpha.ts), condition for condition. */
import type { Side } from "../../src/core/bucket.ts";
import type { Features } from "../../src/market/features/features.ts";
import { dir } from "../score.ts";
import type { TrendAlphaParams } from "../trend-alpha.ts";
import type { StrategyContext } from "../types.ts";
import { type Gate, type GateReport, gate, n, report } from "./types.ts";

function sideGates(f: Features, ctx: StrategyContext, p: TrendAlphaParams, s: Side): Gate[] {
  const d = dir(s);
  const diSpread = (f.plusDi14 - f.minusDi14) * d;
  const paid = s === "long" ? f.funding8h : -f.funding8h;
  const listed = p.coins.length === 0 || p.coins.includes(ctx.coin);
  return [
    gate(
      "context",
      "coin_listed",
      p.coins.length ? `coin in [${p.coins.join(", ")}]` : "any coin",
      ctx.coin,
      listed,
    ),
    gate("context", "atr_positive", "atr14 > 0", f.atr14, f.atr14 > 0),
    s === "long"
      ? gate("side", "breakout", `close > high20 (${n(f.high20)})`, f.close, f.close > f.high20)
      : gate("side", "breakout", `close < low20 (${n(f.low20)})`, f.close, f.close < f.low20),
    s === "long"
      ? gate("side", "ema_aligned", `ema8 > ema21 (${n(f.ema21)})`, f.ema8, f.ema8 > f.ema21)
      : gate("side", "ema_aligned", `ema8 < ema21 (${n(f.ema21)})`, f.ema8, f.ema8 < f.ema21),
    s === "long"
      ? gate("side", "ema21_slope", "ema21Slope > 0", f.ema21Slope, f.ema21Slope > 0)
      : gate("side", "ema21_slope", "ema21Slope < 0", f.ema21Slope, f.ema21Slope < 0),
    gate("filter", "adx", `adx14 ≥ ${n(p.adx_min)}`, f.adx14, f.adx14 >= p.adx_min),
    gate("filter", "di_spread", `DI spread ≥ ${n(p.di_spread_min)}`, diSpread, diSpread >= p.di_spread_min),
    gate(
      "filter",
      "funding_headwind",
      `funding paid per 8h < ${n(p.funding_headwind_cap_8h)} (unknown passes)`,
      paid,
      !(paid >= p.funding_headwind_cap_8h),
    ),
  ];
}

export function trendAlphaGates(f: Features, ctx: StrategyContext, p: TrendAlphaParams): GateReport {
  return report(sideGates(f, ctx, p, "long"), sideGates(f, ctx, p, "short"));
}
