/**
 * Keeps the venue's replay clock on an outside clock (an AcceleratedClock): before every request and
 * every `everyMs` of wall time the venue is advanced to the clock's now, doing on the way all that
 * happens as time passes (triggers, resting fills, funding, websocket pushes). Without a follower the
 * venue's clock moves only when told (tests drive it with advance / advanceTo).
 */
import type { Clock } from "../core/clock.ts";

/** Wall ms between advances when nothing asks (websocket pushes: ~20 per second). */
export const FOLLOW_EVERY_MS = 50;

export interface Advanceable {
  now(): number;
  advanceTo(t: number): void;
}

export class ClockFollower {
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly venue: Advanceable,
    private readonly clock: Clock,
    private readonly everyMs = FOLLOW_EVERY_MS,
  ) {}

  /** Advances the venue to the clock's now (no-op when it is there already). */
  sync(): void {
    const t = this.clock.now();
    if (t > this.venue.now()) this.venue.advanceTo(t);
  }

  start(): void {
    this.#timer ??= setInterval(() => this.sync(), this.everyMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
