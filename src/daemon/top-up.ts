/**
 * Start-up top-up: before warming the features, fetch over REST what the ledger lacks of the last
 * `historyBars` closed bars of every series, and of the funding hours the warm-up reads. Resumable
 * and idempotent like `hlbot backfill` (each series starts after its newest stored row; an up-to-date
 * series costs no request), paced inside the shared weight budget. Failures are returned, not thrown;
 * when the very first request cannot reach Hyperliquid the round stops there (the caller backs off).
 * Nothing is silent: progress per series goes to `onProgress` (a TTY bar with ETA), waits for rate
 * budget are logged by the limiter, a failure keeps the message naming its cause (DNS, refused,
 * timeout, HTTP status), and the result counts the failed requests and retries of the round.
 */

import type { CandlesRepo } from "../ledger/repos/candles.ts";
import type { FundingRepo } from "../ledger/repos/funding.ts";
import { fetchClosedCandles, fetchFundingSince, type HistoryIo, type Spend } from "../market/backfill.ts";
import type { SeriesSet } from "./series.ts";

export interface TopUpResult extends Spend {
  candles: number;
  funding: number;
  /** `coin interval` or `coin funding` → the error (its kind and cause), for every unit that failed. */
  failed: Record<string, string>;
  /** Requests of this round that failed (each failed retry counts), and retries sent. */
  failedRequests: number;
  retries: number;
  /** True when the round stopped early (venue unreachable, or a stop was requested). */
  aborted: boolean;
}

/** Error kinds that mean "Hyperliquid cannot be reached", not "this series is broken". */
const UNREACHABLE = new Set(["transport", "rate_limit"]);

export interface TopUpOptions {
  now: number;
  historyBars: number;
  /** How far back funding is needed, ms. */
  fundingSpanMs: number;
  /** Checked between units: a stop request ends the round. */
  stopping?: () => boolean;
  /** Units done of the total, and the unit being fetched. */
  onProgress?: (done: number, total: number, label: string) => void;
}

export async function topUp(
  io: HistoryIo,
  stores: { candles: CandlesRepo; funding: FundingRepo },
  series: SeriesSet,
  o: TopUpOptions,
): Promise<TopUpResult> {
  const result: TopUpResult = {
    candles: 0,
    funding: 0,
    requests: 0,
    weight: 0,
    failed: {},
    failedRequests: 0,
    retries: 0,
    aborted: false,
  };
  const before = io.transport.stats();
  const total = series.list.length + series.coins.length;
  let succeeded = 0;
  let done = 0;
  const attempt = async (label: string, body: () => Promise<void>) => {
    if (result.aborted || o.stopping?.()) {
      result.aborted = true;
      return;
    }
    o.onProgress?.(done, total, label);
    try {
      await body();
      succeeded++;
    } catch (error) {
      const kind = (error as { kind?: string }).kind ?? "unknown";
      result.failed[label] = `${kind}: ${(error as Error).message}`;
      if (succeeded === 0 && UNREACHABLE.has(kind)) result.aborted = true;
    }
    done++;
  };
  for (const s of series.list) {
    await attempt(`${s.coin} ${s.interval}`, async () => {
      const last = stores.candles.lastTime(s.coin, s.interval);
      const start = Math.max(last === null ? 0 : last + s.len, o.now - o.historyBars * s.len);
      const rows = await fetchClosedCandles(io, s.coin, s.interval, start, o.now, result);
      result.candles += stores.candles.insertMany(s.coin, s.interval, rows);
    });
  }
  for (const coin of series.coins) {
    await attempt(`${coin} funding`, async () => {
      const last = stores.funding.lastEventTime(coin);
      const start = Math.max(last === null ? 0 : last + 1, o.now - o.fundingSpanMs);
      const rows = await fetchFundingSince(io, coin, start, o.now, result);
      result.funding += stores.funding.insertMany(coin, rows);
    });
  }
  o.onProgress?.(done, total, "");
  const after = io.transport.stats();
  result.failedRequests = after.failed - before.failed;
  result.retries = after.retries - before.retries;
  return result;
}
