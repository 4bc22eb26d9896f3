// The R figures of a trade sample: hand-computed values, the concurrency of positions, and
// bootstrap intervals that are deterministic and widen when trades cluster.
import { describe, expect, test } from "bun:test";
import { DAY_MS } from "../../src/core/clock.ts";
import { sfc32 } from "../../src/mining/rng.ts";
import { bootstrapCi, CI_MIN_TRADES } from "../../src/report/bootstrap-ci.ts";
import { exposure } from "../../src/report/exposure.ts";
import { rStats } from "../../src/report/r-stats.ts";

const T0 = Date.parse("2024-03-01T00:00Z");
const H = 3_600_000;
const trade = (openH: number, closeH: number, r: number, costs = { fees: 0, slippage: 0, funding: 0 }) => ({
  openedAt: T0 + openH * H,
  closedAt: T0 + closeH * H,
  r,
  riskUsd: 100,
  ...costs,
});

describe("rStats", () => {
  test("hand-computed figures of five trades over four days", () => {
    const trades = [
      trade(1, 5, -1),
      trade(2, 6, 2, { fees: 10, slippage: 5, funding: -2 }),
      trade(30, 40, -1),
      trade(50, 60, 0.5),
      trade(70, 80, -0.5),
    ];
    const s = rStats(trades, { from: T0, to: T0 + 4 * DAY_MS }, "t");
    expect(s.trades).toBe(5);
    expect(s.days).toBe(4);
    expect(s.totalR).toBe(0);
    expect(s.meanR!.value).toBe(0);
    expect(s.meanR!.ci95).toBeNull(); // under CI_MIN_TRADES
    expect(s.medianR!.value).toBe(-0.5);
    expect(s.rPerDay).toBe(0);
    expect(s.winRate).toBe(0.4);
    expect(s.profitFactor).toBe(2.5 / 2.5);
    // cumulative R: −1, 1, 0, 0.5, 0 → peak 1, trough 0 after it
    expect(s.maxDrawdownR).toBe(1);
    expect(s.tradesPerDay).toBe(1.25);
    expect([s.feesR, s.slippageR, s.fundingR]).toEqual([0.1, 0.05, -0.02]);
    // days' sums: day 0 → 1, day 1 → −1, day 2 → 0.5, day 3 → −0.5
    const mean = 0;
    const sd = Math.sqrt((1 + 1 + 0.25 + 0.25) / 3);
    expect(s.rSharpePerDay).toBeCloseTo(mean / sd, 12);
    expect(s.exposure.maxConcurrent).toBe(2);
  });

  test("no trades: zeros and nulls, never NaN", () => {
    const s = rStats([], { from: T0, to: T0 + DAY_MS }, "none");
    expect(s.trades).toBe(0);
    expect([s.meanR, s.medianR, s.winRate, s.profitFactor, s.rSharpePerTrade, s.rSharpePerDay]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(Object.values(s).some((v) => typeof v === "number" && Number.isNaN(v))).toBe(false);
  });
});

describe("exposure", () => {
  test("time-weighted mean, maximum and share of time with a position open", () => {
    const w = { from: T0, to: T0 + 10 * H };
    const e = exposure([trade(0, 4, 0), trade(2, 6, 0), trade(8, 12, 0)], w);
    // open: 0–2 one, 2–4 two, 4–6 one, 6–8 none, 8–10 one (clipped) → 10 position-hours
    expect(e.avgConcurrent).toBeCloseTo(1, 12);
    expect(e.maxConcurrent).toBe(2);
    expect(e.timeInMarketPct).toBeCloseTo(80, 12);
  });

  test("a position closed as the next opens is never counted twice", () => {
    const e = exposure([trade(0, 2, 0), trade(2, 4, 0)], { from: T0, to: T0 + 4 * H });
    expect(e.maxConcurrent).toBe(1);
  });
});

describe("bootstrapCi", () => {
  const sample = (n: number, seed: number) => {
    const rand = sfc32(seed);
    return Float64Array.from({ length: n }, () => (rand() < 0.4 ? 1 + rand() * 3 : -1));
  };
  const sorted = (x: Float64Array) => Float64Array.from(x).sort();

  test("deterministic, contains the estimate, and none below the minimum sample", () => {
    const x = sample(500, 7);
    const a = bootstrapCi(x, sorted(x), "g")!;
    expect(bootstrapCi(x, sorted(x), "g")).toEqual(a);
    const mean = x.reduce((p, v) => p + v, 0) / x.length;
    expect(a.mean[0]).toBeLessThan(mean);
    expect(a.mean[1]).toBeGreaterThan(mean);
    expect(a.median[0]).toBeLessThanOrEqual(a.median[1]);
    expect(
      bootstrapCi(x.subarray(0, CI_MIN_TRADES - 1), sorted(x.subarray(0, CI_MIN_TRADES - 1)), "g"),
    ).toBeNull();
  });

  test("independent trades: about the iid interval; clustered trades: wider", () => {
    const x = sample(4000, 11);
    const mean = x.reduce((p, v) => p + v, 0) / x.length;
    const sd = Math.sqrt(x.reduce((p, v) => p + (v - mean) ** 2, 0) / (x.length - 1));
    const iidHalf = (1.96 * sd) / Math.sqrt(x.length);
    const iid = bootstrapCi(x, sorted(x), "iid")!;
    const half = (iid.mean[1] - iid.mean[0]) / 2;
    expect(half / iidHalf).toBeGreaterThan(0.8);
    expect(half / iidHalf).toBeLessThan(1.25);
    // The same outcomes, each repeated 8 times in a row (8 coins stopped by one move): the
    // interval must widen by about √8, as an iid bootstrap would not.
    const clustered = Float64Array.from({ length: x.length * 8 }, (_, i) => x[Math.floor(i / 8)]!);
    const c = bootstrapCi(clustered, sorted(clustered), "clustered")!;
    expect((c.mean[1] - c.mean[0]) / 2 / (iidHalf / Math.sqrt(8))).toBeGreaterThan(2);
    // the median's interval widens too
    expect(c.median[1] - c.median[0]).toBeGreaterThanOrEqual(iid.median[1] - iid.median[0]);
  });
});
