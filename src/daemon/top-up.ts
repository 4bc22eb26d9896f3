/**
 * Start-up top-up: before warming the features, fetch over REST what the ledger lacks of the last
 * `historyBars` closed bars of every series, and of the funding hours the warm-up reads. Resumable
 * and idempotent like `hlbot backfill` (each series starts after its newest stored row; an up-to-date
 * series costs no request), paced inside the shared weight budget. Failures are returned, not thrown;
 * when the very first request cannot reach Hyperliquid the round stops there (the caller backs off).
 */

import type { CandlesRepo } from "../ledger/repos/candles.ts";
import type { FundingRepo } from "../ledger/repos/funding.ts";
import { fetchClosedCandles, fetchFundingSince, type HistoryIo, type Spend } from "../market/backfill.ts";
import type { SeriesSet } from "./series.ts";

export interface TopUpResult extends Spend {
  candles: number;
  funding: number;
  /** `coin interval` or `coin funding` → error kind, for every unit that failed. */
  failed: Record<string, string>;
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
}

export async function topUp(
  io: HistoryIo,
  stores: { candles: CandlesRepo; funding: FundingRepo },
  series: SeriesSet,
  o: TopUpOptions,
): Promise<TopUpResult> {
  const result: TopUpResult = { candles: 0, funding: 0, requests: 0, weight: 0, failed: {}, aborted: false };
  let succeeded = 0;
  const attempt = async (label: string, body: () => Promise<void>) => {
    if (result.aborted || o.stopping?.()) {
      result.aborted = true;
      return;
    }
    try {
      await body();
      succeeded++;
    } catch (error) {
      const kind = (error as { kind?: string }).kind ?? "unknown";
      result.failed[label] = kind;
      if (succeeded === 0 && UNREACHABLE.has(kind)) result.aborted = true;
    }
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
  return result;
}
