/**
 * Summary measures of a parsed book that the impact model is fitted on: the half-spread in basis
 * points of mid, and the band depth — USD notional resting within `bandBps` of mid on one side.
 */
import { toNumber } from "./exact.ts";
import type { ParsedBook, TakerSide } from "./walk.ts";

export function halfSpreadBps(book: ParsedBook): number {
  const mid = toNumber(book.mid);
  return ((toNumber(book.asks[0]!.px) - toNumber(book.bids[0]!.px)) / 2 / mid) * 10_000;
}

export interface BandDepth {
  usd: number;
  /**
   * False when every recorded level lies inside the band: the book was recorded too shallow to see
   * the band's edge, and `usd` is a lower bound.
   */
  complete: boolean;
}

/** Notional a taker on `side` meets within `bandBps` of mid (asks for a buy, bids for a sell). */
export function bandDepth(book: ParsedBook, side: TakerSide, bandBps: number): BandDepth {
  const mid = toNumber(book.mid);
  const levels = side === "buy" ? book.asks : book.bids;
  let usd = 0;
  for (const l of levels) {
    const px = toNumber(l.px);
    if ((Math.abs(px - mid) / mid) * 10_000 > bandBps) return { usd, complete: true };
    usd += px * toNumber(l.sz);
  }
  return { usd, complete: false };
}
