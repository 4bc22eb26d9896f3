/**
 * No lookahead in the features: the features of bar t computed from data that ENDS at t (candles
 * up to t, funding events published up to t's close) are bit-identical to those of a run over all
 * the data. Many cut points per series, so a funding lookup that peeks one event ahead (rates change
 * on ~60% of hours) cannot slip through.
 */
import { describe, expect, test } from "bun:test";
import { FeaturesSection } from "../../../src/config/sections/features.ts";
import { intervalMs } from "../../../src/core/intervals.ts";
import type { Features } from "../../../src/market/features/features.ts";
import { FundingCursor } from "../../../src/market/features/funding-cursor.ts";
import { FeaturePipeline } from "../../../src/market/features/pipeline.ts";
import { candles, funding } from "./real-data.ts";

const P = FeaturesSection.parse({});
const CUTS = 25;

describe("features at bar t do not depend on data after t", () => {
  test.each([
    ["BTC", "15m"],
    ["SOL", "1h"],
    ["ETH", "4h"],
  ] as const)("%s %s: features at 25 cut points equal the full run", (coin, tf) => {
    const c = candles(coin, tf);
    const events = funding(coin);
    const len = intervalMs(tf);
    const run = (bars: number, endT: number): Features | null => {
      const p = new FeaturePipeline(tf, P);
      const cursor = new FundingCursor(events.filter((e) => e.eventT <= endT));
      let f: Features | null = null;
      for (let i = 0; i < bars; i++) f = p.update(c[i]!, cursor.at(c[i]!.t + len));
      return f;
    };
    const fullAt: (Features | null)[] = [];
    const p = new FeaturePipeline(tf, P);
    const cursor = new FundingCursor(events);
    for (const bar of c) fullAt.push(p.update(bar, cursor.at(bar.t + len)) && p.snapshot());
    const first = FeaturePipeline.warmupBars(P);
    let differing = 0;
    for (let k = 0; k < CUTS; k++) {
      const cut = first + Math.floor(((c.length - 1 - first) * k) / (CUTS - 1));
      const truncated = run(cut + 1, c[cut]!.t + len);
      if (JSON.stringify(truncated) !== JSON.stringify(fullAt[cut])) differing++;
    }
    expect(differing).toBe(0);
  });
});
