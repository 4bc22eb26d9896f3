import { describe, expect, test } from "bun:test";
import { MomentumParamsSchema, MomentumShadowSchema, momentum } from "../../strategies/momentum.ts";
import { relClose } from "../market/features/real-data.ts";
import { contextAt, featuresAt } from "./replay.ts";

const live = MomentumParamsSchema.parse({});
const shadow = MomentumShadowSchema.parse({});

describe("momentum (15m) on real HL bars", () => {
  test("fires short on BTC 2025-03-07 00:30 UTC: fresh cross down, breakdown, volume spike, ADX rising", () => {
    const f = featuresAt("BTC", "15m", 1741307400000);
    // The numbers that made it fire.
    expect(f.crossDownAge, "ema8 crossed below ema21 one bar earlier").toBe(1);
    expect(f.close).toBe(85917);
    expect(f.low20, "close under the prior 20-bar low").toBe(86493);
    expect(f.rsi14).toBeCloseTo(26.6728379, 6);
    expect(f.prevRsi14, "RSI falling").toBeCloseTo(30.8985303, 6);
    expect(f.volumeRatio).toBeCloseTo(2.5940724, 6);
    expect(f.adx14).toBeCloseTo(26.2127017, 6);
    expect(f.adxRiseStreak).toBe(3);
    expect(f.funding8h, "shorts receive 0.01%/8h: tailwind").toBeCloseTo(0.0001, 12);
    const s = momentum.evaluate(f, contextAt("BTC", f), live)!;
    expect(s.side).toBe("short");
    expect(s.entryRef).toBe(85917);
    expect(relClose(s.stop, 85917 + 1.5 * f.atr14, 1e-12)).toBe(true);
    expect(relClose(s.stop, 87334.05128804452, 1e-9)).toBe(true);
    expect(relClose(s.target, 83082.89742391097, 1e-9)).toBe(true);
    // 30 + 25·ramp(ADX 26.21, 25→50) + 25·ramp(vol 2.59, 1.5→3) + 20·ramp(0.61 ATR) + 4 funding points.
    expect(s.features.fundingBonus).toBe(4);
    expect(relClose(s.scoreRaw, 65.64157840247391, 1e-9)).toBe(true);
  });

  test("does not fire live on BTC 2025-02-14 12:30 (volume 1.49× < 1.5×, ADX 19.4 < 25) but does in shadow", () => {
    const f = featuresAt("BTC", "15m", 1739536200000);
    expect(f.volumeRatio).toBeCloseTo(1.4943927, 6);
    expect(f.adx14).toBeCloseTo(19.3708732, 6);
    const ctx = contextAt("BTC", f);
    expect(momentum.evaluate(f, ctx, live)).toBeNull();
    const s = momentum.evaluate(f, ctx, shadow)!;
    expect(s.side).toBe("short");
    expect(relClose(s.scoreRaw, 46.617088500341175, 1e-9)).toBe(true);
  });

  test("each gate rejects on its own", () => {
    const f = featuresAt("BTC", "15m", 1741307400000);
    const ctx = contextAt("BTC", f);
    expect(momentum.evaluate(f, ctx, live)).not.toBeNull();
    const rejects = (patch: Partial<typeof f>) => momentum.evaluate({ ...f, ...patch }, ctx, live) === null;
    expect(rejects({ crossDownAge: 3 }), "cross too old").toBe(true);
    expect(rejects({ close: f.low20 + 1 }), "no breakdown").toBe(true);
    expect(rejects({ rsi14: 19 }), "RSI below the short zone").toBe(true);
    expect(rejects({ prevRsi14: 20 }), "RSI not falling").toBe(true);
    expect(rejects({ volumeRatio: 1.49 }), "no volume spike").toBe(true);
    expect(rejects({ atrPct: 0.0009 }), "ATR floor").toBe(true);
    expect(rejects({ adx14: 24.9 }), "ADX too low").toBe(true);
    expect(rejects({ adxRiseStreak: 2 }), "ADX not rising for 3 bars").toBe(true);
    expect(rejects({ funding8h: -0.0005 }), "shorts would pay 0.05%/8h").toBe(true);
    expect(rejects({ funding8h: Number.NaN }), "unknown funding never rejects").toBe(false);
  });

  test("funding tailwind bonus grows to at most 20 points", () => {
    const f = featuresAt("BTC", "15m", 1741307400000);
    const ctx = contextAt("BTC", f);
    const bonus = (funding8h: number) =>
      momentum.evaluate({ ...f, funding8h }, ctx, live)!.features.fundingBonus;
    expect(bonus(0.00009)).toBe(0);
    expect(bonus(0.0001)).toBeCloseTo(4, 12);
    expect(bonus(0.0005)).toBeCloseTo(20, 12);
    expect(bonus(0.01)).toBe(20);
  });
});
