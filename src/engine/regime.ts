/**
 * The market regime for one tick: Long | Short | Neutral, from the latest CLOSED bars' features of
 * the reference coin (scope "btc") or of the coin itself (scope "per_asset").
 *
 *  - bias (bias timeframe, 1h): +1 when close > ema21·(1 + bias_band) and ema21Slope ≥ bias_slope_min,
 *    −1 when mirrored, else 0;
 *  - trend (trend timeframe, 4h): +1 when ADX ≥ trend_adx_min, +DI > −DI and ema8 > ema21, −1 when
 *    mirrored, else 0;
 *  - Long when both are +1, Short when both are −1, otherwise (or while warming up) Neutral.
 * Streaming comes from the feature pipelines; this is a pure function of their latest features.
 */

import type { RegimeConfig } from "../config/sections/regime.ts";
import type { Regime } from "../core/bucket.ts";
import type { Features } from "../market/features/features.ts";

export function biasOf(f: Features | null, cfg: RegimeConfig): -1 | 0 | 1 {
  if (f === null) return 0;
  if (f.close > f.ema21 * (1 + cfg.bias_band) && f.ema21Slope >= cfg.bias_slope_min) return 1;
  if (f.close < f.ema21 * (1 - cfg.bias_band) && -f.ema21Slope >= cfg.bias_slope_min) return -1;
  return 0;
}

export function trendOf(f: Features | null, cfg: RegimeConfig): -1 | 0 | 1 {
  if (f === null || !(f.adx14 >= cfg.trend_adx_min)) return 0;
  if (f.plusDi14 > f.minusDi14 && f.ema8 > f.ema21) return 1;
  if (f.minusDi14 > f.plusDi14 && f.ema8 < f.ema21) return -1;
  return 0;
}

export function classifyRegime(bias: Features | null, trend: Features | null, cfg: RegimeConfig): Regime {
  const b = biasOf(bias, cfg);
  const t = trendOf(trend, cfg);
  if (b === 1 && t === 1) return "Long";
  if (b === -1 && t === -1) return "Short";
  return "Neutral";
}

/** The coin whose series define `coin`'s regime. */
export function regimeCoin(coin: string, cfg: RegimeConfig): string {
  return cfg.scope === "btc" ? cfg.reference_coin : coin;
}
