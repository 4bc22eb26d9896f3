/**
 * What the data covers: per coin × interval the first and last bar inside the run's window, the
 * gaps on the interval grid and when the series' features were warm; from those the run's data
 * window and the window each strategy (its timeframe) and each coin could trade in. A header that
 * says "2023-05-08 → 2025-07-27" must not hide that the 15m data starts in 2025-02.
 */
import { type Interval, intervalMs } from "../core/intervals.ts";
import type { SeriesCoverage, Window } from "./run-summary.ts";

/**
 * Coverage of one series with open times `t` (ascending, history before the window included) inside
 * `window`: bars with from ≤ open and close ≤ to. Null when no bar falls inside.
 */
export function seriesCoverage(
  coin: string,
  interval: Interval,
  t: ArrayLike<number>,
  window: Window,
  warmupBars: number,
): SeriesCoverage | null {
  const step = intervalMs(interval);
  let lo = 0;
  while (lo < t.length && t[lo]! < window.from) lo++;
  let hi = lo;
  const gaps: SeriesCoverage["gaps"] = [];
  for (; hi < t.length && t[hi]! + step <= window.to; hi++) {
    if (hi > lo && t[hi]! - t[hi - 1]! > step) {
      const missing = Math.round((t[hi]! - t[hi - 1]!) / step) - 1;
      gaps.push({ from: t[hi - 1]! + step, to: t[hi]! - step, bars: missing });
    }
  }
  if (hi === lo) return null;
  // Features are warm once `warmupBars` bars have closed (history before the window counts).
  const warmIndex = warmupBars - 1;
  const warm = warmIndex < t.length ? t[Math.max(0, warmIndex)]! + step : null;
  const warmFrom = warm === null || warm > window.to ? null : Math.max(window.from, warm);
  return { coin, interval, first: t[lo]!, last: t[hi - 1]!, bars: hi - lo, gaps, warmFrom };
}

const closeOf = (c: SeriesCoverage) => c.last + intervalMs(c.interval as Interval);

/** From the first bar to the last bar's close over `series`, inside `window`; null when empty. */
export function spanOf(series: readonly SeriesCoverage[], window: Window): Window | null {
  if (series.length === 0) return null;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const c of series) {
    from = Math.min(from, c.first);
    to = Math.max(to, closeOf(c));
  }
  return { from: Math.max(window.from, from), to: Math.min(window.to, to) };
}

/** Where `series` could trade: from the earliest warm series to the latest close; null if none warmed. */
export function tradableSpan(series: readonly SeriesCoverage[], window: Window): Window | null {
  const warm = series.filter((c) => c.warmFrom !== null);
  if (warm.length === 0) return null;
  const from = Math.min(...warm.map((c) => c.warmFrom!));
  const to = Math.min(window.to, Math.max(...warm.map(closeOf)));
  return to > from ? { from, to } : null;
}

const DAY = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * A warning when the rows of one table cover windows that differ by a day or more (their totals
 * are then not comparable); null when they agree.
 */
export function windowsWarning(
  table: string,
  rows: Record<string, { dataWindow: Window | null }>,
): string | null {
  const entries = Object.entries(rows).filter(([, r]) => r.dataWindow !== null);
  if (entries.length < 2) return null;
  const froms = entries.map(([, r]) => r.dataWindow!.from);
  const tos = entries.map(([, r]) => r.dataWindow!.to);
  if (Math.max(...froms) - Math.min(...froms) < DAY && Math.max(...tos) - Math.min(...tos) < DAY) return null;
  const groups = new Map<string, string[]>();
  for (const [k, r] of entries) {
    const w = `${day(r.dataWindow!.from)} → ${day(r.dataWindow!.to)}`;
    groups.set(w, [...(groups.get(w) ?? []), k]);
  }
  const named = (w: string, ks: string[]) =>
    `${ks.length > 3 ? `${ks.slice(0, 3).join(", ")} +${ks.length - 3}` : ks.join(", ")} ${w}`;
  const sorted = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  const list =
    sorted.length <= 4
      ? sorted.map(([w, ks]) => named(w, ks)).join("; ")
      : `${sorted.length} different windows, from ${named(...sorted[0]!)} to ${named(...sorted.at(-1)!)}`;
  return `${table} rows cover different windows (${list}): compare R per day, not total R`;
}
