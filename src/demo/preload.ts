/**
 * The demo ledger's history, before the replay starts: the sample's candles that CLOSED by `until`
 * and its funding events up to `until` go into the ledger, as `hlbot import` of the same files would
 * (in production, `hlbot backfill` runs before `hlbot trade`). The daemon's own start-up top-up then
 * finds the ledger up to date and fetches from the venue only what closed since, so its warm-up
 * takes the same wall time at any --speed. Nothing after `until` is written: no lookahead.
 */
import type { Database } from "bun:sqlite";
import { type Interval, intervalMs } from "../core/intervals.ts";
import { CandlesRepo } from "../ledger/repos/candles.ts";
import { FundingRepo } from "../ledger/repos/funding.ts";
import type { DataSource } from "../local-venue/data-source.ts";
import { parseCandleColumns, parseFundingColumns } from "../market/csv-files.ts";

export interface PreloadResult {
  candles: number;
  funding: number;
}

export function preloadHistory(
  db: Database,
  source: DataSource,
  series: { coins: readonly string[]; intervals: readonly Interval[] },
  until: number,
): PreloadResult {
  const candles = new CandlesRepo(db);
  const funding = new FundingRepo(db);
  const result: PreloadResult = { candles: 0, funding: 0 };
  for (const coin of series.coins) {
    for (const interval of series.intervals) {
      const path = source.file(`${coin}-${interval}`);
      if (!path) continue;
      const c = parseCandleColumns(path);
      const n = countBelow(c.t, until - intervalMs(interval) + 1); // open + len <= until: closed
      result.candles += candles.insertColumns(coin, interval, {
        t: c.t.subarray(0, n),
        open: c.open.subarray(0, n),
        high: c.high.subarray(0, n),
        low: c.low.subarray(0, n),
        close: c.close.subarray(0, n),
        volume: c.volume.subarray(0, n),
      });
    }
    const path = source.file(`${coin}-funding-1h`);
    if (!path) continue;
    const f = parseFundingColumns(path);
    const n = countBelow(f.eventT, until + 1);
    result.funding += funding.insertColumns(coin, f.eventT.subarray(0, n), f.rate.subarray(0, n));
  }
  return result;
}

/** How many of the ascending times are < limit. */
function countBelow(t: Float64Array, limit: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
