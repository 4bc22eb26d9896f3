/** The append-only promotion audit: one row per promote run per bucket, with every input of the decision. */
import type { Database, Statement } from "bun:sqlite";

export interface PromotionAuditRow {
  id: number;
  promote_run_id: string;
  mining_run_id: number;
  t: number;
  bucket_key: string;
  prev_state: string;
  new_state: string;
  reasons: string[];
  /** The decision's inputs and outputs (see src/mining/audit.ts). */
  inputs: unknown;
}

export type NewPromotionAudit = Omit<PromotionAuditRow, "id">;

export class PromotionAuditRepo {
  private readonly insertStmt: Statement;
  private readonly forMiningRun: Statement;
  private readonly lastMiningRun: Statement;
  private readonly byPromoteRun: Statement;

  constructor(db: Database) {
    this.insertStmt =
      db.prepare(`INSERT INTO promotion_audit (promote_run_id, mining_run_id, t, bucket_key, prev_state,
      new_state, reasons, inputs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`);
    this.forMiningRun = db.prepare(
      "SELECT promote_run_id FROM promotion_audit WHERE mining_run_id = ?1 LIMIT 1",
    );
    this.lastMiningRun = db.prepare("SELECT MAX(mining_run_id) AS id FROM promotion_audit");
    this.byPromoteRun = db.prepare("SELECT * FROM promotion_audit WHERE promote_run_id = ?1 ORDER BY id");
  }

  insert(r: NewPromotionAudit): void {
    this.insertStmt.run(
      r.promote_run_id,
      r.mining_run_id,
      r.t,
      r.bucket_key,
      r.prev_state,
      r.new_state,
      JSON.stringify(r.reasons),
      JSON.stringify(r.inputs),
    );
  }

  /** The promote run that already applied this mining run, if any. */
  appliedBy(miningRunId: number): string | null {
    const row = this.forMiningRun.get(miningRunId) as { promote_run_id: string } | null;
    return row?.promote_run_id ?? null;
  }

  /** The newest mining run any promote run applied. */
  lastAppliedMiningRun(): number | null {
    return (this.lastMiningRun.get() as { id: number | null }).id;
  }

  listByPromoteRun(promoteRunId: string): PromotionAuditRow[] {
    const rows = this.byPromoteRun.all(promoteRunId) as (Omit<PromotionAuditRow, "reasons" | "inputs"> & {
      reasons: string;
      inputs: string;
    })[];
    return rows.map((r) => ({ ...r, reasons: JSON.parse(r.reasons), inputs: JSON.parse(r.inputs) }));
  }
}
