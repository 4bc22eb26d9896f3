/**
 * Which run a request reads, and "now" for it. Run 0 is the daemon and always exists; a positive id
 * must name a backtest_runs row (an unknown one is a 404 on every route, never an empty page). A run
 * whose row has no finished_at was killed or is still replaying: it is served, flagged `unfinished`,
 * never as complete. The daemon lives on the injected clock; a backtest run ended when its replay
 * ended, so its windows (last 7 days, today) close at its newest recorded event.
 */
import type { Database, Statement } from "bun:sqlite";
import type { Clock } from "../../core/clock.ts";
import type { BacktestRunRow } from "../../ledger/repos/backtest-runs.ts";
import { ApiRequestError } from "../errors.ts";

export type RunStatus = "daemon" | "finished" | "unfinished";

export interface RunRef {
  id: number;
  status: RunStatus;
  /** The backtest_runs row; null for the daemon. */
  row: BacktestRunRow | null;
}

export function runStatus(row: Pick<BacktestRunRow, "finished_at"> | null): RunStatus {
  if (!row) return "daemon";
  return row.finished_at === null ? "unfinished" : "finished";
}

export class RunClock {
  private readonly end: Statement;
  private readonly start: Statement;
  private readonly byId: Statement;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.end = db.prepare(`SELECT MAX(
        COALESCE((SELECT MAX(t) FROM equity_snapshots WHERE run_id = ?1 AND mode = 'shadow'), 0),
        COALESCE((SELECT MAX(t) FROM equity_snapshots WHERE run_id = ?1 AND mode = 'live'), 0),
        COALESCE((SELECT MAX(created_at) FROM decisions WHERE run_id = ?1), 0)) AS t`);
    this.start = db.prepare(`SELECT MIN(
        COALESCE((SELECT MIN(t) FROM equity_snapshots WHERE run_id = ?1 AND mode = 'shadow'), 9e15),
        COALESCE((SELECT MIN(t) FROM equity_snapshots WHERE run_id = ?1 AND mode = 'live'), 9e15),
        COALESCE((SELECT MIN(created_at) FROM decisions WHERE run_id = ?1), 9e15)) AS t`);
    // Daemon sessions (kind trade | demo) are run 0's rows, not runs of their own.
    this.byId = db.prepare("SELECT * FROM backtest_runs WHERE id = ?1 AND kind NOT IN ('trade', 'demo')");
  }

  /** The run `runId` names, or a 404 naming it. */
  resolve(runId: number): RunRef {
    if (runId === 0) return { id: 0, status: "daemon", row: null };
    const row = this.byId.get(runId) as BacktestRunRow | null;
    if (!row) throw new ApiRequestError(404, `run_id: no backtest run ${runId} in this ledger`);
    return { id: runId, status: runStatus(row), row };
  }

  /** ms UTC that counts as the present for `runId` (exclusive window ends add 1 ms). */
  now(runId: number): number {
    if (runId === 0) return this.clock.now();
    const { t } = this.end.get(runId) as { t: number };
    return t > 0 ? t : this.clock.now();
  }

  /** ms UTC of the run's first recorded event, or null when it recorded none. */
  first(runId: number): number | null {
    const { t } = this.start.get(runId) as { t: number };
    return t < 9e15 ? t : null;
  }
}
