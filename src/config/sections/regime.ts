/**
 * The market regime (Long | Short | Neutral) and how it scales each strategy's score. The regime is
 * read from the reference coin (scope "btc") or from each coin's own series (scope "per_asset"):
 * a bias on the bias timeframe (close vs ema21 and the ema21 slope) and a trend classifier on the
 * trend timeframe (ADX with ±DI and the EMA order); Long/Short only when both agree.
 */
import * as z from "zod";

const Multiplier = (withTrend: number, counterTrend: number, neutral: number) =>
  z
    .strictObject({
      /** Side agrees with the regime (long in Long, short in Short). */
      with_trend: z.number().min(0).max(5).default(withTrend),
      /** Side against the regime. */
      counter_trend: z.number().min(0).max(5).default(counterTrend),
      /** Regime Neutral. */
      neutral: z.number().min(0).max(5).default(neutral),
    })
    .prefault({});

export const RegimeSection = z.strictObject({
  /** "btc": one regime from the reference coin for every coin; "per_asset": each coin's own. */
  scope: z.enum(["btc", "per_asset"]).default("btc"),
  /** Coin whose series define the regime when scope is "btc". */
  reference_coin: z.string().min(1).default("BTC"),
  /** Timeframe of the bias (close vs ema21, ema21 slope). */
  bias_timeframe: z.enum(["15m", "1h", "4h"]).default("1h"),
  /** Timeframe of the trend classifier (ADX, ±DI, EMA order). */
  trend_timeframe: z.enum(["15m", "1h", "4h"]).default("4h"),
  /** Close must be beyond ema21 by this fraction for a bias. */
  bias_band: z.number().min(0).default(0),
  /** ema21 slope (relative change over features.slope_bars) needed for a bias, in its direction. */
  bias_slope_min: z.number().min(0).default(0),
  /** ADX on the trend timeframe needed to call a trend. */
  trend_adx_min: z.number().min(0).max(100).default(20),
  /** Score multipliers per strategy; the result is capped at score_cap. */
  multipliers: z
    .strictObject({
      /** With-trend momentum favoured, counter-trend penalised. */
      momentum: Multiplier(1.2, 0.5, 1),
      /** Mean reversion fights any trend: 0.6 in a trend regime, whichever side. */
      mean_reversion: Multiplier(0.6, 0.6, 1),
      /** Pullbacks are a with-trend trade. */
      ema_pullback: Multiplier(1.2, 0.5, 0.9),
      /** Trend following needs a trend. */
      trend_alpha: Multiplier(1.25, 0.4, 0.8),
      /** z-score reversion already requires low ADX; a trend regime still weighs against it. */
      zscore_reversion: Multiplier(0.6, 0.6, 1),
    })
    .prefault({}),
  /** Highest score after the multiplier. */
  score_cap: z.number().positive().max(100).default(100),
});

export type RegimeConfig = z.output<typeof RegimeSection>;
export type RegimeMultiplier = RegimeConfig["multipliers"]["momentum"];
