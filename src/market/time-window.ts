/**
 * The sane window for a market-data timestamp. A time in seconds, microseconds or nanoseconds (or a
 * far-future typo such as 1e20) is a valid integer but not a time hlbot can trade on: imported, it
 * would stretch every later replay over centuries. Files are checked against this window at import
 * and the message names the unit the value most likely has.
 */
import { DAY_MS } from "../core/clock.ts";

/** No crypto perpetual traded before 2010; anything earlier is a unit mistake. */
export const EARLIEST_MARKET_MS = Date.UTC(2010, 0, 1);

export interface TimeWindow {
  /** Earliest accepted time, ms UTC (inclusive). */
  min: number;
  /** Latest accepted time, ms UTC (inclusive). */
  max: number;
}

/** The window at wall time `now`: from 2010 to one day ahead (a forming bar's open time is never later). */
export function marketTimeWindow(now: number): TimeWindow {
  return { min: EARLIEST_MARKET_MS, max: now + DAY_MS };
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Null when `t` lies in the window, else why not, with the unit `t` looks like it is in. */
export function outsideWindow(t: number, w: TimeWindow): string | null {
  if (t >= w.min && t <= w.max) return null;
  const range = `outside ${iso(w.min)} .. ${iso(w.max)}`;
  for (const [unit, scale] of [
    ["seconds", 1e-3],
    ["microseconds", 1e3],
    ["nanoseconds", 1e6],
  ] as const) {
    if (t >= w.min * scale && t <= w.max * scale)
      return `${range} (looks like ${unit}, expected milliseconds)`;
  }
  return `${range} (expected milliseconds since 1970-01-01 UTC)`;
}
