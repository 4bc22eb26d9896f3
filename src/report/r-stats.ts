/**
 * The research figures of a set of closed trades, in R (net of fees, slippage and funding, each
 * trade over its own 1R): total, mean and median with bootstrap intervals, per day, R-Sharpe per
 * trade and per calendar day, drawdown of cumulative R, profit factor, win rate, trades per day,
 * concurrency and costs. These are the shadow path's figures, and the live path's R view beside its
 * account. Pure: the same trades and window give the same numbers.
 */
import { DAY_MS } from "../core/clock.ts";
import { bootstrapCi, medianOfSorted } from "./bootstrap-ci.ts";
import { exposure } from "./exposure.ts";
import type { RStats, RunTrade, Window } from "./run-summary.ts";

type RTrade = Pick<RunTrade, "openedAt" | "closedAt" | "r" | "riskUsd" | "fees" | "slippage" | "funding">;

/** Calendar days of a window (fractional). */
export function windowDays(w: Window | null): number {
  return w ? Math.max(0, w.to - w.from) / DAY_MS : 0;
}

/**
 * Mean and standard deviation of the daily R sums over the window's days (0 on days without a
 * close), from one pass over trades in close order: only days with a close are visited.
 */
export function dailyRMeanSd(
  trades: readonly RTrade[],
  w: Window,
): { mean: number; sd: number; days: number } {
  const first = Math.floor(w.from / DAY_MS);
  const days = Math.max(0, Math.floor((w.to - 1) / DAY_MS) - first + 1);
  let total = 0;
  let squares = 0;
  let day = Number.NaN;
  let sum = 0;
  for (const t of trades) {
    const d = Math.floor(t.closedAt / DAY_MS) - first;
    if (d < 0 || d >= days) continue;
    if (d !== day) {
      squares += sum * sum;
      sum = 0;
      day = d;
    }
    const r = t.r ?? 0;
    sum += r;
    total += r;
  }
  squares += sum * sum;
  const mean = days ? total / days : 0;
  const sd = days > 1 ? Math.sqrt(Math.max(0, (squares - days * mean * mean) / (days - 1))) : 0;
  return { mean, sd, days };
}

function meanSd(x: ArrayLike<number>): { mean: number; sd: number } {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  const mean = n ? s / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}

/**
 * R figures of `trades` (sorted by close time) over `window` (the days they could trade in).
 * `name` seeds the bootstrap, so each group gets its own deterministic stream.
 */
export function rStats(trades: readonly RTrade[], window: Window | null, name: string): RStats {
  const n = trades.length;
  const rs = new Float64Array(n);
  let total = 0;
  let wins = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let cum = 0;
  let peak = 0;
  let maxDd = 0;
  let feesR = 0;
  let slippageR = 0;
  let fundingR = 0;
  for (let i = 0; i < n; i++) {
    const t = trades[i]!;
    const r = t.r ?? 0;
    rs[i] = r;
    total += r;
    if (r > 0) {
      wins++;
      grossWin += r;
    } else grossLoss -= r;
    cum += r;
    if (cum > peak) peak = cum;
    if (peak - cum > maxDd) maxDd = peak - cum;
    if (t.riskUsd > 0) {
      feesR += t.fees / t.riskUsd;
      slippageR += t.slippage / t.riskUsd;
      fundingR += t.funding / t.riskUsd;
    }
  }
  const days = windowDays(window);
  const sorted = Float64Array.from(rs).sort();
  const ci = bootstrapCi(rs, sorted, name);
  const perTrade = meanSd(rs);
  const daily = window && n ? dailyRMeanSd(trades, window) : null;
  return {
    trades: n,
    days,
    totalR: total,
    meanR: n ? { value: perTrade.mean, ci95: ci?.mean ?? null } : null,
    medianR: n ? { value: medianOfSorted(sorted), ci95: ci?.median ?? null } : null,
    rPerDay: days > 0 ? total / days : null,
    rSharpePerTrade: n > 1 && perTrade.sd > 0 ? perTrade.mean / perTrade.sd : null,
    rSharpePerDay: daily && daily.days > 1 && daily.sd > 0 ? daily.mean / daily.sd : null,
    maxDrawdownR: maxDd,
    profitFactor: grossLoss > 0 ? grossWin / grossLoss : null,
    winRate: n ? wins / n : null,
    tradesPerDay: days > 0 ? n / days : null,
    exposure: exposure(trades, window),
    feesR,
    slippageR,
    fundingR,
  };
}

/** Cumulative R after each closed trade (`trades` in close order): the shadow path's curve. */
export function cumulativeR(
  trades: readonly Pick<RunTrade, "closedAt" | "r">[],
): { t: number; cumR: number }[] {
  const curve = new Array<{ t: number; cumR: number }>(trades.length);
  let cum = 0;
  for (let i = 0; i < trades.length; i++) {
    cum += trades[i]!.r ?? 0;
    curve[i] = { t: trades[i]!.closedAt, cumR: cum };
  }
  return curve;
}
