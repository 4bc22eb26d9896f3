import { describe, expect, test } from "bun:test";
import {
  EmaPullbackParamsSchema,
  EmaPullbackShadowSchema,
  emaPullback,
} from "../../strategies/ema-pullback.ts";
import { relClose } from "../market/features/real-data.ts";
import { contextAt, featuresAt } from "./replay.ts";

const live = EmaPullbackParamsSchema.parse({});
const shadow = EmaPullbackShadowSchema.parse({});

describe("ema_pullback (1h) on real HL bars", () => {
  test("fires long on SOL 2024-12-12 14:00 UTC: 35-bar uptrend, low tags ema21, bullish close, US_MAIN, low vol", () => {
    const f = featuresAt("SOL", "1h", 1734012000000);
    const ctx = contextAt("SOL", f);
    expect(ctx.session).toBe("US_MAIN");
    expect(ctx.volBucket).toBe("low");
    expect(f.volRatio).toBeCloseTo(0.57577212, 6);
    expect(f.crossUpAge).toBe(35);
    expect(f.ema21Slope).toBeCloseTo(0.00429183, 7);
    expect(f.low).toBe(229.48);
    expect(f.ema21, "the low reached within 0.1% of ema21").toBeCloseTo(229.39493977, 6);
    expect(f.close).toBeGreaterThan(f.open);
    const s = emaPullback.evaluate(f, ctx, live)!;
    expect(s.side).toBe("long");
    // Stop below min(low, ema21) by 0.5 ATR; target 2R.
    expect(relClose(s.stop, f.ema21 - 0.5 * f.atr14, 1e-12)).toBe(true);
    expect(relClose(s.target, 242.3094468931375, 1e-9)).toBe(true);
    expect(relClose(s.scoreRaw, 78.59012756133282, 1e-9)).toBe(true);
  });

  test("fires long on SOL 2024-10-19 09:00 UTC (EU_OPEN)", () => {
    const f = featuresAt("SOL", "1h", 1729328400000);
    const s = emaPullback.evaluate(f, contextAt("SOL", f), live)!;
    expect(s.side).toBe("long");
    expect(relClose(s.scoreRaw, 60.311148591148005, 1e-9)).toBe(true);
  });

  test("SOL 2024-09-22 21:00: a valid short pullback, but in US_LATE and mid vol — shadow only", () => {
    const f = featuresAt("SOL", "1h", 1727038800000);
    const ctx = contextAt("SOL", f);
    expect(ctx.session).toBe("US_LATE");
    expect(ctx.volBucket).toBe("mid");
    expect(emaPullback.evaluate(f, ctx, live)).toBeNull();
    expect(emaPullback.evaluate(f, ctx, { ...live, sessions: [], vol_buckets: [] })?.side).toBe("short");
    expect(emaPullback.evaluate(f, ctx, shadow)?.side).toBe("short");
  });

  test("not a raw cross: a trend younger than trend_min_bars is rejected; so is a deep pierce", () => {
    const f = featuresAt("SOL", "1h", 1734012000000);
    const ctx = contextAt("SOL", f);
    expect(emaPullback.evaluate({ ...f, crossUpAge: 0 }, ctx, live)).toBeNull();
    expect(emaPullback.evaluate({ ...f, crossUpAge: 9 }, ctx, live)).toBeNull();
    expect(emaPullback.evaluate({ ...f, low: f.ema21 - 1.1 * f.atr14 }, ctx, live)).toBeNull();
    expect(
      emaPullback.evaluate({ ...f, low: f.ema21 * 1.002 }, ctx, live),
      "did not reach the EMA",
    ).toBeNull();
    expect(emaPullback.evaluate({ ...f, close: f.open - 0.01 }, ctx, live), "no rejection candle").toBeNull();
  });
});
