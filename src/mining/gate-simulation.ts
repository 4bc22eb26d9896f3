/**
 * Replays the daily cron (mine then promote) over synthetic bucket families in memory, through the
 * production code: evaluateSamples (all statistics) and decide (the state machine). Trades are
 * generated up front per bucket, in exit-time order, and every run sees typed-array views of the
 * trades closed by its cutoff — no ledger, so hundreds of families run in seconds.
 */

import type { MiningConfig } from "../config/sections/mining.ts";
import { DAY_MS } from "../core/clock.ts";
import { gateStats } from "./audit.ts";
import type { BucketSample } from "./bucket-sample.ts";
import { type BucketStat, evaluateSamples } from "./family.ts";
import { type BucketState, decide } from "./gate.ts";
import { EMPTY_MONITOR, type MonitorState } from "./monitor.ts";
import { sfc32 } from "./rng.ts";
import { drawR } from "./synthetic-r.ts";

export interface SimBucket {
  /** strategy|side|session|regime|vol_bucket */
  key: string;
  /** True mean net R of a trade entered at day d of the simulation. */
  edge: number | ((day: number) => number);
  tradesPerDay: number;
}

export interface SimOptions {
  buckets: readonly SimBucket[];
  days: number;
  /** Days between mine+promote runs (1 = the daily cron). */
  cadenceDays: number;
  seed: number;
  rules: MiningConfig;
  /** Stop at the first LIVE promotion (calibration of false promotions). */
  stopAtLive?: boolean;
  /** Sees every run's bucket statistics (e.g. to compare with a naive test). */
  onRun?: (stats: readonly BucketStat[], day: number) => void;
}

export interface SimEvent {
  key: string;
  day: number;
  /** Trades of the bucket closed by then (all, not only post-demotion). */
  trades: number;
  /** n_eff of the sample the decision saw (post-demotion when demoted before). */
  nEff: number;
  from: BucketState;
  to: BucketState;
  reasons: string[];
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
  const rows: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const open = start + i * step + rand() * step * 0.5;
    const day = (open - start) / DAY_MS;
    const edge = typeof b.edge === "number" ? b.edge : b.edge(day);
    // Holding half the spacing keeps trades disjoint (n_eff = n: trade counts are effective counts).
    rows.push([open, open + step / 2, drawR(rand, edge)]);
  }
  rows.sort((p, q) => p[1] - q[1]);
  return {
    openedAt: Float64Array.from(rows, (r) => r[0]),
    closedAt: Float64Array.from(rows, (r) => r[1]),
    x: Float64Array.from(rows, (r) => r[2]),
  };
}

/** Number of entries ≤ v in a sorted array. */
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

export function simulateFamily(o: SimOptions): SimEvent[] {
  const start = Date.UTC(2025, 0, 1);
  const series = o.buckets.map((b, i) => generate(b, o.days, start, (o.seed * 1_000_003 + i * 7919) >>> 0));
  const state = o.buckets.map(() => ({
    state: "SHADOW" as BucketState,
    monitor: EMPTY_MONITOR as MonitorState,
  }));
  const history = new Map<string, Set<string>>();
  const events: SimEvent[] = [];
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
    o.onRun?.(family.buckets, day);
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
      if (d.state !== prev.state) {
        events.push({
          key: b.key,
          day,
          trades: countUpTo(s.closedAt, now),
          nEff: family.buckets[i]!.n_eff,
          from: prev.state,
          to: d.state,
          reasons: d.reasons,
        });
      }
      state[i] = { state: d.state, monitor: d.monitor };
    }
    if (o.stopAtLive && state.some((s) => s.state === "LIVE")) break;
  }
  return events;
}

/** n buckets of one strategy with distinct keys (sessions × regimes × vol buckets). */
export function bucketKeys(strategy: string, n: number): string[] {
  const keys: string[] = [];
  for (const side of ["long", "short"])
    for (const session of ["ASIA", "EU_OPEN", "US_MAIN"])
      for (const regime of ["Long", "Short", "Neutral"])
        for (const vol of ["low", "mid", "high"])
          keys.push(`${strategy}|${side}|${session}|${regime}|${vol}`);
  return keys.slice(0, n);
}
