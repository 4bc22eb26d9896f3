import { describe, expect, test } from "bun:test";
import {
  MeanReversionParamsSchema,
  MeanReversionShadowSchema,
  meanReversion,
} from "../../strategies/mean-reversion.ts";
import { relClose } from "../market/features/real-data.ts";
import { contextAt, featuresAt } from "./replay.ts";

const live = MeanReversionParamsSchema.parse({});
const shadow = MeanReversionShadowSchema.parse({});

describe("mean_reversion (1h) on real HL bars", () => {
  test("fires short on ETH 2024-09-23 03:00 UTC: RSI 73.4 ≥ 70, close above the upper band, band 4.2% wide", () => {
    const f = featuresAt("ETH", "1h", 1727060400000);
    expect(f.rsi14).toBeCloseTo(73.42999095, 6);
    expect(f.close).toBe(2676.6);
    expect(f.bbUpper).toBeCloseTo(2641.34530177, 6);
    expect(f.bbWidth).toBeCloseTo(0.04188391677, 9);
    const s = meanReversion.evaluate(f, contextAt("ETH", f), live)!;
    expect(s.side).toBe("short");
    expect(relClose(s.stop, 2676.6 + f.atr14, 1e-12)).toBe(true);
    expect(s.target, "target = the middle band").toBe(f.bbMiddle);
    expect(relClose(s.target, 2587.165, 1e-12)).toBe(true);
    expect(relClose(s.features.rewardR!, 3.2873438970751265, 1e-9)).toBe(true);
    expect(relClose(s.scoreRaw, 65.91802352243292, 1e-9)).toBe(true);
  });

  test("fires long on ETH 2024-09-25 17:00 UTC: RSI 29.6, close under the lower band", () => {
    const f = featuresAt("ETH", "1h", 1727283600000);
    const s = meanReversion.evaluate(f, contextAt("ETH", f), live)!;
    expect(s.side).toBe("long");
    expect(f.rsi14).toBeCloseTo(29.60663246, 6);
    expect(f.close).toBeLessThan(f.bbLower);
    expect(relClose(s.stop, 2555.6405556756654, 1e-9)).toBe(true);
    expect(relClose(s.scoreRaw, 53.26669349953262, 1e-9)).toBe(true);
  });

  test("ETH 2024-09-23 02:00: RSI 66.4 is extreme for shadow (65) but not live (70)", () => {
    const f = featuresAt("ETH", "1h", 1727056800000);
    const ctx = contextAt("ETH", f);
    expect(f.close).toBeGreaterThan(f.bbUpper);
    expect(meanReversion.evaluate(f, ctx, live)).toBeNull();
    expect(meanReversion.evaluate(f, ctx, shadow)?.side).toBe("short");
  });

  test("skipped when the bands are expanding (width > 5%); r_multiple target; minimum reward", () => {
    const f = featuresAt("ETH", "1h", 1727060400000);
    const ctx = contextAt("ETH", f);
    expect(meanReversion.evaluate({ ...f, bbWidth: 0.0501 }, ctx, live)).toBeNull();
    const r = meanReversion.evaluate(f, ctx, { ...live, target_mode: "r_multiple", target_r: 2 })!;
    expect(relClose(r.target, f.close - 2 * f.atr14, 1e-12)).toBe(true);
    expect(meanReversion.evaluate(f, ctx, { ...live, min_reward_r: 3.3 })).toBeNull();
  });
});
