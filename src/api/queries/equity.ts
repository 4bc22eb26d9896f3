/**
 * Equity curves for the dashboard chart: per mode, the snapshots of a window — opening with the last
 * one at or before its start, as /performance does — thinned to at most about `points` by keeping
 * the last snapshot of each equal time step after the start (SQLite's bare-column MAX rule).
 */
import type { Database, Statement } from "bun:sqlite";
import { ratio, usd } from "../format.ts";

export interface EquityPoint {
  t: number;
  equity: number;
  drawdown: number;
  open_positions: number;
}

export class EquityQueries {
  private readonly series: Statement;
  private readonly modes: Statement;

  constructor(db: Database) {
    this.series = db.prepare(
      `SELECT MAX(t) AS t, equity, drawdown, open_positions FROM equity_snapshots
       WHERE run_id = ?1 AND mode = ?2 AND t < ?4
         AND t >= COALESCE((SELECT MAX(t) FROM equity_snapshots WHERE run_id = ?1 AND mode = ?2 AND t <= ?3), ?3)
       GROUP BY CASE WHEN t <= ?3 THEN -1 ELSE (t - ?3 - 1) / ?5 END ORDER BY t`,
    );
    this.modes = db.prepare(
      "SELECT DISTINCT mode FROM equity_snapshots WHERE run_id = ?1 AND mode IN ('shadow', 'live') AND t >= ?2 AND t < ?3 ORDER BY mode",
    );
  }

  curves(
    runId: number,
    from: number,
    to: number,
    points: number,
    mode?: string,
  ): Record<string, EquityPoint[]> {
    const step = Math.max(1, Math.ceil((to - from) / points));
    const modes = mode ? [mode] : (this.modes.all(runId, from, to) as { mode: string }[]).map((r) => r.mode);
    const out: Record<string, EquityPoint[]> = {};
    for (const m of modes) {
      out[m] = (this.series.all(runId, m, from, to, step) as EquityPoint[]).map((p) => ({
        t: p.t,
        equity: usd(p.equity) ?? 0,
        drawdown: ratio(p.drawdown) ?? 0,
        open_positions: p.open_positions,
      }));
    }
    return out;
  }
}
