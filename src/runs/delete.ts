/**
 * `hlbot runs rm` / `prune`: deletes backtest runs with everything that belongs to them, each run in
 * one transaction — every table with a `run_id` column (found in the schema, so a table added later
 * is covered too), the exits, orders and fills of its positions, and the mining runs (with their
 * bucket statistics) made from it. Never deleted: run 0 and daemon sessions (the daemon's rows are
 * shared by every session), and a run whose mining decided promotions — promotion_audit is the
 * record of why a bucket may trade real money.
 */
import type { Database } from "bun:sqlite";
import { RunNotDeletableError } from "./errors.ts";
import { allRuns, DAEMON_KINDS, getRun } from "./run-row.ts";

export interface DeletedRun {
  runId: number;
  /** Rows removed per table. */
  rows: Record<string, number>;
}

/** Tables with a run_id column, besides backtest_runs itself. */
function runKeyedTables(db: Database): string[] {
  const tables = db
    .query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .values() as string[][];
  return tables
    .map(([name]) => name!)
    .filter((name) =>
      (db.query(`PRAGMA table_info(${JSON.stringify(name)})`).all() as { name: string }[]).some(
        (c) => c.name === "run_id",
      ),
    );
}

/** Throws RunNotDeletableError unless run `id` (already known to exist) may be deleted. */
export function assertDeletable(db: Database, id: number, kind: string): void {
  if (DAEMON_KINDS.has(kind))
    throw new RunNotDeletableError(
      `run ${id} is a daemon session (hlbot ${kind}): its decisions and trades are the daemon's own (run 0) and are never deleted`,
    );
  const audited = db
    .query(
      "SELECT m.id FROM mining_runs m WHERE m.source_run_id = ?1 AND EXISTS (SELECT 1 FROM promotion_audit a WHERE a.mining_run_id = m.id) LIMIT 1",
    )
    .get(id) as { id: number } | null;
  if (audited)
    throw new RunNotDeletableError(
      `run ${id} is not deleted: mining run ${audited.id}, made from it, decided promotions (promotion_audit keeps why a bucket may trade)`,
    );
}

function deleteOne(db: Database, id: number): DeletedRun {
  const rows: Record<string, number> = {};
  const run = (table: string, sql: string) => {
    const n = db.run(sql, [id]).changes;
    if (n) rows[table] = (rows[table] ?? 0) + n;
  };
  const positions = "SELECT id FROM positions WHERE run_id = ?1";
  const decisions = "SELECT id FROM decisions WHERE run_id = ?1";
  run("fills", `DELETE FROM fills WHERE position_id IN (${positions})`);
  run("orders", `DELETE FROM orders WHERE position_id IN (${positions}) OR decision_id IN (${decisions})`);
  run("position_exits", `DELETE FROM position_exits WHERE position_id IN (${positions})`);
  run(
    "bucket_stats",
    "DELETE FROM bucket_stats WHERE mining_run_id IN (SELECT id FROM mining_runs WHERE source_run_id = ?1)",
  );
  run("mining_runs", "DELETE FROM mining_runs WHERE source_run_id = ?1");
  // Children before parents: positions point at decisions, run_events at backtest_runs.
  const keyed = runKeyedTables(db).sort((a, b) => (a === "decisions" ? 1 : b === "decisions" ? -1 : 0));
  for (const table of keyed) run(table, `DELETE FROM ${JSON.stringify(table)} WHERE run_id = ?1`);
  run("backtest_runs", "DELETE FROM backtest_runs WHERE id = ?1");
  return { runId: id, rows };
}

/** Deletes run `id` and what belongs to it, in one transaction. */
export function deleteRun(db: Database, id: number, ledger: string): DeletedRun {
  if (id === 0)
    throw new RunNotDeletableError("run 0 is the daemon's own ledger rows: they are never deleted");
  const stored = getRun(db, id, ledger);
  assertDeletable(db, id, stored.kind);
  return db.transaction(() => deleteOne(db, id))();
}

export interface PruneResult {
  kept: number[];
  deleted: DeletedRun[];
  /** Runs that would have gone but may not be deleted, with the reason. */
  skipped: { runId: number; reason: string }[];
}

/** Keeps the `keep` newest backtest runs and deletes the older ones, all in one transaction. */
export function pruneRuns(db: Database, keep: number): PruneResult {
  const backtests = allRuns(db).filter((r) => !DAEMON_KINDS.has(r.kind));
  const kept = backtests.slice(0, keep).map((r) => r.id);
  const out: PruneResult = { kept, deleted: [], skipped: [] };
  db.transaction(() => {
    for (const r of backtests.slice(keep)) {
      try {
        assertDeletable(db, r.id, r.kind);
      } catch (error) {
        if (!(error instanceof RunNotDeletableError)) throw error;
        out.skipped.push({ runId: r.id, reason: error.message });
        continue;
      }
      out.deleted.push(deleteOne(db, r.id));
    }
  })();
  return out;
}
