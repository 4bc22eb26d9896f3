/** Positions (trades) and their exits: insert at entry, update on every change, exits appended. */
import type { Database, Statement } from "bun:sqlite";
import { averageExitPx, netPnl, type Position, type PositionExit, rMultiple } from "../../engine/position.ts";

export class PositionsRepo {
  private readonly insert: Statement;
  private readonly update: Statement;
  private readonly insertExit: Statement;

  constructor(db: Database) {
    this.insert =
      db.prepare(`INSERT INTO positions (run_id, decision_id, mode, coin, side, strategy, session, regime,
      vol_bucket, setup_key, sim_model_version, status, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px,
      target_px, risk_usd, leverage, liquidation_px, best_px, fees, slippage, external, updated_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
      ?24, ?25, ?26, ?27)`);
    this.update = db.prepare(`UPDATE positions SET status = ?2, size = ?3, stop_px = ?4, partial_done = ?5,
      trail_active = ?6, best_px = ?7, closed_at = ?8, exit_px = ?9, exit_reason = ?10, gross_pnl = ?11, fees = ?12,
      slippage = ?13, funding = ?14, net_pnl = ?15, r_multiple = ?16, updated_at = ?17 WHERE id = ?1`);
    this.insertExit = db.prepare(
      "INSERT INTO position_exits (position_id, t, px, size, reason, fee, slippage, pnl) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    );
  }

  insertPosition(p: Position): number {
    const r = this.insert.run(
      p.runId,
      p.decisionId,
      p.mode,
      p.coin,
      p.side,
      p.strategy,
      p.session,
      p.regime,
      p.volBucket,
      p.setupKey,
      p.modelVersion,
      p.status,
      p.openedAt,
      p.entryPx,
      p.size,
      p.initialSize,
      p.stopPx,
      p.initialStopPx,
      p.targetPx,
      p.riskUsd,
      p.leverage,
      p.liquidationPx,
      p.bestPx,
      p.fees,
      p.slippage,
      p.external ? 1 : 0,
      p.openedAt,
    );
    return Number(r.lastInsertRowid);
  }

  updatePosition(p: Position, now: number): void {
    this.update.run(
      p.id,
      p.status,
      p.size,
      p.stopPx,
      p.partialDone ? 1 : 0,
      p.trailActive ? 1 : 0,
      p.bestPx,
      p.closedAt,
      averageExitPx(p),
      p.exitReason,
      p.grossPnl,
      p.fees,
      p.slippage,
      p.funding,
      netPnl(p),
      p.status === "closed" ? rMultiple(p) : null,
      now,
    );
  }

  addExit(positionId: number, e: PositionExit): void {
    this.insertExit.run(positionId, e.t, e.px, e.size, e.reason, e.fee, e.slippage, e.pnl);
  }
}
