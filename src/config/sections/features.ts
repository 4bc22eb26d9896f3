/**
 * Feature pipeline windows that are not part of a feature's name (those are fixed in
 * src/market/features/features.ts), the warm-up tolerance, and the vol_bucket thresholds.
 */
import * as z from "zod";

export const VolBucketSection = z
  .strictObject({
    /** vol_ratio below this is the "low" bucket. */
    low_below: z.number().positive().default(0.6),
    /** vol_ratio at or above this is the "high" bucket; in between is "mid". */
    high_from: z.number().positive().default(1.5),
  })
  .refine((v) => v.low_below < v.high_from, { message: "low_below must be below high_from" });

export const FeaturesSection = z
  .strictObject({
    /** Bollinger half-width in population standard deviations (TA-Lib BBANDS nbDevUp/nbDevDn). */
    bb_std_dev: z.number().positive().default(2),
    /** Log returns in the short realized-volatility window (numerator of vol_ratio). */
    vol_short_bars: z.number().int().min(2).default(20),
    /** Log returns in the long realized-volatility window (denominator of vol_ratio). */
    vol_long_bars: z.number().int().min(3).default(100),
    /** Bars over which ema21Slope is measured. */
    slope_bars: z.number().int().min(1).max(100).default(5),
    /** Cap of crossUpAge / crossDownAge (bars); older crosses read as the cap. */
    cross_age_cap: z.number().int().min(1).max(200).default(50),
    /** Closes (including the current one) in the rolling z-score window (sample sd, see zscore.ts). */
    zscore_bars: z.number().int().min(3).max(1000).default(20),
    /** Log returns in the Hurst exponent window (rescaled range, see hurst.ts); needs one more close. */
    hurst_bars: z.number().int().min(20).max(1000).default(100),
    /** Cap of adxRiseStreak (bars). */
    adx_streak_cap: z.number().int().min(1).max(50).default(10),
    /**
     * Warm-up: a pipeline emits features only once the seed of every exponential smoother weighs
     * less than this (e.g. (13/14)^k < tolerance for Wilder 14), so values no longer depend on how
     * much history preceded them.
     */
    seed_tolerance: z.number().positive().max(1e-3).default(1e-11),
    vol_bucket: VolBucketSection.prefault({}),
  })
  .refine((v) => v.vol_short_bars < v.vol_long_bars, {
    message: "vol_short_bars must be below vol_long_bars",
  });

export type FeaturesConfig = z.output<typeof FeaturesSection>;
export type VolBucketConfig = z.output<typeof VolBucketSection>;
