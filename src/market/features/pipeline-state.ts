/**
 * Everything one feature pipeline carries from bar to bar, flat: the nine TA-Lib-seeded smoothers
 * in one bank, the windows as doubled typed-array rings (the window is always one contiguous run,
 * oldest first) and the scalar outputs. See fused-steps.ts for why the state is not a tree of
 * indicator objects, and the reference classes (rsi.ts, atr.ts, dmi.ts, bollinger.ts,
 * prior-range.ts, realized-vol.ts, zscore.ts, hurst.ts) for what each part means.
 */
import type { FeaturesConfig } from "../../config/sections/features.ts";
import { ADX_SLOPE_BARS, BB_PERIOD, EMA_FAST, EMA_SLOW, RANGE_BARS, WILDER_PERIOD } from "./features.ts";
import { smootherBank, windowSumState } from "./fused-steps.ts";
import { hurstSlopeCoefficients, hurstWindowSizes } from "./hurst.ts";

/** Smoother slots in the bank, with their period and weight. */
export const EMA8 = 0;
export const EMA21 = 1;
export const RSI_GAIN = 2;
export const RSI_LOSS = 3;
export const ATR = 4;
export const PLUS_DM = 5;
export const MINUS_DM = 6;
export const TRUE_RANGE = 7;
export const ADX = 8;
export const W_EMA8 = 2 / (EMA_FAST + 1);
export const W_EMA21 = 2 / (EMA_SLOW + 1);
export const W_WILDER = 1 / WILDER_PERIOD;

export class PipelineState {
  readonly smoothers = smootherBank(9);
  /** Close of the previous bar (NaN before the second bar); high/low for the directional moves. */
  prevClose = Number.NaN;
  prevHigh = 0;
  prevLow = 0;

  rsi = Number.NaN;
  atr = Number.NaN;
  plusDi = Number.NaN;
  minusDi = Number.NaN;
  dx = Number.NaN;
  adx = Number.NaN;

  /** Bollinger window of closes (BB_PERIOD, doubled), its next slot and fill count. */
  readonly bbBuf = new Float64Array(2 * BB_PERIOD);
  bbHead = 0;
  bbCount = 0;
  bbUpper = Number.NaN;
  bbMiddle = Number.NaN;
  bbLower = Number.NaN;
  bbWidth = Number.NaN;

  /** Prior-range deques (RANGE_BARS + 1 slots each) and the volume window sum. */
  readonly highVals = new Float64Array(RANGE_BARS + 1);
  readonly highSeqs = new Float64Array(RANGE_BARS + 1);
  readonly highState = new Float64Array(3);
  readonly lowVals = new Float64Array(RANGE_BARS + 1);
  readonly lowSeqs = new Float64Array(RANGE_BARS + 1);
  readonly lowState = new Float64Array(3);
  readonly volumeBuf = new Float64Array(2 * RANGE_BARS);
  readonly volumeSum = windowSumState();

  /** Squared log returns over the short and long realized-volatility windows. */
  readonly shortBuf: Float64Array;
  readonly shortSum = windowSumState();
  readonly longBuf: Float64Array;
  readonly longSum = windowSumState();
  volShort = Number.NaN;
  volLong = Number.NaN;
  volRatio = Number.NaN;

  /** z-score window of closes (doubled; unused when zscore_bars equals the Bollinger window, whose
   * two-pass sums are the same numbers). */
  readonly zBuf: Float64Array;
  zHead = 0;
  zCount = 0;
  zScore = Number.NaN;

  /** Hurst: the last hurst_bars log returns and the hurst_bars + 1 log closes (doubled rings), the
   * chunk sizes and slope weights, and the value with the bar count it was computed for (lazy). */
  readonly hurstRet: Float64Array;
  hurstRetHead = 0;
  hurstRetCount = 0;
  readonly hurstLog: Float64Array;
  hurstLogHead = 0;
  readonly hurstSizes: Int32Array;
  readonly hurstCoefs: Float64Array;
  hurstAtBar = -1;
  hurst = Number.NaN;

  /** ema21 of the last slope_bars bars and adx14 of the last ADX_SLOPE_BARS bars: the slot about to
   * be overwritten holds the value from exactly that many bars ago. */
  readonly ema21Ring: Float64Array;
  slopeSlot = 0;
  readonly adxRing = new Float64Array(ADX_SLOPE_BARS);
  adxSlot = 0;
  adxCount = 0;

  constructor(params: FeaturesConfig) {
    this.shortBuf = new Float64Array(2 * params.vol_short_bars);
    this.longBuf = new Float64Array(2 * params.vol_long_bars);
    this.ema21Ring = new Float64Array(params.slope_bars);
    this.zBuf = new Float64Array(params.zscore_bars === BB_PERIOD ? 0 : 2 * params.zscore_bars);
    this.hurstRet = new Float64Array(2 * params.hurst_bars);
    this.hurstLog = new Float64Array(2 * (params.hurst_bars + 1));
    const sizes = hurstWindowSizes(params.hurst_bars);
    this.hurstSizes = Int32Array.from(sizes);
    this.hurstCoefs = hurstSlopeCoefficients(sizes);
  }
}
