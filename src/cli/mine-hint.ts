/**
 * When `hlbot mine` finds nothing to mine for the daemon's shadow path (run 0), the backtest runs it
 * could mine instead: each run with closed shadow trades, per model version, newest first.
 */
import type { Database } from "bun:sqlite";

export interface MinableRun {
  runId: number;
  model: string;
  trades: number;
  /** False when the run row has no finished_at (killed or still running); null without a run row. */
  finished: boolean | null;
}

/** Most runs listed in the hint. */
const MAX_RUNS = 10;

export function minableRuns(db: Database): MinableRun[] {
  const rows = db
    .query(
      `SELECT p.run_id AS runId, p.sim_model_version AS model, COUNT(*) AS trades,
              (SELECT b.finished_at IS NOT NULL FROM backtest_runs b WHERE b.id = p.run_id) AS finished
         FROM positions p
        WHERE p.run_id > 0 AND p.mode = 'shadow' AND p.status = 'closed' AND p.r_multiple IS NOT NULL
        GROUP BY p.run_id, p.sim_model_version
        ORDER BY p.run_id DESC
        LIMIT ${MAX_RUNS}`,
    )
    .all() as { runId: number; model: string; trades: number; finished: number | null }[];
  return rows.map((r) => ({ ...r, finished: r.finished === null ? null : r.finished === 1 }));
}

/** The lines printed under "nothing mined": what to run instead, or how to get trades at all. */
export function formatMinableRuns(runs: MinableRun[], model: string, researchLedger?: string): string {
  if (runs.length === 0) {
    // Backtests store their runs in the research ledger, not in this one.
    const elsewhere = researchLedger
      ? `; backtests are stored in ${researchLedger}: hlbot runs lists them, hlbot mine --db ${researchLedger} --run-id N mines one`
      : "";
    return `  no backtest run in this ledger has closed trades either: run \`hlbot backtest\` (or let \`hlbot trade\` record shadow trades)${elsewhere}`;
  }
  const lines = runs.map(
    (r) =>
      `  hlbot mine --run-id ${r.runId}${r.model === model ? "" : ` --model ${r.model}`}   (${r.trades} closed trades${r.finished === false ? ", run unfinished" : ""})`,
  );
  return ["  backtest runs with closed trades you could mine instead:", ...lines].join("\n");
}
