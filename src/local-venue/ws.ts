/**
 * The fake's /ws: Hyperliquid's subscribe/unsubscribe/ping/post protocol with its payload shapes.
 * Market channels (allMids, l2Book, bbo, candle) push when the clock advances; user channels
 * (orderUpdates, userFills, userEvents, userFundings) push as the exchange acts. Websocket faults
 * (drop without close frame, silence) fire on the client's next message.
 */
import type { ServerWebSocket } from "bun";
import type { FillRecord, FundingRecord } from "./accounts.ts";
import { SERVED_INTERVAL_MS } from "./candles.ts";
import type { Faults } from "./faults.ts";
import { candles, l2Book } from "./info-market.ts";
import { fillWire } from "./info-user.ts";
import { type FakeOrder, orderUpdateWire } from "./orders.ts";
import type { FakeState } from "./state.ts";
import type { FakeStats } from "./stats.ts";
import { fmtDec, plain } from "./wire.ts";
import {
  allMidsPush,
  bboPush,
  parseSubscription,
  type Subscription,
  subscriptionKey,
} from "./ws-subscriptions.ts";

export interface WsData {
  id: number;
  subs: Map<string, Subscription & { lastT?: number }>;
  silent: boolean;
}

export type PostHandler = (request: unknown) => Promise<{ type: string; payload: unknown }>;

const HELLO = "Websocket connection established.";
/** Most candles one push carries after a long clock jump. */
const MAX_CANDLES_PER_PUSH = 500;

export class WsHub {
  private readonly sockets = new Set<ServerWebSocket<WsData>>();
  private nextId = 1;

  constructor(
    private readonly state: FakeState,
    private readonly faults: Faults,
    private readonly stats: FakeStats,
    private readonly post: PostHandler,
  ) {
    state.listeners.orderUpdate.push((o) => this.orderUpdate(o));
    state.listeners.fills.push((user, fills) => this.fills(user, fills));
    state.listeners.funding.push((user, f) => this.funding(user, f));
  }

  newData(): WsData {
    return { id: this.nextId++, subs: new Map(), silent: false };
  }

  open(ws: ServerWebSocket<WsData>): void {
    this.sockets.add(ws);
    this.stats.ws.connections++;
    this.stats.ws.open = this.sockets.size;
    ws.send(HELLO);
  }

  close(ws: ServerWebSocket<WsData>): void {
    this.sockets.delete(ws);
    this.stats.ws.open = this.sockets.size;
  }

  /** Cuts every connection without a close frame (a network drop). */
  dropAll(): number {
    const n = this.sockets.size;
    for (const ws of [...this.sockets]) {
      ws.terminate();
      this.close(ws);
      this.stats.ws.drops++;
    }
    return n;
  }

  async message(ws: ServerWebSocket<WsData>, text: string): Promise<void> {
    this.stats.ws.messagesIn++;
    let msg: { method?: string; subscription?: unknown; id?: unknown; request?: unknown };
    try {
      msg = JSON.parse(text);
    } catch {
      return this.send(ws, "error", `Invalid message: ${text.slice(0, 100)}`);
    }
    const subType = (msg.subscription as { type?: string } | undefined)?.type;
    for (const fault of this.faults.take("ws", subType ?? msg.method ?? "")) {
      if (fault.kind === "wsDrop") {
        ws.terminate();
        this.close(ws);
        this.stats.ws.drops++;
        return;
      }
      if (fault.kind === "wsSilence") ws.data.silent = true;
    }
    if (msg.method === "ping") return this.send(ws, "pong", undefined);
    if (msg.method === "post") {
      const response = await this.post(msg.request);
      return this.send(ws, "post", { id: msg.id, response });
    }
    if (msg.method === "subscribe" || msg.method === "unsubscribe") {
      const sub = parseSubscription(msg.subscription);
      if (!sub) return this.send(ws, "error", `Invalid subscription ${JSON.stringify(msg.subscription)}`);
      const key = subscriptionKey(sub);
      if (msg.method === "unsubscribe") ws.data.subs.delete(key);
      else ws.data.subs.set(key, { ...sub });
      this.send(ws, "subscriptionResponse", { method: msg.method, subscription: msg.subscription });
      if (msg.method === "subscribe") this.initial(ws, ws.data.subs.get(key)!);
      return;
    }
    this.send(ws, "error", `Unknown method: ${String(msg.method)}`);
  }

  /** Market pushes after the clock moved. */
  advanced(): void {
    for (const ws of this.sockets) for (const sub of ws.data.subs.values()) this.marketPush(ws, sub);
  }

  private initial(ws: ServerWebSocket<WsData>, sub: Subscription & { lastT?: number }): void {
    if ("user" in sub && sub.type === "userFills") {
      const fills = this.state.accounts.get(sub.user)?.fills ?? [];
      this.send(ws, "userFills", {
        isSnapshot: true,
        user: sub.user,
        fills: fills.map((f) => this.fillWire(f)),
      });
      return;
    }
    this.marketPush(ws, sub);
  }

  private marketPush(ws: ServerWebSocket<WsData>, sub: Subscription & { lastT?: number }): void {
    const s = this.state;
    switch (sub.type) {
      case "allMids":
        this.send(ws, "allMids", allMidsPush(s));
        return;
      case "l2Book": {
        const book = l2Book(s, sub.coin, sub.nSigFigs ?? null);
        if (book) this.send(ws, "l2Book", book);
        return;
      }
      case "bbo":
        this.send(ws, "bbo", bboPush(s, sub.coin));
        return;
      case "candle": {
        const now = s.clock.now();
        const len = SERVED_INTERVAL_MS[sub.interval] ?? now;
        const from = sub.lastT ?? Math.floor(now / len) * len;
        const list = candles(
          s,
          { coin: sub.coin, interval: sub.interval, startTime: from, endTime: now },
          {
            window: MAX_CANDLES_PER_PUSH,
            maxPerResponse: MAX_CANDLES_PER_PUSH,
          },
        );
        for (const c of list) this.send(ws, "candle", c);
        if (list.length > 0) sub.lastT = list.at(-1)!.t;
        return;
      }
      default:
        return;
    }
  }

  private orderUpdate(order: FakeOrder): void {
    this.toUser(order.user, "orderUpdates", () => [orderUpdateWire(order)]);
  }

  private fills(user: string, fills: FillRecord[]): void {
    const wire = () => fills.map((f) => this.fillWire(f));
    this.toUser(user, "userFills", () => ({ user, fills: wire() }));
    this.toUser(user, "userEvents", () => ({ fills: wire() }));
  }

  private funding(user: string, f: FundingRecord): void {
    const data = {
      time: f.time,
      coin: f.coin,
      usdc: fmtDec(f.usdc, 6),
      szi: fmtDec(f.szi, 8),
      fundingRate: plain(f.fundingRate),
    };
    this.toUser(user, "userFundings", () => ({ user, fundings: [data] }));
    this.toUser(user, "userEvents", () => ({ funding: data }));
  }

  private toUser(user: string, type: string, data: () => unknown): void {
    const channel = type === "userEvents" ? "user" : type;
    for (const ws of this.sockets) {
      for (const sub of ws.data.subs.values()) {
        if (sub.type === type && "user" in sub && sub.user.toLowerCase() === user)
          this.send(ws, channel, data());
      }
    }
  }

  private fillWire(f: FillRecord): unknown {
    return fillWire(f, this.state.market.asset(f.coin)?.szDecimals ?? 0);
  }

  private send(ws: ServerWebSocket<WsData>, channel: string, data: unknown): void {
    if (ws.data.silent) return;
    this.stats.ws.messagesOut++;
    ws.send(JSON.stringify(data === undefined ? { channel } : { channel, data }));
  }
}
