/**
 * Builds a run's RunSummary (with its trades) from what the replay produced: the shadow path as a
 * research sample in R, the live path as an account, the events, the coverage and the cautions a
 * reader needs (rows covering different windows, a window wider than the data, a live path that
 * could not trade or was halted). The one producer of the contract in run-summary.ts.
 */
import { DAY_MS } from "../core/clock.ts";
import { accountStats, drawdownSeries, type EquityPoint, monthRows } from "./account-stats.ts";
import { breakdown, withNetPnl } from "./breakdown.ts";
import { spanOf, tradableSpan, windowsWarning } from "./coverage.ts";
import { monthKey, monthWindow } from "./month-key.ts";
import { cumulativeR, rStats } from "./r-stats.ts";
import type { RunEventLog } from "./run-events.ts";
import type {
  LivePathReport,
  RunEvent,
  RunOutput,
  RunSummary,
  RunTrade,
  SeriesCoverage,
  ShadowPathReport,
  Window,
} from "./run-summary.ts";

export interface SummaryInput {
  runId: number | null;
  modelVersion: string;
  dataHash: string;
  mode: RunSummary["mode"];
  killSwitch: string;
  window: Window;
  coverage: SeriesCoverage[];
  /** Every enabled strategy → its timeframe. */
  strategyTimeframes: Record<string, string>;
  barUpdates: number;
  startEquity: number;
  /** Closed trades in close order. */
  shadowTrades: RunTrade[];
  live: {
    trades: RunTrade[];
    equity: EquityPoint[];
    ended: { t: number; equity: number } | null;
    promotedBuckets: number | "all";
    /** The live_candidates.json the promoted buckets came from. */
    promotedFrom?: string | null;
  } | null;
  events: RunEventLog;
  /** Cautions found before the run (e.g. coins without data). */
  warnings?: string[];
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const count = (n: number) => n.toLocaleString("en-US");

function intersect(a: Window | null, b: Window): Window | null {
  if (!a) return null;
  const w = { from: Math.max(a.from, b.from), to: Math.min(a.to, b.to) };
  return w.to > w.from ? w : null;
}

/** The windows each kind of group could trade in, from the coverage. */
function groupWindows(i: SummaryInput, dataWindow: Window) {
  const timeframes = new Set(Object.values(i.strategyTimeframes));
  const strategy = new Map<string, Window | null>();
  const strategyWindow = (s: string): Window | null => {
    if (!strategy.has(s)) {
      const tf = i.strategyTimeframes[s];
      const series = tf ? i.coverage.filter((c) => c.interval === tf) : [];
      strategy.set(s, tf ? intersect(tradableSpan(series, dataWindow), dataWindow) : dataWindow);
    }
    return strategy.get(s)!;
  };
  const coinWindow = (coin: string): Window | null =>
    intersect(
      tradableSpan(
        i.coverage.filter((c) => c.coin === coin && timeframes.has(c.interval)),
        dataWindow,
      ),
      dataWindow,
    );
  return {
    strategy: strategyWindow,
    coin: coinWindow,
    bucket: (key: string) => strategyWindow(key.split("|")[0]!),
    month: (key: string) => monthWindow(key, dataWindow),
  };
}

function shadowReport(
  i: SummaryInput,
  dataWindow: Window,
  w: ReturnType<typeof groupWindows>,
): ShadowPathReport {
  const trades = i.shadowTrades;
  return {
    path: "shadow",
    unit: "R",
    overall: rStats(trades, dataWindow, "shadow"),
    byStrategy: breakdown(trades, (t) => t.strategy, w.strategy, "shadow:strategy"),
    byCoin: breakdown(trades, (t) => t.coin, w.coin, "shadow:coin"),
    byBucket: breakdown(trades, (t) => t.bucket, w.bucket, "shadow:bucket"),
    byMonth: breakdown(trades, (t) => monthKey(t.closedAt), w.month, "shadow:month"),
    curve: cumulativeR(trades),
  };
}

function liveNote(
  live: NonNullable<SummaryInput["live"]>,
  log: RunEventLog,
  events: readonly RunEvent[],
  killSwitch: string,
): string | null {
  const { seen, refused } = log.candidates;
  if (live.trades.length === 0) {
    if (live.promotedBuckets === 0)
      return `nothing is promoted (${live.promotedFrom ?? "live_candidates.json"} promotes no bucket), and the live path trades only promoted buckets: run \`hlbot mine\` then \`hlbot promote\`, or add --ignore-candidates to trade every bucket`;
    if (seen === 0) return "no live candidate: no signal cleared the live thresholds in this window";
    const top = Object.entries(log.rejections)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 3)
      .map(([r, n]) => `${r} ${count(n)}`)
      .join(", ");
    return `no live trade: all ${count(refused)} live candidates were refused (${top})`;
  }
  const held = events.find((e) => e.kind === "kill_switch" && e.endedAt === null);
  if (held)
    return `the kill switch tripped on ${day(held.t)} (drawdown ${held.value?.toFixed(1)}%) and held to the end of the run (replay rule ${killSwitch}): ${count(held.rejectedCandidates)} live candidates refused after it; these figures are of an account halted from then on (--kill-switch reset:N lifts it after N days)`;
  return null;
}

function liveReport(
  i: SummaryInput,
  dataWindow: Window,
  w: ReturnType<typeof groupWindows>,
  events: readonly RunEvent[],
): LivePathReport | null {
  const live = i.live;
  if (!live) return null;
  const trades = live.trades;
  const ruin = live.ended ? { t: live.ended.t, equity: live.ended.equity } : null;
  const table = (key: (t: RunTrade) => string, of: (k: string) => Window | null, name: string) =>
    withNetPnl(breakdown(trades, key, of, name), trades, key);
  return {
    path: "live",
    unit: "USDC",
    overall: {
      ...accountStats(live.equity, i.startEquity, dataWindow, trades, ruin),
      ...rStats(trades, dataWindow, "live"),
    },
    byStrategy: table((t) => t.strategy, w.strategy, "live:strategy"),
    byCoin: table((t) => t.coin, w.coin, "live:coin"),
    byBucket: table((t) => t.bucket, w.bucket, "live:bucket"),
    byMonth: monthRows(live.equity, i.startEquity, trades),
    equity: drawdownSeries(live.equity, i.startEquity),
    rejections: Object.fromEntries(
      Object.entries(i.events.rejections).sort(([a], [b]) => a.localeCompare(b)),
    ),
    promotedBuckets: live.promotedBuckets,
    candidates: { ...i.events.candidates },
    note: liveNote(live, i.events, events, i.killSwitch),
  };
}

export function summarizeRun(i: SummaryInput): RunOutput {
  const dataWindow = spanOf(i.coverage, i.window) ?? i.window;
  const w = groupWindows(i, dataWindow);
  const events = i.events.events([...i.shadowTrades, ...(i.live?.trades ?? [])], i.coverage);
  const shadow = shadowReport(i, dataWindow, w);
  const live = liveReport(i, dataWindow, w, events);
  const warnings = [...(i.warnings ?? [])];
  if (dataWindow.from - i.window.from >= DAY_MS || i.window.to - dataWindow.to >= DAY_MS)
    warnings.push(
      `the data covers ${day(dataWindow.from)} → ${day(dataWindow.to)} of the requested ${day(i.window.from)} → ${day(i.window.to)}`,
    );
  for (const [name, rows] of [
    ["per-strategy", shadow.byStrategy],
    ["per-coin", shadow.byCoin],
  ] as const) {
    const warning = windowsWarning(name, rows);
    if (warning) warnings.push(warning);
  }
  return {
    runId: i.runId,
    modelVersion: i.modelVersion,
    dataHash: i.dataHash,
    mode: i.mode,
    killSwitch: i.killSwitch,
    strategyTimeframes: i.strategyTimeframes,
    window: i.window,
    dataWindow,
    coverage: i.coverage,
    events,
    warnings,
    barUpdates: i.barUpdates,
    shadow: { ...shadow, trades: i.shadowTrades },
    live: live && { ...live, trades: i.live!.trades },
  };
}

/** The summary without the per-trade lists: what a stored run keeps in backtest_runs.summary. */
export function withoutTrades(o: RunOutput): RunSummary {
  const { trades: _s, ...shadow } = o.shadow;
  const live = o.live ? (({ trades: _l, ...rest }) => rest)(o.live) : null;
  return { ...o, shadow, live };
}
