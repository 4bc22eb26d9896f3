/**
 * The per-coin scan of one tick: every enabled strategy whose timeframe just closed a bar runs on
 * that bar's features; each signal becomes a Candidate in its bucket (session at the decision time,
 * vol bucket from the bar's vol_ratio, the tick's regime) with score = scoreRaw × regime multiplier
 * (capped), decidedAt = the candle's close time. All candidates are returned (each is recorded as a
 * shadow decision) together with the best one for the coin. The engine scans each closed bar once
 * for both threshold sets (scanClosedBar: one context, two parameter sets); nothing is allocated
 * unless a strategy fires.
 */

import {
  type BoundStrategy,
  type ParamSet,
  type StrategyContext,
  strategiesFromConfig,
} from "../../strategies/index.ts";
import type { FeaturesConfig } from "../config/sections/features.ts";
import type { RegimeConfig } from "../config/sections/regime.ts";
import type { SessionsConfig } from "../config/sections/sessions.ts";
import type { StrategiesConfig } from "../config/sections/strategies.ts";
import { emptyArray } from "../core/arrays.ts";
import type { Regime } from "../core/bucket.ts";
import type { Interval } from "../core/intervals.ts";
import type { Candidate } from "../core/signal.ts";
import type { Features } from "../market/features/features.ts";
import { finalScore, regimeMultiplier } from "./scoring.ts";
import { SessionTable } from "./session.ts";
import { setupKey } from "./setup-key.ts";
import { volBucket } from "./vol-bucket.ts";

/** Config sections the signal engine reads. */
export interface SignalConfig {
  features: FeaturesConfig;
  sessions: SessionsConfig;
  regime: RegimeConfig;
  strategies: StrategiesConfig;
}

/** Everything a scan needs, built once from config. */
export interface ScanSetup {
  strategies: readonly BoundStrategy[];
  /** The same strategies grouped by timeframe, in registry order. */
  byTimeframe: ReadonlyMap<Interval, readonly BoundStrategy[]>;
  sessions: SessionTable;
  features: FeaturesConfig;
  regime: RegimeConfig;
  /** Reused context object (strategies are pure and keep no reference to it). */
  scratch: StrategyContext;
}

export function createScanSetup(cfg: SignalConfig): ScanSetup {
  const strategies = strategiesFromConfig(cfg.strategies);
  const byTimeframe = new Map<Interval, BoundStrategy[]>();
  for (const s of strategies) byTimeframe.set(s.timeframe, [...(byTimeframe.get(s.timeframe) ?? []), s]);
  return {
    strategies,
    byTimeframe,
    sessions: new SessionTable(cfg.sessions),
    features: cfg.features,
    regime: cfg.regime,
    scratch: { coin: "", session: "", volBucket: "", regime: "Neutral" },
  };
}

/** A bar that closed on this tick, with its features. */
export interface ClosedFeatures {
  timeframe: Interval;
  features: Features;
}

export interface ScanResult {
  candidates: readonly Candidate[];
  /** Highest score (first in registry order on a tie), or null. */
  best: Candidate | null;
}

const NOTHING: ScanResult = Object.freeze({ candidates: Object.freeze([]), best: null });

/** The candidates of one closed bar under both threshold sets (arrays reused by the next scan). */
export interface BarScan {
  shadow: Candidate[];
  live: Candidate[];
}

/**
 * Sets the scan context of one bar (session at its close, vol bucket, regime) in setup.scratch: the
 * bucket every candidate of the bar falls in, computed once for both threshold sets.
 */
export function barContext(setup: ScanSetup, coin: string, f: Features, regime: Regime): StrategyContext {
  const ctx = setup.scratch;
  ctx.coin = coin;
  ctx.session = setup.sessions.at(f.closeT);
  ctx.volBucket = volBucket(f.volRatio, setup.features.vol_bucket);
  ctx.regime = regime;
  return ctx;
}

/** Runs `strategies` on one bar's features under `set`, appending each signal as a Candidate to `out`. */
function evaluateInto(
  setup: ScanSetup,
  strategies: readonly BoundStrategy[],
  set: ParamSet,
  timeframe: Interval,
  f: Features,
  ctx: StrategyContext,
  out: Candidate[],
): void {
  for (let k = 0; k < strategies.length; k++) {
    const s = strategies[k]!;
    const signal = s.evaluate(f, ctx, set);
    if (signal === null) continue;
    const multiplier = regimeMultiplier(s.name, signal.side, ctx.regime, setup.regime);
    out.push({
      ...signal,
      strategy: s.name,
      coin: ctx.coin,
      timeframe,
      candleT: f.t,
      decidedAt: f.closeT,
      score: finalScore(signal.scoreRaw, multiplier, setup.regime.score_cap),
      regime: ctx.regime,
      session: ctx.session,
      volBucket: ctx.volBucket,
      setupKey: setupKey(ctx.coin, signal.side, f.closeT),
    });
  }
}

/**
 * One closed bar under the shadow set and, when `withLive`, the live set: `strategies` (those of the
 * bar's timeframe) see the same features, context and regime under both. `out` is cleared and refilled.
 */
export function scanClosedBar(
  setup: ScanSetup,
  strategies: readonly BoundStrategy[],
  coin: string,
  timeframe: Interval,
  f: Features,
  regime: Regime,
  withLive: boolean,
  out: BarScan,
): BarScan {
  emptyArray(out.shadow);
  emptyArray(out.live);
  const ctx = barContext(setup, coin, f, regime);
  evaluateInto(setup, strategies, "shadow", timeframe, f, ctx, out.shadow);
  if (withLive) evaluateInto(setup, strategies, "live", timeframe, f, ctx, out.live);
  return out;
}

const scanScratch: Candidate[] = [];

/** The candidates of several bars of one coin under one threshold set, with the best of them. */
export function scanCoin(
  setup: ScanSetup,
  set: ParamSet,
  coin: string,
  closed: readonly ClosedFeatures[],
  regime: Regime,
): ScanResult {
  const found = scanScratch;
  emptyArray(found);
  for (let b = 0; b < closed.length; b++) {
    const bar = closed[b]!;
    const strategies = setup.byTimeframe.get(bar.timeframe);
    if (strategies === undefined) continue;
    const ctx = barContext(setup, coin, bar.features, regime);
    evaluateInto(setup, strategies, set, bar.timeframe, bar.features, ctx, found);
  }
  if (found.length === 0) return NOTHING;
  const candidates = found.slice();
  return { candidates, best: bestCandidate(candidates) };
}

export function scanCoinLive(
  setup: ScanSetup,
  coin: string,
  closed: readonly ClosedFeatures[],
  regime: Regime,
): ScanResult {
  return scanCoin(setup, "live", coin, closed, regime);
}

export function scanCoinShadow(
  setup: ScanSetup,
  coin: string,
  closed: readonly ClosedFeatures[],
  regime: Regime,
): ScanResult {
  return scanCoin(setup, "shadow", coin, closed, regime);
}

export function bestCandidate(candidates: readonly Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) if (best === null || c.score > best.score) best = c;
  return best;
}
