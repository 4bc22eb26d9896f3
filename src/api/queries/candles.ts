/**
 * Candles for the charts: one coin, one interval, a time range, at most `limit` bars. With no
 * interval asked for, the finest stored one whose bars over the range fit the limit is chosen, so a
 * two-year run shows daily or 4h bars and a trade's week its 15m ones.
 */
import type { Database, Statement } from "bun:sqlite";
import { INTERVALS, type Interval, intervalMs } from "../../core/intervals.ts";

/** [t, open, high, low, close, volume]: compact rows, the chart's own order. */
export type CandleTuple = [number, number, number, number, number, number];

export interface CandleRange {
  coin: string;
  interval: Interval;
  bars: CandleTuple[];
  /** Open time to ask from for the next bars when the range held more than the limit; else null. */
  next_from: number | null;
}

export class CandleQueries {
  private readonly range: Statement;
  private readonly latest: Statement;
  private readonly stored: Statement;

  constructor(db: Database) {
    this.range = db.prepare(
      "SELECT t, open, high, low, close, volume FROM candles WHERE coin = ?1 AND interval = ?2 AND t >= ?3 AND t < ?4 ORDER BY t LIMIT ?5",
    );
    this.latest = db.prepare(
      "SELECT * FROM (SELECT t, open, high, low, close, volume FROM candles WHERE coin = ?1 AND interval = ?2 AND t < ?3 ORDER BY t DESC LIMIT ?4) ORDER BY t",
    );
    this.stored = db.prepare("SELECT 1 FROM candles WHERE coin = ?1 AND interval = ?2 LIMIT 1");
  }

  /** Intervals stored for `coin`, finest first. */
  intervals(coin: string): Interval[] {
    return INTERVALS.filter((i) => this.stored.get(coin, i) !== null);
  }

  /** The finest stored interval whose bars over [from, to) number at most `limit`, else the coarsest. */
  pick(stored: readonly Interval[], from: number, to: number, limit: number): Interval | null {
    return stored.find((i) => (to - from) / intervalMs(i) <= limit) ?? stored.at(-1) ?? null;
  }

  /** Bars of [from, to) from the first; with `from` null, the newest `limit` bars before `to`. */
  get(coin: string, interval: Interval, from: number | null, to: number, limit: number): CandleRange {
    const rows = (
      from === null
        ? this.latest.all(coin, interval, to, limit)
        : this.range.all(coin, interval, from, to, limit + 1)
    ) as { t: number; open: number; high: number; low: number; close: number; volume: number }[];
    const more = from !== null && rows.length > limit;
    const bars = (more ? rows.slice(0, limit) : rows).map(
      (r): CandleTuple => [r.t, r.open, r.high, r.low, r.close, r.volume],
    );
    return { coin, interval, bars, next_from: more ? rows[limit]!.t : null };
  }
}
