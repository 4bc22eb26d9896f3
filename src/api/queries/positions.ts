/**
 * Open positions (shadow and live) valued at the latest mark: unrealized PnL on the open size,
 * realized PnL of partial exits so far, and the position's R at that mark.
 */
import type { Database, Statement } from "bun:sqlite";
import type { PositionRow } from "../../ledger/repos/open-positions.ts";
import { ratio, usd } from "../format.ts";
import { type Mark, MarkQueries } from "./marks.ts";

type OpenRow = Pick<
  PositionRow,
  | "id"
  | "decision_id"
  | "mode"
  | "coin"
  | "side"
  | "strategy"
  | "session"
  | "regime"
  | "vol_bucket"
  | "sim_model_version"
  | "opened_at"
  | "entry_px"
  | "size"
  | "initial_size"
  | "stop_px"
  | "initial_stop_px"
  | "target_px"
  | "risk_usd"
  | "leverage"
  | "liquidation_px"
  | "partial_done"
  | "trail_active"
  | "net_pnl"
  | "external"
>;

export type OpenPositionView = Omit<OpenRow, "partial_done" | "trail_active" | "external" | "net_pnl"> & {
  partial_done: boolean;
  trail_active: boolean;
  external: boolean;
  mark: Mark | null;
  unrealized_pnl: number | null;
  realized_pnl: number | null;
  /** (realized + unrealized) / risk_usd at the mark. */
  r_multiple: number | null;
};

export class PositionQueries {
  private readonly open: Statement;
  private readonly marks: MarkQueries;

  constructor(db: Database) {
    this.open = db.prepare(
      "SELECT id, decision_id, mode, coin, side, strategy, session, regime, vol_bucket, sim_model_version, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px, risk_usd, leverage, liquidation_px, partial_done, trail_active, net_pnl, external FROM positions WHERE status = 'open' AND mode IN ('shadow', 'live') AND run_id = ?1 AND (?2 IS NULL OR mode = ?2) ORDER BY opened_at DESC, id DESC",
    );
    this.marks = new MarkQueries(db);
  }

  list(runId: number, mode?: "shadow" | "live"): OpenPositionView[] {
    const rows = this.open.all(runId, mode ?? null) as OpenRow[];
    const marks = new Map<string, Mark | null>();
    return rows.map(({ partial_done, trail_active, external, net_pnl, ...p }) => {
      if (!marks.has(p.coin)) marks.set(p.coin, this.marks.latest(p.coin));
      const mark = marks.get(p.coin) ?? null;
      const unrealized = mark
        ? (p.side === "long" ? mark.px - p.entry_px : p.entry_px - mark.px) * p.size
        : null;
      const r = unrealized !== null && p.risk_usd > 0 ? (unrealized + net_pnl) / p.risk_usd : null;
      return {
        ...p,
        partial_done: partial_done === 1,
        trail_active: trail_active === 1,
        external: external === 1,
        mark,
        unrealized_pnl: usd(unrealized),
        realized_pnl: usd(net_pnl),
        r_multiple: ratio(r),
      };
    });
  }
}
