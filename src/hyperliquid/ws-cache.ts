/**
 * Where WebSocket data lands so the tick can read it synchronously, never awaiting the network:
 * latest mids, books and candles, plus bounded queues of closed candles, order updates and fills
 * (fills deduplicated, since every resubscribe replays a snapshot). Bad payloads are counted and
 * logged, never thrown into the socket handler.
 */
import { log } from "../log.ts";
import { excerpt } from "./errors.ts";
import { fillKey } from "./info-client.ts";
import type { Fill } from "./schemas/account.ts";
import type { Candle, L2Book } from "./schemas/market.ts";
import {
  WsAllMids,
  WsCandle,
  WsL2Book,
  type WsOrderUpdate,
  WsOrderUpdates,
  WsUserFills,
} from "./schemas/ws.ts";

/** Longest a queue may grow when nobody drains it; the oldest entries are dropped (and counted). */
export const MAX_QUEUE = 10_000;
/** How many fill identities are remembered to drop replays. */
export const SEEN_FILLS = 20_000;

export class WsCache {
  readonly #mids = new Map<string, string>();
  readonly #books = new Map<string, L2Book>();
  readonly #candles = new Map<string, Candle>();
  #closedCandles: Candle[] = [];
  #orderUpdates: WsOrderUpdate[] = [];
  #fills: Fill[] = [];
  readonly #seenFills = new Set<string>();
  decodeErrors = 0;
  dropped = 0;

  /** Applies one data message; returns false when the channel is not a data channel we keep. */
  apply(channel: string, data: unknown): boolean {
    switch (channel) {
      case "allMids":
        return this.#parse(WsAllMids, channel, data, (d) => {
          for (const [coin, px] of Object.entries(d.mids)) this.#mids.set(coin, px);
        });
      case "l2Book":
        return this.#parse(WsL2Book, channel, data, (d) => this.#books.set(d.coin, d));
      case "candle":
        return this.#parse(WsCandle, channel, data, (c) => this.#candle(c));
      case "orderUpdates":
        return this.#parse(WsOrderUpdates, channel, data, (u) => {
          this.#orderUpdates = this.#bounded(this.#orderUpdates, u);
        });
      case "userFills":
        return this.#parse(WsUserFills, channel, data, (d) => this.#addFills(d.fills));
      default:
        return false;
    }
  }

  latestMids(): Readonly<Record<string, string>> {
    return Object.fromEntries(this.#mids);
  }

  latestBook(coin: string): L2Book | undefined {
    return this.#books.get(coin);
  }

  /** The newest update of the (possibly still forming) candle. */
  latestCandle(coin: string, interval: string): Candle | undefined {
    return this.#candles.get(`${coin}:${interval}`);
  }

  /** Candles known to be closed (a later candle of the same coin and interval arrived). */
  drainClosedCandles(): Candle[] {
    const out = this.#closedCandles;
    this.#closedCandles = [];
    return out;
  }

  drainOrderUpdates(): WsOrderUpdate[] {
    const out = this.#orderUpdates;
    this.#orderUpdates = [];
    return out;
  }

  /** New fills since the last drain, oldest first, without replays. */
  drainFills(): Fill[] {
    const out = this.#fills;
    this.#fills = [];
    return out;
  }

  #candle(c: Candle): void {
    const key = `${c.s}:${c.i}`;
    const previous = this.#candles.get(key);
    if (previous && c.t < previous.t) return; // a late update of an older bar
    if (previous && c.t > previous.t) this.#closedCandles = this.#bounded(this.#closedCandles, [previous]);
    this.#candles.set(key, c);
  }

  #addFills(fills: Fill[]): void {
    const fresh = fills.filter((f) => !this.#seenFills.has(fillKey(f)));
    for (const f of fresh) this.#seenFills.add(fillKey(f));
    if (this.#seenFills.size > SEEN_FILLS) {
      const excess = this.#seenFills.size - SEEN_FILLS;
      let i = 0;
      for (const key of this.#seenFills) {
        if (i++ >= excess) break;
        this.#seenFills.delete(key);
      }
    }
    this.#fills = this.#bounded(
      this.#fills,
      fresh.sort((a, b) => a.time - b.time),
    );
  }

  #bounded<T>(queue: T[], items: T[]): T[] {
    const next = queue.concat(items);
    if (next.length <= MAX_QUEUE) return next;
    this.dropped += next.length - MAX_QUEUE;
    return next.slice(next.length - MAX_QUEUE);
  }

  #parse<T>(
    schema: { safeParse(d: unknown): { success: true; data: T } | { success: false } },
    channel: string,
    data: unknown,
    use: (d: T) => void,
  ): boolean {
    const result = schema.safeParse(data);
    if (!result.success) {
      this.decodeErrors++;
      log.withTag("hyperliquid").warn(`ws ${channel}: undecodable message ${excerpt(data)}`);
      return true;
    }
    use(result.data);
    return true;
  }
}
