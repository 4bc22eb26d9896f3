/**
 * Positions as the daemon needs them at start: the open ones of a run and mode rebuilt into the
 * engine's Position objects (with their partial exits), so a restart resumes managing them exactly
 * where the ledger left off; and the closed ones' results for the losing-weeks start-up check.
 */
import type { Database, Statement } from "bun:sqlite";
import type { Regime, Side } from "../../core/bucket.ts";
import type { ExitReason, Mode, Position, PositionExit } from "../../engine/position.ts";

/** A `positions` row as SQLite returns it (0/1 for booleans). */
export interface PositionRow {
  id: number;
  run_id: number;
  decision_id: number | null;
  mode: Mode;
  coin: string;
  side: Side;
  strategy: string;
  session: string;
  regime: Regime;
  vol_bucket: string;
  setup_key: string;
  sim_model_version: string;
  opened_at: number;
  entry_px: number;
  size: number;
  initial_size: number;
  stop_px: number;
  initial_stop_px: number;
  target_px: number;
  risk_usd: number;
  leverage: number;
  liquidation_px: number | null;
  partial_done: number;
  trail_active: number;
  best_px: number;
  gross_pnl: number;
  fees: number;
  slippage: number;
  funding: number;
  external: number;
  net_pnl: number;
}

/** Trail distance (R) of a restored position: the ledger row does not carry it. */
export type TrailDistanceOf = (p: { id: number; strategy: string }) => number;

export class OpenPositionsRepo {
  private readonly open: Statement;
  private readonly exits: Statement;
  private readonly closed: Statement;

  constructor(db: Database) {
    this.open = db.prepare(
      "SELECT * FROM positions WHERE status = 'open' AND run_id = ?1 AND mode = ?2 ORDER BY opened_at, id",
    );
    this.exits = db.prepare(
      "SELECT t, px, size, reason, fee, slippage, pnl FROM position_exits WHERE position_id = ?1 ORDER BY id",
    );
    this.closed = db.prepare(
      "SELECT closed_at AS closedAt, net_pnl AS netPnl FROM positions WHERE status = 'closed' AND run_id = ?1 AND mode = ?2 AND closed_at IS NOT NULL ORDER BY closed_at",
    );
  }

  /** Open positions of `runId` × `mode`, oldest first, with their exits so far. */
  list(runId: number, mode: Mode, trailDistanceOf: TrailDistanceOf): Position[] {
    const rows = this.open.all(runId, mode) as PositionRow[];
    return rows.map((r) => ({
      id: r.id,
      runId: r.run_id,
      decisionId: r.decision_id,
      mode: r.mode,
      coin: r.coin,
      side: r.side,
      strategy: r.strategy,
      session: r.session,
      regime: r.regime,
      volBucket: r.vol_bucket,
      setupKey: r.setup_key,
      modelVersion: r.sim_model_version,
      status: "open",
      openedAt: r.opened_at,
      entryPx: r.entry_px,
      size: r.size,
      initialSize: r.initial_size,
      stopPx: r.stop_px,
      initialStopPx: r.initial_stop_px,
      targetPx: r.target_px,
      riskUsd: r.risk_usd,
      leverage: r.leverage,
      liquidationPx: r.liquidation_px,
      partialDone: r.partial_done === 1,
      trailActive: r.trail_active === 1,
      trailDistanceR: trailDistanceOf({ id: r.id, strategy: r.strategy }),
      bestPx: r.best_px,
      closedAt: null,
      exitReason: null,
      grossPnl: r.gross_pnl,
      fees: r.fees,
      slippage: r.slippage,
      funding: r.funding,
      exits: (this.exits.all(r.id) as (PositionExit & { reason: ExitReason })[]).map((e) => ({ ...e })),
      external: r.external === 1,
    }));
  }

  /** Net result and close time of every closed position of `runId` × `mode`, oldest first. */
  closedResults(runId: number, mode: Mode): { closedAt: number; netPnl: number }[] {
    return this.closed.all(runId, mode) as { closedAt: number; netPnl: number }[];
  }
}
