import { describe, expect, test } from "bun:test";
import { ConfigSchema } from "../../src/config/schema.ts";
import { StrategiesSection } from "../../src/config/sections/strategies.ts";
import { strategiesFromConfig } from "../../strategies/index.ts";
import {
  ZScoreReversionParamsSchema,
  ZScoreReversionShadowSchema,
  zscoreReversion,
} from "../../strategies/zscore-reversion.ts";
import { relClose } from "../market/features/real-data.ts";
import { contextAt, featuresAt } from "./replay.ts";

const live = ZScoreReversionParamsSchema.parse({});
const shadow = ZScoreReversionShadowSchema.parse({});
const H = 3_600_000;
const LONG_T = Date.UTC(2025, 0, 13, 10); // BTC 1h, 2025-01-13 10:00 UTC
const SHORT_T = Date.UTC(2024, 10, 21, 4); // BTC 1h, 2024-11-21 04:00 UTC

describe("zscore_reversion (1h) on real HL bars", () => {
  test("fires short on BTC 2024-11-21 04:00: z 3.30, H 0.32, RSI 78.3, ADX 18.3, close above the band", () => {
    const f = featuresAt("BTC", "1h", SHORT_T);
    expect(f.close).toBe(97593);
    expect(f.zScore).toBeCloseTo(3.2974, 4);
    expect(f.hurst).toBeCloseTo(0.3193, 4);
    expect(f.rsi14).toBeCloseTo(78.26, 2);
    expect(f.adx14).toBeCloseTo(18.27, 2);
    expect(f.close).toBeGreaterThan(f.bbUpper);
    const s = zscoreReversion.evaluate(f, contextAt("BTC", f), live)!;
    expect(s.side).toBe("short");
    expect(relClose(s.stop, f.close + 1.5 * f.atr14, 1e-12)).toBe(true);
    expect(relClose(s.target, f.close - 2 * f.atr14, 1e-12)).toBe(true);
    // z and Hurst parts full (|z| ≥ 3, H ≤ 0.35): 30 + 25 + 20 + 15·(RSI − 70)/15 + 10·(25 − ADX)/10.
    expect(relClose(s.scoreRaw, 75 + (f.rsi14 - 70) + (25 - f.adx14), 1e-12)).toBe(true);
    expect(s.scoreRaw).toBeCloseTo(89.9937, 4);
    expect(s.features.hurst).toBe(f.hurst);
  });

  test("fires long on BTC 2025-01-13 10:00: z −2.81, H 0.493, RSI 24.8, ADX 17.5", () => {
    const f = featuresAt("BTC", "1h", LONG_T);
    const s = zscoreReversion.evaluate(f, contextAt("BTC", f), live)!;
    expect(s.side).toBe("long");
    expect(f.close).toBe(91663);
    expect(f.close).toBeLessThan(f.bbLower);
    const expected =
      30 +
      25 * ((-f.zScore - 2) / 1) +
      20 * ((0.5 - f.hurst) / 0.15) +
      15 * ((30 - f.rsi14) / 15) +
      10 * ((25 - f.adx14) / 10);
    expect(relClose(s.scoreRaw, expected, 1e-12)).toBe(true);
    expect(s.scoreRaw).toBeCloseTo(64.0106, 4);
  });

  test("BTC 2025-01-13 11:00: H 0.511 is mean-reverting enough for shadow (0.55) but not live (0.5)", () => {
    const f = featuresAt("BTC", "1h", LONG_T + H);
    expect(f.hurst).toBeCloseTo(0.5111, 4);
    expect(f.zScore).toBeLessThan(-2);
    const ctx = contextAt("BTC", f);
    expect(zscoreReversion.evaluate(f, ctx, live)).toBeNull();
    expect(zscoreReversion.evaluate(f, ctx, shadow)?.side).toBe("long");
  });

  test("each entry condition is required: ADX, Hurst, the band, RSI, |z|", () => {
    const f = featuresAt("BTC", "1h", SHORT_T);
    const ctx = contextAt("BTC", f);
    expect(zscoreReversion.evaluate({ ...f, adx14: 25.01 }, ctx, live), "trend").toBeNull();
    expect(zscoreReversion.evaluate({ ...f, hurst: 0.5 }, ctx, live), "H not < 0.5").toBeNull();
    expect(zscoreReversion.evaluate({ ...f, hurst: Number.NaN }, ctx, live), "H undefined").toBeNull();
    expect(zscoreReversion.evaluate({ ...f, bbUpper: f.close }, ctx, live), "inside the band").toBeNull();
    expect(zscoreReversion.evaluate({ ...f, rsi14: 69.9 }, ctx, live), "RSI").toBeNull();
    expect(zscoreReversion.evaluate({ ...f, zScore: 1.99 }, ctx, live), "|z|").toBeNull();
    expect(zscoreReversion.evaluate(f, ctx, live)).not.toBeNull();
  });
});

describe("zscore_reversion CLOSE rule", () => {
  test("the BTC long of 2025-01-13 10:00 is closed at 20:00, the first bar with z ≥ 0 (19:00 with exit_z 0.5)", () => {
    const ctx = contextAt("BTC", featuresAt("BTC", "1h", LONG_T));
    const exit = zscoreReversion.exitSignal!;
    const zs: number[] = [];
    for (let t = LONG_T; t <= LONG_T + 10 * H; t += H) {
      const f = featuresAt("BTC", "1h", t);
      zs.push(f.zScore);
      const atMean = exit(f, ctx, "long", live);
      const early = exit(f, ctx, "long", { ...live, exit_z: 0.5 });
      expect(atMean, new Date(t).toISOString()).toBe(t >= LONG_T + 10 * H ? "close" : null);
      expect(early, new Date(t).toISOString()).toBe(t >= LONG_T + 9 * H ? "close" : null);
    }
    expect(zs[9]).toBeCloseTo(-0.3623, 4);
    expect(zs[10]).toBeCloseTo(0.6371, 4);
  });

  test("a short closes once z ≤ exit_z; the BTC short of 2024-11-21 stays open while z stays above 0", () => {
    const f = featuresAt("BTC", "1h", SHORT_T + 11 * H);
    const ctx = contextAt("BTC", f);
    const exit = zscoreReversion.exitSignal!;
    expect(f.zScore).toBeCloseTo(0.3233, 4);
    expect(exit(f, ctx, "short", live)).toBeNull();
    expect(exit(f, ctx, "short", { ...live, exit_z: 0.5 })).toBe("close");
    expect(exit({ ...f, zScore: 0 }, ctx, "short", live)).toBe("close");
    expect(exit({ ...f, zScore: Number.NaN }, ctx, "short", live)).toBeNull();
    expect(exit({ ...f, zScore: Number.NaN }, ctx, "long", live)).toBeNull();
    // A negative exit level holds past the mean.
    expect(exit({ ...f, zScore: -0.2 }, ctx, "short", { ...live, exit_z: -0.5 })).toBeNull();
  });

  test("the bound strategy judges a position by the set it was opened under", () => {
    const cfg = StrategiesSection.parse({
      zscore_reversion: { live: { exit_z: 1 }, shadow: { exit_z: -1 } },
    });
    const bound = strategiesFromConfig(cfg).find((s) => s.name === "zscore_reversion")!;
    const f = { ...featuresAt("BTC", "1h", SHORT_T), zScore: 0.5 };
    const ctx = contextAt("BTC", f);
    expect(bound.exitSignal!(f, ctx, "short", "live")).toBe("close");
    expect(bound.exitSignal!(f, ctx, "short", "shadow")).toBeNull();
    const others = strategiesFromConfig(StrategiesSection.parse({})).filter(
      (s) => s.name !== "zscore_reversion",
    );
    expect(others.every((s) => s.exitSignal === undefined)).toBe(true);
  });

  test("config: exit_z at or above z_entry is an error naming the key (it would close on entry)", () => {
    const r = ConfigSchema.safeParse({
      strategies: { zscore_reversion: { shadow: { z_entry: 1, exit_z: 1 } } },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual([
      "strategies.zscore_reversion.shadow.exit_z",
    ]);
    expect(
      ConfigSchema.safeParse({ strategies: { zscore_reversion: { live: { exit_z: 1.9 } } } }).success,
    ).toBe(true);
  });
});
