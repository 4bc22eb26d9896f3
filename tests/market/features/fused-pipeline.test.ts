import { describe, expect, test } from "bun:test";
import { FeaturesSection } from "../../../src/config/sections/features.ts";
import { INTERVALS } from "../../../src/core/intervals.ts";
import type { Features } from "../../../src/market/features/features.ts";
import { FeaturePipeline } from "../../../src/market/features/pipeline.ts";
import { ComposedPipeline } from "./composed-pipeline.ts";
import { candles, SAMPLE_SERIES } from "./real-data.ts";

/** Every field as raw bits: NaN payloads, −0 and the last ulp all count. */
function bits(f: Features): string {
  const keys = Object.keys(f).sort() as (keyof Features)[];
  const buf = new Float64Array(keys.length);
  keys.forEach((k, i) => {
    buf[i] = f[k];
  });
  return Buffer.from(buf.buffer).toString("hex");
}

describe("the fused FeaturePipeline equals the composed reference indicators bit for bit", () => {
  for (const [coin, tf] of SAMPLE_SERIES) {
    test(`${coin} ${tf}: every field of every bar, with funding present and absent`, () => {
      const fused = new FeaturePipeline(tf);
      const ref = new ComposedPipeline(tf);
      const bars = candles(coin, tf);
      let compared = 0;
      bars.forEach((c, i) => {
        const funding = i % 5 === 0 ? null : 1e-5 * ((i % 7) - 3);
        const a = fused.update(c, funding);
        const b = ref.update(c, funding);
        expect(a === null).toBe(b === null);
        if (a === null || b === null) return;
        if (bits(a) !== bits(b)) expect({ bar: i, ...a }).toEqual({ bar: i, ...b });
        compared++;
      });
      expect(compared).toBeGreaterThan(bars.length - fused.warmupBars - 2);
    });
  }

  test("hurst is computed on first read: bars where nobody reads it cost nothing and change nothing", () => {
    const sparse = new FeaturePipeline("1h");
    const ref = new ComposedPipeline("1h");
    let read = 0;
    candles("BTC", "1h").forEach((c, i) => {
      const a = sparse.update(c, null);
      const b = ref.update(c, null);
      if (a === null || b === null || i % 7 !== 0) return;
      expect(Object.is(a.hurst, b.hurst), `bar ${i}`).toBe(true);
      expect(a.hurst).toBe(a.hurst); // a second read returns the same value
      expect({ ...a }.hurst).toBe(b.hurst);
      read++;
    });
    expect(read).toBeGreaterThan(1000);
  });

  test("other parameters: short windows, a 3σ band, caps of 1, a z-score window of its own, a 30-return Hurst", () => {
    const params = FeaturesSection.parse({
      bb_std_dev: 3,
      vol_short_bars: 3,
      vol_long_bars: 7,
      slope_bars: 1,
      cross_age_cap: 1,
      adx_streak_cap: 1,
      zscore_bars: 7,
      hurst_bars: 30,
    });
    for (const tf of ["15m", "4h"] as const) {
      expect(INTERVALS).toContain(tf);
      const fused = new FeaturePipeline(tf, params);
      const ref = new ComposedPipeline(tf, params);
      for (const c of candles("SOL", tf)) {
        const a = fused.update(c, 2e-5);
        const b = ref.update(c, 2e-5);
        expect(a === null ? null : bits(a)).toBe(b === null ? null : bits(b));
      }
    }
  });
});
