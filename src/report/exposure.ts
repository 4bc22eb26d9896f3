/**
 * How many positions a set of trades held at once over a window: the time-weighted mean, the
 * maximum, and the share of the window with at least one open — the concurrency behind a sum of R
 * (20 trades open together are one bet on one move, not 20 bets).
 */
import type { Exposure, Window } from "./run-summary.ts";

export function exposure(
  trades: readonly { openedAt: number; closedAt: number }[],
  window: Window | null,
): Exposure {
  const span = window ? window.to - window.from : 0;
  if (!window || span <= 0 || trades.length === 0)
    return { avgConcurrent: 0, maxConcurrent: 0, timeInMarketPct: 0 };
  // Each (clipped) entry and exit as one sortable number: time × 2, +1 for an entry, so an exit
  // sorts before an entry at the same time.
  const marks = new Float64Array(trades.length * 2);
  let k = 0;
  for (const t of trades) {
    const a = Math.max(window.from, t.openedAt);
    const b = Math.min(window.to, t.closedAt);
    if (b <= a) continue;
    marks[k++] = a * 2 + 1;
    marks[k++] = b * 2;
  }
  const sorted = marks.subarray(0, k).sort();
  let open = 0;
  let max = 0;
  let weighted = 0;
  let inMarket = 0;
  let last = window.from;
  for (let i = 0; i < k; i++) {
    const m = sorted[i]!;
    const t = Math.floor(m / 2);
    weighted += open * (t - last);
    if (open > 0) inMarket += t - last;
    last = t;
    open += m - t * 2 === 1 ? 1 : -1;
    if (open > max) max = open;
  }
  return { avgConcurrent: weighted / span, maxConcurrent: max, timeInMarketPct: (inMarket / span) * 100 };
}
