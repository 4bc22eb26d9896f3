/** Decisions: every candidate of every tick, shadow and live, with its gate verdict and reasons. */
import type { Database, Statement } from "bun:sqlite";
import type { DecisionRecord } from "../../engine/ports.ts";
import { DECISION_VALUE_COLUMNS, decisionValues } from "../row-values.ts";

export class DecisionsRepo {
  private readonly insert: Statement;
  private readonly find: Statement;

  constructor(
    db: Database,
    private readonly runId: number,
  ) {
    const params = Array.from({ length: 21 }, (_, i) => `?${i + 1}`).join(", ");
    this.insert = db.prepare(`INSERT INTO decisions (run_id, created_at, ${DECISION_VALUE_COLUMNS})
      VALUES (${params}) ON CONFLICT (run_id, mode, strategy, coin, timeframe, candle_t) DO NOTHING`);
    this.find = db.prepare(
      "SELECT id FROM decisions WHERE run_id = ?1 AND mode = ?2 AND strategy = ?3 AND coin = ?4 AND timeframe = ?5 AND candle_t = ?6",
    );
  }

  /** Inserts the decision (idempotent for a replayed tick) and returns its id. */
  record(d: DecisionRecord, now: number): number {
    const c = d.candidate;
    const result = this.insert.run(this.runId, now, ...decisionValues(d));
    if (result.changes > 0) return Number(result.lastInsertRowid);
    const row = this.find.get(this.runId, d.mode, c.strategy, c.coin, c.timeframe, c.candleT) as {
      id: number;
    };
    return row.id;
  }
}
