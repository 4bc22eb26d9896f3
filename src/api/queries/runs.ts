/**
 * "Now" for a run: the daemon (run 0) lives on the injected clock; a backtest run ended when its
 * replay ended, so its windows (last 7 days, today) close at its newest recorded event.
 */
import type { Database, Statement } from "bun:sqlite";
import type { Clock } from "../../core/clock.ts";

export class RunClock {
  private readonly end: Statement;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.end = db.prepare(`SELECT MAX(
        COALESCE((SELECT MAX(t) FROM equity_snapshots WHERE run_id = ?1 AND mode = 'shadow'), 0),
        COALESCE((SELECT MAX(t) FROM equity_snapshots WHERE run_id = ?1 AND mode = 'live'), 0),
        COALESCE((SELECT MAX(created_at) FROM decisions WHERE run_id = ?1), 0)) AS t`);
  }

  /** ms UTC that counts as the present for `runId` (exclusive window ends add 1 ms). */
  now(runId: number): number {
    if (runId === 0) return this.clock.now();
    const { t } = this.end.get(runId) as { t: number };
    return t > 0 ? t : this.clock.now();
  }
}
