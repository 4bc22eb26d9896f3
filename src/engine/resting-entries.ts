/**
 * Cancel-if-signal-gone for resting maker entries, the same on every path: on each closed bar of a
 * resting entry's timeframe (after its signal bar), its strategy is evaluated again under the path's
 * threshold set; when it no longer emits the entry's side, the order is cancelled — a simulated one
 * leaves the book, a live one is cancelled on Hyperliquid after the tick. Resting entries are new
 * entries: whatever refuses new entries on a path (its pause; on live the kill switch, the daily
 * halt, a coin's cooldown, a prediction-market crisis) cancels them too.
 */
import { intervalMs } from "../core/intervals.ts";
import type { Candidate } from "../core/signal.ts";
import { type HaltState, haltReasons } from "../risk/halts.ts";
import { PREDICTION_CRISIS } from "../risk/regime-risk.ts";
import { PAUSED } from "./live-gate.ts";
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
  book.cancelEntries((c) => cancel.has(c), "signal_gone");
  return cancel.size;
}

/** Cancels the resting entries of `book` that a new entry would now be refused for; returns how many. */
export function cancelBlockedEntries(
  book: TradingBook,
  view: MarketView,
  blocked: { paused: boolean; halts: HaltState | null; crisis: boolean },
): number {
  const resting = book.restingEntries;
  if (!resting?.length || !book.cancelEntries) return 0;
  const reason = (c: Candidate): string | null => {
    if (blocked.paused) return PAUSED;
    if (blocked.crisis) return PREDICTION_CRISIS;
    return blocked.halts ? (haltReasons(blocked.halts, c.coin, view.now)[0] ?? null) : null;
  };
  let n = 0;
  for (const c of resting) {
    const why = reason(c);
    if (why === null) continue;
    book.cancelEntries((x) => x === c, why);
    n++;
  }
  return n;
}
