/**
 * Read-only access to closed shadow trades (positions with mode 'shadow', status 'closed') for the
 * mining job: one model version and one source run (0 = the daemon's shadow path, N > 0 = backtest
 * run N), as columns, without the JS objects a 1M-row read cannot afford.
 */
import type { Database, Statement } from "bun:sqlite";
import type { TradeColumns } from "../../mining/bucket-sample.ts";

export interface ShadowTradeSource {
  /** sim_model_version, e.g. "v4". */
  model: string;
  /** 0 = the daemon's shadow trades; N > 0 = backtest run N. */
  runId: number;
}

export interface ShadowTrade {
  id: number;
  setupKey: string;
  openedAt: number;
  closedAt: number;
  r: number;
}

const COLUMNS = `id, strategy || '|' || side || '|' || session || '|' || regime || '|' || vol_bucket, setup_key,
  opened_at, closed_at, r_multiple`;
const CLOSED = `mode = 'shadow' AND status = 'closed' AND r_multiple IS NOT NULL AND closed_at IS NOT NULL`;

export class ShadowTradesRepo {
  private readonly closed: Statement;
  private readonly forBucket: Statement;

  constructor(db: Database) {
    // A full scan beats the (run_id, mode, closed_at) index when most rows qualify (every mining run).
    this.closed = db.prepare(`SELECT ${COLUMNS} FROM positions NOT INDEXED
      WHERE ${CLOSED} AND run_id = ?1 AND sim_model_version = ?2 AND closed_at <= ?3`);
    this.forBucket = db.prepare(`SELECT id, setup_key, opened_at, closed_at, r_multiple FROM positions
      WHERE run_id = ?1 AND ${CLOSED} AND sim_model_version = ?2 AND closed_at > ?3 AND closed_at <= ?4
        AND strategy || '|' || side || '|' || session || '|' || regime || '|' || vol_bucket = ?5
      ORDER BY closed_at, id`);
  }

  /** Every closed shadow trade of the source closed at or before `until`, as columns. */
  closedTrades(source: ShadowTradeSource, until: number): TradeColumns {
    const rows = this.closed.values(source.runId, source.model, until) as [
      number,
      string,
      string,
      number,
      number,
      number,
    ][];
    const n = rows.length;
    const id = new Float64Array(n);
    const bucket = new Array<string>(n);
    const setupKey = new Array<string>(n);
    const openedAt = new Float64Array(n);
    const closedAt = new Float64Array(n);
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      id[i] = row[0];
      bucket[i] = row[1];
      setupKey[i] = row[2];
      openedAt[i] = row[3];
      closedAt[i] = row[4];
      r[i] = row[5];
    }
    return { id, bucket, setupKey, openedAt, closedAt, r };
  }

  /** One bucket's trades closed in (after, until], oldest first. */
  bucketTrades(source: ShadowTradeSource, bucketKey: string, after: number, until: number): ShadowTrade[] {
    const rows = this.forBucket.values(source.runId, source.model, after, until, bucketKey) as [
      number,
      string,
      number,
      number,
      number,
    ][];
    return rows.map(([id, setupKey, openedAt, closedAt, r]) => ({ id, setupKey, openedAt, closedAt, r }));
  }
}
