/**
 * The ports of the engine. Backtest, shadow and live plug different adapters into the same tick:
 * a MarketView from a replay or live feed, a Journal over the ledger (or memory), an execution venue.
 */

import type { Regime } from "../core/bucket.ts";
import type { Interval } from "../core/intervals.ts";
import type { Candidate } from "../core/signal.ts";
import type { Candle } from "../ledger/repos/candles.ts";
import type { ExitReason, Mode, Position, PositionExit } from "./position.ts";
import type { Segment } from "./position-rules.ts";

export interface ClosedBar {
  coin: string;
  interval: Interval;
  candle: Candle;
}

/** Each coin's price segment of the tick, or undefined when the coin has none (a Map will do). */
export interface SegmentLookup {
  get(coin: string): Segment | undefined;
}

export interface FundingEvent {
  coin: string;
  /** Funding hour, ms: positions open then pay it. */
  t: number;
  rate: number;
  /** When the rate was published (a few ms to seconds after the hour): features may use it from then on. */
  eventT: number;
}

/**
 * What the market looks like at one tick. A view, its bars and segments are valid during that tick
 * only (the replay feed rewrites them for the next one): copy whatever must outlive the tick.
 */
export interface MarketView {
  now: number;
  /** Candles that closed since the previous tick, oldest first. */
  closedBars: ClosedBar[];
  /** Price path per coin since the previous tick (for managing open positions). */
  segments: SegmentLookup;
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
  /**
   * Candidates from the strategies of `bar`'s timeframe, scored, under the shadow threshold set and,
   * when `withLive`, the live one (one context for both). The result is reused by the next call.
   */
  scan(bar: ClosedBar, now: number, withLive: boolean): BarCandidates;
  /**
   * The CLOSE rule of `p`'s strategy on `bar`, a bar of that strategy's timeframe that closed at
   * `now` after the position opened: true asks the engine to exit the position (reason `signal`). A
   * position is judged by the threshold set of its path. Absent or false: it keeps its other exits.
   */
  closeSignal?(bar: ClosedBar, p: Position, now: number): boolean;
  /**
   * The timeframe of `strategy`'s CLOSE rule, or undefined when it has none: lets the engine ask
   * closeSignal only for positions that can get an answer. Absent: every position is asked.
   */
  closeRuleTimeframe?(strategy: string): Interval | undefined;
  /**
   * Whether `c`'s strategy, evaluated under threshold set `set` on the latest bar of `c`'s timeframe
   * closed by `now`, still emits `c.side` (cancel-if-signal-gone). Absent: always true.
   */
  signalHolds?(c: Candidate, set: Mode, now: number): boolean;
}

/** One bar's candidates per threshold set; valid until the next scan. */
export interface BarCandidates {
  readonly shadow: readonly Candidate[];
  readonly live: readonly Candidate[];
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

/** A sized, priced entry the book is ready to open; a refusal carries the reason recorded on the decision. */
export interface EntryPlan {
  ok: true;
  candidate: Candidate;
  /** Size in coins (rounded to the lot) and the expected fill price. */
  size: number;
  px: number;
  sizeMultiplier: number;
}

export interface EntryRefusal {
  ok: false;
  reason: string;
}

/**
 * One path's positions and account, behind the venue that executes them. The simulated Book (shadow,
 * backtests) executes synchronously; the Hyperliquid book queues orders and executes them when the
 * daemon flushes after the tick. The engine sees only this interface.
 */
export interface TradingBook {
  readonly mode: Mode;
  readonly modelVersion: string;
  readonly open: readonly Position[];
  onFullExit: ((p: Position, reason: ExitReason, now: number) => void) | null;
  mark(view: MarketView): EquitySnapshot;
  manage(view: MarketView): void;
  chargeFunding(events: readonly FundingEvent[], view: MarketView): void;
  /** Closes every open position (or those `only` selects) at the current price; a live book queues reduce-only IOCs. */
  flatten(view: MarketView, reason: ExitReason, only?: (p: Position) => boolean): void;
  plan(c: Candidate, view: MarketView, sizeMultiplier?: number): EntryPlan | EntryRefusal;
  enter(plan: EntryPlan, decisionId: number | null, now: number): void;
  /** Entries placed but not filled yet (resting maker orders), by their candidates; absent = none. */
  readonly restingEntries?: readonly Candidate[];
  /** Cancels the resting entries `only` selects, for `reason` (a live book cancels them on the exchange next). */
  cancelEntries?(only: (c: Candidate) => boolean, reason: string): void;
  /** Measure drawdown from the current equity again (an operator's resume in a replay); simulated books only. */
  resetPeak?(): void;
}
