/**
 * Top-of-book snapshots (best bid/ask and their sizes, optionally the full levels as JSON) that the
 * recorder keeps so depth-based friction models can be fitted later; one row per (coin, t).
 */
import type { Database, Statement } from "bun:sqlite";
import { describeDifference, type InsertReport } from "./insert-report.ts";
import { timeSpan } from "./time-span.ts";

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

/**
 * Snapshots of one coin as columns (the bulk import's shape): per snapshot its time, top of book and
 * the `levels` JSON text exactly as insertMany would encode it (null: top of book only).
 */
export interface BookSnapshotColumns {
  t: Float64Array;
  bestBid: Float64Array;
  bestAsk: Float64Array;
  bidSz: Float64Array;
  askSz: Float64Array;
  levels: (string | null)[];
}

const VALUE_NAMES = ["best_bid", "best_ask", "bid_sz", "ask_sz"] as const;

/**
 * A stored snapshot is kept as it is; when the given one differs, the no-op update makes the row count
 * as a change, so `changes - added` is the number of conflicts.
 */
const UPSERT =
  "INSERT INTO book_snapshots (coin, t, best_bid, best_ask, bid_sz, ask_sz, levels) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (coin, t) DO UPDATE SET best_bid = best_bid WHERE (best_bid, best_ask, bid_sz, ask_sz, levels) IS NOT (excluded.best_bid, excluded.best_ask, excluded.bid_sz, excluded.ask_sz, excluded.levels)";

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
  private readonly upsert: Statement;
  private readonly countStmt: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      "INSERT OR IGNORE INTO book_snapshots (coin, t, best_bid, best_ask, bid_sz, ask_sz, levels) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    );
    this.upsert = db.prepare(UPSERT);
    this.countStmt = db.prepare(
      "SELECT COUNT(*) AS n FROM book_snapshots WHERE coin = ?1 AND t >= ?2 AND t <= ?3",
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

  /**
   * Columnar insert in one transaction, telling new snapshots, identical duplicates and conflicts
   * (stored snapshot kept) apart: rows added = growth of the stored count over the times' range.
   */
  insertReport(coin: string, c: BookSnapshotColumns): InsertReport {
    const n = c.t.length;
    if (n === 0) return { added: 0, duplicates: 0, conflicts: 0, firstConflict: null };
    const { lo, hi } = timeSpan(c.t);
    return this.db.transaction(() => {
      const before = (this.countStmt.get(coin, lo, hi) as { n: number }).n;
      let changes = 0;
      for (let i = 0; i < n; i++)
        changes += this.upsert.run(
          coin,
          c.t[i]!,
          c.bestBid[i]!,
          c.bestAsk[i]!,
          c.bidSz[i]!,
          c.askSz[i]!,
          c.levels[i]!,
        ).changes;
      const added = (this.countStmt.get(coin, lo, hi) as { n: number }).n - before;
      const conflicts = changes - added;
      return {
        added,
        duplicates: n - added - conflicts,
        conflicts,
        firstConflict: conflicts > 0 ? this.firstConflict(coin, c, lo, hi) : null,
      };
    })();
  }

  /** The first given snapshot whose stored snapshot differs (only called when there is one). */
  private firstConflict(
    coin: string,
    c: BookSnapshotColumns,
    lo: number,
    hi: number,
  ): InsertReport["firstConflict"] {
    const stored = new Map<number, StoredRow>();
    for (const r of this.range.all(coin, lo, hi + 1) as StoredRow[]) stored.set(r.t, r);
    for (let i = 0; i < c.t.length; i++) {
      const s = stored.get(c.t[i]!);
      if (s === undefined) continue;
      const top = describeDifference(
        VALUE_NAMES,
        [s.bestBid, s.bestAsk, s.bidSz, s.askSz],
        [c.bestBid[i]!, c.bestAsk[i]!, c.bidSz[i]!, c.askSz[i]!],
      );
      const levels = s.levels === c.levels[i] ? "" : "levels differ";
      const detail = [top, levels].filter(Boolean).join("; ");
      if (detail !== "") return { index: i, detail: `snapshot at time_ms ${c.t[i]}: ${detail}` };
    }
    return null;
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
