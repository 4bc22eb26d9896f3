/**
 * Cancel-if-signal-gone for resting maker entries, the same on every path: on each closed bar of a
 * resting entry's timeframe (after its signal bar), its strategy is evaluated again under the path's
 * threshold set; when it no longer emits the entry's side, the order is cancelled — a simulated one
 * leaves the book, a live one is cancelled on Hyperliquid after the tick.
 */
import { intervalMs } from "../core/intervals.ts";
import type { Candidate } from "../core/signal.ts";
import type { MarketView, SignalSource, TradingBook } from "./ports.ts";

export function cancelGoneEntries(signals: SignalSource, book: TradingBook, view: MarketView): number {
  const resting = book.restingEntries;
  if (!resting?.length || !book.cancelEntries || !signals.signalHolds || view.closedBars.length === 0)
    return 0;
  let gone: Set<Candidate> | null = null;
  for (const c of resting) {
    const closed = view.closedBars.some(
      (b) =>
        b.coin === c.coin && b.interval === c.timeframe && b.candle.t + intervalMs(b.interval) > c.decidedAt,
    );
    if (!closed || signals.signalHolds(c, book.mode, view.now)) continue;
    gone ??= new Set();
    gone.add(c);
  }
  if (gone === null) return 0;
  const cancel = gone;
  book.cancelEntries((c) => cancel.has(c));
  return cancel.size;
}
