/** Candles: idempotent bulk insert and ordered range reads, all through prepared statements. */
import type { Database, Statement } from "bun:sqlite";
import type { Interval } from "../../core/intervals.ts";

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

/** Rows per multi-row INSERT: one statement call per 64 candles (8 × 64 = 512 bound values). */
const BATCH = 64;

export class CandlesRepo {
  private readonly insert: Statement;
  private readonly insertBatch: Statement;
  private readonly args: (string | number)[] = new Array(BATCH * 8);
  private readonly range: Statement;
  private readonly last: Statement;
  private readonly series: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      "INSERT OR IGNORE INTO candles (coin, interval, t, open, high, low, close, volume) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    );
    const rows = Array.from(
      { length: BATCH },
      (_, r) => `(${Array.from({ length: 8 }, (_, k) => `?${r * 8 + k + 1}`).join(", ")})`,
    );
    this.insertBatch = db.prepare(
      `INSERT OR IGNORE INTO candles (coin, interval, t, open, high, low, close, volume) VALUES ${rows.join(", ")}`,
    );
    this.range = db.prepare(
      "SELECT t, open, high, low, close, volume FROM candles WHERE coin = ?1 AND interval = ?2 AND t >= ?3 AND t < ?4 ORDER BY t",
    );
    this.last = db.prepare("SELECT MAX(t) AS t FROM candles WHERE coin = ?1 AND interval = ?2");
    this.series = db.prepare(
      "SELECT coin, interval, COUNT(*) AS n, MIN(t) AS first, MAX(t) AS last FROM candles GROUP BY coin, interval ORDER BY coin, interval",
    );
  }

  /** Inserts rows not yet present (same coin, interval, t are kept as they are); returns rows added. */
  insertMany(coin: string, interval: Interval, rows: readonly Candle[]): number {
    return this.insertColumns(coin, interval, {
      t: Float64Array.from(rows, (r) => r.t),
      open: Float64Array.from(rows, (r) => r.open),
      high: Float64Array.from(rows, (r) => r.high),
      low: Float64Array.from(rows, (r) => r.low),
      close: Float64Array.from(rows, (r) => r.close),
      volume: Float64Array.from(rows, (r) => r.volume),
    });
  }

  /** Columnar insert, in one transaction, 64 rows per statement; returns rows added. */
  insertColumns(coin: string, interval: Interval, c: CandleColumns): number {
    let added = 0;
    const args = this.args;
    const n = c.t.length;
    this.db.transaction(() => {
      let i = 0;
      for (; i + BATCH <= n; i += BATCH) {
        for (let j = 0; j < BATCH; j++) {
          const k = j * 8;
          const r = i + j;
          args[k] = coin;
          args[k + 1] = interval;
          args[k + 2] = c.t[r]!;
          args[k + 3] = c.open[r]!;
          args[k + 4] = c.high[r]!;
          args[k + 5] = c.low[r]!;
          args[k + 6] = c.close[r]!;
          args[k + 7] = c.volume[r]!;
        }
        added += this.insertBatch.run(...args).changes;
      }
      for (; i < n; i++) {
        added += this.insert.run(
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
    })();
    return added;
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

  /** One row per stored (coin, interval) series. */
  summary(): { coin: string; interval: string; n: number; first: number; last: number }[] {
    return this.series.all() as { coin: string; interval: string; n: number; first: number; last: number }[];
  }
}
