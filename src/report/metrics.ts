/**
 * Performance statistics of a set of closed trades and an equity curve: PnL, return, drawdown,
 * Sharpe/Sortino (daily, annualised with 365 days — crypto trades every day), win rate, average R,
 * profit factor, exposure and costs. Pure functions; the same numbers for backtests and the API.
 */
import { DAY_MS } from "../core/clock.ts";

export interface TradeLike {
  strategy: string;
  bucket: string;
  openedAt: number;
  closedAt: number;
  netPnl: number;
  r: number | null;
  fees: number;
  slippage: number;
  funding: number;
  exitReason: string;
}

export interface EquityPoint {
  t: number;
  equity: number;
}

export interface TradeStats {
  trades: number;
  netPnl: number;
  winRate: number | null;
  avgR: number | null;
  profitFactor: number | null;
  fees: number;
  slippage: number;
  funding: number;
  liquidations: number;
}

export interface CurveStats {
  startEquity: number;
  endEquity: number;
  returnPct: number;
  maxDrawdownPct: number;
  sharpe: number | null;
  sortino: number | null;
  exposurePct: number;
}

const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

export function tradeStats(trades: readonly TradeLike[]): TradeStats {
  let net = 0;
  let wins = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let rSum = 0;
  let rN = 0;
  let fees = 0;
  let slippage = 0;
  let funding = 0;
  let liquidations = 0;
  for (const t of trades) {
    net += t.netPnl;
    if (t.netPnl > 0) {
      wins++;
      grossWin += t.netPnl;
    } else grossLoss -= t.netPnl;
    if (t.r !== null) {
      rSum += t.r;
      rN++;
    }
    fees += t.fees;
    slippage += t.slippage;
    funding += t.funding;
    if (t.exitReason === "liquidation") liquidations++;
  }
  const n = trades.length;
  return {
    trades: n,
    netPnl: round(net, 2),
    winRate: n ? round(wins / n) : null,
    avgR: rN ? round(rSum / rN) : null,
    profitFactor: grossLoss > 0 ? round(grossWin / grossLoss) : null,
    fees: round(fees, 2),
    slippage: round(slippage, 2),
    funding: round(funding, 2),
    liquidations,
  };
}

/** Daily returns from the last equity point of each UTC day. */
export function dailyReturns(curve: readonly EquityPoint[]): number[] {
  const closes: number[] = [];
  let day = Number.NaN;
  for (const p of curve) {
    const d = Math.floor(p.t / DAY_MS);
    if (d !== day) {
      closes.push(p.equity);
      day = d;
    } else closes[closes.length - 1] = p.equity;
  }
  const out: number[] = [];
  for (let i = 1; i < closes.length; i++) out.push(closes[i]! / closes[i - 1]! - 1);
  return out;
}

export function curveStats(
  curve: readonly EquityPoint[],
  startEquity: number,
  trades: readonly TradeLike[],
): CurveStats {
  let peak = startEquity;
  let maxDd = 0;
  for (const p of curve) {
    if (p.equity > peak) peak = p.equity;
    maxDd = Math.max(maxDd, (peak - p.equity) / peak);
  }
  const end = curve.length ? curve[curve.length - 1]!.equity : startEquity;
  const rets = dailyReturns(curve);
  const mean = rets.reduce((a, b) => a + b, 0) / (rets.length || 1);
  const sd = Math.sqrt(rets.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, rets.length - 1));
  const downside = Math.sqrt(rets.reduce((a, b) => a + Math.min(0, b) ** 2, 0) / Math.max(1, rets.length));
  const span = curve.length > 1 ? curve[curve.length - 1]!.t - curve[0]!.t : 0;
  return {
    startEquity,
    endEquity: round(end, 2),
    returnPct: round(((end - startEquity) / startEquity) * 100, 4),
    maxDrawdownPct: round(maxDd * 100, 4),
    sharpe: rets.length > 1 && sd > 0 ? round((mean / sd) * Math.sqrt(365), 4) : null,
    sortino: rets.length > 1 && downside > 0 ? round((mean / downside) * Math.sqrt(365), 4) : null,
    exposurePct: span > 0 ? round((exposureMs(trades) / span) * 100, 4) : 0,
  };
}

/** Time with at least one position open (union of holding intervals). */
function exposureMs(trades: readonly TradeLike[]): number {
  const iv = trades.map((t) => [t.openedAt, t.closedAt] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [s, e] = [Number.NaN, Number.NaN];
  for (const [a, b] of iv) {
    if (Number.isNaN(s) || a > e) {
      if (!Number.isNaN(s)) total += e - s;
      [s, e] = [a, b];
    } else e = Math.max(e, b);
  }
  if (!Number.isNaN(s)) total += e - s;
  return total;
}

export function groupStats(
  trades: readonly TradeLike[],
  key: (t: TradeLike) => string,
): Record<string, TradeStats> {
  const groups = new Map<string, TradeLike[]>();
  for (const t of trades) {
    const k = key(t);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(t);
  }
  return Object.fromEntries(
    [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, tradeStats(v)]),
  );
}
