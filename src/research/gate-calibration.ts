/**
 * Question 8's measurement: the promotion gate calibrated on synthetic bucket families, through the
 * production code (evaluateSamples: every statistic; decide: the state machine) replayed as the
 * daily cron would run it. Trade R is a fat-tailed mixture (−1R stops 62%, −4R gaps 1%, +2R targets
 * 35.5%, +10R runners 1.5%, shifted to an exact mean edge). Three populations:
 *   - noise: 8 buckets of zero edge → how often any reaches LIVE (false promotion);
 *   - planted: one bucket +0.15R among seven of −0.15…+0.10 → how often, and after how many trades,
 *     the planted one reaches LIVE (power);
 *   - decayed: the planted edge turns to −0.15R on day 400 → days until a LIVE bucket is demoted.
 */
import type { MiningConfig } from "../config/sections/mining.ts";
import { DAY_MS } from "../core/clock.ts";
import { gateStats } from "../mining/audit.ts";
import type { BucketSample } from "../mining/bucket-sample.ts";
import { evaluateSamples } from "../mining/family.ts";
import { type BucketState, decide } from "../mining/gate.ts";
import { EMPTY_MONITOR, type MonitorState } from "../mining/monitor.ts";
import { type Random, sfc32 } from "../mining/rng.ts";

const MIXTURE_MEAN = -1 * 0.62 + -4 * 0.01 + 2 * 0.355 + 10 * 0.015;

function gaussian(rand: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** One trade's net R with true mean `edge`. */
export function drawR(rand: Random, edge: number): number {
  const u = rand();
  const outcome = u < 0.62 ? -1 : u < 0.63 ? -4 : u < 0.985 ? 2 : 10;
  return outcome - MIXTURE_MEAN + edge + 0.05 * gaussian(rand);
}

export interface SimBucket {
  key: string;
  edge: number | ((day: number) => number);
  tradesPerDay: number;
}

export interface GateEvent {
  key: string;
  day: number;
  trades: number;
  from: BucketState;
  to: BucketState;
}

interface Series {
  x: Float64Array;
  openedAt: Float64Array;
  closedAt: Float64Array;
}

function generate(b: SimBucket, days: number, start: number, seed: number): Series {
  const rand = sfc32(seed);
  const n = Math.floor(days * b.tradesPerDay);
  const step = (days * DAY_MS) / Math.max(1, n);
  const openedAt = new Float64Array(n);
  const closedAt = new Float64Array(n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const open = start + i * step + rand() * step * 0.5;
    const edge = typeof b.edge === "number" ? b.edge : b.edge((open - start) / DAY_MS);
    // Holding half the spacing keeps trades disjoint and in close order.
    openedAt[i] = open;
    closedAt[i] = open + step / 2;
    x[i] = drawR(rand, edge);
  }
  return { x, openedAt, closedAt };
}

function countUpTo(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bucket keys of one strategy (sides × sessions × regimes × vol buckets). */
export function bucketKeys(strategy: string, n: number): string[] {
  const keys: string[] = [];
  for (const side of ["long", "short"])
    for (const session of ["ASIA", "EU_OPEN", "US_MAIN"])
      for (const regime of ["Long", "Short", "Neutral"])
        for (const vol of ["low", "mid", "high"])
          keys.push(`${strategy}|${side}|${session}|${regime}|${vol}`);
  return keys.slice(0, n);
}

/** Replays mine + promote every `cadenceDays` over one family; the state changes it made. */
export function simulateFamily(o: {
  buckets: readonly SimBucket[];
  days: number;
  cadenceDays: number;
  seed: number;
  rules: MiningConfig;
  stopAtLive?: boolean;
}): GateEvent[] {
  const start = Date.UTC(2025, 0, 1);
  const series = o.buckets.map((b, i) => generate(b, o.days, start, (o.seed * 1_000_003 + i * 7919) >>> 0));
  const state = o.buckets.map(() => ({
    state: "SHADOW" as BucketState,
    monitor: EMPTY_MONITOR as MonitorState,
  }));
  const history = new Map<string, Set<string>>();
  const events: GateEvent[] = [];
  for (let day = o.cadenceDays; day <= o.days; day += o.cadenceDays) {
    const now = start + day * DAY_MS;
    const samples: BucketSample[] = o.buckets.map((b, i) => {
      const s = series[i]!;
      const end = countUpTo(s.closedAt, now);
      const from = state[i]!.state === "SHADOW" ? state[i]!.monitor.demoted_at : null;
      const begin = from === null ? 0 : countUpTo(s.closedAt, from);
      return {
        key: b.key,
        windowFrom: from,
        nRaw: end - begin,
        x: s.x.subarray(begin, end),
        openedAt: s.openedAt.subarray(begin, end),
        closedAt: s.closedAt.subarray(begin, end),
      };
    });
    const family = evaluateSamples(samples, history, { ...o.rules, seed: (o.seed + day) >>> 0 });
    for (const b of family.buckets) {
      if (!b.eligible) continue;
      const set = history.get(b.strategy) ?? new Set<string>();
      set.add(b.key);
      history.set(b.strategy, set);
    }
    for (const [i, b] of o.buckets.entries()) {
      const prev = state[i]!;
      const s = series[i]!;
      let post: number[] = [];
      if (prev.state !== "SHADOW") {
        const after = prev.monitor.cursor ?? now;
        post = Array.from(s.x.subarray(countUpTo(s.closedAt, after), countUpTo(s.closedAt, now)));
      }
      const d = decide({ prev, stats: gateStats(family.buckets[i]!), post, data_until: now, rules: o.rules });
      if (d.state !== prev.state)
        events.push({ key: b.key, day, trades: countUpTo(s.closedAt, now), from: prev.state, to: d.state });
      state[i] = { state: d.state, monitor: d.monitor };
    }
    if (o.stopAtLive && state.some((s) => s.state === "LIVE")) break;
  }
  return events;
}

export interface CalibrationFigures {
  noise: { families: number; anyLive: number; anyProbation: number };
  planted: { families: number; live: number; tradesToLive: number[] };
  decayed: { families: number; liveBeforeDecay: number; demoted: number; daysToDemotion: number[] };
}

export const DECAY_DAY = 400;
const PLANTED_EDGES = [0.15, 0.1, 0.05, 0, 0, -0.05, -0.1, -0.15];

export function calibrateGate(
  rules: MiningConfig,
  seed: number,
  families: { noise: number; planted: number; decayed: number },
): CalibrationFigures {
  const noise = { families: families.noise, anyLive: 0, anyProbation: 0 };
  for (let f = 0; f < families.noise; f++) {
    const events = simulateFamily({
      buckets: bucketKeys("noise", 8).map((key) => ({ key, tradesPerDay: 2, edge: 0 })),
      days: 240,
      cadenceDays: 3,
      seed: (seed * 7 + 10_000 + f) >>> 0,
      rules,
      stopAtLive: true,
    });
    if (events.some((e) => e.to === "LIVE")) noise.anyLive++;
    if (events.some((e) => e.to === "PROBATION")) noise.anyProbation++;
  }
  const planted = { families: families.planted, live: 0, tradesToLive: [] as number[] };
  const keys = bucketKeys("planted", 8);
  for (let f = 0; f < families.planted; f++) {
    const events = simulateFamily({
      buckets: keys.map((key, i) => ({ key, tradesPerDay: 8, edge: PLANTED_EDGES[i]! })),
      days: 600,
      cadenceDays: 10,
      seed: (seed * 7 + 20_000 + f) >>> 0,
      rules,
    });
    const live = events.find((e) => e.key === keys[0] && e.to === "LIVE");
    if (live) {
      planted.live++;
      planted.tradesToLive.push(live.trades);
    }
  }
  const decayed = {
    families: families.decayed,
    liveBeforeDecay: 0,
    demoted: 0,
    daysToDemotion: [] as number[],
  };
  for (let f = 0; f < families.decayed; f++) {
    const events = simulateFamily({
      buckets: keys.map((key, i) => ({
        key,
        tradesPerDay: 8,
        edge: i === 0 ? (day: number) => (day < DECAY_DAY ? 0.15 : -0.15) : PLANTED_EDGES[i]!,
      })),
      days: DECAY_DAY + 300,
      cadenceDays: 10,
      seed: (seed * 7 + 30_000 + f) >>> 0,
      rules,
    });
    const mine = events.filter((e) => e.key === keys[0]);
    const liveAtDecay = mine.filter((e) => e.day <= DECAY_DAY).at(-1)?.to === "LIVE";
    if (!liveAtDecay) continue;
    decayed.liveBeforeDecay++;
    const out = mine.find((e) => e.day > DECAY_DAY && e.from === "LIVE");
    if (out) {
      decayed.demoted++;
      decayed.daysToDemotion.push(out.day - DECAY_DAY);
    }
  }
  return { noise, planted, decayed };
}
