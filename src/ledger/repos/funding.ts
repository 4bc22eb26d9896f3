/** Hourly funding rates, keyed by the funding hour; idempotent inserts and range reads. */
import type { Database, Statement } from "bun:sqlite";
import { HOUR_MS } from "../../core/clock.ts";

export interface FundingRate {
  /** Funding hour (event time floored to the hour), ms UTC. */
  t: number;
  /** Rate per hour, fraction; positive = longs pay shorts. */
  rate: number;
  /** Event time as published. */
  eventT: number;
}

/** A stored rate with its coin: the shape the engine receives as a funding event. */
export interface FundingRow extends FundingRate {
  coin: string;
}

/** Rows per multi-row INSERT. */
const BATCH = 128;

export class FundingRepo {
  private readonly insert: Statement;
  private readonly insertBatch: Statement;
  private readonly args: (string | number)[] = new Array(BATCH * 4);
  private readonly range: Statement;
  private readonly last: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      "INSERT OR IGNORE INTO funding (coin, t, rate, event_t) VALUES (?1, ?2, ?3, ?4)",
    );
    const rows = Array.from(
      { length: BATCH },
      (_, r) => `(?${r * 4 + 1}, ?${r * 4 + 2}, ?${r * 4 + 3}, ?${r * 4 + 4})`,
    );
    this.insertBatch = db.prepare(
      `INSERT OR IGNORE INTO funding (coin, t, rate, event_t) VALUES ${rows.join(", ")}`,
    );
    this.range = db.prepare(
      "SELECT coin, t, rate, event_t AS eventT FROM funding WHERE coin = ?1 AND t >= ?2 AND t < ?3 ORDER BY t",
    );
    this.last = db.prepare("SELECT MAX(event_t) AS t FROM funding WHERE coin = ?1");
  }

  /** Inserts events (floored to the hour); returns rows added. */
  insertMany(coin: string, rows: readonly { eventT: number; rate: number }[]): number {
    return this.insertColumns(
      coin,
      Float64Array.from(rows, (r) => r.eventT),
      Float64Array.from(rows, (r) => r.rate),
    );
  }

  /** Columnar insert, in one transaction, 128 rows per statement; returns rows added. */
  insertColumns(coin: string, eventT: Float64Array, rate: Float64Array): number {
    let added = 0;
    const args = this.args;
    const n = eventT.length;
    this.db.transaction(() => {
      let i = 0;
      for (; i + BATCH <= n; i += BATCH) {
        for (let j = 0; j < BATCH; j++) {
          const e = eventT[i + j]!;
          args[j * 4] = coin;
          args[j * 4 + 1] = Math.floor(e / HOUR_MS) * HOUR_MS;
          args[j * 4 + 2] = rate[i + j]!;
          args[j * 4 + 3] = e;
        }
        added += this.insertBatch.run(...args).changes;
      }
      for (; i < n; i++) {
        added += this.insert.run(
          coin,
          Math.floor(eventT[i]! / HOUR_MS) * HOUR_MS,
          rate[i]!,
          eventT[i]!,
        ).changes;
      }
    })();
    return added;
  }

  list(coin: string, from = 0, to = Number.MAX_SAFE_INTEGER): FundingRow[] {
    return this.range.all(coin, from, to) as FundingRow[];
  }

  lastEventTime(coin: string): number | null {
    return (this.last.get(coin) as { t: number | null }).t;
  }
}
