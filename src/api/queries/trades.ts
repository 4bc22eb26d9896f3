/**
 * Closed trades (positions with status closed), newest first by close time, keyset-paginated on
 * (closed_at, id), each with its exits (partials, stop, target, trail, …).
 */
import type { Database, Statement } from "bun:sqlite";
import { ratio, usd } from "../format.ts";

export interface TradeFilter {
  runId: number;
  mode?: "shadow" | "live" | undefined;
  limit: number;
  after?: { t: number; id: number } | undefined;
}

interface TradeRow {
  id: number;
  decision_id: number | null;
  mode: string;
  coin: string;
  side: string;
  strategy: string;
  session: string;
  regime: string;
  vol_bucket: string;
  sim_model_version: string;
  opened_at: number;
  closed_at: number;
  entry_px: number;
  exit_px: number | null;
  initial_size: number;
  initial_stop_px: number;
  target_px: number;
  risk_usd: number;
  exit_reason: string | null;
  gross_pnl: number;
  fees: number;
  slippage: number;
  funding: number;
  net_pnl: number;
  r_multiple: number | null;
}

export interface ExitView {
  t: number;
  px: number;
  size: number;
  reason: string;
  fee: number | null;
  pnl: number | null;
}

export type TradeView = TradeRow & { exits: ExitView[] };

export interface TradePage {
  trades: TradeView[];
  next: { t: number; id: number } | null;
}

const COLUMNS =
  "id, decision_id, mode, coin, side, strategy, session, regime, vol_bucket, sim_model_version, opened_at, closed_at, entry_px, exit_px, initial_size, initial_stop_px, target_px, risk_usd, exit_reason, gross_pnl, fees, slippage, funding, net_pnl, r_multiple";

export class TradeQueries {
  private readonly byMode: Statement;
  private readonly all: Statement;
  private readonly exits: Statement;
  private readonly everyTrade: Statement;
  private readonly everyExit: Statement;

  constructor(db: Database) {
    const page = (modeClause: string) =>
      db.prepare(
        `SELECT ${COLUMNS} FROM positions WHERE run_id = ?1 AND ${modeClause} AND status = 'closed' AND closed_at IS NOT NULL AND (closed_at < ?3 OR (closed_at = ?3 AND id < ?4)) ORDER BY closed_at DESC, id DESC LIMIT ?5`,
      );
    this.byMode = page("mode = ?2");
    this.all = page("?2 IS NULL");
    this.everyTrade = db.prepare(
      `SELECT ${COLUMNS} FROM positions WHERE run_id = ?1 AND status = 'closed' AND closed_at IS NOT NULL ORDER BY closed_at DESC, id DESC`,
    );
    this.everyExit = db.prepare(
      "SELECT e.position_id, e.t, e.px, e.size, e.reason, e.fee, e.pnl FROM position_exits e JOIN positions p ON p.id = e.position_id WHERE p.run_id = ?1 AND p.status = 'closed' ORDER BY e.t, e.id",
    );
    this.exits = db.prepare(
      "SELECT position_id, t, px, size, reason, fee, pnl FROM position_exits WHERE position_id IN (SELECT value FROM json_each(?1)) ORDER BY t, id",
    );
  }

  /** Every closed trade of a run, newest first, with its exits (the HTML report's list): two queries. */
  allOfRun(runId: number): TradeView[] {
    const rows = this.everyTrade.all(runId) as TradeRow[];
    const exits = this.group(this.everyExit.all(runId) as (ExitView & { position_id: number })[]);
    return rows.map((r) => view(r, exits));
  }

  page(f: TradeFilter): TradePage {
    const after = f.after ?? { t: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
    const stmt = f.mode ? this.byMode : this.all;
    const rows = stmt.all(f.runId, f.mode ?? null, after.t, after.id, f.limit) as TradeRow[];
    const exits =
      rows.length > 0
        ? this.group(
            this.exits.all(JSON.stringify(rows.map((r) => r.id))) as (ExitView & { position_id: number })[],
          )
        : new Map<number, ExitView[]>();
    const trades = rows.map((r) => view(r, exits));
    const last = rows.at(-1);
    return { trades, next: last && rows.length === f.limit ? { t: last.closed_at, id: last.id } : null };
  }

  private group(all: (ExitView & { position_id: number })[]): Map<number, ExitView[]> {
    const exits = new Map<number, ExitView[]>();
    for (const { position_id, ...e } of all) {
      const list = exits.get(position_id) ?? [];
      list.push({ ...e, fee: usd(e.fee), pnl: usd(e.pnl) });
      exits.set(position_id, list);
    }
    return exits;
  }
}

function view(r: TradeRow, exits: Map<number, ExitView[]>): TradeView {
  return {
    ...r,
    gross_pnl: usd(r.gross_pnl) ?? 0,
    fees: usd(r.fees) ?? 0,
    slippage: usd(r.slippage) ?? 0,
    funding: usd(r.funding) ?? 0,
    net_pnl: usd(r.net_pnl) ?? 0,
    r_multiple: ratio(r.r_multiple),
    exits: exits.get(r.id) ?? [],
  };
}
