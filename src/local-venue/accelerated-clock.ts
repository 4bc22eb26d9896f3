/**
 * Replay time that runs on its own: `speed`× wall time from a start instant. The demo's venue and
 * daemon share one (so the daemon ticks on the replayed market's time), `hlbot exchange --speed N`
 * runs its venue on one. It may be created held at its start (`{ held: true }`) and set going with
 * `run()` once everything is in place. `sleep` waits a span of THIS clock's time (ms / speed of wall time).
 */
import type { Clock } from "../core/clock.ts";

export class AcceleratedClock implements Clock {
  readonly start: number;
  readonly speed: number;
  readonly #wall: () => number;
  /** Wall time the clock left `start`; null while held. */
  #w0: number | null;

  constructor(start: number, speed: number, options: { held?: boolean; wall?: () => number } = {}) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be > 0, got ${speed}`);
    this.start = start;
    this.speed = speed;
    this.#wall = options.wall ?? (() => performance.now());
    this.#w0 = options.held ? null : this.#wall();
  }

  now(): number {
    return this.#w0 === null ? this.start : Math.floor(this.start + (this.#wall() - this.#w0) * this.speed);
  }

  /** Sets a held clock going from its start (no-op when it runs already). */
  run(): void {
    this.#w0 ??= this.#wall();
  }

  /** Waits `ms` of this clock's time. */
  readonly sleep = (ms: number): Promise<void> => Bun.sleep(Math.max(0, ms / this.speed));
}
