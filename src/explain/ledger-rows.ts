/**
 * Read-side rows explain and compare need from the ledger: a decision as stored, the position it
 * opened with its exits, the exchange's orders and fills behind a live position, and the live
 * positions open on a path at a moment (the live gate's open-position reasons are rebuilt from them).
 */
import type { Database } from "bun:sqlite";
import type { Interval } from "../core/intervals.ts";

export interface DecisionRow {
  id: number;
  run_id: number;
  created_at: number;
  mode: "shadow" | "live";
  strategy: string;
  coin: string;
  side: "long" | "short";
  timeframe: Interval;
  candle_t: number;
  score_raw: number;
  score: number;
  regime: string;
  session: string;
  vol_bucket: string;
  setup_key: string;
  entry_ref: number;
  stop: number;
  target: number;
  features: string;
  verdict: string;
  reasons: string;
  sim_model_version: string;
}

export interface PositionRow {
  id: number;
  run_id: number;
  decision_id: number | null;
  mode: "shadow" | "live";
  coin: string;
  side: "long" | "short";
  strategy: string;
  setup_key: string;
  session: string;
  regime: string;
  vol_bucket: string;
  status: string;
  opened_at: number;
  entry_px: number;
  initial_size: number;
  initial_stop_px: number;
  target_px: number;
  risk_usd: number;
  closed_at: number | null;
  exit_px: number | null;
  exit_reason: string | null;
  gross_pnl: number;
  fees: number;
  slippage: number;
  funding: number;
  net_pnl: number;
  r_multiple: number | null;
}

export interface ExitRow {
  t: number;
  px: number;
  size: number;
  reason: string;
  fee: number;
  slippage: number;
  pnl: number;
}

export interface OrderRow {
  id: number;
  cloid: string;
  role: string;
  reason: string | null;
  is_buy: number;
  px: string;
  size: string;
  status: string;
  filled_size: string;
  avg_px: string | null;
  ref_px: string | null;
  created_at: number;
}

export interface FillRow {
  tid: number;
  cloid: string | null;
  side: string;
  px: string;
  sz: string;
  fee: string;
  t: number;
}

export function decisionById(db: Database, id: number): DecisionRow | null {
  return db.query("SELECT * FROM decisions WHERE id = ?1").get(id) as DecisionRow | null;
}

export function decisionsOfRun(db: Database, runId: number): DecisionRow[] {
  return db.query("SELECT * FROM decisions WHERE run_id = ?1 ORDER BY id").all(runId) as DecisionRow[];
}

export function positionOfDecision(db: Database, decisionId: number): PositionRow | null {
  return db
    .query("SELECT * FROM positions WHERE decision_id = ?1 ORDER BY id LIMIT 1")
    .get(decisionId) as PositionRow | null;
}

export function positionsOfRun(db: Database, runId: number): PositionRow[] {
  return db.query("SELECT * FROM positions WHERE run_id = ?1 ORDER BY id").all(runId) as PositionRow[];
}

export function exitsOf(db: Database, positionId: number): ExitRow[] {
  return db
    .query(
      "SELECT t, px, size, reason, fee, slippage, pnl FROM position_exits WHERE position_id = ?1 ORDER BY t, id",
    )
    .all(positionId) as ExitRow[];
}

export function ordersOf(db: Database, positionId: number, decisionId: number | null): OrderRow[] {
  return db
    .query(
      `SELECT id, cloid, role, reason, is_buy, px, size, status, filled_size, avg_px, ref_px, created_at
       FROM orders WHERE position_id = ?1 OR (decision_id IS NOT NULL AND decision_id = ?2) ORDER BY id`,
    )
    .all(positionId, decisionId ?? -1) as OrderRow[];
}

export function fillsOf(db: Database, positionId: number, cloids: readonly string[]): FillRow[] {
  const rows = db
    .query("SELECT tid, cloid, side, px, sz, fee, t FROM fills WHERE position_id = ?1 ORDER BY t, tid")
    .all(positionId) as FillRow[];
  if (cloids.length === 0) return rows;
  const seen = new Set(rows.map((r) => r.tid));
  const byCloid = db.query(
    "SELECT tid, cloid, side, px, sz, fee, t FROM fills WHERE cloid = ?1 ORDER BY t, tid",
  );
  for (const c of cloids)
    for (const r of byCloid.all(c) as FillRow[]) {
      if (seen.has(r.tid)) continue;
      rows.push(r);
      seen.add(r.tid);
    }
  return rows.sort((a, b) => a.t - b.t || a.tid - b.tid);
}

/**
 * The positions of a path that were open when the gate ran for `decisionId` at `now`: opened before
 * the tick, or earlier in the same tick (a lower decision id), and not closed by then (the tick closes
 * positions before it gates new ones; only a backtest's end-of-test flatten comes after).
 */
export function openAtGate(
  db: Database,
  runId: number,
  mode: "live" | "shadow",
  now: number,
  decisionId: number,
): { coin: string }[] {
  return db
    .query(
      `SELECT p.coin FROM positions p WHERE p.run_id = ?1 AND p.mode = ?2
         AND (p.opened_at < ?3 OR (p.opened_at = ?3 AND p.decision_id < ?4))
         AND (p.closed_at IS NULL OR p.closed_at > ?3 OR (p.closed_at = ?3 AND p.exit_reason = 'end_of_test'))
         ORDER BY p.id`,
    )
    .all(runId, mode, now, decisionId) as { coin: string }[];
}

/** Stop-outs of a path before `now` (each starts the coin's cooldown). */
export function stopOutsBefore(
  db: Database,
  runId: number,
  mode: "live" | "shadow",
  now: number,
): { coin: string; closed_at: number }[] {
  return db
    .query(
      `SELECT coin, closed_at FROM positions WHERE run_id = ?1 AND mode = ?2 AND exit_reason = 'stop'
         AND closed_at IS NOT NULL AND closed_at <= ?3 ORDER BY closed_at`,
    )
    .all(runId, mode, now) as { coin: string; closed_at: number }[];
}
