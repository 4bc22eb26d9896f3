/**
 * The daemon's market recorder, run once per tick: persists what is NEW since the ledger's last row
 * — closed candles, settled funding, asset contexts (metaAndAssetCtxs → asset_ctxs) and L2 book
 * snapshots (l2Book → book_snapshots: the top of book, plus `market_data.book_levels` levels per
 * side, all 20 by default, so friction model v5 can walk them) — so our history outlives
 * Hyperliquid's 5000-candle window.
 * Cheap: a series with nothing new costs no request; snapshots the daemon already fetched can be
 * handed in; at most `maxWeightPerTick` weight per tick (the rest waits, oldest work first next
 * tick). It never throws: a failing unit is logged and counted, and the tick goes on.
 */

import type { Config } from "../config/schema.ts";
import { DAY_MS, HOUR_MS } from "../core/clock.ts";
import { type Interval, intervalMs } from "../core/intervals.ts";
import { decode } from "../hyperliquid/schemas/common.ts";
import { type L2Book, L2Book as L2BookSchema } from "../hyperliquid/schemas/market.ts";
import { MetaAndAssetCtxs } from "../hyperliquid/schemas/meta.ts";
import type { AssetCtxsRepo } from "../ledger/repos/asset-ctxs.ts";
import type { BookSnapshotsRepo, LevelTuple } from "../ledger/repos/book-snapshots.ts";
import type { CandlesRepo } from "../ledger/repos/candles.ts";
import type { FundingRepo } from "../ledger/repos/funding.ts";
import { log } from "../log.ts";
import {
  expectedWeight,
  fetchClosedCandles,
  fetchFundingSince,
  type HistoryIo,
  hasRoom,
  pacedInfo,
  type Spend,
} from "./backfill.ts";

export interface RecorderStores {
  /** Where bars are written and where "the newest stored bar" is read (the daemon's LiveCandles). */
  candles: Pick<CandlesRepo, "lastTime" | "insertMany">;
  funding: FundingRepo;
  assetCtxs: AssetCtxsRepo;
  books: BookSnapshotsRepo;
}

export interface RecorderConfig {
  coins: readonly string[];
  intervals: readonly Interval[];
  /** Coins whose L2 book is sampled. */
  bookCoins: readonly string[];
  /** Spacing of asset-context samples, ms (0 = off). */
  assetCtxEveryMs: number;
  /** Spacing of book snapshots per coin, ms (0 = off). */
  bookEveryMs: number;
  /** Levels per side stored as JSON with a snapshot (0 = top of book only). */
  bookLevels: number;
  maxWeightPerTick: number;
  /** History fetched for a series the ledger has nothing of. */
  bootstrapDays: number;
}

/** The recorder's settings from the config (market_data section, engine coins and intervals). */
export function recorderConfig(config: Config): RecorderConfig {
  const m = config.market_data;
  return {
    coins: config.engine.coins,
    intervals: config.engine.intervals,
    bookCoins: m.book_coins ?? config.engine.coins,
    assetCtxEveryMs: m.asset_ctx_seconds * 1000,
    bookEveryMs: m.book_seconds * 1000,
    bookLevels: m.book_levels,
    maxWeightPerTick: m.max_weight_per_tick,
    bootstrapDays: m.bootstrap_days,
  };
}

/** Snapshots the daemon already holds this tick; recorded without a request. */
export interface KnownSnapshot {
  assetCtxs?: MetaAndAssetCtxs;
  books?: readonly L2Book[];
}

export interface RecorderTick extends Spend {
  candles: number;
  funding: number;
  assetCtxs: number;
  books: number;
  /** Units left for a later tick (weight cap or no room in the shared budget). */
  deferred: number;
  errors: number;
}

interface Unit {
  label: string;
  weight: number;
  run(spend: Spend, result: RecorderTick): Promise<void>;
}

export class MarketRecorder {
  private lastCtxAt = Number.NEGATIVE_INFINITY;
  private readonly lastBookAt = new Map<string, number>();

  constructor(
    private readonly io: HistoryIo,
    private readonly stores: RecorderStores,
    private readonly config: RecorderConfig,
  ) {
    for (const coin of config.bookCoins) {
      const t = stores.books.lastTime(coin);
      if (t !== null) this.lastBookAt.set(coin, t);
    }
  }

  async tick(now: number, known: KnownSnapshot = {}): Promise<RecorderTick> {
    const result: RecorderTick = {
      candles: 0,
      funding: 0,
      assetCtxs: 0,
      books: 0,
      deferred: 0,
      errors: 0,
      requests: 0,
      weight: 0,
    };
    if (known.assetCtxs && this.ctxDue(now))
      this.guard(result, "asset ctxs", () => this.saveCtxs(known.assetCtxs!, now, result));
    for (const book of known.books ?? [])
      this.guard(result, `book ${book.coin}`, () => this.saveBook(book, result));
    for (const unit of this.units(now)) {
      if (
        result.weight + unit.weight > this.config.maxWeightPerTick ||
        !hasRoom(this.io.limiter, unit.weight)
      ) {
        result.deferred++;
        continue;
      }
      try {
        await unit.run(result, result);
      } catch (error) {
        result.errors++;
        log.withTag("recorder").warn(`${unit.label} not recorded this tick`, error);
      }
    }
    return result;
  }

  private guard(result: RecorderTick, label: string, body: () => void): void {
    try {
      body();
    } catch (error) {
      result.errors++;
      log.withTag("recorder").warn(`${label} not recorded this tick`, error);
    }
  }

  private ctxDue(now: number): boolean {
    return this.config.assetCtxEveryMs > 0 && now - this.lastCtxAt >= this.config.assetCtxEveryMs;
  }

  /** Work due this tick, most time-sensitive first: samples (lost if skipped), then candles, funding. */
  private units(now: number): Unit[] {
    const units: Unit[] = [];
    const { config, stores, io } = this;
    if (this.ctxDue(now)) {
      units.push({
        label: "asset ctxs",
        weight: expectedWeight("metaAndAssetCtxs", 0),
        run: async (spend, result) => {
          const raw = await pacedInfo(io, { type: "metaAndAssetCtxs" }, 0);
          spend.requests++;
          spend.weight += expectedWeight("metaAndAssetCtxs", 0);
          this.saveCtxs(decode(MetaAndAssetCtxs, raw, "metaAndAssetCtxs"), now, result);
        },
      });
    }
    if (config.bookEveryMs > 0) {
      for (const coin of config.bookCoins) {
        if (now - (this.lastBookAt.get(coin) ?? Number.NEGATIVE_INFINITY) < config.bookEveryMs) continue;
        units.push({
          label: `book ${coin}`,
          weight: expectedWeight("l2Book", 0),
          run: async (spend, result) => {
            const raw = await pacedInfo(io, { type: "l2Book", coin, nSigFigs: null, mantissa: null }, 0);
            spend.requests++;
            spend.weight += expectedWeight("l2Book", 0);
            this.saveBook(decode(L2BookSchema, raw, "l2Book"), result, now);
          },
        });
      }
    }
    const since = now - config.bootstrapDays * DAY_MS;
    for (const interval of [...config.intervals].sort((a, b) => intervalMs(a) - intervalMs(b))) {
      const len = intervalMs(interval);
      for (const coin of config.coins) {
        const last = stores.candles.lastTime(coin, interval);
        const start = last === null ? since : last + len;
        if (start + len > now) continue; // no bar closed since the last one stored
        units.push({
          label: `candles ${coin} ${interval}`,
          weight: expectedWeight("candleSnapshot", Math.min(5000, Math.floor((now - start) / len))),
          run: async (spend, result) => {
            const rows = await fetchClosedCandles(io, coin, interval, start, now, spend);
            result.candles += stores.candles.insertMany(coin, interval, rows);
          },
        });
      }
    }
    for (const coin of config.coins) {
      const last = stores.funding.lastEventTime(coin);
      const start = last === null ? since : last + 1;
      if (last !== null && now < Math.floor(last / HOUR_MS) * HOUR_MS + HOUR_MS) continue; // next event not due
      units.push({
        label: `funding ${coin}`,
        weight: expectedWeight("fundingHistory", 1),
        run: async (spend, result) => {
          const rows = await fetchFundingSince(io, coin, start, now, spend);
          result.funding += stores.funding.insertMany(coin, rows);
        },
      });
    }
    return units;
  }

  private saveCtxs(payload: MetaAndAssetCtxs, now: number, result: RecorderTick): void {
    const [meta, ctxs] = payload;
    const wanted = new Set(this.config.coins);
    const num = (s: string | null | undefined) => (s === null || s === undefined ? null : +s);
    const rows = meta.universe.flatMap((asset, i) => {
      const c = ctxs[i];
      if (!c || asset.isDelisted || !wanted.has(asset.name)) return [];
      return [
        {
          coin: asset.name,
          t: now,
          markPx: +c.markPx,
          oraclePx: num(c.oraclePx),
          midPx: num(c.midPx),
          funding: num(c.funding),
          openInterest: num(c.openInterest),
          premium: num(c.premium),
          dayNtlVlm: num(c.dayNtlVlm),
        },
      ];
    });
    result.assetCtxs += this.stores.assetCtxs.insertMany(rows);
    this.lastCtxAt = now;
  }

  private saveBook(book: L2Book, result: RecorderTick, now = book.time): void {
    const [bids, asks] = book.levels;
    const bid = bids[0];
    const ask = asks[0];
    this.lastBookAt.set(book.coin, now);
    if (!bid || !ask) return;
    const keep = this.config.bookLevels;
    const tuples = (levels: typeof bids): LevelTuple[] =>
      levels.slice(0, keep).map((l) => [+l.px, +l.sz, l.n]);
    result.books += this.stores.books.insertMany([
      {
        coin: book.coin,
        t: book.time,
        bestBid: +bid.px,
        bestAsk: +ask.px,
        bidSz: +bid.sz,
        askSz: +ask.sz,
        levels: keep > 0 ? [tuples(bids), tuples(asks)] : null,
      },
    ]);
  }
}
