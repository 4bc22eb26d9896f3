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

/** What the ledger holds for one coin: how many snapshots, over which window, how deep. */
export interface BookCoverage {
  coin: string;
  snapshots: number;
  /** Snapshots that kept levels (a depth model can walk them). */
  withLevels: number;
  from: number;
  to: number;
  /** Fewest and most levels kept on a side, over the snapshots with levels (null if none). */
  minLevels: number | null;
  maxLevels: number | null;
}

type StoredRow = Omit<BookSnapshotRow, "levels"> & { levels: string | null };

const COLUMNS = "coin, t, best_bid AS bestBid, best_ask AS bestAsk, bid_sz AS bidSz, ask_sz AS askSz, levels";

function decodeRow(r: StoredRow): BookSnapshotRow {
  return { ...r, levels: r.levels ? JSON.parse(r.levels) : null };
}

export class BookSnapshotsRepo {
  private readonly insert: Statement;
  private readonly range: Statement;
  private readonly last: Statement;
  private readonly atOrBeforeStmt: Statement;
  private readonly coverageStmt: Statement;
  private readonly everyNthStmt: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      "INSERT OR IGNORE INTO book_snapshots (coin, t, best_bid, best_ask, bid_sz, ask_sz, levels) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    );
    this.range = db.prepare(
      "SELECT coin, t, best_bid AS bestBid, best_ask AS bestAsk, bid_sz AS bidSz, ask_sz AS askSz, levels FROM book_snapshots WHERE coin = ?1 AND t >= ?2 AND t < ?3 ORDER BY t",
    );
    this.last = db.prepare("SELECT MAX(t) AS t FROM book_snapshots WHERE coin = ?1");
    this.atOrBeforeStmt = db.prepare(
      `SELECT ${COLUMNS} FROM book_snapshots WHERE coin = ?1 AND t <= ?2 AND t >= ?3 ORDER BY t DESC LIMIT 1`,
    );
    this.everyNthStmt = db.prepare(
      `SELECT ${COLUMNS} FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY t) - 1 AS k FROM book_snapshots
         WHERE coin = ?1 AND t >= ?2 AND t < ?3 AND levels IS NOT NULL) WHERE k % ?4 = 0 ORDER BY t`,
    );
    this.coverageStmt = db.prepare(
      `SELECT coin, COUNT(*) AS snapshots, COUNT(levels) AS withLevels, MIN(t) AS "from", MAX(t) AS "to",
         MIN(MIN(json_array_length(levels, '$[0]'), json_array_length(levels, '$[1]'))) AS minLevels,
         MAX(MAX(json_array_length(levels, '$[0]'), json_array_length(levels, '$[1]'))) AS maxLevels
       FROM book_snapshots GROUP BY coin ORDER BY coin`,
    );
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
    return (this.range.all(coin, from, to) as StoredRow[]).map(decodeRow);
  }

  /** Visits the snapshots with t in [from, to), oldest first, one at a time (no array of all rows). */
  each(coin: string, from: number, to: number, visit: (row: BookSnapshotRow) => void): void {
    for (const r of this.range.iterate(coin, from, to) as IterableIterator<StoredRow>) visit(decodeRow(r));
  }

  /**
   * Every `stride`-th snapshot that kept levels, with t in [from, to), oldest first: an even sample in
   * time for fitting, without decoding the rows in between.
   */
  everyNthWithLevels(
    coin: string,
    from: number,
    to: number,
    stride: number,
    visit: (row: BookSnapshotRow) => void,
  ): void {
    const rows = this.everyNthStmt.iterate(coin, from, to, Math.max(1, Math.floor(stride)));
    for (const r of rows as IterableIterator<StoredRow>) visit(decodeRow(r));
  }

  /** The latest snapshot with t in [t − maxAgeMs, t] (never a later one), or null. */
  atOrBefore(coin: string, t: number, maxAgeMs = Number.MAX_SAFE_INTEGER): BookSnapshotRow | null {
    const r = this.atOrBeforeStmt.get(coin, t, Math.max(0, t - maxAgeMs)) as StoredRow | null;
    return r ? decodeRow(r) : null;
  }

  /** Snapshots per coin and the window they cover (`hlbot research` reports it for question 3). */
  coverage(): BookCoverage[] {
    return this.coverageStmt.all() as BookCoverage[];
  }

  lastTime(coin: string): number | null {
    return (this.last.get(coin) as { t: number | null }).t;
  }
}
