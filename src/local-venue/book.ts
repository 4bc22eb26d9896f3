/**
 * The fake's L2 book per coin: the REAL snapshot while the clock is inside the archived BTC hour,
 * otherwise a synthetic 20×20 book around the replayed mark (spread and depth from the coin's
 * profile, level sizes from a seeded RNG so a book is reproducible for a given second). Liquidity
 * taken by fills stays taken until the clock moves, so a second IOC sees the thinner book.
 */
import type { BookLevel } from "./data.ts";
import type { Market } from "./market.ts";
import { seededRng } from "./rng.ts";
import { roundPx, roundSz, tickSize } from "./wire.ts";

export const BOOK_DEPTH = 20;

export interface Book {
  coin: string;
  time: number;
  bids: BookLevel[];
  asks: BookLevel[];
}

export type BookSide = "bids" | "asks";

export class Books {
  /** Liquidity taken at each price since the clock last moved, per coin. */
  private readonly taken = new Map<string, { time: number; used: Map<string, number> }>();

  constructor(
    private readonly market: Market,
    private readonly seed: number,
  ) {}

  /** Book at `now` around `center` (default: the mark), with taken liquidity removed. */
  get(coin: string, now: number, center?: number): Book | null {
    const book = this.raw(coin, now, center);
    if (!book) return null;
    const taken = this.taken.get(coin);
    if (!taken || taken.time !== now) return book;
    const apply = (levels: BookLevel[], side: BookSide) =>
      levels
        .map((l) => ({ ...l, sz: l.sz - (taken.used.get(`${side}:${l.px}`) ?? 0) }))
        .filter((l) => l.sz > 1e-12);
    return { ...book, bids: apply(book.bids, "bids"), asks: apply(book.asks, "asks") };
  }

  take(coin: string, now: number, side: BookSide, px: number, sz: number): void {
    let taken = this.taken.get(coin);
    if (!taken || taken.time !== now) {
      taken = { time: now, used: new Map() };
      this.taken.set(coin, taken);
    }
    const key = `${side}:${px}`;
    taken.used.set(key, (taken.used.get(key) ?? 0) + sz);
  }

  private raw(coin: string, now: number, center?: number): Book | null {
    if (center === undefined) {
      const real = this.market.realL2(coin, now);
      if (real) return { coin, time: real.time, bids: real.bids, asks: real.asks };
    }
    const asset = this.market.asset(coin);
    const mid = center ?? this.market.mark(coin, now);
    if (!asset || asset.isDelisted || mid === null) return null;
    const rng = seededRng(this.seed, coin, Math.floor(now / 1000));
    const tick = tickSize(mid, asset.szDecimals);
    const spread = Math.max(tick, (mid * asset.spreadBps) / 10_000);
    const bestBid = roundPx(mid - spread / 2, tick, "down");
    const bestAsk = Math.max(roundPx(bestBid + tick, tick), roundPx(mid + spread / 2, tick, "up"));
    const step = Math.max(1, Math.round((mid * 0.2e-4) / tick));
    const lot = 10 ** -asset.szDecimals;
    const side = (best: number, dir: 1 | -1): BookLevel[] => {
      const levels: BookLevel[] = [];
      let px = best;
      for (let i = 0; i < BOOK_DEPTH && px > 0; i++) {
        const usd = asset.levelUsd * (0.3 + 1.4 * rng()) * (1 + i / 8);
        levels.push({
          px: roundPx(px, tick),
          sz: Math.max(lot, roundSz(usd / px, asset.szDecimals)),
          n: 1 + Math.floor(rng() * 6 + i / 4),
        });
        px += dir * tick * step * (1 + Math.floor(rng() * 2));
      }
      return levels;
    };
    return { coin, time: now, bids: side(bestBid, -1), asks: side(bestAsk, 1) };
  }
}
