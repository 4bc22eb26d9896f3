/**
 * trend_alpha (4h): ride established trends on a short list of coins (ETH, SOL, AVAX by default)
 * with a wide stop, a far target and its own trail (StrategySignal.trailDistanceR).
 *
 * Long (short mirrored) when ALL hold on the closed bar, for a coin in `coins`:
 *  - Donchian breakout: close > high20 (the prior 20 bars' high);
 *  - trend alignment: ema8 > ema21 and ema21 rising (ema21Slope > 0);
 *  - directional strength: ADX ≥ adx_min and +DI − −DI ≥ di_spread_min;
 *  - funding: rejected when the position would pay ≥ funding_headwind_cap_8h per 8 h.
 * Stop = close ∓ stop_atr·ATR, target = close ± target_atr·ATR, trail distance trail_distance_r.
 * Score = 40 + 20·ramp(ADX, adx_min→adx_full) + 20·ramp(DI spread, di_spread_min→di_spread_full)
 *       + 20·ramp(breakout depth in ATR, 0→breakout_full_atr), capped at 100.
 */
import * as z from "zod";
import type { Side } from "../src/core/bucket.ts";
import type { StrategySignal } from "../src/core/signal.ts";
import type { Features } from "../src/market/features/features.ts";
import { withDefaults } from "./params.ts";
import { clampScore, dir, ramp } from "./score.ts";
import type { StrategyContext, StrategyDef } from "./types.ts";

const W_BASE = 40;
const W_ADX = 20;
const W_DI = 20;
const W_BREAKOUT = 20;

export const TrendAlphaParamsSchema = z.strictObject({
  /** Coins traded (Hyperliquid names). */
  coins: z.array(z.string().min(1)).default(["ETH", "SOL", "AVAX"]),
  adx_min: z.number().min(0).max(100).default(20),
  adx_full: z.number().min(0).max(100).default(45),
  /** Smallest +DI − −DI (long) / −DI − +DI (short). */
  di_spread_min: z.number().min(0).default(5),
  di_spread_full: z.number().positive().default(25),
  breakout_full_atr: z.number().positive().default(1),
  /** Funding the position would pay per 8 h (fraction) at which it is rejected: 0.1%. */
  funding_headwind_cap_8h: z.number().positive().default(0.001),
  stop_atr: z.number().positive().default(2),
  target_atr: z.number().positive().default(6),
  /** Trail distance in R once the trail starts (overrides exits.trail_distance_r). */
  trail_distance_r: z.number().positive().default(1.5),
});
export type TrendAlphaParams = z.output<typeof TrendAlphaParamsSchema>;

/** Shadow records the same setup on every coin and with weaker direction. */
export const TrendAlphaShadowSchema = withDefaults(TrendAlphaParamsSchema, {
  coins: [],
  adx_min: 15,
  di_spread_min: 0,
});

function side(f: Features): Side | null {
  if (f.close > f.high20 && f.ema8 > f.ema21 && f.ema21Slope > 0) return "long";
  if (f.close < f.low20 && f.ema8 < f.ema21 && f.ema21Slope < 0) return "short";
  return null;
}

export function evaluateTrendAlpha(
  f: Features,
  ctx: StrategyContext,
  p: TrendAlphaParams,
): StrategySignal | null {
  if (p.coins.length > 0 && !p.coins.includes(ctx.coin)) return null;
  if (!(f.atr14 > 0)) return null;
  const s = side(f);
  if (s === null || !(f.adx14 >= p.adx_min)) return null;
  const d = dir(s);
  const diSpread = (f.plusDi14 - f.minusDi14) * d;
  if (!(diSpread >= p.di_spread_min)) return null;
  if ((s === "long" ? f.funding8h : -f.funding8h) >= p.funding_headwind_cap_8h) return null;

  const breakoutAtr = (s === "long" ? f.close - f.high20 : f.low20 - f.close) / f.atr14;
  const scoreRaw = clampScore(
    W_BASE +
      W_ADX * ramp(f.adx14, p.adx_min, p.adx_full) +
      W_DI * ramp(diSpread, p.di_spread_min, p.di_spread_full) +
      W_BREAKOUT * ramp(breakoutAtr, 0, p.breakout_full_atr),
  );
  return {
    side: s,
    scoreRaw,
    entryRef: f.close,
    stop: f.close - d * p.stop_atr * f.atr14,
    target: f.close + d * p.target_atr * f.atr14,
    trailDistanceR: p.trail_distance_r,
    features: {
      close: f.close,
      high20: f.high20,
      low20: f.low20,
      breakoutAtr,
      ema8: f.ema8,
      ema21: f.ema21,
      ema21Slope: f.ema21Slope,
      adx14: f.adx14,
      plusDi14: f.plusDi14,
      minusDi14: f.minusDi14,
      atr14: f.atr14,
      funding8h: f.funding8h,
    },
  };
}

export const trendAlpha: StrategyDef<TrendAlphaParams> = {
  name: "trend_alpha",
  timeframe: "4h",
  params: { live: TrendAlphaParamsSchema.parse({}), shadow: TrendAlphaShadowSchema.parse({}) },
  evaluate: evaluateTrendAlpha,
};
