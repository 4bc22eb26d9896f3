/**
 * Closed candles from the websocket into the ledger (its inbox: src/daemon/live-candles.ts), so the recorder finds nothing left to fetch and
 * the feed reads one source of truth (the same rows a later backtest replays). Only a bar that
 * extends a series' stored history without a gap is kept: anything else is left to the recorder's
 * REST catch-up, which fetches from the last stored bar — a gap can never be papered over. The bars it
 * stored are also handed to the feed in memory (`takeStored`), sparing the tick a read per series.
 */
import { intervalMs, isInterval } from "../core/intervals.ts";
import type { Candle as WsCandle } from "../hyperliquid/schemas/market.ts";
import type { Candle } from "../ledger/repos/candles.ts";
import type { LiveCandles } from "./live-candles.ts";
import type { Series, SeriesSet } from "./series.ts";

export class CandleSink {
  /** series key → open time of the newest stored bar (a cache of the ledger; re-read on doubt). */
  readonly #last = new Map<string, number | null>();
  /** series key → bars stored since the last `takeStored`, oldest first; null when some row was already there. */
  #stored = new Map<string, Candle[] | null>();

  constructor(
    private readonly candles: LiveCandles,
    private readonly series: SeriesSet,
  ) {}

  /** Stores the closed bars of known series that continue the stored history; returns rows added. */
  ingest(closed: readonly WsCandle[], now: number): number {
    const bySeries = new Map<Series, WsCandle[]>();
    for (const c of closed) {
      if (!isInterval(c.i) || c.t + intervalMs(c.i) > now) continue; // never a bar still forming
      const s = this.series.get(c.s, c.i);
      if (!s) continue;
      const list = bySeries.get(s);
      if (list) list.push(c);
      else bySeries.set(s, [c]);
    }
    let added = 0;
    for (const [s, list] of bySeries) {
      list.sort((a, b) => a.t - b.t);
      let last = this.#lastStored(s, list[0]!.t - s.len, false);
      const rows: Candle[] = [];
      for (const c of list) {
        if (last === null) break; // empty series: the start-up top-up or the recorder bootstraps it
        if (c.t <= last) continue;
        if (c.t !== last + s.len) {
          last = this.#lastStored(s, c.t - s.len, true);
          if (last === null || c.t !== last + s.len) break;
        }
        rows.push({ t: c.t, open: +c.o, high: +c.h, low: +c.l, close: +c.c, volume: +c.v });
        last = c.t;
      }
      if (rows.length === 0) continue;
      const n = this.candles.addClosed(s.coin, s.interval, rows);
      added += n;
      this.#last.set(s.key, last);
      const kept = this.#stored.get(s.key);
      // Only rows written with these values are known; otherwise the ledger's copy is the truth.
      if (n !== rows.length || kept === null) this.#stored.set(s.key, null);
      else this.#stored.set(s.key, kept ? kept.concat(rows) : rows);
    }
    return added;
  }

  /** Bars stored per series since the previous call (null: read the ledger instead), and forgets them. */
  takeStored(): Map<string, Candle[] | null> {
    const out = this.#stored;
    this.#stored = new Map();
    return out;
  }

  /** The cached last stored open time, re-read from the ledger when it does not fit `expected`. */
  #lastStored(s: Series, expected: number, force: boolean): number | null {
    const cached = this.#last.get(s.key);
    if (!force && cached !== undefined && cached !== null && cached >= expected) return cached;
    const fresh = this.candles.lastTime(s.coin, s.interval);
    this.#last.set(s.key, fresh);
    return fresh;
  }
}
