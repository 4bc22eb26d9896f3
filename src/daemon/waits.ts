/**
 * Bounded and interruptible waits on real time. The tick never waits for the network longer than a
 * deadline (the work goes on in the background and lands in the ledger for a later tick), and the
 * pause between ticks — or between start-up retries, or a start-up step itself — ends at once when a
 * stop is requested.
 */

/** Resolves with the promise's outcome, or with `undefined` once `ms` of real time have passed. */
export async function withinDeadline<T>(
  work: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A pause that a `wake()` call ends early (stop requested, or a signal). `speed` > 1 when the
 * daemon's clock runs that many times faster than wall time (`hlbot demo`): `for(ms)` then waits ms
 * of that clock, ms / speed of real time.
 */
export class Pause {
  #wake: (() => void) | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly speed = 1) {}

  /** Waits `ms` of the daemon's clock (real time unless sped up), or until `wake()`. */
  for(ms: number): Promise<void> {
    this.wake();
    return new Promise((resolve) => {
      this.#wake = resolve;
      this.#timer = setTimeout(() => this.wake(), Math.max(0, Math.ceil(ms / this.speed)));
    });
  }

  wake(): void {
    clearTimeout(this.#timer);
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}

/** Exponential backoff: `initial` × 2^attempt, at most `max`, ms. */
export function backoffMs(attempt: number, initial: number, max: number): number {
  return Math.min(max, initial * 2 ** Math.min(attempt, 30));
}

/**
 * The work's outcome, or `onStop` as soon as `stopped` resolves — the work is then abandoned (it may
 * go on in the background; its failure is no longer anyone's, so it is swallowed).
 */
export function untilStopped<T, S>(work: Promise<T>, stopped: Promise<void>, onStop: S): Promise<T | S> {
  work.catch(() => undefined);
  return Promise.race([work, stopped.then(() => onStop)]);
}
