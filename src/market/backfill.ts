/**
 * `hlbot backfill`: closed candles (candleSnapshot, paged forward) and hourly funding
 * (fundingHistory, 500 per page) from Hyperliquid into the ledger. Resumable — each series starts
 * after the newest row already stored — and idempotent (inserts ignore existing keys; an up-to-date
 * series costs no request at all). Every request goes through the adapter's shared weight limiter
 * (a rolling 60 s window); the pacer here also accounts for the per-item weight a page adds after
 * its answer, so a long run never meets a 429.
 * The page fetchers are shared with the recorder.
 */
import { DAY_MS, HOUR_MS } from "../core/clock.ts";
import { type Interval, intervalMs } from "../core/intervals.ts";
import type { HttpTransport } from "../hyperliquid/http.ts";
import type { Sleep, WeightLimiter } from "../hyperliquid/rate-limit.ts";
import { decode } from "../hyperliquid/schemas/common.ts";
import { CandleSnapshot, FundingHistory } from "../hyperliquid/schemas/market.ts";
import { infoExtraWeight, infoWeight } from "../hyperliquid/weights.ts";
import type { Candle, CandlesRepo } from "../ledger/repos/candles.ts";
import type { FundingRepo } from "../ledger/repos/funding.ts";

/** Days of history fetched for a series the ledger has nothing of (`--days`). */
export const DEFAULT_BACKFILL_DAYS = 30;
/** Candles Hyperliquid returns per candleSnapshot answer (and keeps per series). */
export const CANDLES_PER_PAGE = 5000;
/** Rows Hyperliquid returns per fundingHistory answer; a shorter page is the last one. */
export const FUNDING_PER_PAGE = 500;

/** What the fetchers need: the shared transport and limiter (which paces on its own sleep). */
export interface HistoryIo {
  transport: HttpTransport;
  limiter: WeightLimiter;
  sleep: Sleep;
}

/** Requests and weight one fetch spent (weights as the exchange counts them). */
export interface Spend {
  requests: number;
  weight: number;
}

/** Weight an /info request will cost if it returns `items` items. */
export function expectedWeight(type: string, items: number): number {
  return infoWeight(type) + infoExtraWeight(type, items);
}

/** True when `weight` more fits in the limiter's capacity over the last 60 s. */
export function hasRoom(limiter: WeightLimiter, weight: number): boolean {
  return limiter.msUntilRoom(weight) === 0;
}

/**
 * An /info request sent once the last 60 s leave room for it: waits (one sleep until the window has
 * room, logged when it is a second or more) otherwise.
 */
export async function pacedInfo(
  io: HistoryIo,
  body: { type: string } & Record<string, unknown>,
  expectedItems: number,
): Promise<unknown> {
  await io.limiter.waitForRoom(expectedWeight(body.type, expectedItems));
  return io.transport.info(body);
}

/**
 * Closed candles with open time in [start, now): bars still forming are left out (no lookahead).
 * Pages forward until the last closed bar; costs nothing when no bar closed since `start`.
 */
export async function fetchClosedCandles(
  io: HistoryIo,
  coin: string,
  interval: Interval,
  start: number,
  now: number,
  spend: Spend,
): Promise<Candle[]> {
  const len = intervalMs(interval);
  const lastOpen = Math.floor(now / len) * len - len;
  const out: Candle[] = [];
  let from = Math.ceil(start / len) * len;
  while (from <= lastOpen) {
    const expected = Math.min(CANDLES_PER_PAGE, (lastOpen - from) / len + 1);
    const body = { type: "candleSnapshot", req: { coin, interval, startTime: from, endTime: lastOpen } };
    const page = decode(CandleSnapshot, await pacedInfo(io, body, expected), "candleSnapshot");
    spend.requests++;
    spend.weight += infoWeight(body.type) + infoExtraWeight(body.type, page.length);
    let next = from;
    for (const c of page) {
      if (c.t < from || c.t > lastOpen || c.t + len > now) continue;
      out.push({ t: c.t, open: +c.o, high: +c.h, low: +c.l, close: +c.c, volume: +c.v });
      next = Math.max(next, c.t + len);
    }
    if (next === from) break; // nothing (more) exists in this range
    from = next;
  }
  return out;
}

/** Funding events with time in [start, now], oldest first; costs nothing before the next hour's event is due. */
export async function fetchFundingSince(
  io: HistoryIo,
  coin: string,
  start: number,
  now: number,
  spend: Spend,
): Promise<{ eventT: number; rate: number }[]> {
  const out: { eventT: number; rate: number }[] = [];
  let from = start;
  // After an event at hh:00:00.080 the next one is due at the next hour; asking earlier is waste.
  while (now >= Math.floor((from - 1) / HOUR_MS) * HOUR_MS + HOUR_MS) {
    const body = { type: "fundingHistory", coin, startTime: from, endTime: now };
    const expected = Math.min(FUNDING_PER_PAGE, Math.ceil((now - from) / HOUR_MS));
    const page = decode(FundingHistory, await pacedInfo(io, body, expected), "fundingHistory");
    spend.requests++;
    spend.weight += infoWeight(body.type) + infoExtraWeight(body.type, page.length);
    for (const f of page)
      if (f.time >= from && f.time <= now) out.push({ eventT: f.time, rate: +f.fundingRate });
    if (page.length < FUNDING_PER_PAGE || out.length === 0) break;
    from = out.at(-1)!.eventT + 1;
  }
  return out;
}

export interface BackfillOptions {
  coins: readonly string[];
  intervals: readonly Interval[];
  /** History fetched for a series with nothing stored yet. */
  days: number;
  /** The data clock's now: only candles closed by then are stored. */
  now: number;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface SeriesResult extends Spend {
  coin: string;
  /** Interval, or "funding". */
  series: string;
  fetched: number;
  added: number;
  error?: string;
}

export interface CoinSummary extends Spend {
  candles: number;
  funding: number;
}

export interface BackfillSummary extends Spend {
  added: number;
  /** Requests that failed (each failed retry counts), and retries sent; 429s are among the failures. */
  failedRequests: number;
  retries: number;
  coins: Record<string, CoinSummary>;
  series: SeriesResult[];
  failed: SeriesResult[];
  seconds: number;
}

export interface BackfillStores {
  candles: CandlesRepo;
  funding: FundingRepo;
}

export async function backfill(
  io: HistoryIo,
  stores: BackfillStores,
  options: BackfillOptions,
): Promise<BackfillSummary> {
  const started = performance.now();
  const summary: BackfillSummary = {
    added: 0,
    requests: 0,
    weight: 0,
    failedRequests: 0,
    retries: 0,
    coins: {},
    series: [],
    failed: [],
    seconds: 0,
  };
  const before = io.transport.stats();
  const total = options.coins.length * (options.intervals.length + 1);
  const since = options.now - options.days * DAY_MS;
  let done = 0;
  for (const coin of options.coins) {
    const coinSum: CoinSummary = { candles: 0, funding: 0, requests: 0, weight: 0 };
    summary.coins[coin] = coinSum;
    const jobs: { series: string; run: (spend: Spend) => Promise<[number, number]> }[] = [
      ...options.intervals.map((interval) => ({
        series: interval,
        run: async (spend: Spend): Promise<[number, number]> => {
          const last = stores.candles.lastTime(coin, interval);
          const start = last === null ? since : last + intervalMs(interval);
          const rows = await fetchClosedCandles(io, coin, interval, start, options.now, spend);
          return [rows.length, stores.candles.insertMany(coin, interval, rows)];
        },
      })),
      {
        series: "funding",
        run: async (spend: Spend): Promise<[number, number]> => {
          const last = stores.funding.lastEventTime(coin);
          const rows = await fetchFundingSince(
            io,
            coin,
            last === null ? since : last + 1,
            options.now,
            spend,
          );
          return [rows.length, stores.funding.insertMany(coin, rows)];
        },
      },
    ];
    for (const job of jobs) {
      options.onProgress?.(done, total, `${coin} ${job.series}`);
      const result: SeriesResult = { coin, series: job.series, fetched: 0, added: 0, requests: 0, weight: 0 };
      try {
        [result.fetched, result.added] = await job.run(result);
      } catch (error) {
        result.error = (error as Error).message;
        summary.failed.push(result);
      }
      summary.series.push(result);
      if (job.series === "funding") coinSum.funding += result.added;
      else coinSum.candles += result.added;
      coinSum.requests += result.requests;
      coinSum.weight += result.weight;
      summary.added += result.added;
      summary.requests += result.requests;
      summary.weight += result.weight;
      done++;
    }
  }
  options.onProgress?.(done, total, "");
  const after = io.transport.stats();
  summary.failedRequests = after.failed - before.failed;
  summary.retries = after.retries - before.retries;
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
