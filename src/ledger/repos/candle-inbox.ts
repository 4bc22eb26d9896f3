/**
 * The candle inbox (migration v11): bars the daemon's websocket sink just saw close, written where
 * a 600-series close costs a dozen pages instead of 600 leaves of `candles` — so the write in front
 * of the tick stays small. Rows are as durable as in `candles` (same commit rules); `fold` moves them
 * into `candles` at a quiet moment. A key `candles` already holds is never added here, and when both
 * ever hold one (another process wrote `candles`; the daemon's own REST writes skip waiting keys) the
 * fold keeps `candles`' bar, as every candle write does: a stored bar is never overwritten.
 */
import type { Database, Statement } from "bun:sqlite";
import type { Interval } from "../../core/intervals.ts";
import type { Candle } from "./candles.ts";

export interface FoldResult {
  /** Inbox rows seen, and how many of them were new to `candles`. */
  rows: number;
  moved: number;
  ms: number;
}

export class CandleInbox {
  private readonly add: Statement;
  private readonly last: Statement;
  private readonly range: Statement;
  private readonly any: Statement;
  private readonly count: Statement;

  constructor(private readonly db: Database) {
    // Add-only, and only a key `candles` does not hold: `changes` is 1 exactly for a new bar.
    this.add = db.prepare(`INSERT INTO candles_inbox (coin, interval, t, open, high, low, close, volume)
      SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
      WHERE NOT EXISTS (SELECT 1 FROM candles WHERE coin = ?1 AND interval = ?2 AND t = ?3)
      ON CONFLICT (coin, interval, t) DO NOTHING`);
    this.last = db.prepare("SELECT MAX(t) AS t FROM candles_inbox WHERE coin = ?1 AND interval = ?2");
    this.range = db.prepare(
      "SELECT t, open, high, low, close, volume FROM candles_inbox WHERE coin = ?1 AND interval = ?2 AND t >= ?3 AND t < ?4 ORDER BY t",
    );
    this.any = db.prepare("SELECT 1 AS x FROM candles_inbox LIMIT 1");
    this.count = db.prepare("SELECT COUNT(*) AS n FROM candles_inbox");
  }

  /** Adds the bars whose key neither table holds; returns how many were added. */
  addMany(coin: string, interval: Interval, rows: readonly Candle[]): number {
    let added = 0;
    for (const r of rows)
      added += this.add.run(coin, interval, r.t, r.open, r.high, r.low, r.close, r.volume).changes;
    return added;
  }

  /** Open time of the newest bar of a series in the inbox, or null. */
  lastTime(coin: string, interval: Interval): number | null {
    return (this.last.get(coin, interval) as { t: number | null }).t;
  }

  /** The inbox's bars of a series with open time in [from, to), oldest first. */
  list(coin: string, interval: Interval, from: number, to: number): Candle[] {
    return this.range.all(coin, interval, from, to) as Candle[];
  }

  /** True when some bar waits to be folded (one probe of the small table). */
  pending(): boolean {
    return this.any.get() !== null;
  }

  /** Moves every inbox bar into `candles` (keeping `candles`' bar under a key both hold), in one transaction. */
  fold(): FoldResult {
    const t0 = performance.now();
    const result = this.db
      .transaction(() => {
        const rows = (this.count.get() as { n: number }).n;
        if (rows === 0) return { rows: 0, moved: 0 };
        // `WHERE true`: without it SQLite would read ON CONFLICT as a join constraint of the SELECT.
        const moved = this.db.run(`INSERT INTO candles (coin, interval, t, open, high, low, close, volume)
        SELECT coin, interval, t, open, high, low, close, volume FROM candles_inbox WHERE true
        ON CONFLICT (coin, interval, t) DO NOTHING`).changes;
        this.db.run("DELETE FROM candles_inbox");
        return { rows, moved };
      })
      .immediate();
    return { ...result, ms: performance.now() - t0 };
  }
}
