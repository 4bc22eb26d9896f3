/**
 * The shape of what a backtest run reports — the contract between the code that computes a run's
 * figures (src/report metrics, src/sim) and everything that shows them (CLI tables, `--json`, the
 * stored run, the HTML report, the dashboard). Types only.
 *
 * Two paths, two units, because they are different things:
 * - the SHADOW path is a research sample (every candidate opened at 1R of a fixed base), reported in
 *   R: it is not an account, so it has no % return and no dollar equity;
 * - the LIVE path is an account: compounding equity under every risk rule, which can be ruined;
 *   return, CAGR, drawdown and Sharpe/Sortino/Calmar come from the daily returns of a positive equity.
 * Times are ms UTC; R is net R (after fees, slippage and funding) per trade.
 * Producers: src/report/summarize.ts (from a run's trades, live equity, events and coverage).
 */

/** A window actually covered by data or trades, [from, to] in ms UTC. */
export interface Window {
  from: number;
  to: number;
}

/** A statistic with its bootstrap 95% confidence interval (null when the sample is too small). */
export interface WithCi {
  value: number;
  ci95: [number, number] | null;
}

/** Concurrency of open positions over the path's window. */
export interface Exposure {
  /** Time-weighted mean number of open positions. */
  avgConcurrent: number;
  maxConcurrent: number;
  /** Share of the window with at least one position open, percent. */
  timeInMarketPct: number;
}

/** The research figures of a set of closed trades, in R. */
export interface RStats {
  trades: number;
  /** Calendar days of the window these figures cover. */
  days: number;
  totalR: number;
  meanR: WithCi | null;
  medianR: WithCi | null;
  rPerDay: number | null;
  /** mean(R) / sd(R) over trades, not annualised. */
  rSharpePerTrade: number | null;
  /** mean / sd of daily R sums (days without a close count as 0), not annualised. */
  rSharpePerDay: number | null;
  /** Largest peak-to-trough fall of cumulative R (closed trades, in close order), ≥ 0. */
  maxDrawdownR: number;
  /** Sum of winning R / |sum of losing R|; null without a loser. */
  profitFactor: number | null;
  winRate: number | null;
  tradesPerDay: number | null;
  exposure: Exposure;
  /** Costs in R summed over trades (each trade's cost / its 1R), so totalR + costs = gross R. */
  feesR: number;
  slippageR: number;
  fundingR: number;
}

/** The account figures of the live path. */
export interface AccountStats {
  startEquity: number;
  endEquity: number;
  netPnl: number;
  /** (end / start − 1) × 100; −100 at ruin. */
  returnPct: number;
  /** Annualised over the window's calendar days; null for windows under a year (MIN_CAGR_DAYS). */
  cagrPct: number | null;
  /** Largest peak-to-trough fall of equity, percent, in [0, 100]. */
  maxDrawdownPct: number;
  /** From daily returns of equity (365 days a year); null with < 2 days or zero variance. */
  sharpe: number | null;
  sortino: number | null;
  /** CAGR / max drawdown; null when either is undefined or the drawdown is 0. */
  calmar: number | null;
  fees: number;
  slippage: number;
  funding: number;
  liquidations: number;
  /** Set when equity reached zero (or could not carry the next trade's margin): the simulation of this path ended there. */
  ruin: { t: number; equity: number } | null;
}

/** One group of a breakdown (strategy, coin, bucket, month): its R figures and the window it covers. */
export interface GroupRow extends RStats {
  /** First entry to last exit of the group's trades; null without trades. */
  window: Window | null;
  /**
   * The window the group could trade in: a strategy's (and its buckets') timeframe data, a coin's
   * data, a month's days, each after the features' warm-up and inside the run's data window. `days`
   * (and so R per day, trades per day, R-Sharpe per day, exposure) is measured over it.
   */
  dataWindow: Window | null;
}

/** A month of the live account: its return compounds with the other months to the total return. */
export interface MonthRow {
  /** YYYY-MM (UTC). */
  month: string;
  returnPct: number;
  netPnl: number;
  trades: number;
  startEquity: number;
  endEquity: number;
}

export interface ShadowPathReport {
  path: "shadow";
  unit: "R";
  overall: RStats;
  byStrategy: Record<string, GroupRow>;
  byCoin: Record<string, GroupRow>;
  byBucket: Record<string, GroupRow>;
  /** YYYY-MM → R figures of trades closed that month. */
  byMonth: Record<string, GroupRow>;
  /** Cumulative R after each closed trade (thinned for display by the reader). */
  curve: { t: number; cumR: number }[];
}

export interface LivePathReport {
  path: "live";
  unit: "USDC";
  overall: AccountStats & RStats;
  byStrategy: Record<string, GroupRow & { netPnl: number }>;
  byCoin: Record<string, GroupRow & { netPnl: number }>;
  byBucket: Record<string, GroupRow & { netPnl: number }>;
  byMonth: MonthRow[];
  /** Equity (marked to market) and its drawdown from the running peak, percent. */
  equity: { t: number; equity: number; drawdownPct: number }[];
  /**
   * Live candidates the gate refused, by reason (e.g. kill_switch, bucket_not_promoted, max_positions,
   * or a sizing refusal such as below_min_notional). A candidate refused for two reasons counts under both.
   */
  rejections: Record<string, number>;
  /** Buckets the run could trade live: promoted ones, or "all" with --ignore-candidates. */
  promotedBuckets: number | "all";
  /** Live candidates that reached the gate (best per coin per tick), and what became of them. */
  candidates: { seen: number; opened: number; refused: number };
  /** Why the live path has no trades when it has none (e.g. nothing promoted: names --ignore-candidates and hlbot promote). */
  note: string | null;
}

/** A daily halt's end is its `endedAt` (the UTC rollover), so it has no separate "lifted" event. */
export type RunEventKind =
  | "kill_switch"
  | "kill_switch_reset"
  | "daily_halt"
  | "ruin"
  | "data_gap"
  | "liquidation";

/** Something that changed what the run could do, shown on timelines and counted in summaries. */
export interface RunEvent {
  t: number;
  kind: RunEventKind;
  /** The path it happened to; null for data events. */
  mode: "shadow" | "live" | null;
  coin: string | null;
  /** One line for a human, e.g. "drawdown 15.2% breached the 15% floor". */
  detail: string;
  /** The measured value behind it (the drawdown that tripped the kill switch, the equity at ruin, the gap length in bars). */
  value: number | null;
  /**
   * Live candidates refused with this event's reason among their reasons while it held (e.g. 1,794
   * after a kill switch); 0 for events that refuse nothing (liquidations, data gaps, resets).
   */
  rejectedCandidates: number;
  /** When it stopped applying; null when it held to the end of the run. */
  endedAt: number | null;
}

/** What the ledger held for one coin × interval inside the run's window. */
export interface SeriesCoverage {
  coin: string;
  interval: string;
  first: number;
  last: number;
  bars: number;
  /** Runs of missing bars on the interval grid (from/to: open times of the first and last missing bar). */
  gaps: { from: number; to: number; bars: number }[];
  /**
   * When the series' features were warm (its warm-up bars closed), never before the window's start;
   * null when the window ends first. A strategy on this interval trades the coin from here on.
   */
  warmFrom: number | null;
}

/** One closed trade of a path, as `--json` prints it and the report lists it. */
export interface RunTrade {
  /** The position's id (the ledger's when the run is stored) and the decision that opened it. */
  id: number;
  decisionId: number | null;
  mode: "shadow" | "live";
  coin: string;
  side: "long" | "short";
  strategy: string;
  /** strategy|side|session|regime|vol_bucket */
  bucket: string;
  session: string;
  regime: string;
  volBucket: string;
  openedAt: number;
  closedAt: number;
  entryPx: number;
  /** Size-weighted mean of every exit (partials included). */
  exitPx: number | null;
  /** Size at entry, coins. */
  size: number;
  /** The stop at entry (1R away from the entry) and the target. */
  stopPx: number;
  targetPx: number;
  /** USDC at risk at entry (1R). */
  riskUsd: number;
  leverage: number;
  r: number | null;
  netPnl: number;
  fees: number;
  slippage: number;
  funding: number;
  exitReason: string;
  exits: { t: number; px: number; size: number; reason: string }[];
}

export interface RunSummary {
  runId: number | null;
  modelVersion: string;
  dataHash: string;
  /** Paths simulated: both (the default, as the daemon runs them), shadow only, or live (both, ranked on live). */
  mode: "both" | "shadow" | "live";
  /** The replay rule of the kill switch: "halt" (live's rule: until the end of the run) or "reset:N" (N days). */
  killSwitch: string;
  /** Each strategy enabled in the run → the timeframe it evaluates. */
  strategyTimeframes: Record<string, string>;
  /** The window requested, and the window the data actually covers inside it. */
  window: Window;
  dataWindow: Window;
  coverage: SeriesCoverage[];
  events: RunEvent[];
  /** Human-readable cautions, e.g. rows of one table covering different windows. */
  warnings: string[];
  barUpdates: number;
  shadow: ShadowPathReport;
  live: LivePathReport | null;
}

/** What a backtest returns and `--json` prints: the summary with each path's closed trades, in close order. */
export type RunOutput = Omit<RunSummary, "shadow" | "live"> & {
  shadow: ShadowPathReport & { trades: RunTrade[] };
  live: (LivePathReport & { trades: RunTrade[] }) | null;
};
