/**
 * What the weekly review reads from the ledger for one week and path: the closed trades (as
 * RunTrade, the shape every report producer takes) and the decisions. Events and state changes are
 * in events.ts, the live path's fills in fills.ts.
 */
import type { Database } from "bun:sqlite";
import { bucketKey } from "../core/bucket.ts";
import type { RunTrade } from "../report/run-summary.ts";
import type { IsoWeek } from "./week.ts";

export type Path = "shadow" | "live";

interface PositionRow {
  id: number;
  decision_id: number | null;
  mode: Path;
  coin: string;
  side: "long" | "short";
  strategy: string;
  session: string;
  regime: string;
  vol_bucket: string;
  opened_at: number;
  closed_at: number;
  entry_px: number;
  exit_px: number | null;
  initial_size: number;
  initial_stop_px: number;
  target_px: number;
  risk_usd: number;
  leverage: number;
  r_multiple: number | null;
  net_pnl: number;
  fees: number;
  slippage: number;
  funding: number;
  exit_reason: string | null;
}

/** Trades of `path` closed inside the week, in close order (the order rStats reads them in). */
export function weekTrades(db: Database, runId: number, path: Path, week: IsoWeek): RunTrade[] {
  const rows = db
    .query(
      `SELECT * FROM positions WHERE run_id = ?1 AND mode = ?2 AND status = 'closed'
         AND closed_at >= ?3 AND closed_at < ?4 ORDER BY closed_at, opened_at, id`,
    )
    .all(runId, path, week.from, week.to) as PositionRow[];
  const exits = db.query(
    "SELECT t, px, size, reason FROM position_exits WHERE position_id = ?1 ORDER BY t, id",
  );
  return rows.map((p) => ({
    id: p.id,
    decisionId: p.decision_id,
    mode: p.mode,
    coin: p.coin,
    side: p.side,
    strategy: p.strategy,
    bucket: bucketKey({
      strategy: p.strategy,
      side: p.side,
      session: p.session,
      regime: p.regime as "Long" | "Short" | "Neutral",
      vol_bucket: p.vol_bucket,
    }),
    session: p.session,
    regime: p.regime,
    volBucket: p.vol_bucket,
    openedAt: p.opened_at,
    closedAt: p.closed_at,
    entryPx: p.entry_px,
    exitPx: p.exit_px,
    size: p.initial_size,
    stopPx: p.initial_stop_px,
    targetPx: p.target_px,
    riskUsd: p.risk_usd,
    leverage: p.leverage,
    r: p.r_multiple,
    netPnl: p.net_pnl,
    fees: p.fees,
    slippage: p.slippage,
    funding: p.funding,
    exitReason: p.exit_reason ?? "closed",
    exits: exits.all(p.id) as RunTrade["exits"],
  }));
}

/** Decisions of `path` made in the week: every candidate, and those that opened a position. */
export function weekDecisions(db: Database, runId: number, path: Path, week: IsoWeek) {
  return db
    .query(
      `SELECT COUNT(*) AS candidates, COALESCE(SUM(verdict = 'open'), 0) AS opened FROM decisions
        WHERE run_id = ?1 AND mode = ?2 AND created_at >= ?3 AND created_at < ?4`,
    )
    .get(runId, path, week.from, week.to) as { candidates: number; opened: number };
}
