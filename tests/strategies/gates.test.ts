// Gate introspection agrees with each strategy's evaluate on every real bar: `fires` exactly when
// evaluate returns a signal, on the same side — under the live set, the shadow set and a loosened
// set (so the filters after the side are exercised on many bars too).

import { describe, expect, test } from "bun:test";
import { StrategiesSection } from "../../src/config/sections/strategies.ts";
import type { Interval } from "../../src/core/intervals.ts";
import { intervalMs } from "../../src/core/intervals.ts";
import { FundingCursor } from "../../src/market/features/funding-cursor.ts";
import { FeaturePipeline } from "../../src/market/features/pipeline.ts";
import { strategyGates } from "../../strategies/gates/index.ts";
import { STRATEGIES, type StrategyName } from "../../strategies/index.ts";
import { candles, funding } from "../market/features/real-data.ts";
import { contextAt, defaultSignalConfig } from "./replay.ts";

const LOOSE: Record<StrategyName, Record<string, unknown>> = {
  momentum: {
    cross_within_bars: 10,
    adx_min: 5,
    adx_rising_bars: 0,
    volume_ratio_min: 0.5,
    rsi_must_turn: true,
  },
  mean_reversion: { rsi_long_max: 45, rsi_short_min: 55, band_width_max: 0.2, min_reward_r: 0.3 },
  ema_pullback: { trend_min_bars: 3, adx_min: 10, sessions: [], vol_buckets: [], max_pierce_atr: 0.5 },
  trend_alpha: { coins: ["SOL"], adx_min: 10, di_spread_min: 2 },
  zscore_reversion: { z_entry: 1, hurst_max: 0.7, rsi_long_max: 45, rsi_short_min: 55, adx_max: 40 },
};

function check(name: StrategyName, coin: string, tf: Interval) {
  const base = defaultSignalConfig();
  const cfg = StrategiesSection.parse({ [name]: { shadow: LOOSE[name] } });
  const sets = { live: base.strategies, shadow: base.strategies, loose: cfg } as const;
  const def = STRATEGIES[name];
  const p = new FeaturePipeline(tf, base.features);
  const cursor = new FundingCursor(funding(coin));
  const fired = { live: 0, shadow: 0, loose: 0 };
  let bars = 0;
  let disagreements = 0;
  for (const c of candles(coin, tf)) {
    const f = p.update(c, cursor.at(c.t + intervalMs(tf)));
    if (f === null) continue;
    bars++;
    const ctx = contextAt(coin, f);
    for (const key of ["live", "shadow", "loose"] as const) {
      const set = key === "live" ? "live" : "shadow";
      const params = sets[key][name][set];
      const signal = (def.evaluate as (f: unknown, c: unknown, p: unknown) => { side: string } | null)(
        f,
        ctx,
        params,
      );
      const g = strategyGates(name, f, ctx, sets[key], set);
      if (g.fires !== (signal !== null) || (signal !== null && g.side !== signal.side)) disagreements++;
      if (signal) fired[key]++;
    }
  }
  return { bars, fired, disagreements };
}

describe("strategy gates agree with evaluate on every bar", () => {
  const cases: [StrategyName, string, Interval][] = [
    ["momentum", "SOL", "15m"],
    ["mean_reversion", "ETH", "1h"],
    ["ema_pullback", "SOL", "1h"],
    ["trend_alpha", "SOL", "4h"],
    ["zscore_reversion", "ETH", "1h"],
  ];
  for (const [name, coin, tf] of cases) {
    test(`${name} on ${coin} ${tf}`, () => {
      const r = check(name, coin, tf);
      expect(r.bars).toBeGreaterThan(1000);
      expect(r.disagreements, "bars where the gates and evaluate disagree").toBe(0);
      expect(r.fired.loose, "the loosened set fires on many bars").toBeGreaterThan(20);
    });
  }
});
