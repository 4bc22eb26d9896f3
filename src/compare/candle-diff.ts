/**
 * The market-data differences between two ledgers: for each coin × interval a run read, the bars
 * present in one ledger only (a missing bar) and the bars whose OHLCV differ, in time order. Compare
 * attributes a differing decision or trade to the earliest such bar that had closed by then.
 */
import type { Database } from "bun:sqlite";
import { type Interval, intervalMs } from "../core/intervals.ts";
import { CandlesRepo } from "../ledger/repos/candles.ts";

export interface BarDifference {
  coin: string;
  interval: Interval;
  /** Open time of the bar. */
  t: number;
  kind: "missing_bar" | "candle";
  /** e.g. "missing in B", or "close 101.5 → 101.7". */
  detail: string;
}

const FIELDS = ["open", "high", "low", "close", "volume"] as const;

export function candleDifferences(
  a: Database,
  b: Database,
  coins: readonly string[],
  intervals: readonly Interval[],
  from: number,
  to: number,
): BarDifference[] {
  const out: BarDifference[] = [];
  const ra = new CandlesRepo(a);
  const rb = new CandlesRepo(b);
  for (const coin of coins) {
    for (const interval of intervals) {
      const ca = ra.columns(coin, interval, from, to);
      const cb = rb.columns(coin, interval, from, to);
      let i = 0;
      let j = 0;
      while (i < ca.t.length || j < cb.t.length) {
        const ta = i < ca.t.length ? ca.t[i]! : Number.POSITIVE_INFINITY;
        const tb = j < cb.t.length ? cb.t[j]! : Number.POSITIVE_INFINITY;
        if (ta < tb) {
          out.push({ coin, interval, t: ta, kind: "missing_bar", detail: "missing in B" });
          i++;
        } else if (tb < ta) {
          out.push({ coin, interval, t: tb, kind: "missing_bar", detail: "missing in A" });
          j++;
        } else {
          const changed = FIELDS.filter((k) => ca[k][i] !== cb[k][j]).map(
            (k) => `${k} ${ca[k][i]} → ${cb[k][j]}`,
          );
          if (changed.length) out.push({ coin, interval, t: ta, kind: "candle", detail: changed.join(", ") });
          i++;
          j++;
        }
      }
    }
  }
  return out.sort(
    (x, y) => x.t - y.t || x.coin.localeCompare(y.coin) || x.interval.localeCompare(y.interval),
  );
}

/** The earliest difference on one of `coins` (null: any coin) whose bar had closed by `t`. */
export function firstDifferenceBefore(
  diffs: readonly BarDifference[],
  coins: ReadonlySet<string> | null,
  t: number,
): BarDifference | null {
  for (const d of diffs) {
    if (d.t >= t) break;
    if ((coins === null || coins.has(d.coin)) && d.t + intervalMs(d.interval) <= t) return d;
  }
  return null;
}
