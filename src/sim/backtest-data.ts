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
      lines.push(
        `${coin}|${interval}|${cols.t.length}|${cols.t[0]}|${cols.t[cols.t.length - 1]}|${cols.close[cols.t.length - 1]}\n`,
      );
    }
    const rates = fundingRepo.list(coin, req.loadFrom, req.to);
    if (rates.length) funding.set(coin, rates);
    lines.push(`${coin}|funding|${rates.length}\n`);
  }
  const hash = createHash("sha256");
  for (const line of lines.sort()) hash.update(line);
  return { series, funding, hash: hash.digest("hex").slice(0, 16) };
}

/** Coins with candles in the ledger (for `--coins all`). */
export function ledgerCoins(db: Database): string[] {
  return new CandlesRepo(db).coins();
}
