/**
 * Maker entries in a replay: a post-only limit placed at the tick's price ∓ offset, that fills only
 * when a LATER bar trades strictly through it by more than the queue haircut (orders queued ahead at
 * the same price fill first, so a bar that only touches the limit, or pierces it by less than the
 * haircut, is assumed not to reach ours). A fill is at the limit price — a resting order never
 * fills worse, even when a bar opens beyond it — with the maker fee and no slippage.
 *
 * After the fill only part of the bar is known to follow it: for a long, the fill happened on the
 * way down to the bar's low, so the low (and the close) came after it, while the high may have come
 * before. The position is walked through the post-fill segment {open: limit, low: bar low, high:
 * max(limit, close), close} (short mirrored): a stop inside the fill bar is hit, a target only when
 * the close is beyond it.
 */
import type { Side } from "../core/bucket.ts";
import type { Segment } from "../engine/position-rules.ts";

/** The limit price of a maker entry placed when the tradable price is `px`. */
export function makerLimit(side: Side, px: number, offsetBps: number): number {
  const off = offsetBps / 10_000;
  return side === "long" ? px * (1 - off) : px * (1 + off);
}

/** True when `seg` trades strictly through `limit` by more than `haircutBps` (a buy limit: low below it). */
export function tradesThrough(side: Side, limit: number, seg: Segment, haircutBps: number): boolean {
  const h = haircutBps / 10_000;
  return side === "long" ? seg.low < limit * (1 - h) : seg.high > limit * (1 + h);
}

/** The part of `seg` known to follow a fill at `limit` (see the header). */
export function postFillSegment(side: Side, limit: number, seg: Segment): Segment {
  return side === "long"
    ? { open: limit, high: Math.max(limit, seg.close), low: seg.low, close: seg.close, end: seg.end }
    : { open: limit, high: seg.high, low: Math.min(limit, seg.close), close: seg.close, end: seg.end };
}
