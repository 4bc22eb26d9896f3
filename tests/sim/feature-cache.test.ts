// The feature tape's lazy hurst: a replayed bar's hurst, computed on first read from the recorded
// closes, is bit for bit the pipeline's own (read at the bar, as a strategy would) on every bar of
// real series, and stays the same on a second read and in a second replay (the memo).
import { describe, expect, test } from "bun:test";
import { FeaturesSection } from "../../src/config/sections/features.ts";
import type { Interval } from "../../src/core/intervals.ts";
import { FeaturePipeline } from "../../src/market/features/pipeline.ts";
import { FeatureTape } from "../../src/sim/feature-cache.ts";
import { candles } from "../market/features/real-data.ts";

const params = FeaturesSection.parse({});

function recordAndCompare(coin: string, interval: Interval) {
  const bars = candles(coin, interval);
  const tape = new FeatureTape();
  const recorded = tape.recording()(coin, interval, params);
  for (const c of bars) recorded.update(c, null);
  tape.seal();
  // The pipeline's values, read at each bar (its getter computes the bar's hurst on first read).
  const truth = new FeaturePipeline(interval, params);
  const expected: (number | null)[] = [];
  const closes: (number | null)[] = [];
  for (const c of bars) {
    truth.update(c, null);
    expected.push(truth.latest?.hurst ?? null);
    closes.push(truth.latest?.close ?? null);
  }
  for (const round of [1, 2]) {
    const replay = tape.replaying()(coin, interval, params);
    let compared = 0;
    let finite = 0;
    bars.forEach((c, i) => {
      replay.update(c, null);
      const f = replay.latest;
      expect(f === null, `${coin} ${interval} bar ${i}`).toBe(expected[i] === null);
      if (f === null) return;
      expect(Object.is(f.hurst, expected[i]), `round ${round} bar ${i}: ${f.hurst} vs ${expected[i]}`).toBe(
        true,
      );
      expect(Object.is(f.hurst, f.hurst)).toBe(true);
      expect(f.close).toBe(closes[i]!);
      compared++;
      if (Number.isFinite(f.hurst)) finite++;
    });
    expect(compared).toBeGreaterThan(1000);
    expect(finite).toBeGreaterThan(1000);
  }
}

describe("feature tape: lazy hurst equals the pipeline's", () => {
  test("BTC 1h, every bar, two replays", () => recordAndCompare("BTC", "1h"));
  test("ETH 15m, every bar", () => recordAndCompare("ETH", "15m"));
  test("a spread of a replayed bar carries hurst as a value (as a spread of the pipeline's does)", () => {
    const bars = candles("SOL", "4h");
    const tape = new FeatureTape();
    const rec = tape.recording()("SOL", "4h", params);
    for (const c of bars) rec.update(c, null);
    tape.seal();
    const replay = tape.replaying()("SOL", "4h", params);
    for (const c of bars) replay.update(c, null);
    const f = replay.latest!;
    const copy = { ...f };
    expect(Object.getOwnPropertyDescriptor(copy, "hurst")?.get).toBeUndefined();
    expect(Object.is(copy.hurst, f.hurst)).toBe(true);
  });
});
