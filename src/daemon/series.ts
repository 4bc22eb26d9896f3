/**
 * The candle series the daemon keeps: every coin the engine needs (traded coins plus the regime's
 * reference coin) × every interval it reads (signals, regime, management), in the order the replay
 * feed hands bars to the engine — by close time, then interval length, then coin — so a live tick
 * and a backtest tick present the same bars in the same order.
 */
import type { Config } from "../config/schema.ts";
import { type Interval, intervalMs } from "../core/intervals.ts";
import type { ClosedBar } from "../engine/ports.ts";
import { coinsToLoad, signalIntervals } from "../engine/signal-source.ts";

export interface Series {
  coin: string;
  interval: Interval;
  /** Interval length, ms. */
  len: number;
  /** `coin|interval`, the key of cursors and caches. */
  key: string;
  /** Position in replay order (interval length, then coin). */
  rank: number;
}

export function seriesKey(coin: string, interval: string): string {
  return `${coin}|${interval}`;
}

export class SeriesSet {
  readonly list: readonly Series[];
  readonly coins: readonly string[];
  readonly intervals: readonly Interval[];
  readonly #byKey = new Map<string, Series>();

  constructor(coins: readonly string[], intervals: readonly Interval[]) {
    this.coins = [...coins];
    this.intervals = [...intervals].sort((a, b) => intervalMs(a) - intervalMs(b));
    const list: Series[] = [];
    for (const interval of this.intervals) {
      for (const coin of this.coins) {
        const s = {
          coin,
          interval,
          len: intervalMs(interval),
          key: seriesKey(coin, interval),
          rank: list.length,
        };
        list.push(s);
        this.#byKey.set(s.key, s);
      }
    }
    this.list = list;
  }

  /** The series the engine needs under `config`. */
  static fromConfig(config: Config): SeriesSet {
    return new SeriesSet(coinsToLoad(config, config.engine.coins), signalIntervals(config, null));
  }

  get(coin: string, interval: string): Series | undefined {
    return this.#byKey.get(seriesKey(coin, interval));
  }

  /** Sorts bars into replay order: close time, then interval length, then coin, then open time. */
  sortBars(bars: ClosedBar[]): ClosedBar[] {
    const rank = (b: ClosedBar) => this.get(b.coin, b.interval)?.rank ?? Number.MAX_SAFE_INTEGER;
    return bars.sort(
      (a, b) =>
        a.candle.t + intervalMs(a.interval) - (b.candle.t + intervalMs(b.interval)) ||
        rank(a) - rank(b) ||
        a.candle.t - b.candle.t,
    );
  }
}

/** Open time of the newest bar of length `len` closed by `now`. */
export function lastClosedOpen(now: number, len: number): number {
  return Math.floor(now / len) * len - len;
}
