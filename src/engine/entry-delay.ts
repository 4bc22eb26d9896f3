/**
 * Delayed entries (entries.delay_bars), the same for backtest, shadow and live: a candidate found on a
 * signal bar is held and handed back to the engine on the first tick at or after its signal bar's
 * close + N bars of its timeframe — then it goes through dedup, the gate, sizing and execution as if
 * it had just been found, at that tick's tradable price (the open of the bar starting then in a
 * replay). With cancel_if_signal_gone a due candidate whose strategy no longer emits the same side on
 * the latest closed bar of its timeframe is dropped (recorded as refused, reason `signal_gone`).
 * Held candidates live in memory: a daemon restart drops them (their signal bar is then N bars old).
 */
import { intervalMs } from "../core/intervals.ts";
import type { Candidate } from "../core/signal.ts";
import type { SignalSource } from "./ports.ts";
import type { Mode } from "./position.ts";

export const SIGNAL_GONE = "signal_gone";

export interface DueCandidates {
  /** Due now and still wanted, in the order they were found. */
  due: Candidate[];
  /** Due now but their signal is gone (cancel_if_signal_gone). */
  gone: Candidate[];
}

export class EntryDelay {
  private readonly held: { c: Candidate; dueAt: number }[] = [];
  private readonly out: DueCandidates = { due: [], gone: [] };

  constructor(
    readonly delayBars: number,
    readonly cancelIfGone: boolean,
    private readonly set: Mode,
  ) {}

  get size(): number {
    return this.held.length;
  }

  /** Holds this tick's candidates (the scan's objects are fresh per signal, so they may be kept). */
  hold(found: readonly Candidate[]): void {
    for (const c of found)
      this.held.push({ c, dueAt: c.decidedAt + this.delayBars * intervalMs(c.timeframe) });
  }

  /** The held candidates due at `now`, split by whether their signal still holds; valid until the next call. */
  take(now: number, signals: SignalSource): DueCandidates {
    const out = this.out;
    out.due = [];
    out.gone = [];
    let kept = 0;
    for (const h of this.held) {
      if (h.dueAt > now) {
        this.held[kept++] = h;
        continue;
      }
      const holds = !this.cancelIfGone || (signals.signalHolds?.(h.c, this.set, now) ?? true);
      (holds ? out.due : out.gone).push(h.c);
    }
    this.held.length = kept;
    return out;
  }
}
