/**
 * Warms a freshly assembled engine from the ledger through the backtest's own path: the stored bars
 * of every series (the last `historyBars`) and the funding hours go through a ReplayFeed into
 * `engine.warm(view)`, in time order. Each series stops at its cursor (the last bar a previous run
 * handed to the engine) — bars after it that are still young enough to trade are left for the first
 * tick, so a restart neither skips nor repeats a decision. Returns the cursors the feed continues from.
 */
import type { Database } from "bun:sqlite";
import type { Engine } from "../engine/engine.ts";
import { CandlesRepo } from "../ledger/repos/candles.ts";
import { FundingRepo, type FundingRow } from "../ledger/repos/funding.ts";
import { ReplayFeed, type ReplaySeries } from "../sim/replay-feed.ts";
import { lastClosedOpen, type SeriesSet } from "./series.ts";
import type { FeedCursors } from "./state-store.ts";

export interface WarmOptions {
  now: number;
  historyBars: number;
  maxBarAgeMs: number;
}

export interface WarmResult {
  cursors: FeedCursors;
  bars: number;
  fundingEvents: number;
}

export function warmEngine(
  engine: Engine,
  db: Database,
  series: SeriesSet,
  persisted: FeedCursors,
  o: WarmOptions,
): WarmResult {
  const candles = new CandlesRepo(db);
  const fundingRepo = new FundingRepo(db);
  const cursors: FeedCursors = { bars: {}, funding: {} };
  const replay: ReplaySeries[] = [];
  let bars = 0;
  let earliest = o.now;
  for (const s of series.list) {
    const newest = lastClosedOpen(o.now, s.len);
    const previous = persisted.bars[s.key];
    // Without a cursor everything closed is history; with one, only what is too old to trade.
    const until =
      previous === undefined
        ? newest
        : Math.min(newest, Math.max(previous, lastClosedOpen(o.now - o.maxBarAgeMs, s.len)));
    const from = until - (o.historyBars - 1) * s.len;
    earliest = Math.min(earliest, from);
    const cols = candles.columns(s.coin, s.interval, from, until + 1);
    const n = cols.t.length;
    if (n > 0) {
      replay.push({ coin: s.coin, interval: s.interval, cols });
      cursors.bars[s.key] = cols.t[n - 1]!;
      bars += n;
    } else if (previous !== undefined) cursors.bars[s.key] = previous;
  }
  const funding = new Map<string, FundingRow[]>();
  let fundingEvents = 0;
  for (const coin of series.coins) {
    const previous = persisted.funding[coin];
    const rows = fundingRepo.list(coin, earliest, (previous ?? o.now) + 1);
    if (rows.length > 0) {
      funding.set(coin, rows);
      cursors.funding[coin] = rows[rows.length - 1]!.t;
      fundingEvents += rows.length;
    } else if (previous !== undefined) cursors.funding[coin] = previous;
  }
  const feed = new ReplayFeed({ series: replay, funding });
  let lastStep = Number.NEGATIVE_INFINITY;
  for (const t of feed.eventTimes()) {
    engine.warm(feed.view(t));
    lastStep = t;
  }
  // Funding hours after the last bar close (or with no bars at all) still set the latest rates.
  const rest = [...funding].flatMap(([coin, rows]) =>
    rows.filter((r) => r.t > lastStep).map((r) => ({ coin, t: r.t, rate: r.rate, eventT: r.eventT })),
  );
  if (rest.length > 0)
    engine.warm({ now: o.now, closedBars: [], segments: new Map(), funding: rest, price: () => undefined });
  return { cursors, bars, fundingEvents };
}
