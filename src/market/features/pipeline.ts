/**
 * The feature pipeline of one coin × timeframe: fed once per CLOSED candle in time order, it updates
 * every indicator and returns that bar's Features once all of them are stable (see warmup.ts), else
 * null. Computed once per bar and shared by every strategy, the regime and the decision record.
 *
 * The returned object is owned by the pipeline and OVERWRITTEN by the next update (no allocation per
 * bar); copy it (`{ ...f }` or `snapshot()`) to keep it. Indicators (definitions in their reference
 * classes): EMA 8/21 and the Wilder averages with TA-Lib seeding (smoothers.ts), RSI (rsi.ts), ATR
 * (atr.ts), ±DI/ADX (dmi.ts), Bollinger (bollinger.ts), prior 20-bar range and volume
 * (prior-range.ts), vol_ratio (realized-vol.ts), z-score (zscore.ts), Hurst (hurst.ts; computed on
 * first read of a bar, see the constructor). They run fused in one update over flat state
 * (pipeline-state.ts, fused-steps.ts), operation for operation as the reference classes compute
 * them: a test holds every field of every real bar bit-identical to the composed classes.
 */
import type { FeaturesConfig } from "../../config/sections/features.ts";
import { FeaturesSection } from "../../config/sections/features.ts";
import { BotError } from "../../core/errors.ts";
import { type Interval, intervalMs } from "../../core/intervals.ts";
import type { Candle } from "../../ledger/repos/candles.ts";
import {
  BB_PERIOD,
  EMA_FAST,
  EMA_SLOW,
  emptyFeatures,
  type Features,
  FUNDING_HOURS_PER_QUOTE,
  RANGE_BARS,
  WILDER_PERIOD,
} from "./features.ts";
import {
  extremePush,
  extremeValue,
  hurstOf,
  SMOOTHER_STRIDE as S,
  smooth,
  WS_COUNT,
  WS_SUM,
  windowSumPush,
  zScoreFrom,
} from "./fused-steps.ts";
import {
  ADX,
  ATR,
  EMA8,
  EMA21,
  MINUS_DM,
  PipelineState,
  PLUS_DM,
  RSI_GAIN,
  RSI_LOSS,
  TRUE_RANGE,
  W_EMA8,
  W_EMA21,
  W_WILDER,
} from "./pipeline-state.ts";
import { warmupBars } from "./warmup.ts";

const N = WILDER_PERIOD;

/** A candle fed out of order (or twice): the pipeline would silently compute wrong features. */
export class FeatureOrderError extends BotError {
  readonly kind = "feature_order";
  constructor(
    readonly interval: Interval,
    readonly lastT: number,
    readonly t: number,
  ) {
    super(`${interval} candle at ${t} fed after candle at ${lastT}: candles must be fed once, in time order`);
  }
}

export class FeaturePipeline {
  /** Bars consumed before the first Features object (the bar with index `warmupBars` is the first emitted). */
  readonly warmupBars: number;
  private readonly f: Features = emptyFeatures();
  private readonly s: PipelineState;
  private readonly lengthMs: number;
  private readonly crossAgeCap: number;
  private readonly adxStreakCap: number;
  private readonly bbStdDevs: number;
  private readonly shortBars: number;
  private readonly longBars: number;
  private readonly zBars: number;
  private readonly hurstBars: number;
  private bars = 0;
  private lastT = Number.NEGATIVE_INFINITY;
  private warm = false;

  static warmupBars(params: FeaturesConfig = FeaturesSection.parse({})): number {
    return warmupBars(params);
  }

  constructor(
    readonly interval: Interval,
    readonly params: FeaturesConfig = FeaturesSection.parse({}),
  ) {
    this.warmupBars = warmupBars(params);
    this.lengthMs = intervalMs(interval);
    this.crossAgeCap = params.cross_age_cap;
    this.adxStreakCap = params.adx_streak_cap;
    this.bbStdDevs = params.bb_std_dev;
    this.shortBars = params.vol_short_bars;
    this.longBars = params.vol_long_bars;
    this.zBars = params.zscore_bars;
    this.hurstBars = params.hurst_bars;
    this.s = new PipelineState(params);
    // `hurst` is the one field computed on first read of each bar (~430 return visits; only
    // zscore_reversion reads it, on the rare bars its other conditions hold). It is an own,
    // enumerable getter, so spreads, snapshot() and JSON copy the value like any other field.
    Object.defineProperty(this.f, "hurst", { enumerable: true, get: () => this.hurstNow() });
  }

  /** The Hurst exponent of the latest bar, computed once per bar when first asked for (hurst.ts). */
  private hurstNow(): number {
    const s = this.s;
    if (s.hurstAtBar !== this.bars) {
      s.hurstAtBar = this.bars;
      const n = this.hurstBars;
      s.hurst =
        s.hurstRetCount >= n
          ? hurstOf(s.hurstRet, s.hurstRetHead, s.hurstLog, s.hurstLogHead, n, s.hurstSizes, s.hurstCoefs)
          : Number.NaN;
    }
    return s.hurst;
  }

  /** Features of the last bar fed, or null while warming up. Overwritten by the next update. */
  get latest(): Features | null {
    return this.warm ? this.f : null;
  }

  /** Bars fed so far. */
  get barCount(): number {
    return this.bars;
  }

  /** A copy of the latest features that the next update will not touch. */
  snapshot(): Features | null {
    return this.warm ? { ...this.f } : null;
  }

  update(c: Candle, fundingHourly: number | null): Features | null {
    if (c.t <= this.lastT) throw new FeatureOrderError(this.interval, this.lastT, c.t);
    this.lastT = c.t;
    const f = this.f;
    const s = this.s;
    const bank = s.smoothers;
    const { high, low, close } = c;
    const prevEma8 = bank[EMA8 * S]!;
    const prevEma21 = bank[EMA21 * S]!;
    const prevRsi = s.rsi;
    const prevClose = f.close;
    const pc = s.prevClose;
    const hasPrev = !Number.isNaN(pc);

    // EMA 8/21 (smoothers.ts).
    const e8 = smooth(bank, EMA8, EMA_FAST, W_EMA8, close);
    const e21 = smooth(bank, EMA21, EMA_SLOW, W_EMA21, close);

    // RSI and ATR from the second bar on (rsi.ts, atr.ts: getTrueRange).
    let tr = Number.NaN;
    if (hasPrev) {
      const change = close - pc;
      const g = smooth(bank, RSI_GAIN, N, W_WILDER, Math.max(change, 0));
      const l = smooth(bank, RSI_LOSS, N, W_WILDER, change < 0 ? -change : 0);
      if (bank[RSI_GAIN * S + 1]! >= N) {
        const sum = g + l;
        s.rsi = sum > 0 ? (100 * g) / sum : 0;
      }
      tr = Math.max(high - low, Math.abs(high - pc), Math.abs(low - pc));
      s.atr = smooth(bank, ATR, N, W_WILDER, tr);
    }

    // ±DM, ±DI, DX, ADX (dmi.ts): a leading 0 on the first bar, DI from bar `period`.
    if (this.bars === 0) {
      smooth(bank, PLUS_DM, N, W_WILDER, 0);
      smooth(bank, MINUS_DM, N, W_WILDER, 0);
      smooth(bank, TRUE_RANGE, N, W_WILDER, 0);
    } else {
      const up = high - s.prevHigh;
      const down = s.prevLow - low;
      smooth(bank, PLUS_DM, N, W_WILDER, up > 0 && up > down ? up : 0);
      smooth(bank, MINUS_DM, N, W_WILDER, down > 0 && up < down ? down : 0);
      smooth(bank, TRUE_RANGE, N, W_WILDER, tr);
    }
    s.prevHigh = high;
    s.prevLow = low;
    if (this.bars + 1 > N) {
      const trSum = bank[TRUE_RANGE * S]!;
      const valid = trSum > 0;
      s.plusDi = valid ? (100 * bank[PLUS_DM * S]!) / trSum : 0;
      s.minusDi = valid ? (100 * bank[MINUS_DM * S]!) / trSum : 0;
      const sum = s.plusDi + s.minusDi;
      const ok = valid && sum > 0;
      s.dx = ok ? (100 * Math.abs(s.plusDi - s.minusDi)) / sum : 0;
      if (!(bank[ADX * S + 1]! >= N)) s.adx = smooth(bank, ADX, N, W_WILDER, s.dx);
      else if (ok) s.adx = smooth(bank, ADX, N, W_WILDER, s.dx);
    }

    // Bollinger over the window including this close, two-pass (bollinger.ts).
    const bb = s.bbBuf;
    const bh = s.bbHead;
    bb[bh] = close;
    bb[bh + BB_PERIOD] = close;
    s.bbHead = bh + 1 === BB_PERIOD ? 0 : bh + 1;
    s.bbCount++;
    let bbMean = 0;
    let bbSq = 0;
    if (s.bbCount >= BB_PERIOD) {
      const from = s.bbHead;
      let sum = 0;
      for (let i = from; i < from + BB_PERIOD; i++) sum += bb[i]!;
      const mean = sum / BB_PERIOD;
      let sq = 0;
      for (let i = from; i < from + BB_PERIOD; i++) {
        const d = bb[i]! - mean;
        sq += d * d;
      }
      bbMean = mean;
      bbSq = sq;
      const band = this.bbStdDevs * Math.sqrt(sq / BB_PERIOD);
      s.bbMiddle = mean;
      s.bbUpper = mean + band;
      s.bbLower = mean - band;
      s.bbWidth = (2 * band) / mean;
    }

    // z-score (zscore.ts): when its window is the Bollinger window, the same two-pass sums.
    const zn = this.zBars;
    if (zn === BB_PERIOD) {
      if (s.bbCount >= BB_PERIOD) s.zScore = zScoreFrom(close, bbMean, bbSq, zn);
    } else {
      const zb = s.zBuf;
      const zh = s.zHead;
      zb[zh] = close;
      zb[zh + zn] = close;
      s.zHead = zh + 1 === zn ? 0 : zh + 1;
      s.zCount++;
      if (s.zCount >= zn) {
        const from = s.zHead;
        let sum = 0;
        for (let i = from; i < from + zn; i++) sum += zb[i]!;
        const mean = sum / zn;
        let sq = 0;
        for (let i = from; i < from + zn; i++) {
          const d = zb[i]! - mean;
          sq += d * d;
        }
        s.zScore = zScoreFrom(close, mean, sq, zn);
      }
    }

    // Prior 20-bar stats, read BEFORE the current bar enters the window (prior-range.ts).
    const high20 = extremeValue(s.highVals, s.highState, 1);
    const low20 = extremeValue(s.lowVals, s.lowState, -1);
    const volumeAvg20 = s.volumeSum[WS_SUM]! / RANGE_BARS;
    const barIndex = Math.floor(c.t / this.lengthMs);
    extremePush(s.highVals, s.highSeqs, s.highState, RANGE_BARS, 1, high);
    extremePush(s.lowVals, s.lowSeqs, s.lowState, RANGE_BARS, -1, low);
    windowSumPush(s.volumeBuf, s.volumeSum, RANGE_BARS, c.volume, barIndex);

    // Hurst (hurst.ts): log closes every bar, log returns from the second.
    const hn = this.hurstBars;
    const hl = s.hurstLog;
    const hlh = s.hurstLogHead;
    const lnClose = Math.log(close);
    hl[hlh] = lnClose;
    hl[hlh + hn + 1] = lnClose;
    s.hurstLogHead = hlh + 1 === hn + 1 ? 0 : hlh + 1;

    // vol_ratio over squared log returns (realized-vol.ts); the same returns feed the Hurst window.
    if (hasPrev) {
      const r = Math.log(close / pc);
      const hr = s.hurstRet;
      const hrh = s.hurstRetHead;
      hr[hrh] = r;
      hr[hrh + hn] = r;
      s.hurstRetHead = hrh + 1 === hn ? 0 : hrh + 1;
      s.hurstRetCount++;
      const r2 = r * r;
      const shortSum = windowSumPush(s.shortBuf, s.shortSum, this.shortBars, r2, barIndex);
      const longSum = windowSumPush(s.longBuf, s.longSum, this.longBars, r2, barIndex);
      if (s.longSum[WS_COUNT]! >= this.longBars) {
        s.volShort = Math.sqrt(shortSum / this.shortBars);
        s.volLong = Math.sqrt(longSum / this.longBars);
        s.volRatio = s.volLong > 0 ? s.volShort / s.volLong : 0;
      }
    }
    s.prevClose = close;

    // Cross ages: counted from the first bar where both EMAs exist; an unseen cross reads as the cap.
    const cap = this.crossAgeCap;
    if (bank[EMA21 * S + 1]! >= EMA_SLOW) {
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
    const slopeRing = s.ema21Ring;
    const sIdx = s.slopeSlot;
    const e21Then = slopeRing[sIdx]!; // ema21 slope_bars bars ago (overwritten just below)
    slopeRing[sIdx] = e21;
    s.slopeSlot = sIdx + 1 === slopeRing.length ? 0 : sIdx + 1;

    const adx = s.adx;
    let adxThen = Number.NaN;
    if (!Number.isNaN(adx)) {
      const ring = s.adxRing;
      const slot = s.adxSlot;
      const prevAdx = ring[slot === 0 ? ring.length - 1 : slot - 1]!;
      f.adxRiseStreak =
        s.adxCount > 0 && adx > prevAdx ? Math.min(f.adxRiseStreak + 1, this.adxStreakCap) : 0;
      adxThen = ring[slot]!;
      ring[slot] = adx;
      s.adxSlot = slot + 1 === ring.length ? 0 : slot + 1;
      s.adxCount++;
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
    f.rsi14 = s.rsi;
    f.prevRsi14 = prevRsi;
    f.atr14 = s.atr;
    f.atrPct = s.atr / c.close;
    f.adx14 = adx;
    f.plusDi14 = s.plusDi;
    f.minusDi14 = s.minusDi;
    f.adxSlope3 = adx - adxThen;
    f.bbUpper = s.bbUpper;
    f.bbMiddle = s.bbMiddle;
    f.bbLower = s.bbLower;
    f.bbWidth = s.bbWidth;
    f.high20 = high20;
    f.low20 = low20;
    f.volumeAvg20 = volumeAvg20;
    f.volumeRatio = volumeAvg20 > 0 ? c.volume / volumeAvg20 : 0;
    f.volShort = s.volShort;
    f.volLong = s.volLong;
    f.volRatio = s.volRatio;
    f.zScore = s.zScore;
    const funding = fundingHourly ?? Number.NaN;
    f.fundingHourly = funding;
    f.funding8h = funding * FUNDING_HOURS_PER_QUOTE;
    return f;
  }
}
