/**
 * The market state the impact model conditions on, from bars CLOSED by t only: realized volatility
 * (sample standard deviation of close-to-close log returns, per √hour) and traded notional (volume ×
 * close, per hour) over the trailing `windowBars` bars. Normalising per hour makes states from
 * different bar intervals comparable.
 */
import { HOUR_MS } from "../../core/clock.ts";
import type { CandleColumns } from "../../ledger/repos/candles.ts";
import { lastAtOrBefore } from "./at-or-before.ts";

export interface MarketState {
  /** Open time of the last bar used (the state is known from its close on). */
  barT: number;
  /** Realized volatility of log returns, per √hour. */
  volPerSqrtHour: number;
  /** Mean traded notional per hour, USD. */
  notionalPerHour: number;
  /** Returns the volatility is computed from. */
  returns: number;
}

/**
 * The state at t from `cols` (bars of length `barMs`, ascending open times). Null when fewer than
 * half the window's returns (and at least 2) are available from consecutive bars, or volume is 0.
 */
export function marketStateAt(
  cols: CandleColumns,
  barMs: number,
  t: number,
  windowBars: number,
): MarketState | null {
  const last = lastAtOrBefore(cols.t, t - barMs);
  if (last < 0) return null;
  const first = Math.max(0, last - windowBars + 1);
  let sum = 0;
  let sum2 = 0;
  let n = 0;
  let notional = 0;
  for (let i = first; i <= last; i++) {
    notional += cols.volume[i]! * cols.close[i]!;
    if (i === 0 || cols.t[i]! - cols.t[i - 1]! !== barMs) continue;
    const r = Math.log(cols.close[i]! / cols.close[i - 1]!);
    sum += r;
    sum2 += r * r;
    n++;
  }
  if (n < Math.max(2, Math.ceil(windowBars / 2)) || !(notional > 0)) return null;
  const variance = Math.max(0, (sum2 - (sum * sum) / n) / (n - 1));
  const perHour = HOUR_MS / barMs;
  return {
    barT: cols.t[last]!,
    volPerSqrtHour: Math.sqrt(variance * perHour),
    notionalPerHour: (notional / (last - first + 1)) * perHour,
    returns: n,
  };
}
