/**
 * The prediction_snapshots table: one row per price received (source, market, outcome, receive
 * time); idempotent inserts, and reads that never return a row received after the time asked for.
 */
import type { Database, Statement } from "bun:sqlite";

export interface PredictionSnapshot {
  source: string;
  market: string;
  outcome: string;
  /** ms UTC when hlbot received the price. */
  t: number;
  probability: number;
  sourceT: number | null;
  closed: boolean;
}

interface Row {
  source: string;
  market: string;
  outcome: string;
  t: number;
  probability: number;
  sourceT: number | null;
  closed: number;
}

const COLUMNS = "source, market, outcome, t, probability, source_t AS sourceT, closed";

function fromRow(r: Row): PredictionSnapshot {
  return { ...r, closed: r.closed !== 0 };
}

export class PredictionSnapshotsRepo {
  private readonly insert: Statement;
  private readonly atOrBefore: Statement;
  private readonly range: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      "INSERT OR IGNORE INTO prediction_snapshots (source, market, outcome, t, probability, source_t, closed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    );
    this.atOrBefore = db.prepare(
      `SELECT ${COLUMNS} FROM prediction_snapshots WHERE source = ?1 AND market = ?2 AND outcome = ?3 AND t <= ?4 ORDER BY t DESC LIMIT 1`,
    );
    this.range = db.prepare(
      `SELECT ${COLUMNS} FROM prediction_snapshots WHERE source = ?1 AND market = ?2 AND outcome = ?3 AND t >= ?4 AND t <= ?5 ORDER BY t`,
    );
  }

  /** Inserts snapshots not yet present; returns rows added. */
  insertMany(rows: readonly PredictionSnapshot[]): number {
    let added = 0;
    this.db.transaction(() => {
      for (const r of rows) {
        added += this.insert.run(
          r.source,
          r.market,
          r.outcome,
          r.t,
          r.probability,
          r.sourceT,
          r.closed ? 1 : 0,
        ).changes;
      }
    })();
    return added;
  }

  /** The latest snapshot received at or before `t`, or null. */
  latestAt(source: string, market: string, outcome: string, t: number): PredictionSnapshot | null {
    const r = this.atOrBefore.get(source, market, outcome, t) as Row | null;
    return r ? fromRow(r) : null;
  }

  /** Snapshots received in [from, to], oldest first. */
  list(source: string, market: string, outcome: string, from = 0, to = Number.MAX_SAFE_INTEGER) {
    return (this.range.all(source, market, outcome, from, to) as Row[]).map(fromRow);
  }
}
