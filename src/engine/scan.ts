/**
 * The per-coin scan of one tick: every enabled strategy whose timeframe just closed a bar runs on
 * that bar's features; each signal becomes a Candidate in its bucket (session at the decision time,
 * vol bucket from the bar's vol_ratio, the tick's regime) with score = scoreRaw × regime multiplier
 * (capped), decidedAt = the candle's close time. All candidates are returned (each is recorded as a
 * shadow decision) together with the best one for the coin. Live and shadow threshold sets are
 * separate entry points; nothing is allocated unless a strategy fires.
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

export function scanCoin(
  setup: ScanSetup,
  set: ParamSet,
  coin: string,
  closed: readonly ClosedFeatures[],
  regime: Regime,
): ScanResult {
  let candidates: Candidate[] | null = null;
  for (let b = 0; b < closed.length; b++) {
    const bar = closed[b]!;
    const strategies = setup.byTimeframe.get(bar.timeframe);
    if (strategies === undefined) continue;
    const f = bar.features;
    const ctx = setup.scratch;
    ctx.coin = coin;
    ctx.session = setup.sessions.at(f.closeT);
    ctx.volBucket = volBucket(f.volRatio, setup.features.vol_bucket);
    ctx.regime = regime;
    for (let k = 0; k < strategies.length; k++) {
      const s = strategies[k]!;
      const signal = s.evaluate(f, ctx, set);
      if (signal === null) continue;
      const multiplier = regimeMultiplier(s.name, signal.side, regime, setup.regime);
      candidates ??= [];
      candidates.push({
        ...signal,
        strategy: s.name,
        coin,
        timeframe: bar.timeframe,
        candleT: f.t,
        decidedAt: f.closeT,
        score: finalScore(signal.scoreRaw, multiplier, setup.regime.score_cap),
        regime,
        session: ctx.session,
        volBucket: ctx.volBucket,
        setupKey: setupKey(coin, signal.side, f.closeT),
      });
    }
  }
  if (candidates === null) return NOTHING;
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
