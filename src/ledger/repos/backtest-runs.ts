/**
 * Backtest runs: what was run (model, window, params, data hash, code version, command line) and its
 * summary — a RunSummary (src/report/run-summary.ts) for a single run, the ranked results for a
 * sweep or walk-forward.
 */
import type { Database, Statement } from "bun:sqlite";

export interface BacktestRunRow {
  id: number;
  started_at: number;
  finished_at: number | null;
  kind: string;
  model: string;
  mode: string;
  params: string;
  data_hash: string | null;
  code_version: string;
  summary: string | null;
  /** The command line (e.g. `hlbot backtest --model v4`); null for runs started from code. */
  command: string | null;
}

export class BacktestRunsRepo {
  private readonly insert: Statement;
  private readonly finish: Statement;
  private readonly byId: Statement;

  constructor(db: Database) {
    this.insert = db.prepare(
      "INSERT INTO backtest_runs (started_at, kind, model, mode, params, data_hash, code_version, command) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    );
    this.finish = db.prepare("UPDATE backtest_runs SET finished_at = ?2, summary = ?3 WHERE id = ?1");
    this.byId = db.prepare("SELECT * FROM backtest_runs WHERE id = ?1");
  }

  create(r: {
    startedAt: number;
    kind: string;
    model: string;
    mode: string;
    params: unknown;
    dataHash: string;
    codeVersion: string;
    command?: string | null;
  }): number {
    const res = this.insert.run(
      r.startedAt,
      r.kind,
      r.model,
      r.mode,
      JSON.stringify(r.params),
      r.dataHash,
      r.codeVersion,
      r.command ?? null,
    );
    return Number(res.lastInsertRowid);
  }

  complete(id: number, finishedAt: number, summary: unknown): void {
    this.finish.run(id, finishedAt, JSON.stringify(summary));
  }

  get(id: number): BacktestRunRow | null {
    return this.byId.get(id) as BacktestRunRow | null;
  }
}
