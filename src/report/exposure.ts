/**
 * How many positions a set of trades held at once over a window: the time-weighted mean, the
 * maximum, and the share of the window with at least one open — the concurrency behind a sum of R
 * (20 trades open together are one bet on one move, not 20 bets).
 */
import type { Exposure, Window } from "./run-summary.ts";

/** `trades` in close order (as the summary keeps them): exits are then already sorted. */
export function exposure(
  trades: readonly { openedAt: number; closedAt: number }[],
  window: Window | null,
): Exposure {
  const span = window ? window.to - window.from : 0;
  if (!window || span <= 0 || trades.length === 0)
    return { avgConcurrent: 0, maxConcurrent: 0, timeInMarketPct: 0 };
  // Entries sorted, exits in the given (close) order; merged, an exit goes before an entry at the
  // same time (a position closed as the next opens is not two at once).
  const opens = new Float64Array(trades.length);
  const closes = new Float64Array(trades.length);
  let k = 0;
  for (const t of trades) {
    const a = Math.max(window.from, t.openedAt);
    const b = Math.min(window.to, t.closedAt);
    if (b <= a) continue;
    opens[k] = a;
    closes[k++] = b;
  }
  const entries = opens.subarray(0, k).sort();
  let open = 0;
  let max = 0;
  let weighted = 0;
  let inMarket = 0;
  let last = window.from;
  let i = 0;
  let j = 0;
  while (i < k || j < k) {
    const isExit = j < k && (i >= k || closes[j]! <= entries[i]!);
    const t = isExit ? closes[j++]! : entries[i++]!;
    weighted += open * (t - last);
    if (open > 0) inMarket += t - last;
    last = t;
    open += isExit ? -1 : 1;
    if (open > max) max = open;
  }
  return { avgConcurrent: weighted / span, maxConcurrent: max, timeInMarketPct: (inMarket / span) * 100 };
}
