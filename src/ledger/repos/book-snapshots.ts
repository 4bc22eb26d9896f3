/**
 * Top-of-book snapshots (best bid/ask and their sizes, optionally the full levels as JSON) that the
 * recorder keeps so depth-based friction models can be fitted later; one row per (coin, t).
 */
import type { Database, Statement } from "bun:sqlite";

/** One price level: [px, sz, number of orders]. */
export type LevelTuple = [number, number, number];

export interface BookSnapshotRow {
  coin: string;
  /** Exchange snapshot time, ms UTC. */
  t: number;
  bestBid: number;
  bestAsk: number;
  bidSz: number;
  askSz: number;
  /** [bids best-first, asks best-first], or null when only the top was kept. */
  levels: [LevelTuple[], LevelTuple[]] | null;
}

export class BookSnapshotsRepo {
  private readonly insert: Statement;
  private readonly range: Statement;
  private readonly last: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      "INSERT OR IGNORE INTO book_snapshots (coin, t, best_bid, best_ask, bid_sz, ask_sz, levels) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    );
    this.range = db.prepare(
      "SELECT coin, t, best_bid AS bestBid, best_ask AS bestAsk, bid_sz AS bidSz, ask_sz AS askSz, levels FROM book_snapshots WHERE coin = ?1 AND t >= ?2 AND t < ?3 ORDER BY t",
    );
    this.last = db.prepare("SELECT MAX(t) AS t FROM book_snapshots WHERE coin = ?1");
  }

  /** Inserts snapshots not yet present (same coin and t); returns rows added. */
  insertMany(rows: readonly BookSnapshotRow[]): number {
    let added = 0;
    this.db.transaction(() => {
      for (const r of rows) {
        added += this.insert.run(
          r.coin,
          r.t,
          r.bestBid,
          r.bestAsk,
          r.bidSz,
          r.askSz,
          r.levels ? JSON.stringify(r.levels) : null,
        ).changes;
      }
    })();
    return added;
  }

  /** Snapshots with t in [from, to), oldest first. */
  list(coin: string, from = 0, to = Number.MAX_SAFE_INTEGER): BookSnapshotRow[] {
    const rows = this.range.all(coin, from, to) as (Omit<BookSnapshotRow, "levels"> & {
      levels: string | null;
    })[];
    return rows.map((r) => ({ ...r, levels: r.levels ? JSON.parse(r.levels) : null }));
  }

  lastTime(coin: string): number | null {
    return (this.last.get(coin) as { t: number | null }).t;
  }
}
