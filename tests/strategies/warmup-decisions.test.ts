/**
 * Warm-up: once the declared warm-up has passed, decisions do not depend on how much history came
 * before. A replay that starts months later must make the same decisions (same strategy, side,
 * bucket and regime; prices and scores equal to 1e-9) as the replay from the first bar.
 */
import { describe, expect, test } from "bun:test";
import { FeaturesSection } from "../../src/config/sections/features.ts";
import { intervalMs } from "../../src/core/intervals.ts";
import { FeaturePipeline } from "../../src/market/features/pipeline.ts";
import { relClose } from "../market/features/real-data.ts";
import { type Decision, replay } from "./replay.ts";

const COINS = ["BTC", "ETH", "SOL", "kPEPE"] as const;
const TIMEFRAMES = ["15m", "1h", "4h"] as const;
const LATE_START = Date.UTC(2025, 0, 1);
// The slowest series (4h, which also drives the regime) must be warm before decisions are compared.
const COMPARE_FROM =
  LATE_START + (FeaturePipeline.warmupBars(FeaturesSection.parse({})) + 1) * intervalMs("4h");

function key(d: Decision): string {
  return `${d.strategy}|${d.coin}|${d.timeframe}|${d.side}|${d.candleT}|${d.regime}|${d.session}|${d.volBucket}`;
}

describe("decisions after the warm-up do not depend on earlier history", () => {
  test("a replay starting on 2025-01-01 decides exactly like one starting at the first bar", () => {
    const full = replay({ coins: COINS, timeframes: TIMEFRAMES, set: "shadow" }).filter(
      (d) => d.decidedAt >= COMPARE_FROM,
    );
    const late = replay({ coins: COINS, timeframes: TIMEFRAMES, set: "shadow", startT: LATE_START }).filter(
      (d) => d.decidedAt >= COMPARE_FROM,
    );
    expect(full.length).toBeGreaterThan(200);
    expect(late.map(key)).toEqual(full.map(key));
    for (let i = 0; i < full.length; i++) {
      const [a, b] = [full[i]!, late[i]!];
      const ok =
        relClose(a.scoreRaw, b.scoreRaw, 1e-9) &&
        relClose(a.score, b.score, 1e-9) &&
        relClose(a.stop, b.stop, 1e-9) &&
        relClose(a.target, b.target, 1e-9);
      expect(ok, `${key(a)}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(true);
    }
  });
});
