/**
 * Candles: idempotent bulk insert (a stored bar is never overwritten; a different bar under the same
 * key is counted as a conflict) and ordered range reads, all through prepared statements.
 */
import type { Database, Statement } from "bun:sqlite";
import type { Interval } from "../../core/intervals.ts";
import { describeDifference, type InsertReport } from "./insert-report.ts";
import { timeSpan } from "./time-span.ts";

export interface Candle {
  t: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Columnar candles: what the feature pipeline and backtests iterate over. */
export interface CandleColumns {
  t: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/**
 * Rows per multi-row INSERT: one statement call per 128 candles. Coin and interval are bound once per
 * statement (?1, ?2, shared by every row), the six numbers per row after them: 2 + 6 × 128 = 770
 * bound values.
 */
const BATCH = 128;

const COLUMNS = "(coin, interval, t, open, high, low, close, volume)";
/**
 * A stored bar is kept as it is. When the given bar differs, the no-op update makes the row count as
 * a change, so `changes - added` is the number of conflicts (added comes from a count of the range).
 */
const ON_CONFLICT =
  "ON CONFLICT (coin, interval, t) DO UPDATE SET open = open WHERE (open, high, low, close, volume) IS NOT (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)";
/** Adds the rows whose key is not stored yet; `changes` is then exactly the number of rows added. */
const ADD_ONLY = "ON CONFLICT (coin, interval, t) DO NOTHING";
const VALUE_NAMES = ["open", "high", "low", "close", "volume"] as const;

export class CandlesRepo {
  private readonly insert: Statement;
  private readonly insertBatch: Statement;
  private readonly insertNew: Statement;
  private readonly insertNewBatch: Statement;
  private readonly args: (string | number)[] = new Array(2 + BATCH * 6);
  private readonly range: Statement;
  private readonly last: Statement;
  private readonly series: Statement;
  private readonly coinList: Statement;
  private readonly firstLast: Statement;
  private readonly count: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT INTO candles ${COLUMNS} VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ${ON_CONFLICT}`,
    );
    const rows = Array.from(
      { length: BATCH },
      (_, r) => `(?1, ?2, ${Array.from({ length: 6 }, (_, k) => `?${r * 6 + k + 3}`).join(", ")})`,
    );
    this.insertBatch = db.prepare(`INSERT INTO candles ${COLUMNS} VALUES ${rows.join(", ")} ${ON_CONFLICT}`);
    // Into an empty range: every change is a new row, and a key already given earlier in the same
    // call is skipped (then counted as duplicate or conflict by a second, comparing pass).
    this.insertNew = db.prepare(
      `INSERT INTO candles ${COLUMNS} VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ${ADD_ONLY}`,
    );
    this.insertNewBatch = db.prepare(`INSERT INTO candles ${COLUMNS} VALUES ${rows.join(", ")} ${ADD_ONLY}`);
    this.range = db.prepare(
      "SELECT t, open, high, low, close, volume FROM candles WHERE coin = ?1 AND interval = ?2 AND t >= ?3 AND t < ?4 ORDER BY t",
    );
    this.last = db.prepare("SELECT MAX(t) AS t FROM candles WHERE coin = ?1 AND interval = ?2");
    this.count = db.prepare(
      "SELECT COUNT(*) AS n FROM candles WHERE coin = ?1 AND interval = ?2 AND t >= ?3 AND t <= ?4",
    );
    this.coinList = db.prepare(`WITH RECURSIVE c(coin) AS (
        SELECT (SELECT coin FROM candles ORDER BY coin LIMIT 1)
        UNION ALL SELECT (SELECT coin FROM candles WHERE coin > c.coin ORDER BY coin LIMIT 1) FROM c WHERE c.coin IS NOT NULL
      ) SELECT coin FROM c WHERE coin IS NOT NULL`);
    this.firstLast = db.prepare(`SELECT
        (SELECT t FROM candles WHERE coin = ?1 AND interval = ?2 ORDER BY t LIMIT 1) AS first,
        (SELECT t FROM candles WHERE coin = ?1 AND interval = ?2 ORDER BY t DESC LIMIT 1) AS last`);
    this.series = db.prepare(
      "SELECT coin, interval, COUNT(*) AS n, MIN(t) AS first, MAX(t) AS last FROM candles GROUP BY coin, interval ORDER BY coin, interval",
    );
  }

  /** Inserts rows not yet present (same coin, interval, t are kept as they are); returns rows added. */
  insertMany(coin: string, interval: Interval, rows: readonly Candle[]): number {
    return this.insertReport(coin, interval, {
      t: Float64Array.from(rows, (r) => r.t),
      open: Float64Array.from(rows, (r) => r.open),
      high: Float64Array.from(rows, (r) => r.high),
      low: Float64Array.from(rows, (r) => r.low),
      close: Float64Array.from(rows, (r) => r.close),
      volume: Float64Array.from(rows, (r) => r.volume),
    }).added;
  }

  /** Columnar insert, one transaction, 64 rows per statement; returns rows added. */
  insertColumns(coin: string, interval: Interval, c: CandleColumns): number {
    return this.insertReport(coin, interval, c).added;
  }

  /**
   * Columnar insert in one transaction, telling new rows, identical duplicates and conflicts (stored
   * bars kept) apart. Rows added = growth of the stored count over the rows' time range.
   */
  insertReport(coin: string, interval: Interval, c: CandleColumns): InsertReport {
    const n = c.t.length;
    if (n === 0) return { added: 0, duplicates: 0, conflicts: 0, firstConflict: null };
    const { lo, hi } = timeSpan(c.t);
    // One bar (the daemon's websocket sink, 600 series at a 4h close): a single statement is atomic
    // by itself, so no savepoint and no count — an add-only insert tells a new bar at once.
    if (n === 1) {
      if (this.write(coin, interval, c, true) === 1)
        return { added: 1, duplicates: 0, conflicts: 0, firstConflict: null };
      const conflicts = this.write(coin, interval, c, false);
      return {
        added: 0,
        duplicates: 1 - conflicts,
        conflicts,
        firstConflict: conflicts > 0 ? this.firstConflict(coin, interval, c, lo, hi) : null,
      };
    }
    return this.db.transaction(() => {
      const before = (this.count.get(coin, interval, lo, hi) as { n: number }).n;
      if (before === 0) {
        // An empty range (the fresh import): add-only, then compare only when some key repeated.
        const added = this.write(coin, interval, c, true);
        const conflicts = added === n ? 0 : this.write(coin, interval, c, false);
        return {
          added,
          duplicates: n - added - conflicts,
          conflicts,
          firstConflict: conflicts > 0 ? this.firstConflict(coin, interval, c, lo, hi) : null,
        };
      }
      const changes = this.write(coin, interval, c, false);
      // No change: nothing added and no conflict (the idempotent re-run). Otherwise count again.
      const added = changes === 0 ? 0 : (this.count.get(coin, interval, lo, hi) as { n: number }).n - before;
      const conflicts = changes - added;
      return {
        added,
        duplicates: n - added - conflicts,
        conflicts,
        firstConflict: conflicts > 0 ? this.firstConflict(coin, interval, c, lo, hi) : null,
      };
    })();
  }

  /**
   * Runs the upserts; returns SQLite's change count (rows added + conflicting rows), or with
   * `addOnly` the add-only inserts (rows added).
   */
  private write(coin: string, interval: Interval, c: CandleColumns, addOnly: boolean): number {
    const batch = addOnly ? this.insertNewBatch : this.insertBatch;
    const one = addOnly ? this.insertNew : this.insert;
    let changes = 0;
    const args = this.args;
    const n = c.t.length;
    const { t, open, high, low, close, volume } = c;
    args[0] = coin;
    args[1] = interval;
    let i = 0;
    for (; i + BATCH <= n; i += BATCH) {
      for (let j = 0, k = 2, r = i; j < BATCH; j++, k += 6, r++) {
        args[k] = t[r]!;
        args[k + 1] = open[r]!;
        args[k + 2] = high[r]!;
        args[k + 3] = low[r]!;
        args[k + 4] = close[r]!;
        args[k + 5] = volume[r]!;
      }
      changes += batch.run(...args).changes;
    }
    for (; i < n; i++) {
      changes += one.run(
        coin,
        interval,
        c.t[i]!,
        c.open[i]!,
        c.high[i]!,
        c.low[i]!,
        c.close[i]!,
        c.volume[i]!,
      ).changes;
    }
    return changes;
  }

  /** The first given bar whose stored bar differs (only called when there is one). */
  private firstConflict(
    coin: string,
    interval: Interval,
    c: CandleColumns,
    lo: number,
    hi: number,
  ): InsertReport["firstConflict"] {
    const stored = new Map<number, number[]>();
    for (const r of this.range.values(coin, interval, lo, hi + 1) as number[][])
      stored.set(r[0]!, r.slice(1));
    for (let i = 0; i < c.t.length; i++) {
      const s = stored.get(c.t[i]!);
      if (s === undefined) continue;
      const given = [c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!, c.volume[i]!];
      const detail = describeDifference(VALUE_NAMES, s, given);
      if (detail !== "") return { index: i, detail };
    }
    return null;
  }

  /** Candles with open time in [from, to), oldest first. */
  list(coin: string, interval: Interval, from = 0, to = Number.MAX_SAFE_INTEGER): Candle[] {
    return this.range.all(coin, interval, from, to) as Candle[];
  }

  columns(coin: string, interval: Interval, from = 0, to = Number.MAX_SAFE_INTEGER): CandleColumns {
    const rows = this.range.values(coin, interval, from, to) as number[][];
    const n = rows.length;
    const cols: CandleColumns = {
      t: new Float64Array(n),
      open: new Float64Array(n),
      high: new Float64Array(n),
      low: new Float64Array(n),
      close: new Float64Array(n),
      volume: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      cols.t[i] = r[0]!;
      cols.open[i] = r[1]!;
      cols.high[i] = r[2]!;
      cols.low[i] = r[3]!;
      cols.close[i] = r[4]!;
      cols.volume[i] = r[5]!;
    }
    return cols;
  }

  /** Open time of the newest stored candle, or null. */
  lastTime(coin: string, interval: Interval): number | null {
    return (this.last.get(coin, interval) as { t: number | null }).t;
  }

  /**
   * The coins with candles, sorted. A skip scan of the primary key (one seek per coin), where
   * `SELECT DISTINCT coin` read every stored candle.
   */
  coins(): string[] {
    return (this.coinList.values() as [string][]).map((r) => r[0]);
  }

  /** First and last open time of a series, or null when none is stored: two seeks, no scan. */
  span(coin: string, interval: string): { first: number; last: number } | null {
    const r = this.firstLast.get(coin, interval) as { first: number | null; last: number | null };
    return r.first === null || r.last === null ? null : { first: r.first, last: r.last };
  }

  /** One row per stored (coin, interval) series. */
  summary(): { coin: string; interval: string; n: number; first: number; last: number }[] {
    return this.series.all() as { coin: string; interval: string; n: number; first: number; last: number }[];
  }
}
