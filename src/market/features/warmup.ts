/**
 * How many bars a pipeline needs before its features are "stable": every exponential smoother's
 * seed (whatever history it came from) must weigh less than `seed_tolerance` in the current value.
 *
 *  - EMA n (SMA seed after n bars): weight (1 − 2/(n+1))^k after k more bars.
 *  - Wilder n (RSI, ATR, ±DI; seed after n changes = n+1 bars): weight (1 − 1/n)^k.
 *  - ADX: a Wilder average of DX, itself Wilder-smoothed: the seed error of ±DI reaches ADX through
 *    a second smoothing, which spreads it as ≈ (k/n)·(1 − 1/n)^k; ADX seeds at bar 2n.
 * Window features (Bollinger, z-score, Hurst) are exact once their window is full; the running sums (volume, vol_ratio) also
 * need one aligned exact recompute (window-sum.ts), which comes at most one window later.
 * Counters derived from the smoothed series (cross age, ADX rise streak, slopes, previous values)
 * look back a bounded number of bars, so those bars must already be stable: their lookback is added.
 */
import type { FeaturesConfig } from "../../config/sections/features.ts";
import { ADX_SLOPE_BARS, BB_PERIOD, EMA_FAST, EMA_SLOW, RANGE_BARS, WILDER_PERIOD } from "./features.ts";

/** Smallest k with spread(k) · decay^k < tol. */
function decayBars(decay: number, tol: number, spread: (k: number) => number = () => 1): number {
  let k = 0;
  let w = 1;
  while (spread(k) * w >= tol) {
    k++;
    w *= decay;
  }
  return k;
}

function emaBars(n: number, tol: number): number {
  return n + decayBars(1 - 2 / (n + 1), tol);
}

function wilderBars(n: number, tol: number): number {
  return n + 1 + decayBars(1 - 1 / n, tol);
}

function adxBars(n: number, tol: number): number {
  return 2 * n + decayBars(1 - 1 / n, tol, (k) => Math.max(1, k / n));
}

/** Bars consumed before the first Features object is emitted (the emitted bar is bar index `warmupBars`). */
export function warmupBars(p: FeaturesConfig): number {
  const tol = p.seed_tolerance;
  const ema = Math.max(emaBars(EMA_FAST, tol), emaBars(EMA_SLOW, tol));
  return Math.max(
    ema + Math.max(p.cross_age_cap, p.slope_bars, 1),
    wilderBars(WILDER_PERIOD, tol) + 1,
    adxBars(WILDER_PERIOD, tol) + Math.max(p.adx_streak_cap, ADX_SLOPE_BARS),
    BB_PERIOD,
    2 * RANGE_BARS + 1,
    2 * p.vol_long_bars + 1,
    p.zscore_bars,
    p.hurst_bars + 1,
  );
}
