/**
 * The decision feed: newest first, keyset-paginated on (created_at, id), optionally filtered by
 * mode, strategy and coin. One prepared statement per filter combination (built from fixed
 * fragments), so each uses the narrowest v4 index. This is the API's hottest route, so SQLite
 * builds each row's JSON itself (features and reasons spliced in as stored, the linked position
 * found by index) and JavaScript only joins the rows: no per-row parse and re-serialize.
 */
import type { Database, Statement } from "bun:sqlite";

export interface DecisionFilter {
  runId: number;
  mode?: "shadow" | "live" | undefined;
  strategy?: string | undefined;
  coin?: string | undefined;
  /** ms UTC, inclusive lower bound on created_at. */
  since: number;
  limit: number;
  /** Page after this (created_at, id) key. */
  after?: { t: number; id: number } | undefined;
}

/** The trade a decision opened, as served in its `trade` field (null when none). */
export interface LinkedTrade {
  position_id: number;
  status: string;
  r_multiple: number | null;
  net_pnl: number | null;
  exit_reason: string | null;
}

export interface DecisionPage {
  /** One JSON object text per decision, newest first. */
  rows: string[];
  /** Key of the last row when more may follow, else null. */
  next: { t: number; id: number } | null;
}

/**
 * A JSON column as stored, or null if it is damaged (one bad row must not fail the page). A
 * subquery's JSON loses its JSON type, so the linked trade is re-wrapped with json() as well.
 */
const jsonColumn = (c: string) => `CASE WHEN json_valid(${c}) THEN json(${c}) END`;

const ROW_JSON = `json_object(
  'id', id, 'created_at', created_at, 'mode', mode, 'strategy', strategy, 'coin', coin, 'side', side,
  'timeframe', timeframe, 'candle_t', candle_t, 'score_raw', score_raw, 'score', score, 'regime', regime,
  'session', session, 'vol_bucket', vol_bucket, 'setup_key', setup_key, 'entry_ref', entry_ref, 'stop', stop,
  'target', target, 'features', ${jsonColumn("features")}, 'verdict', verdict, 'reasons', ${jsonColumn("reasons")},
  'sim_model_version', sim_model_version,
  'trade', json((SELECT json_object('position_id', p.id, 'status', p.status, 'r_multiple', round(p.r_multiple, 4),
                               'net_pnl', round(p.net_pnl, 6), 'exit_reason', p.exit_reason)
            FROM positions p WHERE p.decision_id = decisions.id ORDER BY p.id LIMIT 1)))`;

export class DecisionQueries {
  private readonly variants = new Map<number, Statement>();
  private readonly one: Statement;

  constructor(private readonly db: Database) {
    this.one = db.prepare(`SELECT run_id, ${ROW_JSON} AS row FROM decisions WHERE id = ?1`);
  }

  /** One decision as a JSON object text (the feed's row shape) with its run, or null. */
  byId(id: number): { runId: number; row: string } | null {
    const r = this.one.get(id) as { run_id: number; row: string } | null;
    return r ? { runId: r.run_id, row: r.row } : null;
  }

  page(f: DecisionFilter): DecisionPage {
    const mask = (f.mode ? 1 : 0) | (f.strategy ? 2 : 0) | (f.coin ? 4 : 0);
    const after = f.after ?? { t: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
    const result = this.statement(mask).values(
      f.runId,
      f.mode ?? null,
      f.strategy ?? null,
      f.coin ?? null,
      f.since,
      after.t,
      after.id,
      f.limit,
    ) as [number, number, string][];
    const last = result.at(-1);
    return {
      rows: result.map((r) => r[2]),
      next: last && result.length === f.limit ? { t: last[0], id: last[1] } : null,
    };
  }

  private statement(mask: number): Statement {
    let stmt = this.variants.get(mask);
    if (!stmt) {
      stmt = this.db.prepare(feedSql(mask));
      this.variants.set(mask, stmt);
    }
    return stmt;
  }
}

/**
 * The feed query for a filter combination (bit 1 mode, 2 strategy, 4 coin). Parameters keep fixed
 * positions in every variant: ?1 run, ?2 mode, ?3 strategy, ?4 coin, ?5 since, ?6/?7 the cursor
 * key (created_at, id), ?8 limit.
 */
export function feedSql(mask: number): string {
  const where = [
    "run_id = ?1",
    mask & 1 ? "mode = ?2" : "?2 IS NULL",
    mask & 2 ? "strategy = ?3" : "?3 IS NULL",
    mask & 4 ? "coin = ?4" : "?4 IS NULL",
    "created_at >= ?5",
    "(created_at < ?6 OR (created_at = ?6 AND id < ?7))",
  ];
  return `SELECT created_at, id, ${ROW_JSON} FROM decisions WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?8`;
}
