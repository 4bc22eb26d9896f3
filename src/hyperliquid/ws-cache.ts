/**
 * Where WebSocket data lands so the tick can read it synchronously, never awaiting the network:
 * latest mids, books and candles, plus bounded queues of closed candles, order updates and fills
 * (fills deduplicated). A userFills frame flagged `isSnapshot` (the first after every (re)subscribe)
 * is history: its fills are remembered as seen but not delivered as new; a consumer that must not
 * miss fills made while the socket was down catches up by REST (userFillsByTime). Bad payloads are
 * counted and logged, never thrown into the socket handler, and never count as data.
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

/** What a frame did: new `data`, an `undecodable` payload on a data channel, or `ignored` (not ours). */
export type ApplyResult = "data" | "undecodable" | "ignored";

export class WsCache {
  readonly #mids = new Map<string, string>();
  readonly #books = new Map<string, L2Book>();
  readonly #candles = new Map<string, Candle>();
  #closedCandles: Candle[] = [];
  #orderUpdates: WsOrderUpdate[] = [];
  #fills: Fill[] = [];
  readonly #seenFills = new Set<string>();
  /** Channels whose latest frame did not decode (a shape change keeps them here). */
  readonly #failing = new Set<string>();
  decodeErrors = 0;
  dropped = 0;

  /** Applies one data message. */
  apply(channel: string, data: unknown): ApplyResult {
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
        return this.#parse(WsUserFills, channel, data, (d) => this.#addFills(d.fills, d.isSnapshot === true));
      default:
        return "ignored";
    }
  }

  /** Data channels whose most recent frame failed to decode, sorted. */
  failingChannels(): string[] {
    return [...this.#failing].sort();
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

  #addFills(fills: Fill[], snapshot: boolean): void {
    const fresh = fills.filter((f) => !this.#seenFills.has(fillKey(f)));
    for (const f of fresh) this.#seenFills.add(fillKey(f));
    this.#forgetOldFills();
    if (snapshot) return;
    this.#fills = this.#bounded(
      this.#fills,
      fresh.sort((a, b) => a.time - b.time),
    );
  }

  #forgetOldFills(): void {
    if (this.#seenFills.size > SEEN_FILLS) {
      const excess = this.#seenFills.size - SEEN_FILLS;
      let i = 0;
      for (const key of this.#seenFills) {
        if (i++ >= excess) break;
        this.#seenFills.delete(key);
      }
    }
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
  ): ApplyResult {
    const result = schema.safeParse(data);
    if (!result.success) {
      this.decodeErrors++;
      // Logged when a channel starts failing, not for every frame of a changed shape.
      if (!this.#failing.has(channel)) {
        this.#failing.add(channel);
        log.withTag("hyperliquid").warn(`ws ${channel}: undecodable message ${excerpt(data)}`);
      }
      return "undecodable";
    }
    if (this.#failing.delete(channel)) log.withTag("hyperliquid").info(`ws ${channel}: decoding again`);
    use(result.data);
    return "data";
  }
}
