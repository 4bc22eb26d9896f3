import { describe, expect, test } from "bun:test";
import { FeaturesSection } from "../../../src/config/sections/features.ts";
import { intervalMs } from "../../../src/core/intervals.ts";
import type { Features } from "../../../src/market/features/features.ts";
import { FeatureOrderError, FeaturePipeline } from "../../../src/market/features/pipeline.ts";
import { candles, columns, relClose, SAMPLE_SERIES } from "./real-data.ts";
import * as R from "./reference.ts";

const P = FeaturesSection.parse({});
const WARMUP = FeaturePipeline.warmupBars(P);

/** Fields compared absolutely (they are differences or ratios that can sit near 0). */
const ABSOLUTE: Partial<Record<keyof Features, number>> = {
  ema21Slope: 1e-12,
  adxSlope3: 1e-9,
  bbWidth: 1e-12,
};

function same(k: keyof Features, a: number, b: number, tol: number): boolean {
  const abs = ABSOLUTE[k];
  if (abs !== undefined) return Math.abs(a - b) <= abs;
  return relClose(a, b, tol) || a === b;
}

/** Bars since the current ema8-vs-ema21 run began (capped), −1 if not in that relation. */
function runAge(above: (j: number) => boolean, i: number, first: number, cap: number): number {
  if (!above(i)) return -1;
  let k = 0;
  while (i - k - 1 >= first && above(i - k - 1)) k++;
  return i - k === first ? cap : Math.min(k, cap);
}

function reference(coin: string, tf: Parameters<typeof candles>[1]) {
  const c = candles(coin, tf);
  const { high, low, close, volume } = columns(c);
  const e8 = R.refEma(close, 8);
  const e21 = R.refEma(close, 21);
  const rsi = R.refRsi(close, 14);
  const atr = R.refAtr(high, low, close, 14);
  const dmi = R.refDmi(high, low, close, 14);
  const bb = R.refBollinger(close, 20, 2);
  const range = R.refPriorRange(high, low, volume, 20);
  const vr = R.refVolRatio(close, P.vol_short_bars, P.vol_long_bars);
  return (i: number): Partial<Features> => {
    let streak = 0;
    while (streak < P.adx_streak_cap && dmi.adx[i - streak]! > dmi.adx[i - streak - 1]!) streak++;
    return {
      t: c[i]!.t,
      closeT: c[i]!.t + intervalMs(tf),
      close: close[i]!,
      prevClose: close[i - 1]!,
      ema8: e8[i]!,
      ema21: e21[i]!,
      prevEma8: e8[i - 1]!,
      prevEma21: e21[i - 1]!,
      ema21Slope: e21[i]! / e21[i - P.slope_bars]! - 1,
      crossUpAge: runAge((j) => e8[j]! > e21[j]!, i, 20, P.cross_age_cap),
      crossDownAge: runAge((j) => e8[j]! < e21[j]!, i, 20, P.cross_age_cap),
      rsi14: rsi[i]!,
      prevRsi14: rsi[i - 1]!,
      atr14: atr[i]!,
      atrPct: atr[i]! / close[i]!,
      adx14: dmi.adx[i]!,
      plusDi14: dmi.plusDi[i]!,
      minusDi14: dmi.minusDi[i]!,
      adxSlope3: dmi.adx[i]! - dmi.adx[i - 3]!,
      adxRiseStreak: streak,
      bbUpper: bb.upper[i]!,
      bbMiddle: bb.middle[i]!,
      bbLower: bb.lower[i]!,
      bbWidth: (bb.upper[i]! - bb.lower[i]!) / bb.middle[i]!,
      high20: range.high[i]!,
      low20: range.low[i]!,
      volumeAvg20: range.volumeAvg[i]!,
      volumeRatio: volume[i]! / range.volumeAvg[i]!,
      volRatio: vr[i]!,
    };
  };
}

describe("FeaturePipeline", () => {
  test.each(SAMPLE_SERIES)(
    "%s %s: every feature equals the Wilder/TA-Lib reference after warm-up (1e-9)",
    (coin, tf) => {
      const c = candles(coin, tf);
      const ref = reference(coin, tf);
      const p = new FeaturePipeline(tf, P);
      let emitted = 0;
      let mismatch: string | null = null;
      for (let i = 0; i < c.length && mismatch === null; i++) {
        const f = p.update(c[i]!, 1e-5);
        if ((f === null) !== i < WARMUP) mismatch = `bar ${i}: expected null exactly during the warm-up`;
        if (f === null) continue;
        emitted++;
        for (const [k, v] of Object.entries(ref(i)) as [keyof Features, number][]) {
          if (!same(k, f[k], v, 1e-9)) mismatch = `bar ${i} ${k}: ${f[k]} vs reference ${v}`;
        }
      }
      expect(mismatch).toBeNull();
      expect(emitted).toBe(c.length - WARMUP);
    },
  );

  test.each(SAMPLE_SERIES)("%s %s: values do not depend on history before the warm-up (1e-9)", (coin, tf) => {
    const c = candles(coin, tf);
    const full = new FeaturePipeline(tf, P);
    const late = [137, 1001].map((start) => ({ start, p: new FeaturePipeline(tf, P) }));
    let compared = 0;
    let mismatch: string | null = null;
    for (let i = 0; i < c.length && mismatch === null; i++) {
      const a = full.update(c[i]!, null);
      for (const { start, p } of late) {
        if (i < start) continue;
        const b = p.update(c[i]!, null);
        if ((b === null) !== i < start + WARMUP) mismatch = `start ${start}, bar ${i}: warm-up length`;
        if (a === null || b === null) continue;
        compared++;
        for (const k of Object.keys(a) as (keyof Features)[]) {
          if (!same(k, b[k], a[k], 1e-9)) mismatch = `start ${start}, bar ${i}, ${k}: ${b[k]} vs ${a[k]}`;
        }
      }
    }
    expect(mismatch).toBeNull();
    expect(compared).toBeGreaterThan(1000);
  });

  test("funding: hourly as given, per 8 h = × 8, unknown = NaN", () => {
    const c = candles("BTC", "1h");
    const p = new FeaturePipeline("1h", P);
    for (let i = 0; i < WARMUP; i++) p.update(c[i]!, 0.0000125);
    const f = p.update(c[WARMUP]!, 0.0000125)!;
    expect(f.fundingHourly).toBe(0.0000125);
    expect(f.funding8h).toBe(0.0001);
    expect(Number.isNaN(p.update(c[WARMUP + 1]!, null)!.funding8h)).toBe(true);
  });

  test("reuses one Features object; snapshot() is a detached copy", () => {
    const c = candles("ETH", "4h");
    const p = new FeaturePipeline("4h", P);
    for (let i = 0; i <= WARMUP; i++) p.update(c[i]!, null);
    const first = p.latest!;
    const copy = p.snapshot()!;
    const next = p.update(c[WARMUP + 1]!, null)!;
    expect(next).toBe(first);
    expect(copy.t).toBe(c[WARMUP]!.t);
    expect(next.t).toBe(c[WARMUP + 1]!.t);
  });

  test("a candle fed twice or out of order is a FeatureOrderError", () => {
    const c = candles("SOL", "4h");
    const p = new FeaturePipeline("4h", P);
    p.update(c[0]!, null);
    p.update(c[1]!, null);
    expect(() => p.update(c[1]!, null)).toThrow(FeatureOrderError);
    try {
      p.update(c[0]!, null);
    } catch (e) {
      expect((e as FeatureOrderError).kind).toBe("feature_order");
    }
  });
});
