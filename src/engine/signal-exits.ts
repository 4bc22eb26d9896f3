/**
 * Signal-driven exits (CLOSE), written once for backtest, shadow and live: after the tick's price
 * path was managed, every open position whose strategy's timeframe just closed a bar (after the
 * position opened) asks its strategy's CLOSE rule; the positions it closes go out at the current
 * tradable price through the book's flatten — the next bar's open with the model's exit friction in
 * a replay, a reduce-only IOC on the live path — with exit reason `signal`.
 */
import { intervalMs } from "../core/intervals.ts";
import type { MarketView, SignalSource, TradingBook } from "./ports.ts";
import type { Position } from "./position.ts";

/** Closes the positions of `book` whose strategy emitted CLOSE on one of this tick's closed bars. */
export function applySignalExits(signals: SignalSource, book: TradingBook, view: MarketView): number {
  const rule = signals.closeSignal;
  if (rule === undefined || book.open.length === 0 || view.closedBars.length === 0) return 0;
  const timeframeOf = signals.closeRuleTimeframe;
  let closing: Set<Position> | null = null;
  // Position by position (a rule's answer does not depend on the order it is asked in): only the
  // positions whose strategy has a CLOSE rule look at the bars, and only at bars of that timeframe.
  for (const p of book.open) {
    if (p.status !== "open") continue;
    const tf = timeframeOf === undefined ? null : timeframeOf.call(signals, p.strategy);
    if (tf === undefined) continue;
    for (const bar of view.closedBars) {
      if (bar.coin !== p.coin || (tf !== null && bar.interval !== tf)) continue;
      if (bar.candle.t + intervalMs(bar.interval) <= p.openedAt) continue;
      if (!rule.call(signals, bar, p, view.now)) continue;
      closing ??= new Set();
      closing.add(p);
      break;
    }
  }
  if (closing === null) return 0;
  const wanted = closing;
  book.flatten(view, "signal", (p) => wanted.has(p));
  return wanted.size;
}
