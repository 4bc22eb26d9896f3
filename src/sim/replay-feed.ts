/**
 * The replay feed: turns stored candles and funding into the MarketView the engine sees live, one
 * tick per management-bar close (15m). At tick T the view holds only bars CLOSED by T; the tradable
 * price is the open of the bar starting at T (the first trade after the decision); the price path for
 * open positions is the finest bar that just closed (15m, or 1h/4h where finer data is missing).
 */
import type { Interval } from "../core/intervals.ts";
import { intervalMs } from "../core/intervals.ts";
import type { ClosedBar, FundingEvent, MarketView } from "../engine/ports.ts";
import type { Segment } from "../engine/position-rules.ts";
import type { CandleColumns } from "../ledger/repos/candles.ts";
import type { FundingRate } from "../ledger/repos/funding.ts";

export interface ReplaySeries {
  coin: string;
  interval: Interval;
  cols: CandleColumns;
}

interface Cursor {
  s: ReplaySeries;
  len: number;
  i: number;
}

export interface ReplayData {
  series: ReplaySeries[];
  funding: Map<string, FundingRate[]>;
}

export class ReplayFeed {
  private readonly cursors: Cursor[];
  private readonly fundingIdx = new Map<string, number>();
  private readonly lastPrice = new Map<string, number>();
  readonly start: number;
  readonly end: number;
  private readonly step: number;

  constructor(
    private readonly data: ReplayData,
    stepInterval: Interval = "15m",
  ) {
    this.step = intervalMs(stepInterval);
    // Finest interval first, so the management segment of a coin is its finest closed bar.
    this.cursors = data.series
      .filter((s) => s.cols.t.length > 0)
      .map((s) => ({ s, len: intervalMs(s.interval), i: 0 }))
      .sort((a, b) => a.len - b.len);
    let start = Infinity;
    let end = -Infinity;
    for (const c of this.cursors) {
      start = Math.min(start, c.s.cols.t[0]! + c.len);
      end = Math.max(end, c.s.cols.t[c.s.cols.t.length - 1]! + c.len);
    }
    this.start = Math.ceil(start / this.step) * this.step;
    this.end = end;
    for (const coin of data.funding.keys()) this.fundingIdx.set(coin, 0);
  }

  /** Tick times from the first bar close to the last, on the step grid. */
  *times(): Generator<number> {
    for (let t = this.start; t <= this.end; t += this.step) yield t;
  }

  /** The market as seen at `now`; calls must come in increasing `now`. */
  view(now: number): MarketView {
    const closedBars: ClosedBar[] = [];
    const segments = new Map<string, Segment>();
    const opens = new Map<string, number>();
    for (const c of this.cursors) {
      const { t, open, high, low, close, volume } = c.s.cols;
      const coin = c.s.coin;
      while (c.i < t.length && t[c.i]! + c.len <= now) {
        const i = c.i++;
        closedBars.push({
          coin,
          interval: c.s.interval,
          candle: {
            t: t[i]!,
            open: open[i]!,
            high: high[i]!,
            low: low[i]!,
            close: close[i]!,
            volume: volume[i]!,
          },
        });
        if (t[i]! + c.len === now && !segments.has(coin)) {
          segments.set(coin, { open: open[i]!, high: high[i]!, low: low[i]!, close: close[i]!, end: now });
        }
        this.lastPrice.set(coin, close[i]!);
      }
      if (!opens.has(coin) && c.i < t.length && t[c.i] === now) opens.set(coin, open[c.i]!);
    }
    closedBars.sort((a, b) => a.candle.t + intervalMs(a.interval) - (b.candle.t + intervalMs(b.interval)));
    const funding = this.fundingUntil(now);
    const lastPrice = this.lastPrice;
    return {
      now,
      closedBars,
      segments,
      funding,
      price: (coin: string) => opens.get(coin) ?? lastPrice.get(coin),
    };
  }

  private fundingUntil(now: number): FundingEvent[] {
    const out: FundingEvent[] = [];
    for (const [coin, rows] of this.data.funding) {
      let i = this.fundingIdx.get(coin)!;
      while (i < rows.length && rows[i]!.t <= now) {
        out.push({ coin, t: rows[i]!.t, rate: rows[i]!.rate });
        i++;
      }
      this.fundingIdx.set(coin, i);
    }
    return out;
  }
}
