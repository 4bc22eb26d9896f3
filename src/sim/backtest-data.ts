/**
 * Loads what a backtest replays from the ledger: columnar candles per coin × interval (with enough
 * history before `from` for warm-up) and hourly funding, plus a hash that identifies the data.
 */
import type { Database } from "bun:sqlite";
import { createHash } from "node:crypto";
import type { Interval } from "../core/intervals.ts";
import { CandlesRepo } from "../ledger/repos/candles.ts";
import { FundingRepo, type FundingRow } from "../ledger/repos/funding.ts";
import type { ReplayData, ReplaySeries } from "./replay-feed.ts";

export interface DataRequest {
  coins: string[];
  intervals: Interval[];
  /** Load candles from here (the backtest's start minus the warm-up). */
  loadFrom: number;
  to: number;
}

/** Replay data with the hash that identifies it (stored with a run). */
export type LoadedReplayData = ReplayData & { hash: string };

export function loadReplayData(db: Database, req: DataRequest): LoadedReplayData {
  const candles = new CandlesRepo(db);
  const fundingRepo = new FundingRepo(db);
  const series: ReplaySeries[] = [];
  const funding = new Map<string, FundingRow[]>();
  // One line per series; sorted before hashing, so the hash names the data, not the order coins were listed in.
  const lines: string[] = [];
  for (const coin of req.coins) {
    for (const interval of req.intervals) {
      const cols = candles.columns(coin, interval, req.loadFrom, req.to);
      if (cols.t.length === 0) continue;
      series.push({ coin, interval, cols });
      // Every value of every bar: a candle corrected inside the window is other data (--rerun refuses it).
      const bars = createHash("sha256");
      for (const c of [cols.t, cols.open, cols.high, cols.low, cols.close, cols.volume])
        bars.update(new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
      lines.push(`${coin}|${interval}|${cols.t.length}|${bars.digest("hex")}\n`);
    }
    const rates = fundingRepo.list(coin, req.loadFrom, req.to);
    if (rates.length) funding.set(coin, rates);
    lines.push(`${coin}|funding|${rates.length}|${fundingDigest(rates)}\n`);
  }
  const hash = createHash("sha256");
  for (const line of lines.sort()) hash.update(line);
  return { series, funding, hash: hash.digest("hex").slice(0, 16) };
}

/** Longest text handed to the hasher at once (a few pages; one native call per chunk, not per rate). */
const DIGEST_CHUNK = 1 << 16;

/**
 * sha256 of the rates as `t:rate;` text, rate by rate (the bytes every stored run's data hash was
 * computed over). Hashed in chunks: one update per rate was 40% of loading a 363k-rate ledger.
 */
export function fundingDigest(rates: readonly FundingRow[]): string {
  const hasher = new Bun.CryptoHasher("sha256");
  let text = "";
  for (const r of rates) {
    text += `${r.t}:${r.rate};`;
    if (text.length >= DIGEST_CHUNK) {
      hasher.update(text);
      text = "";
    }
  }
  hasher.update(text);
  return hasher.digest("hex");
}

/** Coins with candles in the ledger (for `--coins all`). */
export function ledgerCoins(db: Database): string[] {
  return new CandlesRepo(db).coins();
}
