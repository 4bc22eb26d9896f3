/**
 * The features of one closed bar of one coin × timeframe: a flat object of numbers, computed once by
 * the FeaturePipeline and read by every strategy, the regime classifier and the decision record.
 * The periods below are part of the feature names (ema8 is the 8-period EMA), so they are fixed here;
 * the windows that are not part of a name (vol_ratio windows, slope bars, caps) come from config.
 */

/** EMA periods (TA-Lib EMA: SMA seed, then α = 2/(n+1)). */
export const EMA_FAST = 8;
export const EMA_SLOW = 21;
/** Wilder period of RSI, ATR and ADX/±DI. */
export const WILDER_PERIOD = 14;
/** Bollinger window (closes, including the current bar). */
export const BB_PERIOD = 20;
/** Prior-range and volume-average window (the PREVIOUS bars, excluding the current one). */
export const RANGE_BARS = 20;
/** ADX slope lag: adxSlope3 = adx14 − adx14 three bars earlier. */
export const ADX_SLOPE_BARS = 3;
/** Hours per funding quote unit: Hyperliquid funds hourly; funding8h = hourly × 8 (the usual quote). */
export const FUNDING_HOURS_PER_QUOTE = 8;

export interface Features {
  /** Bar open time and close time, ms UTC. */
  t: number;
  closeT: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  prevClose: number;
  ema8: number;
  ema21: number;
  prevEma8: number;
  prevEma21: number;
  /** Relative change of ema21 over `slope_bars` bars: ema21/ema21[t−k] − 1. */
  ema21Slope: number;
  /** Bars since ema8 crossed above ema21 (0 = this bar), while ema8 > ema21; −1 otherwise. Capped. */
  crossUpAge: number;
  /** Bars since ema8 crossed below ema21 (0 = this bar), while ema8 < ema21; −1 otherwise. Capped. */
  crossDownAge: number;
  rsi14: number;
  prevRsi14: number;
  atr14: number;
  /** atr14 / close. */
  atrPct: number;
  adx14: number;
  plusDi14: number;
  minusDi14: number;
  adxSlope3: number;
  /** Consecutive bars (ending now) on which adx14 rose, capped at `adx_streak_cap`. */
  adxRiseStreak: number;
  bbUpper: number;
  bbMiddle: number;
  bbLower: number;
  /** (bbUpper − bbLower) / bbMiddle. */
  bbWidth: number;
  /** Highest high / lowest low of the 20 bars BEFORE this one (a breakout is close > high20). */
  high20: number;
  low20: number;
  /** Mean volume of the 20 bars before this one; volumeRatio = volume / volumeAvg20 (0 if the mean is 0). */
  volumeAvg20: number;
  volumeRatio: number;
  /** Root-mean-square log return over the short / long window; volRatio = volShort / volLong. */
  volShort: number;
  volLong: number;
  volRatio: number;
  /** (close − mean) / sample sd of the last `zscore_bars` closes (this one included); 0 if flat. */
  zScore: number;
  /**
   * Hurst exponent (R/S) of the last `hurst_bars` log returns; NaN when a chunk size is all flat.
   * On a pipeline's object this is a getter that computes the value on its first read for the bar.
   */
  hurst: number;
  /** Latest funding rate known at the bar's close (per hour / per 8 h); NaN when unknown. */
  fundingHourly: number;
  funding8h: number;
}

/** A Features object with every field present (one hidden class for the whole process). */
export function emptyFeatures(): Features {
  return {
    t: 0,
    closeT: 0,
    open: 0,
    high: 0,
    low: 0,
    close: 0,
    volume: 0,
    prevClose: 0,
    ema8: 0,
    ema21: 0,
    prevEma8: 0,
    prevEma21: 0,
    ema21Slope: 0,
    crossUpAge: -1,
    crossDownAge: -1,
    rsi14: 0,
    prevRsi14: 0,
    atr14: 0,
    atrPct: 0,
    adx14: 0,
    plusDi14: 0,
    minusDi14: 0,
    adxSlope3: 0,
    adxRiseStreak: 0,
    bbUpper: 0,
    bbMiddle: 0,
    bbLower: 0,
    bbWidth: 0,
    high20: 0,
    low20: 0,
    volumeAvg20: 0,
    volumeRatio: 0,
    volShort: 0,
    volLong: 0,
    volRatio: 0,
    zScore: 0,
    hurst: 0,
    fundingHourly: Number.NaN,
    funding8h: Number.NaN,
  };
}
