/**
 * Breakdowns of a path's trades by strategy, coin, bucket or month: each group's R figures over the
 * window it could trade in, and (live) its net PnL. Every trade falls in exactly one group, so a
 * table's trades, total R and net PnL add up to the path's overall row.
 */
import { rStats } from "./r-stats.ts";
import type { GroupRow, RunTrade, Window } from "./run-summary.ts";

export function groupBy(trades: readonly RunTrade[], key: (t: RunTrade) => string): Map<string, RunTrade[]> {
  const groups = new Map<string, RunTrade[]>();
  for (const t of trades) {
    const k = key(t);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [t]);
    else g.push(t);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** First entry to last exit. */
export function tradeSpan(trades: readonly RunTrade[]): Window | null {
  if (trades.length === 0) return null;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const t of trades) {
    if (t.openedAt < from) from = t.openedAt;
    if (t.closedAt > to) to = t.closedAt;
  }
  return { from, to };
}

/**
 * One row per group of `trades` (in close order; groups keep it). `dataWindowOf` gives the window a
 * group could trade in; `name` prefixes each group's bootstrap stream.
 */
export function breakdown(
  trades: readonly RunTrade[],
  key: (t: RunTrade) => string,
  dataWindowOf: (key: string) => Window | null,
  name: string,
): Record<string, GroupRow> {
  const out: Record<string, GroupRow> = {};
  for (const [k, group] of groupBy(trades, key)) {
    const dataWindow = dataWindowOf(k);
    out[k] = { ...rStats(group, dataWindow, `${name}:${k}`), window: tradeSpan(group), dataWindow };
  }
  return out;
}

/** The same rows with each group's net PnL (the live path's tables). */
export function withNetPnl(
  rows: Record<string, GroupRow>,
  trades: readonly RunTrade[],
  key: (t: RunTrade) => string,
): Record<string, GroupRow & { netPnl: number }> {
  const pnl = new Map<string, number>();
  for (const t of trades) pnl.set(key(t), (pnl.get(key(t)) ?? 0) + t.netPnl);
  return Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, { ...r, netPnl: pnl.get(k) ?? 0 }]));
}
