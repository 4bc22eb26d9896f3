/** The promotion state of each bucket (SHADOW / PROBATION / LIVE) with its demotion monitor. */
import type { Database, Statement } from "bun:sqlite";
import type { BucketState } from "../../mining/gate.ts";
import { MonitorSchema, type MonitorState } from "../../mining/monitor.ts";

export interface BucketStateRow {
  bucket_key: string;
  state: BucketState;
  /** When the bucket entered its state (ms). */
  since: number;
  monitor: MonitorState;
  updated_at: number;
}

export class BucketStatesRepo {
  private readonly allStmt: Statement;
  private readonly upsertStmt: Statement;

  constructor(db: Database) {
    this.allStmt = db.prepare(
      "SELECT bucket_key, state, since, monitor, updated_at FROM bucket_states ORDER BY bucket_key",
    );
    this.upsertStmt = db.prepare(`INSERT INTO bucket_states (bucket_key, state, since, monitor, updated_at)
      VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (bucket_key) DO UPDATE SET state = excluded.state,
      since = excluded.since, monitor = excluded.monitor, updated_at = excluded.updated_at`);
  }

  all(): BucketStateRow[] {
    const rows = this.allStmt.all() as {
      bucket_key: string;
      state: BucketState;
      since: number;
      monitor: string;
      updated_at: number;
    }[];
    return rows.map((r) => ({ ...r, monitor: MonitorSchema.parse(JSON.parse(r.monitor)) }));
  }

  upsert(row: BucketStateRow): void {
    this.upsertStmt.run(row.bucket_key, row.state, row.since, JSON.stringify(row.monitor), row.updated_at);
  }
}
