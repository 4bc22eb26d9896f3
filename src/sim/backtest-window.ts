/**
 * The window a backtest runs over, checked against what the ledger holds: the default is the data
 * (first bar + warm-up → last bar's close); an explicit --from/--to outside the data is a usage error
 * (exit 2) naming the data's span, and a requested coin without candles is a warning, not a silent
 * gap in the tables.
 */
import type { Database } from "bun:sqlite";
import { DAY_MS, utcDayStart } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import { type Interval, intervalMs } from "../core/intervals.ts";
import { CandlesRepo } from "../ledger/repos/candles.ts";

export interface LedgerSpan {
  coin: string;
  interval: Interval;
  first: number;
  last: number;
}

/** First and last bar of every coin × interval the ledger holds for `coins`. */
export function ledgerSpans(
  db: Database,
  coins: readonly string[],
  intervals: readonly Interval[],
): LedgerSpan[] {
  // Two primary-key seeks per series: a GROUP BY over the candles read every stored bar.
  const repo = new CandlesRepo(db);
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const spans: LedgerSpan[] = [];
  for (const coin of [...new Set(coins)].sort(byKey))
    for (const interval of [...new Set(intervals)].sort(byKey)) {
      const s = repo.span(coin, interval);
      if (s) spans.push({ coin, interval, first: s.first, last: s.last });
    }
  return spans;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export interface ResolvedWindow {
  from: number;
  to: number;
  warnings: string[];
}

/**
 * The run's window: `from`/`to` as given (null = the data's), refused when it lies outside the
 * data. `traded` are the coins the user asked for (a coin without candles is a warning).
 */
export function resolveWindow(
  spans: readonly LedgerSpan[],
  traded: readonly string[],
  from: number | null,
  to: number | null,
  warmupMs: number,
): ResolvedWindow {
  if (spans.length === 0)
    throw new UsageError(
      "no candles in the ledger for these coins: run `hlbot import` or `hlbot backfill` first",
    );
  const first = Math.min(...spans.map((s) => s.first));
  const end = Math.max(...spans.map((s) => s.last + intervalMs(s.interval)));
  const data = `the ledger's candles for these coins cover ${day(first)} → ${day(end)}`;
  if (from !== null && from < utcDayStart(first))
    throw new UsageError(
      `--from ${day(from)} is before the data: ${data} (the earliest start with warm-up is ${day(first + warmupMs)})`,
    );
  if (from !== null && from >= end) throw new UsageError(`--from ${day(from)} is after the data: ${data}`);
  if (to !== null && to > utcDayStart(end) + DAY_MS)
    throw new UsageError(`--to ${day(to)} is after the data: ${data}`);
  if (to !== null && to <= first) throw new UsageError(`--to ${day(to)} is before the data: ${data}`);
  const window = { from: from ?? first + warmupMs, to: to ?? end };
  if (window.to <= window.from)
    throw new UsageError(
      from === null || to === null
        ? `the window ${day(window.from)} → ${day(window.to)} is empty: ${data} and the features need ${Math.round(warmupMs / DAY_MS)} days of warm-up`
        : "--to must be after --from",
    );
  const have = new Set(spans.map((s) => s.coin));
  const missing = traded.filter((c) => !have.has(c));
  const warnings = missing.length ? [`no candles for ${missing.join(", ")}: left out of the run`] : [];
  return { ...window, warnings };
}
