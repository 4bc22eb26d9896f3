/** "YYYY-MM" (UTC) of a time, memoised per day (breakdowns key thousands of trades by month), and a month's window. */
import { DAY_MS } from "../core/clock.ts";
import type { Window } from "./run-summary.ts";

const byDay = new Map<number, string>();

export function monthKey(t: number): string {
  const day = Math.floor(t / DAY_MS);
  let key = byDay.get(day);
  if (key === undefined) {
    key = new Date(day * DAY_MS).toISOString().slice(0, 7);
    if (byDay.size > 100_000) byDay.clear();
    byDay.set(day, key);
  }
  return key;
}

/** The part of `within` inside calendar month `key` (YYYY-MM, UTC); null when they do not meet. */
export function monthWindow(key: string, within: Window): Window | null {
  const start = Date.parse(`${key}-01T00:00:00Z`);
  const d = new Date(start);
  const w = {
    from: Math.max(start, within.from),
    to: Math.min(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1), within.to),
  };
  return w.to > w.from ? w : null;
}
