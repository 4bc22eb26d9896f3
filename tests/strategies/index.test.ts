import { describe, expect, test } from "bun:test";
import { StrategiesSection } from "../../src/config/sections/strategies.ts";
import {
  STRATEGIES,
  STRATEGY_NAMES,
  type StrategyDef,
  strategiesFromConfig,
} from "../../strategies/index.ts";
import { MomentumParamsSchema, MomentumShadowSchema } from "../../strategies/momentum.ts";
import { withDefaults } from "../../strategies/params.ts";
import { ramp } from "../../strategies/score.ts";
import { featuresAt } from "./replay.ts";

describe("strategy registry and params", () => {
  test("five strategies on their default timeframes", () => {
    expect(STRATEGY_NAMES.map((n) => `${n}@${STRATEGIES[n].timeframe}`)).toEqual([
      "momentum@15m",
      "mean_reversion@1h",
      "ema_pullback@1h",
      "trend_alpha@4h",
      "zscore_reversion@1h",
    ]);
  });

  test("shadow momentum defaults: ADX ≥ 15, volume ≥ 1×, same RSI zones as live", () => {
    const live = MomentumParamsSchema.parse({});
    const shadow = MomentumShadowSchema.parse({});
    expect([live.adx_min, live.volume_ratio_min, shadow.adx_min, shadow.volume_ratio_min]).toEqual([
      25, 1.5, 15, 1,
    ]);
    expect([shadow.rsi_long_min, shadow.rsi_long_max, shadow.rsi_short_min, shadow.rsi_short_max]).toEqual([
      40, 80, 20, 60,
    ]);
  });

  test("overriding one shadow field keeps the other SHADOW defaults", () => {
    const cfg = StrategiesSection.parse({ momentum: { shadow: { adx_min: 12 } } });
    expect(cfg.momentum.shadow.adx_min).toBe(12);
    expect(cfg.momentum.shadow.volume_ratio_min).toBe(1);
    expect(cfg.momentum.live.adx_min).toBe(25);
  });

  test("unknown or out-of-range params are config errors", () => {
    expect(StrategiesSection.safeParse({ momentum: { live: { adx_mni: 3 } } }).success).toBe(false);
    expect(StrategiesSection.safeParse({ momentum: { live: { adx_min: 101 } } }).success).toBe(false);
    expect(() => withDefaults(MomentumParamsSchema, { nope: 1 } as never)).toThrow(TypeError);
  });

  test("strategiesFromConfig binds the configured live and shadow params", () => {
    const [m] = strategiesFromConfig(StrategiesSection.parse({ momentum: { live: { adx_min: 99 } } }));
    const f = featuresAt("BTC", "15m", 1741307400000);
    const ctx = { coin: "BTC", session: "ASIA", volBucket: "high", regime: "Neutral" as const };
    expect(m!.name).toBe("momentum");
    expect(m!.evaluate(f, ctx, "live"), "live ADX floor raised to 99").toBeNull();
    expect(m!.evaluate(f, ctx, "shadow")?.side).toBe("short");
    expect(strategiesFromConfig(StrategiesSection.parse({}))).toHaveLength(5);
  });

  test("no strategy emits a zero-risk signal when ATR is 0 (a long flat stretch)", () => {
    const bars = [
      featuresAt("BTC", "15m", 1741307400000),
      featuresAt("ETH", "1h", 1727060400000),
      featuresAt("SOL", "1h", 1734012000000),
      featuresAt("ETH", "4h", 1685304000000),
    ];
    const ctx = { coin: "ETH", session: "US_MAIN", volBucket: "low", regime: "Neutral" as const };
    for (const name of STRATEGY_NAMES) {
      const def = STRATEGIES[name] as StrategyDef<unknown>;
      for (const f of bars)
        expect(def.evaluate({ ...f, atr14: 0, atrPct: 0 }, ctx, def.params.shadow)).toBeNull();
    }
  });

  test("ramp is clamped and works both ways", () => {
    expect(ramp(5, 0, 10)).toBe(0.5);
    expect(ramp(-1, 0, 10)).toBe(0);
    expect(ramp(20, 0, 10)).toBe(1);
    expect(ramp(20, 30, 10)).toBe(0.5);
  });
});
