/** Positions (trades) and their exits: insert at entry, update on every change, exits appended. */
import type { Database, Statement } from "bun:sqlite";
import type { Position, PositionExit } from "../../engine/position.ts";
import {
  POSITION_ENTRY_COLUMNS,
  POSITION_STATE_COLUMNS,
  positionEntryValues,
  positionStateValues,
} from "../row-values.ts";

export class PositionsRepo {
  private readonly insert: Statement;
  private readonly update: Statement;
  private readonly insertExit: Statement;

  constructor(db: Database) {
    const params = Array.from({ length: 27 }, (_, i) => `?${i + 1}`).join(", ");
    this.insert =
      db.prepare(`INSERT INTO positions (${POSITION_ENTRY_COLUMNS}, best_px, fees, slippage, external,
      updated_at) VALUES (${params})`);
    const set = POSITION_STATE_COLUMNS.map((c, i) => `${c} = ?${i + 2}`).join(", ");
    this.update = db.prepare(`UPDATE positions SET ${set} WHERE id = ?1`);
    this.insertExit = db.prepare(
      "INSERT INTO position_exits (position_id, t, px, size, reason, fee, slippage, pnl) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    );
  }

  insertPosition(p: Position): number {
    const r = this.insert.run(
      ...positionEntryValues(p),
      p.bestPx,
      p.fees,
      p.slippage,
      p.external ? 1 : 0,
      p.openedAt,
    );
    return Number(r.lastInsertRowid);
  }

  updatePosition(p: Position, now: number): void {
    this.update.run(p.id, ...positionStateValues(p, now));
  }

  addExit(positionId: number, e: PositionExit): void {
    this.insertExit.run(positionId, e.t, e.px, e.size, e.reason, e.fee, e.slippage, e.pnl);
  }
}
