/**
 * A run's figures over a window, figured from the ledger's rows with the SAME producers a backtest
 * summary uses (src/report: rStats, breakdown, accountStats, monthRows): the shadow path in R
 * (overall, per strategy, coin, bucket and month, cumulative-R curve) and the live path as an account
 * (equity snapshots → return, drawdown, Sharpe; months that compound; refusals by reason). Serves the
 * daemon's view and runs that stored no RunSummary; the shape is the pages' SummaryView.
 */
import type { Database, Statement } from "bun:sqlite";
import { bucketKey, type Regime } from "../../core/bucket.ts";
import { accountStats, drawdownSeries, type EquityPoint, monthRows } from "../../report/account-stats.ts";
import { breakdown, withNetPnl } from "../../report/breakdown.ts";
import { exposure } from "../../report/exposure.ts";
import { monthKey, monthWindow } from "../../report/month-key.ts";
import { cumulativeR, rStats } from "../../report/r-stats.ts";
import type { RunTrade, Window } from "../../report/run-summary.ts";
import type { LiveView, ShadowView, SummaryView } from "../../ui/web/shared/summary-view.ts";
import { thinCurve } from "./curve-thinning.ts";

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
      `SELECT id, decision_id, mode, coin, strategy, side, session, regime, vol_bucket, opened_at, closed_at,
              entry_px, initial_size, initial_stop_px, target_px, risk_usd, leverage, r_multiple, net_pnl,
              fees, slippage, funding, COALESCE(exit_reason, '') AS exit_reason
       FROM positions WHERE run_id = ?1 AND mode = ?2 AND status = 'closed' AND closed_at >= ?3 AND closed_at < ?4
         AND r_multiple IS NOT NULL
       ORDER BY closed_at, opened_at, id`,
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

  private shadow(runId: number, trades: RunTrade[], w: Window, points: number): ShadowView {
    const whole = () => w;
    return {
      overall: this.overall(runId, "shadow", trades, w),
      byStrategy: breakdown(trades, (t) => t.strategy, whole, "shadow:strategy"),
      byCoin: breakdown(trades, (t) => t.coin, whole, "shadow:coin"),
      byBucket: breakdown(trades, (t) => t.bucket, whole, "shadow:bucket"),
      byMonth: breakdown(
        trades,
        (t) => monthKey(t.closedAt),
        (m) => monthWindow(m, w),
        "shadow:month",
      ),
      curve: thinCurve(cumulativeR(trades), points, (p) => p.cumR),
    };
  }

  private live(req: SummaryRequest, trades: RunTrade[], equity: EquityPoint[], points: number): LiveView {
    const w = req.window;
    const whole = () => w;
    const table = (key: (t: RunTrade) => string, name: string) =>
      withNetPnl(breakdown(trades, key, whole, `live:${name}`), trades, key);
    const rejections: Record<string, number> = {};
    for (const r of this.rejections.all(req.runId, w.from, w.to) as { reason: string; n: number }[]) {
      rejections[r.reason] = r.n;
    }
    const start = equity[0]?.equity ?? 0;
    const ruined = equity.find((p) => p.equity <= 0);
    const account = accountStats(
      equity,
      start,
      w,
      trades,
      ruined ? { t: ruined.t, equity: ruined.equity } : null,
    );
    return {
      overall: { ...this.overall(req.runId, "live", trades, w), ...account },
      byStrategy: table((t) => t.strategy, "strategy"),
      byCoin: table((t) => t.coin, "coin"),
      byBucket: table((t) => t.bucket, "bucket"),
      byMonth: monthRows(equity, start, trades),
      equity: thinCurve(drawdownSeries(equity, start), points, (p) => -p.drawdownPct),
      rejections,
      promotedBuckets: req.promotedBuckets,
      note: trades.length === 0 ? "no live trade closed in this window" : null,
    };
  }

  /** The path's R figures; its exposure also counts the positions still open at the window's end. */
  private overall(runId: number, mode: Mode, trades: RunTrade[], w: Window) {
    const stats = rStats(trades, w, mode);
    const open = this.open.all(runId, mode, w.to) as { opened_at: number }[];
    if (open.length === 0) return stats;
    const held = [...trades, ...open.map((o) => ({ openedAt: o.opened_at, closedAt: w.to }))];
    return { ...stats, exposure: exposure(held, w) };
  }

  private closed(runId: number, mode: Mode, w: Window): RunTrade[] {
    return (this.trades.all(runId, mode, w.from, w.to) as TradeRow[]).map((r) => ({
      id: r.id,
      decisionId: r.decision_id,
      mode,
      coin: r.coin,
      side: r.side,
      strategy: r.strategy,
      bucket: bucketKey({
        strategy: r.strategy,
        side: r.side,
        session: r.session,
        regime: r.regime,
        vol_bucket: r.vol_bucket,
      }),
      session: r.session,
      regime: r.regime,
      volBucket: r.vol_bucket,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      entryPx: r.entry_px,
      exitPx: null,
      size: r.initial_size,
      stopPx: r.initial_stop_px,
      targetPx: r.target_px,
      riskUsd: r.risk_usd,
      leverage: r.leverage,
      r: r.r_multiple,
      netPnl: r.net_pnl,
      fees: r.fees,
      slippage: r.slippage,
      funding: r.funding,
      exitReason: r.exit_reason,
      exits: [],
    }));
  }

  private snapshots(runId: number, mode: Mode, w: Window): EquityPoint[] {
    return this.equity.all(runId, mode, w.from, w.to) as EquityPoint[];
  }
}

interface TradeRow {
  id: number;
  decision_id: number | null;
  coin: string;
  strategy: string;
  side: "long" | "short";
  session: string;
  regime: Regime;
  vol_bucket: string;
  opened_at: number;
  closed_at: number;
  entry_px: number;
  initial_size: number;
  initial_stop_px: number;
  target_px: number;
  risk_usd: number;
  leverage: number;
  r_multiple: number;
  net_pnl: number;
  fees: number;
  slippage: number;
  funding: number;
  exit_reason: string;
}
