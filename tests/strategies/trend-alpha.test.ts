import { describe, expect, test } from "bun:test";
import { TrendAlphaParamsSchema, TrendAlphaShadowSchema, trendAlpha } from "../../strategies/trend-alpha.ts";
import { relClose } from "../market/features/real-data.ts";
import { contextAt, featuresAt } from "./replay.ts";

const live = TrendAlphaParamsSchema.parse({});
const shadow = TrendAlphaShadowSchema.parse({});

describe("trend_alpha (4h) on real HL bars", () => {
  test("fires long on ETH 2023-05-28 20:00 UTC: 20-bar breakout, EMAs aligned, ADX 26.7, +DI ≫ −DI", () => {
    const f = featuresAt("ETH", "4h", 1685304000000);
    expect(f.close).toBe(1907.6);
    expect(f.high20).toBe(1859.1);
    expect(f.ema8).toBeGreaterThan(f.ema21);
    expect(f.adx14).toBeCloseTo(26.70616508, 6);
    expect(f.plusDi14).toBeCloseTo(41.58699258, 6);
    expect(f.minusDi14).toBeCloseTo(15.79997771, 6);
    const s = trendAlpha.evaluate(f, contextAt("ETH", f), live)!;
    expect(s.side).toBe("long");
    expect(s.trailDistanceR, "its own trail").toBe(1.5);
    expect(relClose(s.stop, 1907.6 - 2 * f.atr14, 1e-12)).toBe(true);
    expect(relClose(s.target, 2032.9456624679528, 1e-9)).toBe(true);
    expect(relClose(s.scoreRaw, 85.36493206611561, 1e-9)).toBe(true);
  });

  test("fires short on ETH 2023-05-12 00:00 UTC", () => {
    const f = featuresAt("ETH", "4h", 1683849600000);
    const s = trendAlpha.evaluate(f, contextAt("ETH", f), live)!;
    expect(s.side).toBe("short");
    expect(relClose(s.scoreRaw, 64.51076105113341, 1e-9)).toBe(true);
  });

  test("ETH 2023-05-08 16:00: breakdown with ADX 16 — shadow only; other coins only in shadow", () => {
    const f = featuresAt("ETH", "4h", 1683561600000);
    expect(f.adx14).toBeCloseTo(15.998849, 6);
    expect(trendAlpha.evaluate(f, contextAt("ETH", f), live)).toBeNull();
    expect(trendAlpha.evaluate(f, contextAt("ETH", f), shadow)?.side).toBe("short");
    const g = featuresAt("ETH", "4h", 1685304000000);
    expect(trendAlpha.evaluate(g, contextAt("BTC", g), live), "BTC is not in the live coin list").toBeNull();
    expect(trendAlpha.evaluate(g, contextAt("BTC", g), shadow)).not.toBeNull();
  });

  test("funding headwind of 0.1%/8h rejects", () => {
    const f = featuresAt("ETH", "4h", 1685304000000);
    expect(trendAlpha.evaluate({ ...f, funding8h: 0.001 }, contextAt("ETH", f), live)).toBeNull();
    expect(trendAlpha.evaluate({ ...f, funding8h: -0.001 }, contextAt("ETH", f), live)).not.toBeNull();
  });
});
