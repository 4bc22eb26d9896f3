/**
 * WebSocket subscriptions we use and their identity: the wanted set survives reconnects, so after
 * every (re)open the client resubscribes to exactly this set. Unsubscribe needs the identical object.
 */

export type Subscription =
  | { type: "allMids" }
  | { type: "l2Book"; coin: string }
  | { type: "candle"; coin: string; interval: string }
  | { type: "orderUpdates"; user: string }
  | { type: "userFills"; user: string };

/** Stable identity of a subscription (key order independent). */
export function subscriptionKey(sub: Subscription): string {
  const entries = Object.entries(sub).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

export function subscribeMessage(
  sub: Subscription,
  method: "subscribe" | "unsubscribe" = "subscribe",
): string {
  return JSON.stringify({ method, subscription: sub });
}

/** The subscriptions the caller wants, in insertion order. */
export class SubscriptionSet {
  readonly #subs = new Map<string, Subscription>();

  /** Adds `sub`; false when it was already wanted. */
  add(sub: Subscription): boolean {
    const key = subscriptionKey(sub);
    if (this.#subs.has(key)) return false;
    this.#subs.set(key, sub);
    return true;
  }

  /** Removes `sub`; false when it was not wanted. */
  delete(sub: Subscription): boolean {
    return this.#subs.delete(subscriptionKey(sub));
  }

  all(): Subscription[] {
    return [...this.#subs.values()];
  }

  get size(): number {
    return this.#subs.size;
  }
}
