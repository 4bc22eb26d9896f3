import { describe, expect, test } from "bun:test";
import { FeaturesSection } from "../../../src/config/sections/features.ts";
import { warmupBars } from "../../../src/market/features/warmup.ts";

describe("warm-up length", () => {
  const defaults = FeaturesSection.parse({});

  test("default: the Wilder-14 seed weighs < 1e-11 by the first emitted bar, and it fits the default history", () => {
    const w = warmupBars(defaults);
    // ADX is the slowest: its seed at bar 28 is damped (13/14)^(w − 28 − streak cap) · (k/14) at least.
    const k = w - 28 - defaults.adx_streak_cap;
    expect((13 / 14) ** k * (k / 14)).toBeLessThan(defaults.seed_tolerance);
    expect(w).toBeLessThan(500);
  });

  test("a tighter tolerance or longer windows need more bars", () => {
    const w = warmupBars(defaults);
    expect(warmupBars({ ...defaults, seed_tolerance: 1e-14 })).toBeGreaterThan(w);
    expect(warmupBars({ ...defaults, vol_long_bars: 400 })).toBe(801);
  });

  test("the z-score and Hurst windows count: hurst_bars returns need hurst_bars + 1 closes", () => {
    const w = warmupBars(defaults);
    expect(w).toBeGreaterThan(defaults.hurst_bars + 1);
    expect(warmupBars({ ...defaults, hurst_bars: 1000 })).toBe(1001);
    expect(warmupBars({ ...defaults, zscore_bars: 1000 })).toBe(1000);
  });
});
