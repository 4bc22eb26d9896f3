/**
 * Per-event throttle: two alerts of the same kind and key are at least the kind's throttle apart;
 * the ones held back in between are counted and the next one sent says how many there were.
 */
export class Throttle {
  readonly #last = new Map<string, { t: number; held: number }>();
  #suppressedTotal = 0;

  /** Whether an alert of `kind`/`key` at `now` goes out, and how many were held back before it. */
  admit(kind: string, key: string | null, now: number, throttleMs: number): { send: boolean; held: number } {
    const id = `${kind}\u0000${key ?? ""}`;
    const last = this.#last.get(id);
    if (last && throttleMs > 0 && now - last.t < throttleMs) {
      last.held++;
      this.#suppressedTotal++;
      return { send: false, held: last.held };
    }
    const held = last?.held ?? 0;
    this.#last.set(id, { t: now, held: 0 });
    return { send: true, held };
  }

  get suppressedTotal(): number {
    return this.#suppressedTotal;
  }
}
