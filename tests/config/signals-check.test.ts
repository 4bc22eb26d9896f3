import { describe, expect, test } from "bun:test";
import { ConfigSchema } from "../../src/config/schema.ts";

const issues = (input: unknown) => {
  const r = ConfigSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("signal config cross-checks", () => {
  test("defaults are consistent", () => {
    expect(issues({})).toEqual([]);
  });

  test("a strategy or regime timeframe the engine does not build is an error", () => {
    expect(issues({ engine: { intervals: ["15m", "1h"] } })).toEqual([
      "strategies.trend_alpha.timeframe",
      "regime.trend_timeframe",
    ]);
    expect(
      issues({
        engine: { intervals: ["15m", "1h"] },
        strategies: { trend_alpha: { enabled: false } },
        regime: { trend_timeframe: "1h" },
      }),
    ).toEqual([]);
  });

  test("the regime reference coin must be traded when scope is btc", () => {
    expect(issues({ engine: { coins: ["ETH"] } })).toEqual(["regime.reference_coin"]);
    expect(issues({ engine: { coins: ["ETH"] }, regime: { scope: "per_asset" } })).toEqual([]);
  });

  test("ema_pullback trend_full_bars cannot exceed the cross-age cap", () => {
    expect(issues({ features: { cross_age_cap: 30 } })).toEqual([
      "strategies.ema_pullback.live.trend_full_bars",
      "strategies.ema_pullback.shadow.trend_full_bars",
    ]);
  });
});
