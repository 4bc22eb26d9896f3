/**
 * A digest of everything a stored backtest wrote to the ledger — the run row (minus wall-clock
 * times, code version and command line), its decisions, positions, exits, equity curve and events,
 * each table in primary-key order with every column — and of the result the run returned. Speeding
 * up the write path must leave both digests unchanged (tests/sim/stored-run-golden.test.ts).
 */
import type { Database } from "bun:sqlite";
import { createHash } from "node:crypto";

const TABLES: { name: string; sql: string }[] = [
  {
    name: "backtest_runs",
    sql: "SELECT id, kind, model, mode, params, data_hash, summary FROM backtest_runs WHERE id = ?1",
  },
  { name: "decisions", sql: "SELECT * FROM decisions WHERE run_id = ?1 ORDER BY id" },
  { name: "positions", sql: "SELECT * FROM positions WHERE run_id = ?1 ORDER BY id" },
  {
    name: "position_exits",
    sql: "SELECT x.* FROM position_exits x JOIN positions p ON p.id = x.position_id WHERE p.run_id = ?1 ORDER BY x.id",
  },
  { name: "equity_snapshots", sql: "SELECT * FROM equity_snapshots WHERE run_id = ?1 ORDER BY mode, t" },
  { name: "run_events", sql: "SELECT * FROM run_events WHERE run_id = ?1 ORDER BY id" },
];

export interface StoredRunDigest {
  rows: Record<string, number>;
  tables: Record<string, string>;
}

/** Row counts and a sha256 per table of the stored run `runId` (values in their stored types). */
export function storedRunDigest(db: Database, runId: number): StoredRunDigest {
  const rows: Record<string, number> = {};
  const tables: Record<string, string> = {};
  for (const t of TABLES) {
    const stmt = db.prepare(t.sql);
    const hash = createHash("sha256");
    hash.update(JSON.stringify(stmt.columnNames));
    let n = 0;
    for (const row of stmt.values(runId)) {
      hash.update(JSON.stringify(row));
      hash.update("\n");
      n++;
    }
    rows[t.name] = n;
    tables[t.name] = hash.digest("hex").slice(0, 32);
  }
  return { rows, tables };
}

/** sha256 of a value's JSON (the result a run returns, trades and all). */
export function jsonDigest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 32);
}
