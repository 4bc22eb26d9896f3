/**
 * ema_pullback (1h by default): buy the dip to the slow EMA inside an established trend (not a raw
 * cross), in the sessions and volatility bucket where that has worked.
 *
 * Long (short mirrored) when ALL hold on the closed bar:
 *  - established trend: ema8 has been above ema21 for ≥ trend_min_bars bars (crossUpAge) and ema21
 *    rose at least slope_min over the slope window (ema21Slope), with ADX ≥ adx_min;
 *  - pullback to the EMA: the bar's low reached ema21 (low ≤ ema21·(1 + touch_tolerance)) without
 *    piercing it by more than max_pierce_atr·ATR, and the bar closed back above ema21;
 *  - with `require_rejection`, a bullish bar (close > open);
 *  - context: session in `sessions` and vol bucket in `vol_buckets` (an empty list allows all).
 * Stop = min(low, ema21) − stop_buffer_atr·ATR; target = close + target_r × risk.
 * Score = 30 + 20·ramp(trend age, trend_min_bars→trend_full_bars) + 20·ramp(ema21Slope,
 *   slope_min→slope_full) + 15·ramp(|low − ema21| in ATR, max_pierce_atr→0) + 15·ramp(close position
 *   in the bar's range, ½→1), capped at 100.
 */
import * as z from "zod";
import type { Side } from "../src/core/bucket.ts";
import type { StrategySignal } from "../src/core/signal.ts";
import type { Features } from "../src/market/features/features.ts";
import { withDefaults } from "./params.ts";
import { clampScore, dir, ramp } from "./score.ts";
import type { StrategyContext, StrategyDef } from "./types.ts";

const W_BASE = 30;
const W_AGE = 20;
const W_SLOPE = 20;
const W_TOUCH = 15;
const W_CLOSE = 15;
/** Close position in the bar's range (0 = at the extreme against the trade) where the close part starts. */
const CLOSE_POS_FROM = 0.5;

export const EmaPullbackParamsSchema = z.strictObject({
  /** Bars ema8 must have stayed beyond ema21 (the trend, not a fresh cross). */
  trend_min_bars: z.number().int().min(1).max(200).default(10),
  /** Trend age at which the age part of the score is full (keep ≤ features.cross_age_cap). */
  trend_full_bars: z.number().int().min(1).max(200).default(40),
  /** Smallest ema21 relative change over the slope window, in the trade's direction. */
  slope_min: z.number().min(0).default(0.001),
  /** ema21 slope at which the slope part of the score is full. */
  slope_full: z.number().positive().default(0.01),
  adx_min: z.number().min(0).max(100).default(18),
  /** The low may stay this fraction above ema21 and still count as a touch. */
  touch_tolerance: z.number().min(0).default(0.001),
  /** Deepest pierce below ema21 accepted, in ATR. */
  max_pierce_atr: z.number().min(0).default(1),
  /** Require a bar closing in the trade's direction (close > open for a long). */
  require_rejection: z.boolean().default(true),
  /** Sessions allowed (empty = all). */
  sessions: z.array(z.string().min(1)).default(["EU_OPEN", "US_MAIN"]),
  /** Vol buckets allowed (empty = all). */
  vol_buckets: z.array(z.string().min(1)).default(["low"]),
  /** Stop distance beyond the pullback extreme, in ATR. */
  stop_buffer_atr: z.number().min(0).default(0.5),
  target_r: z.number().positive().default(2),
});
export type EmaPullbackParams = z.output<typeof EmaPullbackParamsSchema>;

/** Shadow records every session and vol bucket, so mining can find where pullbacks work. */
export const EmaPullbackShadowSchema = withDefaults(EmaPullbackParamsSchema, {
  sessions: [],
  vol_buckets: [],
});

function inTrend(f: Features, p: EmaPullbackParams): Side | null {
  if (f.crossUpAge >= p.trend_min_bars && f.ema21Slope >= p.slope_min) return "long";
  if (f.crossDownAge >= p.trend_min_bars && -f.ema21Slope >= p.slope_min) return "short";
  return null;
}

export function evaluateEmaPullback(
  f: Features,
  ctx: StrategyContext,
  p: EmaPullbackParams,
): StrategySignal | null {
  if (p.sessions.length > 0 && !p.sessions.includes(ctx.session)) return null;
  if (p.vol_buckets.length > 0 && !p.vol_buckets.includes(ctx.volBucket)) return null;
  const s = inTrend(f, p);
  if (s === null || !(f.adx14 >= p.adx_min) || !(f.atr14 > 0)) return null;
  const d = dir(s);
  // The bar's extreme against the trend (low for a long), and how far it is past ema21.
  const extreme = s === "long" ? f.low : f.high;
  const pierce = ((f.ema21 - extreme) * d) / f.atr14;
  const touched =
    s === "long" ? f.low <= f.ema21 * (1 + p.touch_tolerance) : f.high >= f.ema21 * (1 - p.touch_tolerance);
  if (!touched || pierce > p.max_pierce_atr) return null;
  if (!((f.close - f.ema21) * d > 0)) return null;
  if (p.require_rejection && !((f.close - f.open) * d > 0)) return null;

  const stopRef = s === "long" ? Math.min(f.low, f.ema21) : Math.max(f.high, f.ema21);
  const stop = stopRef - d * p.stop_buffer_atr * f.atr14;
  const risk = (f.close - stop) * d;
  if (!(risk > 0)) return null;
  const range = f.high - f.low;
  const closePos = range > 0 ? (s === "long" ? f.close - f.low : f.high - f.close) / range : CLOSE_POS_FROM;
  const age = s === "long" ? f.crossUpAge : f.crossDownAge;
  const scoreRaw = clampScore(
    W_BASE +
      W_AGE * ramp(age, p.trend_min_bars, p.trend_full_bars) +
      W_SLOPE * ramp(f.ema21Slope * d, p.slope_min, p.slope_full) +
      W_TOUCH * ramp(Math.abs(pierce), p.max_pierce_atr, 0) +
      W_CLOSE * ramp(closePos, CLOSE_POS_FROM, 1),
  );
  return {
    side: s,
    scoreRaw,
    entryRef: f.close,
    stop,
    target: f.close + d * p.target_r * risk,
    features: {
      close: f.close,
      open: f.open,
      low: f.low,
      high: f.high,
      ema8: f.ema8,
      ema21: f.ema21,
      ema21Slope: f.ema21Slope,
      trendAge: age,
      pierceAtr: pierce,
      closePos,
      adx14: f.adx14,
      atr14: f.atr14,
      volRatio: f.volRatio,
    },
  };
}

export const emaPullback: StrategyDef<EmaPullbackParams> = {
  name: "ema_pullback",
  timeframe: "1h",
  params: { live: EmaPullbackParamsSchema.parse({}), shadow: EmaPullbackShadowSchema.parse({}) },
  evaluate: evaluateEmaPullback,
};
