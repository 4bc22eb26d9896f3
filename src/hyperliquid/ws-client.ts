/**
 * The Hyperliquid WebSocket feed on Bun's built-in WebSocket. It never blocks the caller: data
 * lands in a WsCache the tick reads synchronously. It reconnects with exponential backoff + jitter
 * and resubscribes to the wanted set; a JSON ping keeps the socket alive and a missing pong, or no
 * decodable data for `staleAfterMs` while subscribed (checked every tenth of that window), forces
 * a reconnect. Only frames that decode count as data: after a shape change the feed goes stale
 * instead of looking alive, and the failing channels are in `stats()`. `state` feeds /health.
 */
import { type Clock, wallClock } from "../core/clock.ts";
import { log } from "../log.ts";
import { KeepAlive, PING_INTERVAL_MS, PONG_TIMEOUT_MS, staleCheckMs } from "./keep-alive.ts";
import { WsEnvelope } from "./schemas/ws.ts";
import { type Subscription, SubscriptionSet, subscribeMessage } from "./subscriptions.ts";
import { WsCache } from "./ws-cache.ts";

export type FeedState = "connecting" | "open" | "stale" | "closed";

/** First reconnect delay, ms; doubles per failed attempt up to RECONNECT_MAX_MS (jitter 50–100%). */
export const RECONNECT_INITIAL_MS = 500;
export const RECONNECT_MAX_MS = 30_000;

export interface WsClientOptions {
  url: string;
  /** No data message for this long while subscribed → "stale" (config stale_feed_seconds × 1000). */
  staleAfterMs: number;
  clock?: Clock;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  random?: () => number;
}

export interface WsStats {
  state: FeedState;
  connects: number;
  reconnects: number;
  messages: number;
  /** Frames that did not decode: bad JSON, no envelope, or data of a channel we keep in an unknown shape. */
  decodeErrors: number;
  /** When the last such frame arrived (0: never). */
  lastDecodeErrorAt: number;
  /** Channels whose latest frame did not decode (`frame` for JSON/envelope failures), sorted. */
  failingChannels: string[];
  dropped: number;
  serverErrors: number;
  lastDataAt: number;
  subscriptions: number;
}

/** The pseudo-channel of frames that are not even a `{channel, data}` envelope. */
export const FRAME_CHANNEL = "frame";

export class WsClient {
  readonly cache = new WsCache();
  readonly #opts: WsClientOptions;
  readonly #clock: Clock;
  readonly #subs = new SubscriptionSet();
  readonly #keepAlive: KeepAlive;
  #socket: WebSocket | undefined;
  #running = false;
  #open = false;
  #attempt = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #openedAt = 0;
  #lastDataAt = 0;
  #lastDecodeErrorAt = 0;
  #badFrames = 0;
  /** The latest JSON-looking frame was not a valid envelope. */
  #frameFailing = false;
  #stats = { connects: 0, reconnects: 0, messages: 0, serverErrors: 0 };

  constructor(options: WsClientOptions) {
    this.#opts = options;
    this.#clock = options.clock ?? wallClock;
    this.#keepAlive = new KeepAlive({
      intervalMs: options.pingIntervalMs ?? PING_INTERVAL_MS,
      pongTimeoutMs: options.pongTimeoutMs ?? PONG_TIMEOUT_MS,
      sendPing: () => this.#send(JSON.stringify({ method: "ping" })),
      onDead: () => this.#restart("no pong"),
      onCheck: () => {
        if (this.state === "stale") this.#restart(this.#staleReason());
      },
      checkIntervalMs: staleCheckMs(options.staleAfterMs),
    });
  }

  get state(): FeedState {
    if (!this.#running) return "closed";
    if (!this.#open) return "connecting";
    const since = Math.max(this.#openedAt, this.#lastDataAt);
    if (this.#subs.size > 0 && this.#clock.now() - since > this.#opts.staleAfterMs) return "stale";
    return "open";
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#connect();
  }

  /** Closes for good (until start()). */
  stop(): void {
    this.#running = false;
    this.#keepAlive.stop();
    if (this.#reconnectTimer !== undefined) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#dropSocket();
  }

  subscribe(sub: Subscription): void {
    if (this.#subs.add(sub) && this.#open) this.#send(subscribeMessage(sub));
  }

  unsubscribe(sub: Subscription): void {
    if (this.#subs.delete(sub) && this.#open) this.#send(subscribeMessage(sub, "unsubscribe"));
  }

  stats(): WsStats {
    const failing = this.cache.failingChannels();
    return {
      state: this.state,
      ...this.#stats,
      decodeErrors: this.cache.decodeErrors + this.#badFrames,
      lastDecodeErrorAt: this.#lastDecodeErrorAt,
      failingChannels: this.#frameFailing ? [FRAME_CHANNEL, ...failing] : failing,
      dropped: this.cache.dropped,
      lastDataAt: this.#lastDataAt,
      subscriptions: this.#subs.size,
    };
  }

  #connect(): void {
    this.#open = false;
    const socket = new WebSocket(this.#opts.url);
    this.#socket = socket;
    socket.onopen = () => {
      if (this.#socket !== socket) return;
      this.#open = true;
      this.#openedAt = this.#clock.now();
      this.#stats.connects++;
      for (const sub of this.#subs.all()) this.#send(subscribeMessage(sub));
      this.#keepAlive.start();
    };
    socket.onmessage = (event) => {
      if (this.#socket === socket) this.#onMessage(event.data);
    };
    socket.onclose = () => {
      if (this.#socket === socket) this.#scheduleReconnect("closed by peer");
    };
    socket.onerror = () => {
      if (this.#socket === socket) this.#scheduleReconnect("socket error");
    };
  }

  #staleReason(): string {
    const failing = this.stats().failingChannels;
    const seconds = Math.round(this.#opts.staleAfterMs / 1000);
    return failing.length
      ? `stale feed: no decodable data for ${seconds} s (failing to decode: ${failing.join(", ")})`
      : `stale feed: no data for ${seconds} s`;
  }

  #badFrame(): void {
    this.#badFrames++;
    this.#lastDecodeErrorAt = this.#clock.now();
    if (!this.#frameFailing)
      log.withTag("hyperliquid").warn("ws: a frame is not a {channel, data} JSON message");
    this.#frameFailing = true;
  }

  #onMessage(raw: unknown): void {
    this.#stats.messages++;
    if (typeof raw !== "string" || !raw.startsWith("{")) return; // e.g. "Websocket connection established."
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      this.#badFrame();
      return;
    }
    const envelope = WsEnvelope.safeParse(json);
    if (!envelope.success) {
      this.#badFrame();
      return;
    }
    this.#frameFailing = false;
    const { channel, data } = envelope.data;
    this.#attempt = 0; // the connection works: next failure starts the backoff afresh
    if (channel === "pong") {
      this.#keepAlive.pong();
      return;
    }
    if (channel === "error") {
      this.#stats.serverErrors++;
      log.withTag("hyperliquid").warn(`ws server error: ${String(data)}`);
      return;
    }
    const result = this.cache.apply(channel, data);
    if (result === "data") this.#lastDataAt = this.#clock.now();
    else if (result === "undecodable") this.#lastDecodeErrorAt = this.#clock.now();
  }

  #send(text: string): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(text);
  }

  #restart(reason: string): void {
    if (!this.#running) return;
    log.withTag("hyperliquid").warn(`ws reconnecting: ${reason}`);
    this.#scheduleReconnect(reason);
  }

  #scheduleReconnect(reason: string): void {
    this.#keepAlive.stop();
    this.#dropSocket();
    if (!this.#running || this.#reconnectTimer !== undefined) return;
    const base = this.#opts.reconnectInitialMs ?? RECONNECT_INITIAL_MS;
    const max = this.#opts.reconnectMaxMs ?? RECONNECT_MAX_MS;
    const delay = Math.round(
      Math.min(max, base * 2 ** this.#attempt) * (0.5 + (this.#opts.random ?? Math.random)() / 2),
    );
    this.#attempt++;
    log.withTag("hyperliquid").debug(`ws ${reason}; reconnect in ${delay} ms`);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (!this.#running) return;
      this.#stats.reconnects++;
      this.#connect();
    }, delay);
  }

  #dropSocket(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    this.#open = false;
    if (socket && socket.readyState !== WebSocket.CLOSED && socket.readyState !== WebSocket.CLOSING)
      socket.close();
  }
}
