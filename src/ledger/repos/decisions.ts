/** Decisions: every candidate of every tick, shadow and live, with its gate verdict and reasons. */
import type { Database, Statement } from "bun:sqlite";
import type { DecisionRecord } from "../../engine/ports.ts";

export class DecisionsRepo {
  private readonly insert: Statement;
  private readonly find: Statement;

  constructor(
    db: Database,
    private readonly runId: number,
  ) {
    this.insert =
      db.prepare(`INSERT INTO decisions (run_id, created_at, mode, strategy, coin, side, timeframe, candle_t,
      score_raw, score, regime, session, vol_bucket, setup_key, entry_ref, stop, target, features, verdict, reasons,
      sim_model_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
      ON CONFLICT (run_id, mode, strategy, coin, timeframe, candle_t) DO NOTHING`);
    this.find = db.prepare(
      "SELECT id FROM decisions WHERE run_id = ?1 AND mode = ?2 AND strategy = ?3 AND coin = ?4 AND timeframe = ?5 AND candle_t = ?6",
    );
  }

  /** Inserts the decision (idempotent for a replayed tick) and returns its id. */
  record(d: DecisionRecord, now: number): number {
    const c = d.candidate;
    const result = this.insert.run(
      this.runId,
      now,
      d.mode,
      c.strategy,
      c.coin,
      c.side,
      c.timeframe,
      c.candleT,
      c.scoreRaw,
      c.score,
      c.regime,
      c.session,
      c.volBucket,
      c.setupKey,
      c.entryRef,
      c.stop,
      c.target,
      JSON.stringify(c.features),
      d.verdict,
      JSON.stringify(d.reasons),
      d.modelVersion,
    );
    if (result.changes > 0) return Number(result.lastInsertRowid);
    const row = this.find.get(this.runId, d.mode, c.strategy, c.coin, c.timeframe, c.candleT) as {
      id: number;
    };
    return row.id;
  }
}
