/**
 * Candle intervals hlbot knows, with their length. Candle time is the bar's OPEN time; a bar is
 * closed (usable by a decision) once `open + length <= now`.
 */
export const INTERVALS = ["1m", "5m", "15m", "1h", "4h", "1d"] as const;
export type Interval = (typeof INTERVALS)[number];

const LENGTH_MS: Record<Interval, number> = {
  "1m": 60_000,
  "5m": 300_000,
  "15m": 900_000,
  "1h": 3_600_000,
  "4h": 14_400_000,
  "1d": 86_400_000,
};

export function intervalMs(interval: Interval): number {
  return LENGTH_MS[interval];
}

export function isInterval(s: string): s is Interval {
  return (INTERVALS as readonly string[]).includes(s);
}

/** True when the bar that opened at `openTime` has closed by `now`. */
export function isClosed(openTime: number, interval: Interval, now: number): boolean {
  return openTime + LENGTH_MS[interval] <= now;
}
