/**
 * A backtest run whose row has no `finished_at` was killed (or is still running): its trades are a
 * partial sample, cut wherever the run stopped. Mining or promoting it would present that sample as
 * a finished test, so `hlbot mine` and `hlbot promote` refuse it with exit 2, naming the run.
 */
import type { Database } from "bun:sqlite";
import { BotError } from "../core/errors.ts";
import { BacktestRunsRepo } from "../ledger/repos/backtest-runs.ts";

export class UnfinishedRunError extends BotError {
  readonly kind = "unfinished_run";
  override readonly exitCode = 2;
  constructor(
    readonly runId: number,
    message: string,
  ) {
    super(message);
  }
}

/** Why backtest run `runId` may not be used, or null when it may (finished, or the daemon's run 0). */
export function unfinishedRunReason(db: Database, runId: number): string | null {
  if (runId <= 0) return null;
  const row = new BacktestRunsRepo(db).get(runId);
  if (row === null || row.finished_at !== null) return null;
  const started = new Date(row.started_at).toISOString();
  return `backtest run ${runId} is unfinished (started ${started}, no finished_at: it was killed or is still running), so its trades are a partial sample`;
}

/** Throws UnfinishedRunError when backtest run `runId` is unfinished; `what` says what was refused. */
export function refuseUnfinishedRun(db: Database, runId: number, what: string): void {
  const reason = unfinishedRunReason(db, runId);
  if (reason !== null) {
    throw new UnfinishedRunError(
      runId,
      `${what}: ${reason}. Run the backtest again to completion and use the new run.`,
    );
  }
}
