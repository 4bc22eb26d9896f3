/**
 * The feature pipeline as a composition of the reference indicator classes (one object per
 * indicator, as it was built before the fused pipeline): the yardstick the fused FeaturePipeline is
 * held to, bit for bit, in fused-pipeline.test.ts.
 */
import type { FeaturesConfig } from "../../../src/config/sections/features.ts";
import { FeaturesSection } from "../../../src/config/sections/features.ts";
import { type Interval, intervalMs } from "../../../src/core/intervals.ts";
import type { Candle } from "../../../src/ledger/repos/candles.ts";
import { Atr } from "../../../src/market/features/atr.ts";
import { Bollinger } from "../../../src/market/features/bollinger.ts";
import { Dmi } from "../../../src/market/features/dmi.ts";
import {
  ADX_SLOPE_BARS,
  BB_PERIOD,
  EMA_FAST,
  EMA_SLOW,
  emptyFeatures,
  type Features,
  FUNDING_HOURS_PER_QUOTE,
  RANGE_BARS,
  WILDER_PERIOD,
} from "../../../src/market/features/features.ts";
import { Hurst } from "../../../src/market/features/hurst.ts";
import { PriorRange } from "../../../src/market/features/prior-range.ts";
import { RealizedVol } from "../../../src/market/features/realized-vol.ts";
import { Rsi } from "../../../src/market/features/rsi.ts";
import { seededEma } from "../../../src/market/features/smoothers.ts";
import { warmupBars } from "../../../src/market/features/warmup.ts";
import { ZScore } from "../../../src/market/features/zscore.ts";

export class ComposedPipeline {
  /** Bars consumed before the first Features object (the bar with index `warmupBars` is the first emitted). */
  readonly warmupBars: number;
  private readonly f: Features = emptyFeatures();
  private readonly lengthMs: number;
  private readonly crossAgeCap: number;
  private readonly adxStreakCap: number;
  private bars = 0;
  private warm = false;
  private readonly ema8 = seededEma(EMA_FAST);
  private readonly ema21 = seededEma(EMA_SLOW);
  private readonly rsi = new Rsi(WILDER_PERIOD);
  private readonly atr = new Atr(WILDER_PERIOD);
  private readonly dmi = new Dmi(WILDER_PERIOD);
  private readonly bb: Bollinger;
  private readonly range = new PriorRange(RANGE_BARS);
  private readonly vol: RealizedVol;
  private readonly z: ZScore;
  private readonly hurst: Hurst;
  /** ema21 of the last slope_bars bars and adx14 of the last ADX_SLOPE_BARS bars (rings: the slot
   * about to be overwritten holds the value from exactly that many bars ago). */
  private readonly ema21Ring: Float64Array;
  private readonly adxRing = new Float64Array(ADX_SLOPE_BARS);
  private adxCount = 0;
  /** Next slot of each ring (advanced with a wrap instead of an integer modulo per bar). */
  private slopeSlot = 0;
  private adxSlot = 0;

  constructor(
    readonly interval: Interval,
    readonly params: FeaturesConfig = FeaturesSection.parse({}),
  ) {
    this.warmupBars = warmupBars(params);
    this.lengthMs = intervalMs(interval);
    this.crossAgeCap = params.cross_age_cap;
    this.adxStreakCap = params.adx_streak_cap;
    this.bb = new Bollinger(BB_PERIOD, params.bb_std_dev);
    this.vol = new RealizedVol(params.vol_short_bars, params.vol_long_bars);
    this.z = new ZScore(params.zscore_bars);
    this.hurst = new Hurst(params.hurst_bars);
    this.ema21Ring = new Float64Array(params.slope_bars);
  }

  update(c: Candle, fundingHourly: number | null): Features | null {
    const f = this.f;
    const prevEma8 = this.ema8.value;
    const prevEma21 = this.ema21.value;
    const prevRsi = this.rsi.value;
    const prevClose = f.close;

    const e8 = this.ema8.add(c.close);
    const e21 = this.ema21.add(c.close);
    this.rsi.add(c.close);
    this.atr.add(c);
    this.dmi.add(c.high, c.low, c.close);
    this.bb.add(c.close);
    // Prior 20-bar stats are read BEFORE the current bar enters the window.
    const high20 = this.range.high;
    const low20 = this.range.low;
    const volumeAvg20 = this.range.volumeAvg;
    const barIndex = Math.floor(c.t / this.lengthMs);
    this.range.push(c.high, c.low, c.volume, barIndex);
    this.vol.add(c.close, barIndex);
    this.z.add(c.close);
    this.hurst.add(c.close);

    // Cross ages: counted from the first bar where both EMAs exist; an unseen cross reads as the cap.
    const cap = this.crossAgeCap;
    if (this.ema21.ready) {
      const seen = !Number.isNaN(prevEma21);
      if (e8 > e21) {
        f.crossUpAge = f.crossUpAge >= 0 ? Math.min(f.crossUpAge + 1, cap) : seen ? 0 : cap;
        f.crossDownAge = -1;
      } else if (e8 < e21) {
        f.crossDownAge = f.crossDownAge >= 0 ? Math.min(f.crossDownAge + 1, cap) : seen ? 0 : cap;
        f.crossUpAge = -1;
      } else {
        f.crossUpAge = -1;
        f.crossDownAge = -1;
      }
    }
    const slopeRing = this.ema21Ring;
    const sIdx = this.slopeSlot;
    const e21Then = slopeRing[sIdx]!; // ema21 slope_bars bars ago (overwritten just below)
    slopeRing[sIdx] = e21;
    this.slopeSlot = sIdx + 1 === slopeRing.length ? 0 : sIdx + 1;

    const adx = this.dmi.adx;
    let adxThen = Number.NaN;
    if (!Number.isNaN(adx)) {
      const ring = this.adxRing;
      const slot = this.adxSlot;
      const prevAdx = ring[slot === 0 ? ring.length - 1 : slot - 1]!;
      f.adxRiseStreak =
        this.adxCount > 0 && adx > prevAdx ? Math.min(f.adxRiseStreak + 1, this.adxStreakCap) : 0;
      adxThen = ring[slot]!;
      ring[slot] = adx;
      this.adxSlot = slot + 1 === ring.length ? 0 : slot + 1;
      this.adxCount++;
    }

    this.bars++;
    if (!this.warm && this.bars <= this.warmupBars) {
      f.close = c.close;
      return null;
    }
    this.warm = true;

    f.t = c.t;
    f.closeT = c.t + this.lengthMs;
    f.open = c.open;
    f.high = c.high;
    f.low = c.low;
    f.close = c.close;
    f.volume = c.volume;
    f.prevClose = prevClose;
    f.ema8 = e8;
    f.ema21 = e21;
    f.prevEma8 = prevEma8;
    f.prevEma21 = prevEma21;
    f.ema21Slope = e21 / e21Then - 1;
    f.rsi14 = this.rsi.value;
    f.prevRsi14 = prevRsi;
    f.atr14 = this.atr.value;
    f.atrPct = this.atr.value / c.close;
    f.adx14 = adx;
    f.plusDi14 = this.dmi.plusDi;
    f.minusDi14 = this.dmi.minusDi;
    f.adxSlope3 = adx - adxThen;
    f.bbUpper = this.bb.upper;
    f.bbMiddle = this.bb.middle;
    f.bbLower = this.bb.lower;
    f.bbWidth = this.bb.width;
    f.high20 = high20;
    f.low20 = low20;
    f.volumeAvg20 = volumeAvg20;
    f.volumeRatio = volumeAvg20 > 0 ? c.volume / volumeAvg20 : 0;
    f.volShort = this.vol.short;
    f.volLong = this.vol.long;
    f.volRatio = this.vol.ratio;
    f.zScore = this.z.value;
    f.hurst = this.hurst.value;
    const funding = fundingHourly ?? Number.NaN;
    f.fundingHourly = funding;
    f.funding8h = funding * FUNDING_HOURS_PER_QUOTE;
    return f;
  }
}
