/**
 * What a decision and a position put in each of their columns, in column order: one definition
 * shared by the row-by-row repositories (the daemon's journal) and the stored backtest's bulk writer
 * (run-writer.ts), so the two can never store a field differently.
 */
import type { SQLQueryBindings } from "bun:sqlite";
import type { DecisionRecord } from "../engine/ports.ts";
import { averageExitPx, netPnl, type Position, rMultiple } from "../engine/position.ts";

/** A decision's own columns (after its id, run_id and created_at). */
export const DECISION_VALUE_COLUMNS = `mode, strategy, coin, side, timeframe, candle_t, score_raw, score, regime, session,
  vol_bucket, setup_key, entry_ref, stop, target, features, verdict, reasons, sim_model_version`;

export function decisionValues(d: DecisionRecord): SQLQueryBindings[] {
  const c = d.candidate;
  return [
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
  ];
}

/** A position's columns fixed at entry (after its id). */
export const POSITION_ENTRY_COLUMNS = `run_id, decision_id, mode, coin, side, strategy, session, regime, vol_bucket,
  setup_key, sim_model_version, status, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px,
  risk_usd, leverage, liquidation_px`;

export function positionEntryValues(p: Position): SQLQueryBindings[] {
  return [
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
  ];
}

/** The columns a position's later changes rewrite, in positionStateValues' order. */
export const POSITION_STATE_COLUMNS = [
  "status",
  "size",
  "stop_px",
  "partial_done",
  "trail_active",
  "best_px",
  "closed_at",
  "exit_px",
  "exit_reason",
  "gross_pnl",
  "fees",
  "slippage",
  "funding",
  "net_pnl",
  "r_multiple",
  "updated_at",
] as const;

export function positionStateValues(p: Position, updatedAt: number): SQLQueryBindings[] {
  return [
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
    updatedAt,
  ];
}
