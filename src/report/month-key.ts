/** "YYYY-MM" (UTC) of a time, memoised per day: breakdowns key thousands of trades by month. */
import { DAY_MS } from "../core/clock.ts";

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
