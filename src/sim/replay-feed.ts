/**
 * The replay feed: turns stored candles and funding into the MarketView the engine sees live, one
 * tick per management-bar close (15m). At tick T the view holds only bars CLOSED by T; the tradable
 * price is the open of the bar starting at T (the first trade after the decision); the price path for
 * open positions is the finest bar that just closed (15m, or 1h/4h where finer data is missing).
 *
 * Hot path of every backtest: the view object, its arrays and each coin's segment object are reused
 * from tick to tick (the engine reads a view only during its tick). Each tick compares every series' next
 * close time (a typed array, finest series first) with `now` and walks only the ones that closed;
 * cursors read typed arrays without allocation.
 */
import { emptyArray } from "../core/arrays.ts";
import type { Interval } from "../core/intervals.ts";
import { intervalMs } from "../core/intervals.ts";
import type { ClosedBar, FundingEvent, MarketView } from "../engine/ports.ts";
import type { Segment } from "../engine/position-rules.ts";
import type { CandleColumns } from "../ledger/repos/candles.ts";
import type { FundingRow } from "../ledger/repos/funding.ts";
import { eventTimes } from "./event-times.ts";

export interface ReplaySeries {
  coin: string;
  interval: Interval;
  cols: CandleColumns;
}

interface Cursor {
  /** The bar object this cursor hands out, rewritten each time (engine reads bars only in their tick). */
  bar: ClosedBar;
  /** Tick at which `bar` was last handed out (a second bar in the same tick gets a fresh object). */
  barAt: number;
  coin: string;
  /** Index of the coin in the feed's per-coin arrays. */
  ci: number;
  /** The coin's segment object (shared by the coin's cursors; rewritten each tick it is listed). */
  segment: Segment;
  interval: Interval;
  cols: CandleColumns;
  len: number;
  i: number;
}

interface FundingCursor {
  rows: readonly FundingRow[];
  i: number;
}

export interface ReplayData {
  series: ReplaySeries[];
  /** Funding rows per coin, oldest first; each row is handed to the engine as its FundingEvent. */
  funding: Map<string, readonly FundingRow[]>;
}

export class ReplayFeed {
  private readonly cursors: Cursor[];
  private readonly fundingCursors: FundingCursor[];
  /** Hour of each funding cursor's next row (Infinity once exhausted), in cursor order. */
  private readonly nextFunding: Float64Array;
  private readonly coinIndex = new Map<string, number>();
  private readonly lastPx: Float64Array;
  private readonly openPx: Float64Array;
  /** Tick time at which openPx[ci] was set (a bar opened exactly then). */
  private readonly openAt: Float64Array;
  /** coin → its segment object; a segment belongs to the tick only while its `end` is that tick. */
  private readonly segmentByCoin = new Map<string, Segment>();
  private readonly closedBars: ClosedBar[] = [];
  /** Close time of each cursor's next bar (Infinity once exhausted), in cursor order. */
  private readonly nextClose: Float64Array;
  private readonly funding: FundingEvent[] = [];
  private readonly current: MarketView;
  readonly start: number;
  readonly end: number;
  readonly step: number;

  constructor(data: ReplayData, stepInterval: Interval = "15m") {
    this.step = intervalMs(stepInterval);
    // Finest interval first, so the management segment of a coin is its finest closed bar and bars
    // closing at the same time come out finest first.
    const segmentOf = this.segmentByCoin;
    this.cursors = data.series
      .filter((s) => s.cols.t.length > 0)
      .map((s) => {
        if (!this.coinIndex.has(s.coin)) this.coinIndex.set(s.coin, this.coinIndex.size);
        let segment = segmentOf.get(s.coin);
        if (segment === undefined) {
          segment = { open: 0, high: 0, low: 0, close: 0, end: Number.NaN };
          segmentOf.set(s.coin, segment);
        }
        return {
          bar: {
            coin: s.coin,
            interval: s.interval,
            candle: { t: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 },
          },
          barAt: Number.NaN,
          coin: s.coin,
          ci: this.coinIndex.get(s.coin)!,
          segment,
          interval: s.interval,
          cols: s.cols,
          len: intervalMs(s.interval),
          i: 0,
        };
      })
      .sort((a, b) => a.len - b.len);
    this.nextClose = new Float64Array(this.cursors.length);
    this.cursors.forEach((c, i) => {
      this.nextClose[i] = c.cols.t[0]! + c.len;
    });
    this.lastPx = new Float64Array(this.coinIndex.size).fill(Number.NaN);
    this.openPx = new Float64Array(this.coinIndex.size);
    this.openAt = new Float64Array(this.coinIndex.size).fill(-1);
    this.fundingCursors = [...data.funding.values()].map((rows) => ({ rows, i: 0 }));
    this.nextFunding = Float64Array.from(
      this.fundingCursors,
      (f) => f.rows[0]?.t ?? Number.POSITIVE_INFINITY,
    );
    let start = Infinity;
    let end = -Infinity;
    for (const c of this.cursors) {
      start = Math.min(start, c.cols.t[0]! + c.len);
      end = Math.max(end, c.cols.t[c.cols.t.length - 1]! + c.len);
    }
    this.start = Math.ceil(start / this.step) * this.step;
    this.end = end;
    const { coinIndex, lastPx, openPx, openAt } = this;
    const current: MarketView = {
      now: 0,
      closedBars: this.closedBars,
      segments: {
        get: (coin: string) => {
          const seg = segmentOf.get(coin);
          return seg !== undefined && seg.end === current.now ? seg : undefined;
        },
      },
      funding: this.funding,
      price: (coin: string) => {
        const ci = coinIndex.get(coin);
        if (ci === undefined) return undefined;
        if (openAt[ci] === current.now) return openPx[ci];
        const last = lastPx[ci]!;
        return Number.isNaN(last) ? undefined : last;
      },
    };
    this.current = current;
  }

  /** Tick times from the first bar close to the last, on the step grid. */
  *times(): Generator<number> {
    for (let t = this.start; t <= this.end; t += this.step) yield t;
  }

  /**
   * The tick times at which something happens: the first tick, and every grid time at which a bar
   * closes or a funding hour passes. A tick between them would see no bar and no funding, so a
   * replay that skips such ticks anyway (the backtest, the daemon's warm-up) can iterate these
   * instead (with 15m ticks over 1h-only history, three ticks in four are empty). Memory follows
   * the number of bars, not the time span (event-times.ts).
   */
  eventTimes(): Generator<number> {
    return eventTimes(
      {
        bars: this.cursors.map((c) => ({ t: c.cols.t, len: c.len, from: c.i })),
        funding: this.fundingCursors.map((f) => ({ rows: f.rows, from: f.i })),
      },
      this.start,
      this.end,
      this.step,
    );
  }

  /**
   * The market as seen at `now`; calls must come in increasing `now`. The returned view is reused by
   * the next call.
   */
  view(now: number): MarketView {
    const closedBars = this.closedBars;
    emptyArray(closedBars);
    const nextClose = this.nextClose;
    let lateBar = false;
    // Cursors are in finest-first order, so bars closing together come out finest first.
    for (let k = 0; k < nextClose.length; k++) {
      if (nextClose[k]! > now) continue;
      const c = this.cursors[k]!;
      const { t, open, high, low, close, volume } = c.cols;
      const n = t.length;
      while (c.i < n && t[c.i]! + c.len <= now) {
        const i = c.i++;
        const closeT = t[i]! + c.len;
        let bar = c.bar;
        if (c.barAt === now) bar = { coin: c.coin, interval: c.interval, candle: { ...c.bar.candle } };
        else c.barAt = now;
        const candle = bar.candle;
        candle.t = t[i]!;
        candle.open = open[i]!;
        candle.high = high[i]!;
        candle.low = low[i]!;
        candle.close = close[i]!;
        candle.volume = volume[i]!;
        closedBars.push(bar);
        if (closeT === now) {
          const seg = c.segment;
          if (seg.end !== now) {
            seg.open = open[i]!;
            seg.high = high[i]!;
            seg.low = low[i]!;
            seg.close = close[i]!;
            seg.end = now;
          }
        } else lateBar = true;
        this.lastPx[c.ci] = close[i]!;
      }
      if (c.i < n && t[c.i] === now && this.openAt[c.ci] !== now) {
        this.openAt[c.ci] = now;
        this.openPx[c.ci] = open[c.i]!;
      }
      nextClose[k] = c.i < n ? t[c.i]! + c.len : Number.POSITIVE_INFINITY;
    }
    // Only the first tick (history before the grid start) can carry bars closing before `now`.
    if (lateBar)
      closedBars.sort((a, b) => a.candle.t + intervalMs(a.interval) - (b.candle.t + intervalMs(b.interval)));
    this.fundingUntil(now);
    this.current.now = now;
    return this.current;
  }

  private fundingUntil(now: number): void {
    const out = this.funding;
    emptyArray(out);
    const next = this.nextFunding;
    for (let k = 0; k < next.length; k++) {
      if (next[k]! > now) continue;
      const f = this.fundingCursors[k]!;
      const rows = f.rows;
      while (f.i < rows.length && rows[f.i]!.t <= now) out.push(rows[f.i++]!);
      next[k] = f.i < rows.length ? rows[f.i]!.t : Number.POSITIVE_INFINITY;
    }
  }
}
