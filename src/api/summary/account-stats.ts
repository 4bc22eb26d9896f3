/**
 * The live path's account figures (AccountStats, months, equity curve of src/report/run-summary.ts)
 * from the ledger's equity snapshots. Definitions follow the contract: return and drawdown from the
 * snapshots inside the window (the first one is the equity the window opened with); Sharpe and
 * Sortino from daily returns of the last snapshot of each UTC day, 365 days a year, only while
 * equity is positive; equity at or below zero is ruin, and nothing after it counts as a return.
 */
import { DAY_MS } from "../../core/clock.ts";
import type { AccountStats, MonthRow, Window } from "../../report/run-summary.ts";
import { monthOf, type RTrade } from "./r-stats.ts";

export interface EquityRow {
  t: number;
  equity: number;
}

const CAGR_MIN_DAYS = 30;

/** Daily returns of a positive equity: last snapshot per UTC day against the previous day's. */
export function dailyReturns(points: readonly EquityRow[]): number[] {
  const closes: number[] = [];
  let day = Number.NaN;
  for (const p of points) {
    const d = Math.floor(p.t / DAY_MS);
    if (d === day) closes[closes.length - 1] = p.equity;
    else closes.push(p.equity);
    day = d;
  }
  const out: number[] = [];
  for (let i = 1; i < closes.length; i++) {
    const prev = closes[i - 1]!;
    if (prev <= 0) break;
    out.push(Math.max(-1, closes[i]! / prev - 1));
  }
  return out;
}

function sharpeSortino(returns: readonly number[]): { sharpe: number | null; sortino: number | null } {
  const n = returns.length;
  if (n < 2) return { sharpe: null, sortino: null };
  const mean = returns.reduce((s, r) => s + r, 0) / n;
  const sd = Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / (n - 1));
  const down = Math.sqrt(returns.reduce((s, r) => s + Math.min(0, r) ** 2, 0) / n);
  const annual = Math.sqrt(365);
  return { sharpe: sd > 0 ? (mean / sd) * annual : null, sortino: down > 0 ? (mean / down) * annual : null };
}

/** Peak-to-trough falls of equity, percent in [0, 100], after each point. */
export function drawdowns(points: readonly EquityRow[]): number[] {
  let peak = Number.NEGATIVE_INFINITY;
  return points.map((p) => {
    peak = Math.max(peak, p.equity);
    return peak > 0 ? Math.min(100, Math.max(0, ((peak - p.equity) / peak) * 100)) : 0;
  });
}

/** Account figures over `w` from its snapshots (ascending, the first opening the window). */
export function accountStats(
  points: readonly EquityRow[],
  trades: readonly RTrade[],
  w: Window,
): AccountStats {
  const start = points[0]?.equity ?? 0;
  const ruinAt = points.findIndex((p) => p.equity <= 0);
  const alive = ruinAt >= 0 ? points.slice(0, ruinAt + 1) : points;
  const end = alive.at(-1)?.equity ?? start;
  const ruined = ruinAt >= 0;
  const days = (w.to - w.from) / DAY_MS;
  const returnPct = ruined ? -100 : start > 0 ? (end / start - 1) * 100 : 0;
  const maxDrawdownPct = ruined ? 100 : Math.max(0, ...drawdowns(alive));
  const cagrPct =
    days < CAGR_MIN_DAYS || start <= 0 ? null : ruined ? -100 : ((end / start) ** (365 / days) - 1) * 100;
  const { sharpe, sortino } = sharpeSortino(dailyReturns(alive));
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
    startEquity: start,
    endEquity: ruined ? Math.max(0, end) : end,
    netPnl: (ruined ? Math.max(0, end) : end) - start,
    returnPct,
    cagrPct,
    maxDrawdownPct,
    sharpe,
    sortino,
    calmar: cagrPct !== null && maxDrawdownPct > 0 ? cagrPct / maxDrawdownPct : null,
    fees,
    slippage,
    funding,
    liquidations,
    ruin: ruined ? { t: points[ruinAt]!.t, equity: points[ruinAt]!.equity } : null,
  };
}

/** Months of the account: each opens with the previous month's closing equity, so they compound. */
export function monthRows(points: readonly EquityRow[], trades: readonly RTrade[]): MonthRow[] {
  const closed = new Map<string, number>();
  for (const t of trades) closed.set(monthOf(t.closedAt), (closed.get(monthOf(t.closedAt)) ?? 0) + 1);
  const out: MonthRow[] = [];
  let open = points[0]?.equity ?? 0;
  for (const p of points) {
    const month = monthOf(p.t);
    let row = out.at(-1);
    if (!row || row.month !== month) {
      if (row) open = row.endEquity;
      row = {
        month,
        returnPct: 0,
        netPnl: 0,
        trades: closed.get(month) ?? 0,
        startEquity: open,
        endEquity: open,
      };
      out.push(row);
    }
    row.endEquity = p.equity;
    row.netPnl = row.endEquity - row.startEquity;
    row.returnPct = row.startEquity > 0 ? (row.endEquity / row.startEquity - 1) * 100 : 0;
    if (p.equity <= 0) break;
  }
  return out;
}

/**
 * The equity curve with its drawdown, thinned to about `maxPoints`: per equal slice of points the
 * deepest and the last are kept, so the worst drawdown survives the thinning.
 */
export function equityCurve(
  points: readonly EquityRow[],
  maxPoints: number,
): { t: number; equity: number; drawdownPct: number }[] {
  const dd = drawdowns(points);
  const all = points.map((p, i) => ({ t: p.t, equity: p.equity, drawdownPct: dd[i]! }));
  if (all.length <= maxPoints) return all;
  const per = Math.ceil(all.length / Math.max(1, Math.floor(maxPoints / 2)));
  const out: typeof all = [all[0]!];
  for (let i = 1; i < all.length; i += per) {
    const slice = all.slice(i, i + per);
    const deepest = slice.reduce((a, b) => (b.drawdownPct > a.drawdownPct ? b : a));
    const last = slice.at(-1)!;
    if (deepest !== last) out.push(deepest);
    out.push(last);
  }
  return out;
}
