/**
 * The funding rate a bar may see: the latest funding EVENT at or before the bar's close time (no
 * lookahead — Hyperliquid publishes the hourly event a few ms to a few hundred ms after the hour, so
 * a 1h bar closing at 10:00:00.000 sees the 09:00 event, not the 10:00 one). A forward-only cursor
 * over events sorted by event time, for replays; live feeds pass the rate they hold.
 */
export interface FundingEventLike {
  /** Publication time of the event, ms UTC. */
  eventT: number;
  /** Rate per hour, fraction. */
  rate: number;
}

export class FundingCursor {
  private next = 0;
  private current: number | null = null;
  private lastAsk = Number.NEGATIVE_INFINITY;

  constructor(private readonly events: readonly FundingEventLike[]) {}

  /** Hourly rate in force at `closeT` (null before the first event). Forward calls are O(1) amortized; an earlier `closeT` rewinds. */
  at(closeT: number): number | null {
    if (closeT < this.lastAsk) {
      this.next = 0;
      this.current = null;
    }
    this.lastAsk = closeT;
    const ev = this.events;
    while (this.next < ev.length && ev[this.next]!.eventT <= closeT) {
      this.current = ev[this.next]!.rate;
      this.next++;
    }
    return this.current;
  }
}
