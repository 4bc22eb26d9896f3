import { afterEach, beforeAll, describe, expect, test } from "bun:test";
import { ManualClock } from "../../src/core/clock.ts";
import { WsClient, type WsClientOptions } from "../../src/hyperliquid/ws-client.ts";
import { configureLogger } from "../../src/log.ts";
import { fixtureEntry } from "./support/fixtures.ts";
import { until, type WsServer, wsServer } from "./support/ws-server.ts";

const USER = "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";
let server: WsServer;
let client: WsClient;

beforeAll(() => configureLogger({ level: "error" })); // reconnects log warnings

function start(options: Partial<WsClientOptions> = {}): WsClient {
  server = wsServer();
  client = new WsClient({
    url: server.url,
    staleAfterMs: 60_000,
    pingIntervalMs: 60_000,
    reconnectInitialMs: 10,
    reconnectMaxMs: 40,
    ...options,
  });
  client.start();
  return client;
}

afterEach(() => {
  client?.stop();
  server?.stop();
});

const subscribes = (conn: number) =>
  (server.received[conn] ?? []).filter((m) => (m as { method: string }).method === "subscribe");

describe("WsClient", () => {
  test("subscribes on open, fills the caches, ignores the plain-text greeting", async () => {
    const ws = start();
    ws.subscribe({ type: "allMids" });
    ws.subscribe({ type: "l2Book", coin: "BTC" });
    ws.subscribe({ type: "allMids" }); // duplicate: ignored
    await until(() => subscribes(0).length === 2, "two subscriptions");
    expect(ws.state).toBe("open");
    server.push(fixtureEntry("ws-messages", "allMids"));
    server.push(fixtureEntry("ws-messages", "l2Book"));
    await until(() => ws.cache.latestBook("BTC") !== undefined, "book");
    expect(ws.cache.latestMids()).toEqual({ BTC: "113377.5", ETH: "4321.05" });
    expect(ws.stats()).toMatchObject({ decodeErrors: 0, subscriptions: 2, connects: 1 });
  });

  test("reconnects after the server drops the socket and resubscribes everything", async () => {
    const ws = start();
    ws.subscribe({ type: "allMids" });
    ws.subscribe({ type: "userFills", user: USER });
    await until(() => subscribes(0).length === 2, "first subscriptions");
    server.dropAll();
    await until(() => subscribes(1).length === 2, "resubscribed on the second connection");
    expect(subscribes(1).map((m) => (m as { subscription: unknown }).subscription)).toEqual([
      { type: "allMids" },
      { type: "userFills", user: USER },
    ]);
    expect(ws.stats().reconnects).toBeGreaterThanOrEqual(1);
    ws.unsubscribe({ type: "allMids" });
    await until(
      () => (server.received[1] ?? []).some((m) => (m as { method: string }).method === "unsubscribe"),
      "unsubscribe",
    );
  });

  test("sends JSON pings; a missing pong forces a reconnect", async () => {
    const ws = start({ pingIntervalMs: 20, pongTimeoutMs: 40 });
    await until(
      () => (server.received[0] ?? []).some((m) => (m as { method: string }).method === "ping"),
      "a ping",
    );
    await until(() => ws.stats().messages >= 2, "a pong");
    expect(server.connections, "pongs answered: no reconnect").toBe(1);
    server.answerPings = false;
    await until(() => server.connections >= 2, "reconnect after missing pong");
  });

  test("no data for staleAfterMs while subscribed → stale; data again → open", async () => {
    const clock = new ManualClock(1_000_000);
    const ws = start({ clock, staleAfterMs: 60_000 });
    ws.subscribe({ type: "allMids" });
    await until(() => ws.state === "open", "open");
    clock.advance(60_001);
    expect(ws.state).toBe("stale");
    server.push(fixtureEntry("ws-messages", "allMids"));
    await until(() => ws.state === "open", "fresh data");
  });

  test("fills: the snapshot after subscribing is history; a fill update replayed twice is delivered once", async () => {
    const ws = start();
    ws.subscribe({ type: "userFills", user: USER });
    await until(() => subscribes(0).length === 1, "subscribed");
    const snapshot = fixtureEntry("ws-messages", "userFills") as { data: { fills: { tid: number }[] } };
    const [fill] = snapshot.data.fills;
    const update = {
      ...snapshot,
      data: { ...snapshot.data, isSnapshot: undefined, fills: [{ ...fill, tid: fill!.tid + 1 }] },
    };
    server.push(snapshot);
    server.push(update);
    server.push(update);
    await until(() => ws.stats().messages >= 5, "snapshot and updates"); // greeting, ack, 3 × fills
    expect(ws.cache.drainFills().map((f) => f.tid)).toEqual([fill!.tid + 1]);
    expect(ws.cache.drainFills()).toHaveLength(0);
  });

  test("candles: a newer bar closes the previous one; order updates queue up", async () => {
    const ws = start();
    await until(() => ws.state === "open" && server.connections === 1, "open");
    const candle = fixtureEntry("ws-messages", "candle") as { data: { t: number; T: number } };
    server.push(candle);
    server.push({ ...candle, data: { ...candle.data, c: "29260.0" } });
    server.push({
      ...candle,
      data: { ...candle.data, t: candle.data.t + 60_000, T: candle.data.T + 60_000 },
    });
    server.push(fixtureEntry("ws-messages", "orderUpdates"));
    await until(() => ws.stats().messages >= 5, "messages");
    const closed = ws.cache.drainClosedCandles();
    expect(closed.map((c) => c.c)).toEqual(["29260.0"]);
    expect(ws.cache.latestCandle("BTC", "1m")?.t).toBe(candle.data.t + 60_000);
    expect(ws.cache.drainOrderUpdates().map((u) => u.status)).toEqual(["open", "filled"]);
  });

  test("bad payloads are counted, server errors too, and nothing throws", async () => {
    const ws = start();
    await until(() => ws.state === "open" && server.connections === 1, "open");
    server.push({ channel: "allMids", data: { mids: { BTC: 1.5 } } });
    server.push(fixtureEntry("ws-messages", "error"));
    server.pushRaw("{not json");
    await until(() => ws.stats().messages >= 4, "messages");
    expect(ws.stats()).toMatchObject({ decodeErrors: 2, serverErrors: 1, state: "open" });
    expect(ws.stats().failingChannels).toEqual(["frame", "allMids"]);
  });

  test("issue 14 #14: frames that do not decode are not data: the feed goes stale and says why", async () => {
    const clock = new ManualClock(1_000_000);
    const ws = start({ clock, staleAfterMs: 60_000 });
    ws.subscribe({ type: "allMids" });
    await until(() => ws.state === "open" && subscribes(0).length === 1, "open");
    server.push(fixtureEntry("ws-messages", "allMids"));
    await until(() => ws.stats().lastDataAt === 1_000_000, "first data");
    // Hyperliquid changes the shape: every frame keeps arriving, none decodes.
    for (let i = 0; i < 5; i++) {
      clock.advance(15_000);
      server.push({ channel: "allMids", data: { mids: { BTC: 113377.5 } } });
    }
    await until(() => ws.stats().decodeErrors === 5, "five undecodable frames");
    expect(ws.state).toBe("stale");
    expect(ws.stats()).toMatchObject({
      lastDataAt: 1_000_000,
      lastDecodeErrorAt: 1_075_000,
      failingChannels: ["allMids"],
    });
    // Staleness forces a reconnect (checked on its own short period, not at the next ping).
    await until(() => server.connections >= 2, "reconnect on a stale feed");
  });

  test("issue 14 #22: a silent feed is reconnected once staleAfterMs passes, not at the 50 s keep-alive", async () => {
    const ws = start({ staleAfterMs: 200, pingIntervalMs: 50_000 });
    ws.subscribe({ type: "allMids" });
    await until(() => ws.state === "open" && subscribes(0).length === 1, "open");
    // The server says nothing more; the next ping would be 50 s away.
    await until(() => server.connections >= 2, "reconnect after 200 ms of silence", 5_000);
    expect(ws.stats().reconnects).toBeGreaterThanOrEqual(1);
  });

  test("stop() closes for good", async () => {
    const ws = start();
    await until(() => ws.state === "open", "open");
    ws.stop();
    expect(ws.state).toBe("closed");
    await Bun.sleep(60);
    expect(server.connections).toBe(1);
  });
});
