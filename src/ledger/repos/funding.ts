/**
 * Hourly funding rates, keyed by the funding hour; idempotent inserts (a stored hour is never
 * overwritten; a different event for it — a second event in the same hour, a revised rate — is
 * counted as a conflict) and range reads.
 */
import type { Database, Statement } from "bun:sqlite";
import { HOUR_MS } from "../../core/clock.ts";
import { describeDifference, type InsertReport } from "./insert-report.ts";

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

/** Keeps the stored event; a differing one becomes a no-op update, so it counts as a change (a conflict). */
const ON_CONFLICT =
  "ON CONFLICT (coin, t) DO UPDATE SET rate = rate WHERE (rate, event_t) IS NOT (excluded.rate, excluded.event_t)";

export class FundingRepo {
  private readonly insert: Statement;
  private readonly insertBatch: Statement;
  private readonly args: (string | number)[] = new Array(BATCH * 4);
  private readonly range: Statement;
  private readonly last: Statement;
  private readonly count: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT INTO funding (coin, t, rate, event_t) VALUES (?1, ?2, ?3, ?4) ${ON_CONFLICT}`,
    );
    const rows = Array.from(
      { length: BATCH },
      (_, r) => `(?${r * 4 + 1}, ?${r * 4 + 2}, ?${r * 4 + 3}, ?${r * 4 + 4})`,
    );
    this.insertBatch = db.prepare(
      `INSERT INTO funding (coin, t, rate, event_t) VALUES ${rows.join(", ")} ${ON_CONFLICT}`,
    );
    this.count = db.prepare("SELECT COUNT(*) AS n FROM funding WHERE coin = ?1 AND t >= ?2 AND t <= ?3");
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
    return this.insertReport(coin, eventT, rate).added;
  }

  /**
   * Columnar insert in one transaction, telling new hours, identical duplicates and conflicts (the
   * stored event kept) apart. Rows added = growth of the stored count over the rows' hours.
   */
  insertReport(coin: string, eventT: Float64Array, rate: Float64Array): InsertReport {
    const n = eventT.length;
    if (n === 0) return { added: 0, duplicates: 0, conflicts: 0, firstConflict: null };
    let lo = Math.floor(eventT[0]! / HOUR_MS) * HOUR_MS;
    let hi = lo;
    let increasing = true;
    for (let i = 1, prev = lo; i < n; i++) {
      const h = Math.floor(eventT[i]! / HOUR_MS) * HOUR_MS;
      if (h <= prev) increasing = false;
      if (h < lo) lo = h;
      else if (h > hi) hi = h;
      prev = h;
    }
    return this.db.transaction(() => {
      const before = (this.count.get(coin, lo, hi) as { n: number }).n;
      const changes = this.write(coin, eventT, rate);
      // No change: nothing added and no conflict (the idempotent re-run). Distinct hours into an
      // empty range: every change is a new row (the fresh import). Otherwise count again.
      const added =
        changes === 0 || (before === 0 && increasing)
          ? changes
          : (this.count.get(coin, lo, hi) as { n: number }).n - before;
      const conflicts = changes - added;
      return {
        added,
        duplicates: n - added - conflicts,
        conflicts,
        firstConflict: conflicts > 0 ? this.firstConflict(coin, eventT, rate, lo, hi) : null,
      };
    })();
  }

  /** Runs the upserts; returns SQLite's change count (rows added + conflicting rows). */
  private write(coin: string, eventT: Float64Array, rate: Float64Array): number {
    let changes = 0;
    const args = this.args;
    const n = eventT.length;
    let i = 0;
    for (; i + BATCH <= n; i += BATCH) {
      for (let j = 0; j < BATCH; j++) {
        const e = eventT[i + j]!;
        args[j * 4] = coin;
        args[j * 4 + 1] = Math.floor(e / HOUR_MS) * HOUR_MS;
        args[j * 4 + 2] = rate[i + j]!;
        args[j * 4 + 3] = e;
      }
      changes += this.insertBatch.run(...args).changes;
    }
    for (; i < n; i++) {
      changes += this.insert.run(
        coin,
        Math.floor(eventT[i]! / HOUR_MS) * HOUR_MS,
        rate[i]!,
        eventT[i]!,
      ).changes;
    }
    return changes;
  }

  /** The first given event whose hour is stored with a different event (only called when there is one). */
  private firstConflict(
    coin: string,
    eventT: Float64Array,
    rate: Float64Array,
    lo: number,
    hi: number,
  ): InsertReport["firstConflict"] {
    const stored = new Map<number, FundingRow>();
    for (const r of this.list(coin, lo, hi + 1)) stored.set(r.t, r);
    for (let i = 0; i < eventT.length; i++) {
      const s = stored.get(Math.floor(eventT[i]! / HOUR_MS) * HOUR_MS);
      if (s === undefined) continue;
      const detail = describeDifference(["event_t", "rate"], [s.eventT, s.rate], [eventT[i]!, rate[i]!]);
      if (detail !== "") return { index: i, detail };
    }
    return null;
  }

  list(coin: string, from = 0, to = Number.MAX_SAFE_INTEGER): FundingRow[] {
    return this.range.all(coin, from, to) as FundingRow[];
  }

  lastEventTime(coin: string): number | null {
    return (this.last.get(coin) as { t: number | null }).t;
  }
}
