/**
 * The live feed: the engine's MarketView at wall-clock `now`, built from what the ledger and the
 * websocket hold — never awaiting the network. Closed bars are the ledger's rows (written from the
 * websocket by CandleSink, or by the recorder's REST catch-up) that closed since the cursor of their
 * series: never a bar still forming. A bar that arrives later than `maxBarAgeMs` after its close only
 * warms the features. Funding = hourly events stored since each coin's cursor; segments and prices
 * come from the mid path. Cursors advance only when the caller commits the tick.
 */
import { HOUR_MS } from "../core/clock.ts";
import type { Interval } from "../core/intervals.ts";
import type { ClosedBar, FundingEvent, MarketView } from "../engine/ports.ts";
import type { Candle } from "../ledger/repos/candles.ts";
import type { FundingRepo } from "../ledger/repos/funding.ts";
import type { MidPath } from "./mid-path.ts";
import { lastClosedOpen, type SeriesSet } from "./series.ts";
import type { FeedCursors } from "./state-store.ts";

export interface FeedTick {
  view: MarketView;
  /** Bars that closed too long ago to trade: fed to `engine.warm` before the tick. */
  late: ClosedBar[];
  /** The cursors once this tick is committed. */
  cursors: FeedCursors;
}

export interface LiveFeedStores {
  /** Closed bars of a series with open time in [from, to), oldest first (the daemon's LiveCandles). */
  candles: { list(coin: string, interval: Interval, from: number, to: number): Candle[] };
  funding: FundingRepo;
}

export class LiveFeed {
  constructor(
    private readonly stores: LiveFeedStores,
    private readonly series: SeriesSet,
    private readonly mids: MidPath,
    private readonly maxBarAgeMs: number,
  ) {}

  /**
   * The view at `now` after `cursors`. `stored` holds bars the caller knows the ledger has (just
   * written from the websocket); a series whose due bars it covers exactly is not read back.
   */
  next(now: number, cursors: FeedCursors, stored?: ReadonlyMap<string, readonly Candle[] | null>): FeedTick {
    const next: FeedCursors = { bars: { ...cursors.bars }, funding: { ...cursors.funding } };
    const fresh: ClosedBar[] = [];
    const late: ClosedBar[] = [];
    for (const s of this.series.list) {
      const cursor = next.bars[s.key];
      const last = lastClosedOpen(now, s.len);
      if (cursor !== undefined && cursor >= last) continue; // nothing closed since
      const known = cursor === undefined ? undefined : stored?.get(s.key);
      const rows =
        known && known[0]!.t === cursor! + s.len && known[known.length - 1]!.t === last
          ? known
          : this.stores.candles.list(s.coin, s.interval, cursor === undefined ? 0 : cursor + s.len, last + 1);
      for (const candle of rows) {
        const bar = { coin: s.coin, interval: s.interval, candle };
        (candle.t + s.len > now - this.maxBarAgeMs ? fresh : late).push(bar);
      }
      if (rows.length > 0) next.bars[s.key] = rows[rows.length - 1]!.t;
    }
    const funding: FundingEvent[] = [];
    for (const coin of this.series.coins) {
      const cursor = next.funding[coin];
      if (cursor !== undefined && now < cursor + HOUR_MS) continue; // next hour not due
      const rows = this.stores.funding.list(coin, cursor === undefined ? 0 : cursor + 1, now + 1);
      for (const r of rows) funding.push({ coin, t: r.t, rate: r.rate, eventT: r.eventT });
      if (rows.length > 0) next.funding[coin] = rows[rows.length - 1]!.t;
    }
    const mids = this.mids;
    return {
      view: {
        now,
        closedBars: this.series.sortBars(fresh),
        segments: mids.segments(now),
        funding,
        price: (coin: string) => mids.price(coin),
      },
      late: this.series.sortBars(late),
      cursors: next,
    };
  }
}
