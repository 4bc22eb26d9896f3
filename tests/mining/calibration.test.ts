// Calibration of the whole gate (statistics + state machine, production code) on seeded synthetic
// families: false promotions under pure noise, time to LIVE for a planted edge against the sample size
// the gate's formulas predict, and demotion of a decayed edge. Trade R: fat-tailed mixture (support).
import { describe, expect, test } from "bun:test";
import { MiningSection } from "../../src/config/sections/mining.ts";
import { weightedMoments } from "../../src/mining/moments.ts";
import {
  cusumArl,
  cusumThreshold,
  EMPTY_MONITOR,
  type MonitorState,
  updateMonitor,
} from "../../src/mining/monitor.ts";
import { sfc32 } from "../../src/mining/rng.ts";
import { predictedTradesToLive } from "./support/predict.ts";
import { bucketKeys, type SimEvent, simulateFamily } from "./support/simulate.ts";
import { drawMany, drawR, TRADE_SD } from "./support/synthetic.ts";

const DEFAULTS = MiningSection.parse({});
/** The gate's promotion statistics alone: post-promotion monitors switched off. */
const NO_MONITORS = MiningSection.parse({
  demote_p_theta_min_trades: 1e9,
  cusum_arl0: 1e12,
  sprt_alpha: 1e-12,
});
const SLOW = 60_000;

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
const share = (xs: boolean[]) => xs.filter(Boolean).length / xs.length;

describe("pure noise: zero true edge in every bucket", () => {
  test(
    "fewer than 5% of families ever promote a bucket to LIVE (8 buckets, 240 days, runs every 3 days)",
    () => {
      const families = 200;
      const anyLive: boolean[] = [];
      const anyProbation: boolean[] = [];
      const naive: boolean[] = [];
      for (let f = 0; f < families; f++) {
        const buckets = bucketKeys("noise", 8).map((key) => ({ key, tradesPerDay: 2, edge: 0 }));
        let sawNaive = false;
        const events = simulateFamily({
          buckets,
          days: 240,
          cadenceDays: 3,
          seed: 10_000 + f,
          rules: DEFAULTS,
          stopAtLive: true,
          onRun: (stats) => {
            if (stats.some((b) => b.eligible && (b.p ?? 1) <= 0.05)) sawNaive = true;
          },
        });
        anyLive.push(events.some((e) => e.to === "LIVE"));
        anyProbation.push(events.some((e) => e.to === "PROBATION"));
        naive.push(sawNaive);
      }
      // The families are noisy enough to fool a naive per-bucket p ≤ 0.05 test almost always...
      expect(share(naive)).toBeGreaterThan(0.8);
      // ...while the gate keeps real money away from noise (PROBATION is the cheap, reduced-size tier).
      expect(share(anyLive)).toBeLessThanOrEqual(0.05);
      expect(share(anyProbation)).toBeLessThan(0.3);
    },
    SLOW,
  );
});

describe("a planted +0.15R/trade edge (per-trade SR ≈ 0.08, skew ≈ 2, kurtosis ≈ 11)", () => {
  const edges = [0.15, 0.1, 0.05, 0, 0, -0.05, -0.1, -0.15];
  const trade = weightedMoments(drawMany(sfc32(99), 0.15, 400_000));
  const run = (rules: typeof DEFAULTS, f: number): SimEvent[] =>
    simulateFamily({
      buckets: bucketKeys("planted", 8).map((key, i) => ({ key, tradesPerDay: 8, edge: edges[i]! })),
      days: 600,
      cadenceDays: 10,
      seed: 20_000 + f,
      rules,
    });
  const planted = bucketKeys("planted", 1)[0]!;

  test("the predicted sample size: about 1600 trades (P_b ≥ 0.95 binds before DSR)", () => {
    expect(trade.sd).toBeCloseTo(TRADE_SD, 1);
    const p = predictedTradesToLive(0.15, edges, trade, DEFAULTS);
    expect(p.n).toBeGreaterThan(1300);
    expect(p.n).toBeLessThan(1900);
  });

  test(
    "the gate's statistics promote it to LIVE at the predicted sample size (median within ±25%)",
    () => {
      const n = predictedTradesToLive(0.15, edges, trade, NO_MONITORS).n;
      const firstLive: number[] = [];
      for (let f = 0; f < 24; f++) {
        const live = run(NO_MONITORS, f).find((e) => e.key === planted && e.to === "LIVE");
        firstLive.push(live ? live.trades : Number.POSITIVE_INFINITY);
      }
      expect(quantile(firstLive, 0.5)).toBeGreaterThan(0.75 * n);
      expect(quantile(firstLive, 0.5)).toBeLessThan(1.25 * n);
      expect(share(firstLive.map((t) => t <= 1.75 * n))).toBeGreaterThanOrEqual(0.75);
    },
    SLOW,
  );

  test(
    "with the default monitors, the probation P(θ > 0) rule costs a real edge its first promotion about a third of the time",
    () => {
      const n = predictedTradesToLive(0.15, edges, trade, DEFAULTS).n;
      const liveBy: boolean[] = [];
      const cutInProbation: boolean[] = [];
      for (let f = 0; f < 24; f++) {
        const events = run(DEFAULTS, f).filter((e) => e.key === planted);
        const first = events.findIndex((e) => e.to === "PROBATION");
        cutInProbation.push(first >= 0 && events[first + 1]?.to === "SHADOW");
        liveBy.push(events.some((e) => e.to === "LIVE" && e.trades <= 1.5 * n));
      }
      // Theory: mean of 30 post-promotion trades < 0 with probability Φ(−0.078·√30) ≈ 0.33 at the first check.
      expect(share(cutInProbation)).toBeGreaterThan(0.1);
      expect(share(cutInProbation)).toBeLessThan(0.65);
      expect(share(liveBy)).toBeGreaterThanOrEqual(0.35);
    },
    SLOW,
  );
});

describe("demotion of a decayed edge", () => {
  const rules = DEFAULTS;
  const muP = 0.15;

  /** Trades until the first alarm of the monitor frozen at μp, for trades with true mean `edge`. */
  function runLength(edge: number, seed: number, alarms: string[], max = 5000): number {
    const k = muP / TRADE_SD / 2;
    let m: MonitorState = {
      ...EMPTY_MONITOR,
      mu_p: muP,
      sigma_p: TRADE_SD,
      k,
      h: cusumThreshold(k, rules.cusum_arl0),
    };
    const rand = sfc32(seed);
    for (let t = 1; t <= max; t++) {
      const u = updateMonitor(m, [drawR(rand, edge)], t, rules);
      if (u.alarms.some((a) => alarms.includes(a))) return t;
      m = u.monitor;
    }
    return Number.POSITIVE_INFINITY;
  }

  test(
    "CUSUM's h gives the configured in-control run length of 500 trades (Siegmund's approximation)",
    () => {
      const k = muP / TRADE_SD / 2;
      expect(cusumArl(-k, cusumThreshold(k, 500))).toBeCloseTo(500, 6);
      const lengths = Array.from({ length: 300 }, (_, s) => runLength(muP, 500 + s, ["alarm_cusum"]));
      const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
      expect(mean).toBeGreaterThan(400);
      expect(mean).toBeLessThan(650);
    },
    SLOW,
  );

  test(
    "an edge that drops to zero is demoted by CUSUM/SPRT within ~1.5× Siegmund's ARL1",
    () => {
      const k = muP / TRADE_SD / 2;
      const arl1 = cusumArl(k, cusumThreshold(k, rules.cusum_arl0));
      const lengths = Array.from({ length: 300 }, (_, s) =>
        runLength(0, 900 + s, ["alarm_cusum", "alarm_sprt"]),
      );
      expect(quantile(lengths, 0.5)).toBeLessThan(1.5 * arl1);
      expect(quantile(lengths, 0.95)).toBeLessThan(800);
      // A negative edge is caught faster still.
      const worse = Array.from({ length: 300 }, (_, s) =>
        runLength(-0.1, 1300 + s, ["alarm_cusum", "alarm_sprt"]),
      );
      expect(quantile(worse, 0.5)).toBeLessThan(quantile(lengths, 0.5));
    },
    SLOW,
  );

  test(
    "end to end: a LIVE bucket whose edge vanishes is back in SHADOW within weeks",
    () => {
      const decayDay = 300;
      const outcomes: boolean[] = [];
      for (let f = 0; f < 16; f++) {
        const buckets = bucketKeys("decay", 6).map((key, i) => ({
          key,
          tradesPerDay: 8,
          edge: i === 0 ? (day: number) => (day < decayDay ? 0.35 : 0) : [0, 0.05, -0.05, 0.1, -0.1][i - 1]!,
        }));
        const events = simulateFamily({ buckets, days: 420, cadenceDays: 5, seed: 30_000 + f, rules });
        const mine = events.filter((e) => e.key === buckets[0]!.key);
        const liveAtDecay = mine.filter((e) => e.day <= decayDay).at(-1)?.to === "LIVE";
        if (!liveAtDecay) continue;
        const demoted = mine.find((e) => e.day > decayDay && e.to === "SHADOW");
        outcomes.push(demoted !== undefined && demoted.day - decayDay <= 90);
      }
      expect(outcomes.length).toBeGreaterThanOrEqual(8);
      expect(share(outcomes)).toBeGreaterThanOrEqual(0.9);
    },
    SLOW,
  );
});
