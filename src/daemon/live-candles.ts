/**
 * The daemon's candles: the `candles` table plus the inbox the websocket sink writes into
 * (src/ledger/repos/candle-inbox.ts). Everything in the daemon that reads while bars may wait in the
 * inbox — the sink's continuity check, the feed's fallback read, the recorder's "what is missing" —
 * reads through here and sees both, so a bar is never fetched again nor skipped for sitting in the
 * inbox. REST writes (recorder) go straight into `candles`, but never over a bar waiting in the
 * inbox. Bulk reads (warm-up, top-up) run after a fold, on `candles` alone.
 */
import type { Database } from "bun:sqlite";
import type { Interval } from "../core/intervals.ts";
import { CandleInbox, type FoldResult } from "../ledger/repos/candle-inbox.ts";
import { type Candle, CandlesRepo } from "../ledger/repos/candles.ts";

export class LiveCandles {
  readonly table: CandlesRepo;
  readonly inbox: CandleInbox;
  /**
   * False from this process's fold until its next inbox write: only the daemon's sink adds to the
   * inbox (other processes only fold it), so the inbox is then known empty and needs no read.
   */
  #maybePending = true;

  constructor(db: Database) {
    this.table = new CandlesRepo(db);
    this.inbox = new CandleInbox(db);
  }

  /** The websocket's closed bars, into the inbox; returns how many were new to the ledger. */
  addClosed(coin: string, interval: Interval, rows: readonly Candle[]): number {
    const added = this.inbox.addMany(coin, interval, rows);
    if (added > 0) this.#maybePending = true;
    return added;
  }

  /**
   * REST rows, into `candles`; returns rows added. A bar either table holds is kept: a REST bar whose
   * key waits in the inbox (the fetch raced the websocket) is skipped, as it would have been had the
   * sink written `candles` — the ledger keeps the bar the tick was handed.
   */
  insertMany(coin: string, interval: Interval, rows: readonly Candle[]): number {
    let fresh = rows;
    if (this.#maybePending && rows.length > 0) {
      let lo = rows[0]!.t;
      let hi = lo;
      for (const r of rows) {
        if (r.t < lo) lo = r.t;
        if (r.t > hi) hi = r.t;
      }
      const waiting = this.inbox.list(coin, interval, lo, hi + 1);
      if (waiting.length > 0) {
        const held = new Set(waiting.map((w) => w.t));
        fresh = rows.filter((r) => !held.has(r.t));
      }
    }
    return this.table.insertMany(coin, interval, fresh);
  }

  /** Open time of the newest bar of a series in either table, or null. */
  lastTime(coin: string, interval: Interval): number | null {
    const stored = this.table.lastTime(coin, interval);
    if (!this.#maybePending) return stored;
    const waiting = this.inbox.lastTime(coin, interval);
    if (waiting === null) return stored;
    return stored === null ? waiting : Math.max(stored, waiting);
  }

  /** Bars with open time in [from, to) from both tables, oldest first (`candles`' bar where both hold one). */
  list(coin: string, interval: Interval, from = 0, to = Number.MAX_SAFE_INTEGER): Candle[] {
    const stored = this.table.list(coin, interval, from, to);
    if (!this.#maybePending) return stored;
    const waiting = this.inbox.list(coin, interval, from, to);
    if (waiting.length === 0) return stored;
    const out: Candle[] = [];
    let i = 0;
    let j = 0;
    while (i < stored.length || j < waiting.length) {
      const a = stored[i];
      const b = waiting[j];
      if (b === undefined || (a !== undefined && a.t <= b.t)) {
        out.push(a!);
        i++;
        if (b !== undefined && b.t === a!.t) j++;
      } else {
        out.push(b);
        j++;
      }
    }
    return out;
  }

  /** Folds the inbox into `candles` (see CandleInbox.fold); null when nothing waited. */
  fold(): FoldResult | null {
    if (!this.#maybePending) return null;
    const result = this.inbox.fold();
    this.#maybePending = false;
    return result.rows > 0 ? result : null;
  }
}
