/**
 * What a strategy hands to the engine, and what the engine records. These types are the contract
 * between strategies/ (producers), src/engine (scoring, gate, position manager) and src/sim + live
 * venues (consumers). Prices are plain numbers here; the venue rounds to tick/lot when it orders.
 */

import type { Regime, Side } from "./bucket.ts";
import type { Interval } from "./intervals.ts";

/** Output of one strategy on one closed candle: a trade idea, before regime scoring. */
export interface StrategySignal {
  side: Side;
  /** 0–100, before the regime multiplier. */
  scoreRaw: number;
  /** Reference entry price (the signal candle's close). */
  entryRef: number;
  stop: number;
  target: number;
  /** The feature values the strategy used, recorded with the decision. */
  features: Record<string, number>;
  /** Optional per-strategy trail override in R (trend_alpha). */
  trailDistanceR?: number;
}

/** A signal placed in context: which strategy, coin, candle, and the bucket it falls in. */
export interface Candidate extends StrategySignal {
  strategy: string;
  coin: string;
  timeframe: Interval;
  /** Open time of the CLOSED signal candle (ms UTC). */
  candleT: number;
  /** Time the decision is made: the signal candle's close time. */
  decidedAt: number;
  /** scoreRaw × regime multiplier (capped to 100). */
  score: number;
  regime: Regime;
  session: string;
  volBucket: string;
  /** One economic setup: coin|side|signal-candle close time. */
  setupKey: string;
}
