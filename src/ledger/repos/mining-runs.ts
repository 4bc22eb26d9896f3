/** Mining runs: one row per `hlbot mine`, with the identity of its data, config, code and seed. */
import type { Database, Statement } from "bun:sqlite";

export interface MiningRunRow {
  id: number;
  t: number;
  sim_model_version: string;
  source_run_id: number;
  n_trades: number;
  n_buckets: number;
  trades_sha256: string;
  config_hash: string;
  code_version: string;
  seed: number;
  /** JSON: config, data cutoff, family keys, trial counts. */
  params: string;
}

export type NewMiningRun = Omit<MiningRunRow, "id">;

export class MiningRunsRepo {
  private readonly insertStmt: Statement;
  private readonly byId: Statement;
  private readonly latestStmt: Statement;

  constructor(db: Database) {
    this.insertStmt =
      db.prepare(`INSERT INTO mining_runs (t, sim_model_version, source_run_id, n_trades, n_buckets,
      trades_sha256, config_hash, code_version, seed, params) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`);
    this.byId = db.prepare("SELECT * FROM mining_runs WHERE id = ?1");
    this.latestStmt = db.prepare(
      "SELECT * FROM mining_runs WHERE sim_model_version = ?1 AND source_run_id = ?2 ORDER BY id DESC LIMIT 1",
    );
  }

  insert(r: NewMiningRun): number {
    const res = this.insertStmt.run(
      r.t,
      r.sim_model_version,
      r.source_run_id,
      r.n_trades,
      r.n_buckets,
      r.trades_sha256,
      r.config_hash,
      r.code_version,
      r.seed,
      r.params,
    );
    return Number(res.lastInsertRowid);
  }

  get(id: number): MiningRunRow | null {
    return (this.byId.get(id) as MiningRunRow | null) ?? null;
  }

  /** The newest run mined from this model and source. */
  latest(model: string, sourceRunId: number): MiningRunRow | null {
    return (this.latestStmt.get(model, sourceRunId) as MiningRunRow | null) ?? null;
  }
}
