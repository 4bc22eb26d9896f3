/** Real Hyperliquid candles and funding for the signal tests, parsed once per test process. */
import { join } from "node:path";
import type { Interval } from "../../../src/core/intervals.ts";
import type { Candle } from "../../../src/ledger/repos/candles.ts";
import { parseCandleFile, parseFundingFile } from "../../../src/market/csv-files.ts";
import type { FundingEventLike } from "../../../src/market/features/funding-cursor.ts";
import { HL_DATA } from "../../support/paths.ts";

const candleCache = new Map<string, Candle[]>();
const fundingCache = new Map<string, FundingEventLike[]>();

export function candles(coin: string, interval: Interval): Candle[] {
  const key = `${coin}-${interval}`;
  let c = candleCache.get(key);
  if (!c) {
    c = parseCandleFile(join(HL_DATA, `${key}.csv.gz`));
    candleCache.set(key, c);
  }
  return c;
}

export function funding(coin: string): FundingEventLike[] {
  let f = fundingCache.get(coin);
  if (!f) {
    f = parseFundingFile(join(HL_DATA, `${coin}-funding-1h.csv.gz`));
    fundingCache.set(coin, f);
  }
  return f;
}

export function columns(c: readonly Candle[]) {
  return {
    high: c.map((x) => x.high),
    low: c.map((x) => x.low),
    close: c.map((x) => x.close),
    volume: c.map((x) => x.volume),
  };
}

/** |a − b| ≤ tol · max(|a|, |b|); NaN only equals NaN. */
export function relClose(a: number, b: number, tol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));
}

/** Several coins × timeframes of real data (majors, a small-price coin, a young listing). */
export const SAMPLE_SERIES: ReadonlyArray<[string, Interval]> = [
  ["BTC", "15m"],
  ["ETH", "1h"],
  ["SOL", "4h"],
  ["kPEPE", "15m"],
  ["HYPE", "1h"],
  ["AVAX", "4h"],
];
