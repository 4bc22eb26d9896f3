/**
 * The live path's account figures, from its marked equity curve: return, CAGR, max drawdown and
 * Sharpe/Sortino/Calmar from daily returns, monthly returns that compound to the total, and the
 * drawdown series. The curve starts at the starting equity and is never negative (a ruined account
 * ends at 0 and its curve ends there), so every daily return is a return of a positive equity:
 * −100% is the worst a day can do and a loss can never read as a gain.
 */
import { DAY_MS } from "../core/clock.ts";
import { monthKey } from "./month-key.ts";
import type { AccountStats, MonthRow, RunTrade, Window } from "./run-summary.ts";

export interface EquityPoint {
  t: number;
  equity: number;
}

/**
 * CAGR is printed for windows of a year or more. Under a year it is an extrapolation (a +10% month
 * annualises to +214%: the figure says what would happen if that month repeated twelve times), the
 * kind of number a trader reads as a result; the window's return says what happened.
 */
export const MIN_CAGR_DAYS = 365;

/** Equity at the end of each UTC day from the window's first day to the curve's last (carried over quiet days). */
export function dailyCloses(curve: readonly EquityPoint[], startEquity: number, from: number): number[] {
  const first = Math.floor(from / DAY_MS);
  const out: number[] = [];
  let equity = startEquity;
  let day = first;
  for (const p of curve) {
    const d = Math.floor(p.t / DAY_MS);
    for (; day < d; day++) if (day >= first) out.push(equity);
    equity = Math.max(0, p.equity);
  }
  if (curve.length) out.push(equity);
  return out;
}

/** Day-over-day returns of the daily closes, the first against the starting equity; none after equity hits 0. */
export function dailyReturns(curve: readonly EquityPoint[], startEquity: number, from: number): number[] {
  const out: number[] = [];
  let prev = startEquity;
  for (const close of dailyCloses(curve, startEquity, from)) {
    if (!(prev > 0)) break;
    out.push(close / prev - 1);
    prev = close;
  }
  return out;
}

/** Drawdown of each point from the running peak (which starts at the starting equity), percent in [0, 100]. */
export function drawdownSeries(curve: readonly EquityPoint[], startEquity: number) {
  let peak = startEquity;
  return curve.map((p) => {
    const equity = Math.max(0, p.equity);
    if (equity > peak) peak = equity;
    return { t: p.t, equity, drawdownPct: peak > 0 ? ((peak - equity) / peak) * 100 : 0 };
  });
}

export function accountStats(
  curve: readonly EquityPoint[],
  startEquity: number,
  window: Window,
  trades: readonly RunTrade[],
  ruin: AccountStats["ruin"],
): AccountStats {
  const end = ruin ? 0 : curve.length ? Math.max(0, curve[curve.length - 1]!.equity) : startEquity;
  let maxDd = 0;
  for (const p of drawdownSeries(curve, startEquity)) if (p.drawdownPct > maxDd) maxDd = p.drawdownPct;
  if (ruin) maxDd = 100;
  const rets = dailyReturns(curve, startEquity, window.from);
  const n = rets.length;
  const mean = n ? rets.reduce((a, b) => a + b, 0) / n : 0;
  const sd = n > 1 ? Math.sqrt(rets.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  const downside = n ? Math.sqrt(rets.reduce((a, b) => a + Math.min(0, b) ** 2, 0) / n) : 0;
  const days = (window.to - window.from) / DAY_MS;
  const growth = end / startEquity;
  const cagrPct = days >= MIN_CAGR_DAYS ? (growth ** (365 / days) - 1) * 100 : null;
  let fees = 0;
  let slippage = 0;
  let funding = 0;
  let liquidations = 0;
  for (const t of trades) {
    fees += t.fees;
    slippage += t.slippage;
    funding += t.funding;
    if (t.exitReason === "liquidation") liquidations++;
  }
  return {
    startEquity,
    endEquity: end,
    netPnl: end - startEquity,
    returnPct: (growth - 1) * 100,
    cagrPct,
    maxDrawdownPct: maxDd,
    sharpe: n > 1 && sd > 0 ? (mean / sd) * Math.sqrt(365) : null,
    sortino: n > 1 && downside > 0 ? (mean / downside) * Math.sqrt(365) : null,
    calmar: cagrPct !== null && maxDd > 0 ? cagrPct / maxDd : null,
    fees,
    slippage,
    funding,
    liquidations,
    ruin,
  };
}

/**
 * Months of the account: each starts at the previous month's closing equity (the first at the
 * starting equity), so (1 + r₁)(1 + r₂)… = end / start exactly; netPnl is the change of marked equity.
 */
export function monthRows(
  curve: readonly EquityPoint[],
  startEquity: number,
  trades: readonly RunTrade[],
): MonthRow[] {
  const rows: MonthRow[] = [];
  let prev = startEquity;
  for (const p of curve) {
    const m = monthKey(p.t);
    let row = rows[rows.length - 1];
    if (!row || row.month !== m) {
      if (row) prev = row.endEquity;
      row = { month: m, returnPct: 0, netPnl: 0, trades: 0, startEquity: prev, endEquity: prev };
      rows.push(row);
    }
    row.endEquity = Math.max(0, p.equity);
  }
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  for (const t of trades) {
    const row = byMonth.get(monthKey(t.closedAt));
    if (row) row.trades++;
  }
  for (const r of rows) {
    r.netPnl = r.endEquity - r.startEquity;
    r.returnPct = r.startEquity > 0 ? (r.endEquity / r.startEquity - 1) * 100 : 0;
  }
  return rows;
}
