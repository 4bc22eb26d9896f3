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

export class FundingRepo {
  private readonly insert: Statement;
  private readonly range: Statement;
  private readonly last: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      "INSERT OR IGNORE INTO funding (coin, t, rate, event_t) VALUES (?1, ?2, ?3, ?4)",
    );
    this.range = db.prepare(
      "SELECT t, rate, event_t AS eventT FROM funding WHERE coin = ?1 AND t >= ?2 AND t < ?3 ORDER BY t",
    );
    this.last = db.prepare("SELECT MAX(event_t) AS t FROM funding WHERE coin = ?1");
  }

  /** Inserts events (floored to the hour); returns rows added. */
  insertMany(coin: string, rows: readonly { eventT: number; rate: number }[]): number {
    let added = 0;
    this.db.transaction(() => {
      for (const r of rows) {
        added += this.insert.run(coin, Math.floor(r.eventT / HOUR_MS) * HOUR_MS, r.rate, r.eventT).changes;
      }
    })();
    return added;
  }

  list(coin: string, from = 0, to = Number.MAX_SAFE_INTEGER): FundingRate[] {
    return this.range.all(coin, from, to) as FundingRate[];
  }

  lastEventTime(coin: string): number | null {
    return (this.last.get(coin) as { t: number | null }).t;
  }
}
