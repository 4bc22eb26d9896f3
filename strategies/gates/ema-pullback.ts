/** Gate introspection of ema_pullback (strategies/ema-pullback.ts), condition for condition. */
import type { Side } from "../../src/core/bucket.ts";
import type { Features } from "../../src/market/features/features.ts";
import type { EmaPullbackParams } from "../ema-pullback.ts";
import { dir } from "../score.ts";
import type { StrategyContext } from "../types.ts";
import { type Gate, type GateReport, gate, n, report } from "./types.ts";

function sideGates(f: Features, ctx: StrategyContext, p: EmaPullbackParams, s: Side): Gate[] {
  const d = dir(s);
  const long = s === "long";
  const age = long ? f.crossUpAge : f.crossDownAge;
  const extreme = long ? f.low : f.high;
  const pierce = ((f.ema21 - extreme) * d) / f.atr14;
  const touched = long
    ? f.low <= f.ema21 * (1 + p.touch_tolerance)
    : f.high >= f.ema21 * (1 - p.touch_tolerance);
  const stopRef = long ? Math.min(f.low, f.ema21) : Math.max(f.high, f.ema21);
  const risk = (f.close - (stopRef - d * p.stop_buffer_atr * f.atr14)) * d;
  const out: Gate[] = [
    gate(
      "context",
      "session",
      p.sessions.length ? `session in [${p.sessions.join(", ")}]` : "any session",
      ctx.session,
      p.sessions.length === 0 || p.sessions.includes(ctx.session),
    ),
    gate(
      "context",
      "vol_bucket",
      p.vol_buckets.length ? `vol bucket in [${p.vol_buckets.join(", ")}]` : "any vol bucket",
      ctx.volBucket,
      p.vol_buckets.length === 0 || p.vol_buckets.includes(ctx.volBucket),
    ),
    gate(
      "side",
      "trend_age",
      `${long ? "crossUpAge" : "crossDownAge"} ≥ ${n(p.trend_min_bars)}`,
      age,
      age >= p.trend_min_bars,
    ),
    long
      ? gate(
          "side",
          "ema21_slope",
          `ema21Slope ≥ ${n(p.slope_min)}`,
          f.ema21Slope,
          f.ema21Slope >= p.slope_min,
        )
      : gate(
          "side",
          "ema21_slope",
          `ema21Slope ≤ −${n(p.slope_min)}`,
          f.ema21Slope,
          -f.ema21Slope >= p.slope_min,
        ),
    gate("filter", "adx", `adx14 ≥ ${n(p.adx_min)}`, f.adx14, f.adx14 >= p.adx_min),
    gate("filter", "atr_positive", "atr14 > 0", f.atr14, f.atr14 > 0),
    gate(
      "filter",
      "touch",
      long ? `low ≤ ema21·(1 + ${n(p.touch_tolerance)})` : `high ≥ ema21·(1 − ${n(p.touch_tolerance)})`,
      extreme,
      touched,
    ),
    gate("filter", "pierce", `pierce ≤ ${n(p.max_pierce_atr)} ATR`, pierce, !(pierce > p.max_pierce_atr)),
    gate(
      "filter",
      "closed_back",
      long ? "close > ema21" : "close < ema21",
      f.close,
      (f.close - f.ema21) * d > 0,
    ),
  ];
  if (p.require_rejection) {
    out.push(
      gate(
        "filter",
        "rejection_bar",
        long ? "close > open" : "close < open",
        f.close - f.open,
        (f.close - f.open) * d > 0,
      ),
    );
  }
  out.push(gate("filter", "risk_positive", "entry − stop > 0", risk, risk > 0));
  return out;
}

export function emaPullbackGates(f: Features, ctx: StrategyContext, p: EmaPullbackParams): GateReport {
  return report(sideGates(f, ctx, p, "long"), sideGates(f, ctx, p, "short"));
}
