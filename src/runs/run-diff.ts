/**
 * Are two stored runs the same run? Their decisions, trades (with every partial exit), equity
 * curves and summaries compared row by row in a canonical order, ids and run ids left out (they
 * only say where a row was written). `hlbot backtest --rerun` prints this against the original.
 */
import type { Database } from "bun:sqlite";

export interface PartDiff {
  a: number;
  b: number;
  /** Index (in the canonical order) of the first row that differs, null when all are equal. */
  firstDifference: number | null;
}

export interface RunDiff {
  identical: boolean;
  decisions: PartDiff;
  trades: PartDiff;
  equity: PartDiff;
  /** The summaries (RunSummary JSON without its run id) are byte-identical. */
  summaryEqual: boolean;
}

const DECISIONS = `SELECT created_at, mode, strategy, coin, side, timeframe, candle_t, score_raw, score, regime,
  session, vol_bucket, setup_key, entry_ref, stop, target, features, verdict, reasons, sim_model_version
  FROM decisions WHERE run_id = ?1 ORDER BY candle_t, mode, strategy, coin, timeframe`;

const TRADES = `SELECT p.mode, p.coin, p.side, p.strategy, p.session, p.regime, p.vol_bucket, p.setup_key,
  p.sim_model_version, p.status, p.opened_at, p.entry_px, p.size, p.initial_size, p.stop_px,
  p.initial_stop_px, p.target_px, p.risk_usd, p.leverage, p.liquidation_px, p.partial_done,
  p.trail_active, p.best_px, p.closed_at, p.exit_px, p.exit_reason, p.gross_pnl, p.fees, p.slippage,
  p.funding, p.net_pnl, p.r_multiple, p.updated_at,
  d.candle_t AS decision_candle_t, d.strategy AS decision_strategy,
  (SELECT json_group_array(json_array(e.t, e.px, e.size, e.reason, e.fee, e.slippage, e.pnl))
     FROM (SELECT * FROM position_exits WHERE position_id = p.id ORDER BY t, id) e) AS exits
  FROM positions p LEFT JOIN decisions d ON d.id = p.decision_id
  WHERE p.run_id = ?1 ORDER BY p.opened_at, p.mode, p.coin, p.strategy, p.id`;

const EQUITY = `SELECT mode, t, equity, peak, drawdown, day_pnl, open_positions
  FROM equity_snapshots WHERE run_id = ?1 ORDER BY mode, t`;

function part(db: Database, sql: string, a: number, b: number): PartDiff {
  const q = db.query(sql);
  const ra = q.values(a).map((r) => JSON.stringify(r));
  const rb = q.values(b).map((r) => JSON.stringify(r));
  let first: number | null = null;
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
    if (ra[i] !== rb[i]) {
      first = i;
      break;
    }
  }
  return { a: ra.length, b: rb.length, firstDifference: first };
}

function summaryOf(db: Database, id: number): string | null {
  const row = db.query("SELECT summary FROM backtest_runs WHERE id = ?1").get(id) as {
    summary: string | null;
  } | null;
  if (!row?.summary) return null;
  const { runId: _runId, ...rest } = JSON.parse(row.summary) as Record<string, unknown>;
  return JSON.stringify(rest);
}

export function diffRuns(db: Database, a: number, b: number): RunDiff {
  const decisions = part(db, DECISIONS, a, b);
  const trades = part(db, TRADES, a, b);
  const equity = part(db, EQUITY, a, b);
  const sa = summaryOf(db, a);
  const summaryEqual = sa !== null && sa === summaryOf(db, b);
  const identical =
    summaryEqual && [decisions, trades, equity].every((p) => p.firstDifference === null && p.a === p.b);
  return { identical, decisions, trades, equity, summaryEqual };
}
