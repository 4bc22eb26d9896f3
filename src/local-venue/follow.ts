/**
 * Keeps the venue's replay clock on an outside clock (an AcceleratedClock, or the wall): every
 * `everyMs` of wall time the venue is advanced to the clock's now, doing on the way all that happens
 * as time passes (triggers, resting fills, funding) and pushing market data on the websocket; before
 * every request it only catches up (so the answer is at the clock's now), leaving the market pushes to
 * the timer — a push of every coin's mid per request would cost more than the request. Without a
 * follower the venue's clock moves only when told (tests drive it with advance / advanceTo).
 */
import type { Clock } from "../core/clock.ts";

/** Wall ms between advances when nothing asks (websocket pushes: ~20 per second). */
export const FOLLOW_EVERY_MS = 50;

export interface Advanceable {
  now(): number;
  /** Moves the clock and pushes market data. */
  advanceTo(t: number): void;
  /** Moves the clock without the market pushes. */
  catchUp(t: number): void;
}

export class ClockFollower {
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly venue: Advanceable,
    private readonly clock: Clock,
    private readonly everyMs = FOLLOW_EVERY_MS,
  ) {}

  /** Advances the venue to the clock's now, with the market pushes (no-op when it is there already). */
  sync(): void {
    const t = this.clock.now();
    if (t > this.venue.now()) this.venue.advanceTo(t);
  }

  /** Before a request: the venue at the clock's now; market pushes wait for the timer. */
  catchUp(): void {
    const t = this.clock.now();
    if (t > this.venue.now()) this.venue.catchUp(t);
  }

  start(): void {
    this.#timer ??= setInterval(() => this.sync(), this.everyMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
