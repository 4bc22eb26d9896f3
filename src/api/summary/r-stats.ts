/**
 * The research figures of a set of trades in R (RStats of src/report/run-summary.ts), computed from
 * ledger rows: the daemon's view and runs that stored no run summary are figured here. Definitions
 * follow the contract: R is net R per trade (after fees, slippage and funding); days are calendar
 * days of the window; daily R sums count days without a close as 0; drawdown is on cumulative R of
 * closed trades in close order, from a peak that starts at 0; exposure counts positions open at any
 * time inside the window (still-open ones until its end).
 */
import { DAY_MS } from "../../core/clock.ts";
import type { Exposure, GroupRow, RStats, Window } from "../../report/run-summary.ts";
import { meanCi, medianCi, medianOfSorted } from "./bootstrap-ci.ts";

/** A closed trade as the figures need it. */
export interface RTrade {
  id: number;
  coin: string;
  strategy: string;
  bucket: string;
  openedAt: number;
  closedAt: number;
  /** Net R; trades without one (no 1R recorded) are left out of R figures. */
  r: number;
  netPnl: number;
  /** 1R in USDC at entry. */
  riskUsd: number;
  fees: number;
  slippage: number;
  funding: number;
  exitReason: string;
}

/** A position's life for exposure: closedAt null while it is still open. */
export interface Holding {
  openedAt: number;
  closedAt: number | null;
}

const sd = (x: readonly number[], mean: number) =>
  x.length < 2 ? 0 : Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1));

export function exposure(holdings: readonly Holding[], w: Window): Exposure {
  const span = w.to - w.from;
  if (span <= 0) return { avgConcurrent: 0, maxConcurrent: 0, timeInMarketPct: 0 };
  const edges: [number, number][] = [];
  for (const h of holdings) {
    const a = Math.max(w.from, h.openedAt);
    const b = Math.min(w.to, h.closedAt ?? w.to);
    if (b <= a) continue;
    edges.push([a, 1], [b, -1]);
  }
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let open = 0;
  let max = 0;
  let weighted = 0;
  let inMarket = 0;
  let last = w.from;
  for (const [t, d] of edges) {
    weighted += open * (t - last);
    if (open > 0) inMarket += t - last;
    open += d;
    max = Math.max(max, open);
    last = t;
  }
  return { avgConcurrent: weighted / span, maxConcurrent: max, timeInMarketPct: (inMarket / span) * 100 };
}

/** RStats of `trades` (any order) over window `w`; `holdings` default to the trades themselves. */
export function rStats(trades: readonly RTrade[], w: Window, holdings: readonly Holding[] = trades): RStats {
  const days = Math.max(0, (w.to - w.from) / DAY_MS);
  const byClose = [...trades].sort((a, b) => a.closedAt - b.closedAt || a.id - b.id);
  const r = byClose.map((t) => t.r);
  const n = r.length;
  let total = 0;
  let peak = 0;
  let maxDd = 0;
  let wins = 0;
  let won = 0;
  let lost = 0;
  let feesR = 0;
  let slippageR = 0;
  let fundingR = 0;
  const daily = new Map<number, number>();
  for (const t of byClose) {
    total += t.r;
    peak = Math.max(peak, total);
    maxDd = Math.max(maxDd, peak - total);
    if (t.r > 0) {
      wins++;
      won += t.r;
    } else lost -= t.r;
    if (t.riskUsd > 0) {
      feesR += t.fees / t.riskUsd;
      slippageR += t.slippage / t.riskUsd;
      fundingR += t.funding / t.riskUsd;
    }
    const day = Math.floor(t.closedAt / DAY_MS);
    daily.set(day, (daily.get(day) ?? 0) + t.r);
  }
  const mean = n ? total / n : 0;
  const sorted = Float64Array.from(r).sort();
  const sdTrade = sd(r, mean);
  const dayCount = Math.max(1, Math.ceil(days));
  const dailySums = [...daily.values()];
  while (dailySums.length < dayCount) dailySums.push(0);
  const dayMean = total / dailySums.length;
  const sdDay = sd(dailySums, dayMean);
  return {
    trades: n,
    days,
    totalR: total,
    meanR: n ? { value: mean, ci95: meanCi(r) } : null,
    medianR: n ? { value: medianOfSorted(sorted), ci95: medianCi(sorted) } : null,
    rPerDay: days > 0 ? total / days : null,
    rSharpePerTrade: n >= 2 && sdTrade > 0 ? mean / sdTrade : null,
    rSharpePerDay: n > 0 && dailySums.length >= 2 && sdDay > 0 ? dayMean / sdDay : null,
    maxDrawdownR: maxDd,
    profitFactor: lost > 0 ? won / lost : null,
    winRate: n ? wins / n : null,
    tradesPerDay: days > 0 ? n / days : null,
    exposure: exposure(holdings, w),
    feesR,
    slippageR,
    fundingR,
  };
}

/**
 * One row per group key (strategy, coin, bucket, month), each with the window its trades cover;
 * `w` is the window the figures are over (per key for months: the month inside the run's window).
 */
export function groupRows(
  trades: readonly RTrade[],
  key: (t: RTrade) => string,
  w: Window | ((key: string) => Window),
): Record<string, GroupRow> {
  const groups = new Map<string, RTrade[]>();
  for (const t of trades) {
    const k = key(t);
    const list = groups.get(k);
    if (list) list.push(t);
    else groups.set(k, [t]);
  }
  const out: Record<string, GroupRow> = {};
  for (const k of [...groups.keys()].sort()) {
    const list = groups.get(k)!;
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (const t of list) {
      from = Math.min(from, t.openedAt);
      to = Math.max(to, t.closedAt);
    }
    out[k] = { ...rStats(list, typeof w === "function" ? w(k) : w), window: { from, to } };
  }
  return out;
}

/** YYYY-MM (UTC) of a time. */
export const monthOf = (t: number) => new Date(t).toISOString().slice(0, 7);

/** The part of `w` inside calendar month `month` (YYYY-MM, UTC). */
export function monthWindow(month: string, w: Window): Window {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return { from: Math.max(w.from, Date.UTC(y, m - 1, 1)), to: Math.min(w.to, Date.UTC(y, m, 1)) };
}

/** Cumulative R after each closed trade, in close order. */
export function cumulativeR(trades: readonly RTrade[]): { t: number; cumR: number }[] {
  const byClose = [...trades].sort((a, b) => a.closedAt - b.closedAt || a.id - b.id);
  let sum = 0;
  return byClose.map((t) => {
    sum += t.r;
    return { t: t.closedAt, cumR: sum };
  });
}
