/**
 * momentum (15m): a fresh EMA8/21 cross confirmed by a 20-bar breakout, in a strengthening trend.
 *
 * Long (short mirrored) when ALL hold on the closed bar:
 *  - cross confirmed by breakout: ema8 crossed above ema21 within the last `cross_within_bars` bars
 *    (crossUpAge < cross_within_bars, so ema8 > ema21 still holds) AND close > high20, the highest
 *    high of the 20 bars BEFORE this one;
 *  - RSI in the long zone [rsi_long_min, rsi_long_max] and, with `rsi_must_turn`, rising
 *    (rsi14 > prevRsi14); short: [rsi_short_min, rsi_short_max] and falling;
 *  - volume spike: volume ≥ volume_ratio_min × the prior 20-bar mean;
 *  - ATR floor: atr14 / close ≥ atr_pct_min (no trades in dead markets);
 *  - ADX ≥ adx_min and rising on each of the last `adx_rising_bars` bars;
 *  - funding: rejected when the position would pay ≥ funding_headwind_cap_8h; a tailwind from
 *    funding_tailwind_from_8h adds up to funding_bonus_max points (unknown funding: no effect).
 * Stop = close ∓ stop_atr·ATR, target = close ± target_atr·ATR.
 * Score = 30 (all gates) + 25·ramp(ADX, adx_min→adx_full) + 25·ramp(volume ratio, min→volume_full)
 *       + 20·ramp(breakout depth in ATR, 0→breakout_full_atr) + funding bonus, capped at 100.
 */
import * as z from "zod";
import type { Side } from "../src/core/bucket.ts";
import type { StrategySignal } from "../src/core/signal.ts";
import type { Features } from "../src/market/features/features.ts";
import { withDefaults } from "./params.ts";
import { clampScore, dir, fundingBonus, fundingCost8h, fundingHeadwind, ramp } from "./score.ts";
import type { StrategyContext, StrategyDef } from "./types.ts";

const W_BASE = 30;
const W_ADX = 25;
const W_VOLUME = 25;
const W_BREAKOUT = 20;

export const MomentumParamsSchema = z.strictObject({
  /** The EMA8/21 cross must be younger than this many bars (age 0 = it crossed on the signal bar). */
  cross_within_bars: z.number().int().min(1).max(50).default(3),
  rsi_long_min: z.number().min(0).max(100).default(40),
  rsi_long_max: z.number().min(0).max(100).default(80),
  rsi_short_min: z.number().min(0).max(100).default(20),
  rsi_short_max: z.number().min(0).max(100).default(60),
  /** Require RSI to move in the trade's direction on the signal bar. */
  rsi_must_turn: z.boolean().default(true),
  /** Volume over the prior 20-bar mean. */
  volume_ratio_min: z.number().min(0).default(1.5),
  /** Volume ratio at which the volume part of the score is full. */
  volume_full: z.number().positive().default(3),
  /** ATR floor as a fraction of price. */
  atr_pct_min: z.number().min(0).default(0.001),
  adx_min: z.number().min(0).max(100).default(25),
  /** ADX at which the ADX part of the score is full. */
  adx_full: z.number().min(0).max(100).default(50),
  /** ADX must have risen on each of the last N bars. */
  adx_rising_bars: z.number().int().min(0).max(10).default(3),
  /** Close beyond the prior 20-bar extreme, in ATR, at which the breakout part is full. */
  breakout_full_atr: z.number().positive().default(1),
  /** Funding the position would pay per 8 h (fraction) at which it is rejected: 0.05%. */
  funding_headwind_cap_8h: z.number().positive().default(0.0005),
  /** Funding received per 8 h from which a bonus is added: 0.01%. */
  funding_tailwind_from_8h: z.number().min(0).default(0.0001),
  /** Funding received per 8 h at which the bonus is full. */
  funding_tailwind_full_8h: z.number().positive().default(0.0005),
  funding_bonus_max: z.number().min(0).max(100).default(20),
  stop_atr: z.number().positive().default(1.5),
  target_atr: z.number().positive().default(3),
});
export type MomentumParams = z.output<typeof MomentumParamsSchema>;

/** Shadow explores looser gates (ADX ≥ 15, any volume ≥ 1×), same RSI zones. */
export const MomentumShadowSchema = withDefaults(MomentumParamsSchema, { adx_min: 15, volume_ratio_min: 1 });

function side(f: Features, p: MomentumParams): Side | null {
  if (f.crossUpAge >= 0 && f.crossUpAge < p.cross_within_bars && f.close > f.high20) return "long";
  if (f.crossDownAge >= 0 && f.crossDownAge < p.cross_within_bars && f.close < f.low20) return "short";
  return null;
}

export function evaluateMomentum(
  f: Features,
  _ctx: StrategyContext,
  p: MomentumParams,
): StrategySignal | null {
  const s = side(f, p);
  if (s === null) return null;
  const d = dir(s);
  const rsiOk =
    s === "long"
      ? f.rsi14 >= p.rsi_long_min && f.rsi14 <= p.rsi_long_max
      : f.rsi14 >= p.rsi_short_min && f.rsi14 <= p.rsi_short_max;
  if (!rsiOk) return null;
  if (p.rsi_must_turn && !((f.rsi14 - f.prevRsi14) * d > 0)) return null;
  if (!(f.volumeRatio >= p.volume_ratio_min)) return null;
  if (!(f.atrPct >= p.atr_pct_min)) return null;
  if (!(f.adx14 >= p.adx_min) || f.adxRiseStreak < p.adx_rising_bars) return null;
  const cost = fundingCost8h(s, f.funding8h);
  if (fundingHeadwind(cost, p)) return null;

  const bonus = fundingBonus(cost, p);
  const breakoutAtr = (s === "long" ? f.close - f.high20 : f.low20 - f.close) / f.atr14;
  const scoreRaw = clampScore(
    W_BASE +
      W_ADX * ramp(f.adx14, p.adx_min, p.adx_full) +
      W_VOLUME * ramp(f.volumeRatio, p.volume_ratio_min, p.volume_full) +
      W_BREAKOUT * ramp(breakoutAtr, 0, p.breakout_full_atr) +
      bonus,
  );
  return {
    side: s,
    scoreRaw,
    entryRef: f.close,
    stop: f.close - d * p.stop_atr * f.atr14,
    target: f.close + d * p.target_atr * f.atr14,
    features: {
      close: f.close,
      ema8: f.ema8,
      ema21: f.ema21,
      crossAge: s === "long" ? f.crossUpAge : f.crossDownAge,
      high20: f.high20,
      low20: f.low20,
      breakoutAtr,
      rsi14: f.rsi14,
      prevRsi14: f.prevRsi14,
      volumeRatio: f.volumeRatio,
      atr14: f.atr14,
      atrPct: f.atrPct,
      adx14: f.adx14,
      adxSlope3: f.adxSlope3,
      adxRiseStreak: f.adxRiseStreak,
      funding8h: f.funding8h,
      fundingBonus: bonus,
    },
  };
}

export const momentum: StrategyDef<MomentumParams> = {
  name: "momentum",
  timeframe: "15m",
  params: { live: MomentumParamsSchema.parse({}), shadow: MomentumShadowSchema.parse({}) },
  evaluate: evaluateMomentum,
};
