/**
 * A run's figures over a window, figured from the ledger's rows: the shadow path in R (overall, per
 * strategy, coin, bucket and month, cumulative-R curve) and the live path as an account (equity
 * snapshots → return, drawdown, Sharpe; months that compound; refusals by reason). Serves the
 * daemon's view and runs that stored no RunSummary; the shape is the pages' SummaryView.
 */
import type { Database, Statement } from "bun:sqlite";
import type { Window } from "../../report/run-summary.ts";
import type { LiveGroupRow, LiveView, ShadowView, SummaryView } from "../../ui/web/shared/summary-view.ts";
import { accountStats, type EquityRow, equityCurve, monthRows } from "../summary/account-stats.ts";
import {
  cumulativeR,
  groupRows,
  type Holding,
  monthOf,
  monthWindow,
  type RTrade,
  rStats,
} from "../summary/r-stats.ts";

type Mode = "shadow" | "live";

/** Most points of a curve served (the cumulative R and the equity curve are thinned to this). */
export const CURVE_POINTS = 2000;

export interface SummaryRequest {
  runId: number;
  window: Window;
  /** Only this path (the other is omitted: live null, shadow empty). */
  mode?: Mode | undefined;
  modelVersion: string | null;
  promotedBuckets: number | "all" | null;
  curvePoints?: number;
}

export class SummaryQueries {
  private readonly trades: Statement;
  private readonly open: Statement;
  private readonly equity: Statement;
  private readonly rejections: Statement;

  constructor(db: Database) {
    this.trades = db.prepare(
      `SELECT id, coin, strategy, side, session, regime, vol_bucket, opened_at, closed_at, r_multiple,
              net_pnl, risk_usd, fees, slippage, funding, COALESCE(exit_reason, '') AS exit_reason
       FROM positions WHERE run_id = ?1 AND mode = ?2 AND status = 'closed' AND closed_at >= ?3 AND closed_at < ?4
         AND r_multiple IS NOT NULL`,
    );
    this.open = db.prepare(
      "SELECT opened_at FROM positions WHERE status = 'open' AND mode = ?2 AND run_id = ?1 AND opened_at < ?3",
    );
    // The window opens with the last snapshot at or before its start, so the opening equity is known.
    this.equity = db.prepare(
      `SELECT t, equity FROM equity_snapshots WHERE run_id = ?1 AND mode = ?2 AND t < ?4
         AND t >= COALESCE((SELECT MAX(t) FROM equity_snapshots WHERE run_id = ?1 AND mode = ?2 AND t <= ?3), ?3)
       ORDER BY t`,
    );
    this.rejections = db.prepare(
      `SELECT j.value AS reason, COUNT(*) AS n FROM decisions d,
         json_each(CASE WHEN json_valid(d.reasons) THEN d.reasons ELSE '[]' END) j
       WHERE d.run_id = ?1 AND d.created_at >= ?2 AND d.created_at < ?3 AND d.mode = 'live' AND d.verdict = 'rejected'
       GROUP BY j.value ORDER BY n DESC, reason`,
    );
  }

  view(req: SummaryRequest): SummaryView {
    const w = req.window;
    const points = req.curvePoints ?? CURVE_POINTS;
    const shadowTrades = req.mode === "live" ? [] : this.closed(req.runId, "shadow", w);
    const liveEquity = req.mode === "shadow" ? [] : this.snapshots(req.runId, "live", w);
    const liveTrades = req.mode === "shadow" ? [] : this.closed(req.runId, "live", w);
    const warnings = [
      "figured from the ledger: this view has no recorded events (kill switch, halts, ruin, data gaps) or data coverage",
    ];
    return {
      source: "ledger",
      runId: req.runId,
      modelVersion: req.modelVersion,
      window: w,
      dataWindow: null,
      coverage: null,
      events: null,
      warnings,
      shadow: this.shadow(req.runId, shadowTrades, w, points),
      live:
        liveEquity.length === 0 && liveTrades.length === 0
          ? null
          : this.live(req, liveTrades, liveEquity, points),
    };
  }

  private shadow(runId: number, trades: RTrade[], w: Window, points: number): ShadowView {
    return {
      overall: rStats(trades, w, this.holdings(runId, "shadow", trades, w)),
      byStrategy: groupRows(trades, (t) => t.strategy, w),
      byCoin: groupRows(trades, (t) => t.coin, w),
      byBucket: groupRows(trades, (t) => t.bucket, w),
      byMonth: groupRows(
        trades,
        (t) => monthOf(t.closedAt),
        (m) => monthWindow(m, w),
      ),
      curve: thin(cumulativeR(trades), points),
    };
  }

  private live(req: SummaryRequest, trades: RTrade[], equity: EquityRow[], points: number): LiveView {
    const w = req.window;
    const by = (key: (t: RTrade) => string) => {
      const pnl = new Map<string, number>();
      for (const t of trades) pnl.set(key(t), (pnl.get(key(t)) ?? 0) + t.netPnl);
      const out: Record<string, LiveGroupRow> = {};
      for (const [k, row] of Object.entries(groupRows(trades, key, w)))
        out[k] = { ...row, netPnl: pnl.get(k) ?? 0 };
      return out;
    };
    const rejections: Record<string, number> = {};
    for (const r of this.rejections.all(req.runId, w.from, w.to) as { reason: string; n: number }[]) {
      rejections[r.reason] = r.n;
    }
    const account = accountStats(equity, trades, w);
    return {
      overall: { ...rStats(trades, w, this.holdings(req.runId, "live", trades, w)), ...account },
      byStrategy: by((t) => t.strategy),
      byCoin: by((t) => t.coin),
      byBucket: by((t) => t.bucket),
      byMonth: monthRows(equity, trades),
      equity: equityCurve(equity, points),
      rejections,
      promotedBuckets: req.promotedBuckets,
      note: trades.length === 0 ? "no live trade closed in this window" : null,
    };
  }

  private closed(runId: number, mode: Mode, w: Window): RTrade[] {
    return (this.trades.all(runId, mode, w.from, w.to) as TradeRow[]).map((r) => ({
      id: r.id,
      coin: r.coin,
      strategy: r.strategy,
      bucket: `${r.strategy}|${r.side}|${r.session}|${r.regime}|${r.vol_bucket}`,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      r: r.r_multiple,
      netPnl: r.net_pnl,
      riskUsd: r.risk_usd,
      fees: r.fees,
      slippage: r.slippage,
      funding: r.funding,
      exitReason: r.exit_reason,
    }));
  }

  private holdings(runId: number, mode: Mode, trades: RTrade[], w: Window): Holding[] {
    const open = this.open.all(runId, mode, w.to) as { opened_at: number }[];
    return [...trades, ...open.map((o) => ({ openedAt: o.opened_at, closedAt: null }))];
  }

  private snapshots(runId: number, mode: Mode, w: Window): EquityRow[] {
    return this.equity.all(runId, mode, w.from, w.to) as EquityRow[];
  }
}

interface TradeRow {
  id: number;
  coin: string;
  strategy: string;
  side: string;
  session: string;
  regime: string;
  vol_bucket: string;
  opened_at: number;
  closed_at: number;
  r_multiple: number;
  net_pnl: number;
  risk_usd: number;
  fees: number;
  slippage: number;
  funding: number;
  exit_reason: string;
}

/** Keeps about `max` points of a cumulative curve: per slice its lowest, highest and last. */
export function thin(curve: { t: number; cumR: number }[], max: number): { t: number; cumR: number }[] {
  if (curve.length <= max) return curve;
  const per = Math.ceil(curve.length / Math.max(1, Math.floor(max / 3)));
  const out = [curve[0]!];
  for (let i = 1; i < curve.length; i += per) {
    const slice = curve.slice(i, i + per);
    let lo = slice[0]!;
    let hi = slice[0]!;
    for (const p of slice) {
      if (p.cumR < lo.cumR) lo = p;
      if (p.cumR > hi.cumR) hi = p;
    }
    const keep = [lo, hi, slice.at(-1)!].sort((a, b) => a.t - b.t);
    for (const p of keep) if (out.at(-1) !== p) out.push(p);
  }
  return out;
}
