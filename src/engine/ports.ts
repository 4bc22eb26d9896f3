/**
 * The ports of the engine. Backtest, shadow and live plug different adapters into the same tick:
 * a MarketView from a replay or live feed, a Journal over the ledger (or memory), an execution venue.
 */

import type { Regime } from "../core/bucket.ts";
import type { Interval } from "../core/intervals.ts";
import type { Candidate } from "../core/signal.ts";
import type { Candle } from "../ledger/repos/candles.ts";
import type { Mode, Position, PositionExit } from "./position.ts";
import type { Segment } from "./position-rules.ts";

export interface ClosedBar {
  coin: string;
  interval: Interval;
  candle: Candle;
}

export interface FundingEvent {
  coin: string;
  /** Funding hour, ms. */
  t: number;
  rate: number;
}

/** What the market looks like at one tick. */
export interface MarketView {
  now: number;
  /** Candles that closed since the previous tick, oldest first. */
  closedBars: ClosedBar[];
  /** Price path per coin since the previous tick (for managing open positions). */
  segments: ReadonlyMap<string, Segment>;
  /** Funding hours that passed since the previous tick. */
  funding: FundingEvent[];
  /** Current tradable price of a coin (next bar's open in replay, mid live). */
  price(coin: string): number | undefined;
}

/** Features, regime and strategy scan: the signal engine behind one interface. */
export interface SignalSource {
  /** Feeds a closed candle (and the funding rate known at its close) into the feature pipelines. */
  onClosedBar(bar: ClosedBar, fundingHourly: number | null): void;
  /** The regime for this tick (from BTC, or per asset). */
  regime(coin: string): Regime;
  /** Candidates from the strategies of `bar`'s timeframe, scored, for the shadow or live param set. */
  scan(bar: ClosedBar, mode: Mode, now: number): Candidate[];
}

export interface DecisionRecord {
  mode: Mode;
  candidate: Candidate;
  verdict: "open" | "rejected" | "duplicate";
  reasons: string[];
  modelVersion: string;
}

/** Where the engine writes what it decides and does. */
export interface Journal {
  recordDecision(d: DecisionRecord): number;
  openPosition(p: Position): number;
  updatePosition(p: Position): void;
  recordExit(p: Position, exit: PositionExit): void;
  recordEquity(s: EquitySnapshot): void;
}

export interface EquitySnapshot {
  mode: Mode;
  t: number;
  equity: number;
  peak: number;
  drawdown: number;
  dayPnl: number;
  openPositions: number;
}
