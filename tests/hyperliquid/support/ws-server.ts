/**
 * A local Hyperliquid-like WebSocket server (127.0.0.1, port 0): greets with plain text like the real
 * one, acks subscriptions, answers pings unless told not to, records what each connection sent, and
 * lets a test push messages or drop connections.
 */
import type { ServerWebSocket } from "bun";

export interface WsServer {
  url: string;
  connections: number;
  /** Messages received, per connection (index = connection number). */
  received: unknown[][];
  answerPings: boolean;
  push(message: unknown): void;
  pushRaw(text: string): void;
  dropAll(): void;
  stop(): void;
}

export function wsServer(): WsServer {
  const sockets = new Set<ServerWebSocket<{ id: number }>>();
  const state: WsServer = {
    url: "",
    connections: 0,
    received: [],
    answerPings: true,
    push: (message) => state.pushRaw(JSON.stringify(message)),
    pushRaw: (text) => {
      for (const s of sockets) s.send(text);
    },
    dropAll: () => {
      for (const s of sockets) s.close();
    },
    stop: () => server.stop(true),
  };
  const server = Bun.serve<{ id: number }>({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req, srv) {
      if (srv.upgrade(req, { data: { id: state.connections } })) return undefined;
      return new Response("upgrade required", { status: 426 });
    },
    websocket: {
      open(ws) {
        state.connections++;
        state.received[ws.data.id] = [];
        sockets.add(ws);
        ws.send("Websocket connection established.");
      },
      message(ws, raw) {
        const msg = JSON.parse(String(raw)) as { method: string; subscription?: unknown };
        state.received[ws.data.id]?.push(msg);
        if (msg.method === "ping" && state.answerPings) ws.send(JSON.stringify({ channel: "pong" }));
        if (msg.method === "subscribe") {
          ws.send(JSON.stringify({ channel: "subscriptionResponse", data: msg }));
        }
      },
      close(ws) {
        sockets.delete(ws);
      },
    },
  });
  state.url = `ws://127.0.0.1:${server.port}/ws`;
  return state;
}

/** Polls until `cond` holds (no timing assertion: only a generous upper bound to fail the test). */
export async function until(cond: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await Bun.sleep(5);
  }
}
