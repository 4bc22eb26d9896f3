/**
 * Performance over a window [from, to): trade statistics of positions closed in it (total, per
 * mode, per strategy, per bucket) from SQLite aggregates, and per mode the return and worst
 * drawdown of the equity snapshots over the same window.
 */
import type { Database, Statement } from "bun:sqlite";
import { bucketKey, type Regime, type Side } from "../../core/bucket.ts";
import { ratio, usd } from "../format.ts";

export interface Window {
  runId: number;
  mode?: "shadow" | "live" | undefined;
  from: number;
  to: number;
}

interface StatsRow {
  trades: number;
  wins: number | null;
  net_pnl: number | null;
  gross_pnl: number | null;
  fees: number | null;
  funding: number | null;
  avg_r: number | null;
  sum_r: number | null;
  best_r: number | null;
  worst_r: number | null;
}

export interface TradeStats {
  trades: number;
  wins: number;
  losses: number;
  win_rate: number | null;
  net_pnl: number;
  gross_pnl: number;
  fees: number;
  funding: number;
  avg_r: number | null;
  sum_r: number | null;
  best_r: number | null;
  worst_r: number | null;
}

export interface EquityStats {
  start_equity: number | null;
  end_equity: number | null;
  /** (end − start) / start over the window. */
  return: number | null;
  /** Worst fall from the running peak inside the window, fraction. */
  max_drawdown: number | null;
}

const AGGREGATES =
  "COUNT(*) AS trades, SUM(net_pnl > 0) AS wins, SUM(net_pnl) AS net_pnl, SUM(gross_pnl) AS gross_pnl, SUM(fees) AS fees, SUM(funding) AS funding, AVG(r_multiple) AS avg_r, SUM(r_multiple) AS sum_r, MAX(r_multiple) AS best_r, MIN(r_multiple) AS worst_r";
const CLOSED_IN_WINDOW =
  "run_id = ?1 AND (?2 IS NULL OR mode = ?2) AND status = 'closed' AND closed_at >= ?3 AND closed_at < ?4";

export class PerformanceQueries {
  private readonly total: Statement;
  private readonly byMode: Statement;
  private readonly byStrategy: Statement;
  private readonly byBucket: Statement;
  private readonly equity: Statement;

  constructor(db: Database) {
    this.total = db.prepare(`SELECT ${AGGREGATES} FROM positions WHERE ${CLOSED_IN_WINDOW}`);
    this.byMode = db.prepare(
      `SELECT mode, ${AGGREGATES} FROM positions WHERE ${CLOSED_IN_WINDOW} GROUP BY mode ORDER BY mode`,
    );
    this.byStrategy = db.prepare(
      `SELECT strategy, ${AGGREGATES} FROM positions WHERE ${CLOSED_IN_WINDOW} GROUP BY strategy ORDER BY SUM(net_pnl) DESC`,
    );
    this.byBucket = db.prepare(
      `SELECT strategy, side, session, regime, vol_bucket, ${AGGREGATES} FROM positions WHERE ${CLOSED_IN_WINDOW} GROUP BY strategy, side, session, regime, vol_bucket ORDER BY SUM(net_pnl) DESC`,
    );
    // The window opens at the last snapshot at or before `from`, so the starting equity is known.
    this.equity = db.prepare(`
      WITH w AS (
        SELECT t, equity, MAX(equity) OVER (ORDER BY t ROWS UNBOUNDED PRECEDING) AS peak
        FROM equity_snapshots
        WHERE run_id = ?1 AND mode = ?2 AND t < ?4
          AND t >= COALESCE((SELECT MAX(t) FROM equity_snapshots WHERE run_id = ?1 AND mode = ?2 AND t <= ?3), ?3)
      )
      SELECT (SELECT equity FROM w ORDER BY t LIMIT 1) AS start_equity,
             (SELECT equity FROM w ORDER BY t DESC LIMIT 1) AS end_equity,
             (SELECT MAX((peak - equity) / peak) FROM w WHERE peak > 0) AS max_drawdown`);
  }

  summary(w: Window) {
    const args = [w.runId, w.mode ?? null, w.from, w.to] as const;
    const modes = (this.byMode.all(...args) as (StatsRow & { mode: "shadow" | "live" })[]).map((r) => r.mode);
    const equityModes = w.mode ? [w.mode] : (["shadow", "live"] as const);
    const byMode: Record<string, TradeStats & EquityStats> = {};
    for (const mode of equityModes) {
      const eq = this.equityStats(w.runId, mode, w.from, w.to);
      if (eq.start_equity === null && !modes.includes(mode)) continue;
      const row = this.total.get(w.runId, mode, w.from, w.to) as StatsRow;
      byMode[mode] = { ...stats(row), ...eq };
    }
    return {
      total: stats(this.total.get(...args) as StatsRow),
      by_mode: byMode,
      by_strategy: (this.byStrategy.all(...args) as (StatsRow & { strategy: string })[]).map((r) => ({
        strategy: r.strategy,
        ...stats(r),
      })),
      by_bucket: (
        this.byBucket.all(...args) as (StatsRow & {
          strategy: string;
          side: Side;
          session: string;
          regime: Regime;
          vol_bucket: string;
        })[]
      ).map((r) => ({
        bucket: bucketKey(r),
        strategy: r.strategy,
        side: r.side,
        session: r.session,
        regime: r.regime,
        vol_bucket: r.vol_bucket,
        ...stats(r),
      })),
    };
  }

  private equityStats(runId: number, mode: string, from: number, to: number): EquityStats {
    const r = this.equity.get(runId, mode, from, to) as {
      start_equity: number | null;
      end_equity: number | null;
      max_drawdown: number | null;
    };
    const ret =
      r.start_equity !== null && r.end_equity !== null && r.start_equity > 0
        ? (r.end_equity - r.start_equity) / r.start_equity
        : null;
    return {
      start_equity: usd(r.start_equity),
      end_equity: usd(r.end_equity),
      return: ratio(ret),
      max_drawdown: ratio(r.max_drawdown),
    };
  }
}

function stats(r: StatsRow): TradeStats {
  const wins = r.wins ?? 0;
  return {
    trades: r.trades,
    wins,
    losses: r.trades - wins,
    win_rate: r.trades > 0 ? ratio(wins / r.trades) : null,
    net_pnl: usd(r.net_pnl ?? 0) ?? 0,
    gross_pnl: usd(r.gross_pnl ?? 0) ?? 0,
    fees: usd(r.fees ?? 0) ?? 0,
    funding: usd(r.funding ?? 0) ?? 0,
    avg_r: ratio(r.avg_r),
    sum_r: ratio(r.sum_r),
    best_r: ratio(r.best_r),
    worst_r: ratio(r.worst_r),
  };
}
