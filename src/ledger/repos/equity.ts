/** Equity snapshots per path and run: the equity curve, drawdown and day PnL over time. */
import type { Database, Statement } from "bun:sqlite";
import type { EquitySnapshot } from "../../engine/ports.ts";

export class EquityRepo {
  private readonly insert: Statement;

  constructor(
    db: Database,
    private readonly runId: number,
  ) {
    this.insert =
      db.prepare(`INSERT OR REPLACE INTO equity_snapshots (run_id, mode, t, equity, peak, drawdown, day_pnl,
      open_positions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`);
  }

  record(s: EquitySnapshot): void {
    this.insert.run(this.runId, s.mode, s.t, s.equity, s.peak, s.drawdown, s.dayPnl, s.openPositions);
  }
}
