/**
 * The decision feed: newest first, keyset-paginated on (created_at, id), optionally filtered by
 * mode, strategy and coin. One prepared statement per filter combination (built from fixed
 * fragments), so each uses the narrowest v4 index; linked positions are fetched in one batch.
 */
import type { Database, Statement } from "bun:sqlite";
import { jsonColumn, ratio, usd } from "../format.ts";

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

interface DecisionRow {
  id: number;
  created_at: number;
  mode: string;
  strategy: string;
  coin: string;
  side: string;
  timeframe: string;
  candle_t: number;
  score_raw: number;
  score: number;
  regime: string;
  session: string;
  vol_bucket: string;
  setup_key: string;
  entry_ref: number;
  stop: number;
  target: number;
  features: string;
  verdict: string;
  reasons: string;
  sim_model_version: string;
}

export interface LinkedTrade {
  position_id: number;
  status: string;
  r_multiple: number | null;
  net_pnl: number | null;
  exit_reason: string | null;
}

export type DecisionView = Omit<DecisionRow, "features" | "reasons"> & {
  features: unknown;
  reasons: unknown;
  trade: LinkedTrade | null;
};

export interface DecisionPage {
  decisions: DecisionView[];
  /** Key of the last row when more may follow, else null. */
  next: { t: number; id: number } | null;
}

const COLUMNS =
  "id, created_at, mode, strategy, coin, side, timeframe, candle_t, score_raw, score, regime, session, vol_bucket, setup_key, entry_ref, stop, target, features, verdict, reasons, sim_model_version";

export class DecisionQueries {
  private readonly variants = new Map<number, Statement>();
  private readonly linked: Statement;

  constructor(private readonly db: Database) {
    this.linked = db.prepare(
      "SELECT id AS position_id, decision_id, status, r_multiple, net_pnl, exit_reason FROM positions WHERE decision_id IN (SELECT value FROM json_each(?1)) ORDER BY id",
    );
  }

  page(f: DecisionFilter): DecisionPage {
    const mask = (f.mode ? 1 : 0) | (f.strategy ? 2 : 0) | (f.coin ? 4 : 0);
    const after = f.after ?? { t: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
    const rows = this.statement(mask).all(
      f.runId,
      f.mode ?? null,
      f.strategy ?? null,
      f.coin ?? null,
      f.since,
      after.t,
      after.id,
      f.limit,
    ) as DecisionRow[];
    const trades = this.trades(rows.map((r) => r.id));
    const decisions = rows.map(({ features, reasons, ...rest }) => ({
      ...rest,
      features: jsonColumn(features),
      reasons: jsonColumn(reasons),
      trade: trades.get(rest.id) ?? null,
    }));
    const last = rows.at(-1);
    return { decisions, next: last && rows.length === f.limit ? { t: last.created_at, id: last.id } : null };
  }

  private trades(ids: number[]): Map<number, LinkedTrade> {
    const out = new Map<number, LinkedTrade>();
    if (ids.length === 0) return out;
    const rows = this.linked.all(JSON.stringify(ids)) as (LinkedTrade & { decision_id: number })[];
    for (const { decision_id, ...t } of rows) {
      // A decision opens at most one position per mode; keep the first if a retry ever made two.
      if (!out.has(decision_id)) {
        out.set(decision_id, { ...t, r_multiple: ratio(t.r_multiple), net_pnl: usd(t.net_pnl) });
      }
    }
    return out;
  }

  /** The statement for a filter combination; parameters keep fixed positions in every variant. */
  private statement(mask: number): Statement {
    let stmt = this.variants.get(mask);
    if (!stmt) {
      const where = ["run_id = ?1"];
      if (mask & 1) where.push("mode = ?2");
      else where.push("?2 IS NULL");
      if (mask & 2) where.push("strategy = ?3");
      else where.push("?3 IS NULL");
      if (mask & 4) where.push("coin = ?4");
      else where.push("?4 IS NULL");
      where.push("created_at >= ?5", "(created_at < ?6 OR (created_at = ?6 AND id < ?7))");
      stmt = this.db.prepare(
        `SELECT ${COLUMNS} FROM decisions WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?8`,
      );
      this.variants.set(mask, stmt);
    }
    return stmt;
  }
}
