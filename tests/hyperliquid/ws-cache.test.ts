import { describe, expect, test } from "bun:test";
import { fillKey } from "../../src/hyperliquid/info-client.ts";
import type { Fill } from "../../src/hyperliquid/schemas/account.ts";
import { MAX_QUEUE, WsCache } from "../../src/hyperliquid/ws-cache.ts";
import { configureLogger } from "../../src/log.ts";
import { fixtureEntry, realFills } from "./support/fixtures.ts";

const data = (key: string) => (fixtureEntry("ws-messages", key) as { data: unknown }).data;
const USER = "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";

describe("WsCache", () => {
  test("real fills replayed in overlapping updates come out once, oldest first", () => {
    const cache = new WsCache();
    const fills = realFills();
    cache.apply("userFills", { user: USER, fills: fills.slice(0, 300) });
    cache.apply("userFills", { user: USER, fills: fills.slice(250, 500) });
    const out = cache.drainFills();
    expect(out).toHaveLength(500);
    for (let i = 1; i < out.length; i++) expect(out[i]!.time).toBeGreaterThanOrEqual(out[i - 1]!.time);
  });

  test("issue 14 #15: a userFills snapshot is history, not new fills; later updates deliver only new ones", () => {
    const cache = new WsCache();
    const fills = realFills();
    // The snapshot after (re)subscribing repeats the account's recent fills.
    expect(cache.apply("userFills", { isSnapshot: true, user: USER, fills: fills.slice(0, 300) })).toBe(
      "data",
    );
    expect(cache.drainFills()).toEqual([]);
    cache.apply("userFills", { user: USER, fills: fills.slice(250, 320) });
    const fresh = cache.drainFills();
    expect(fresh).toHaveLength(20);
    expect(new Set(fresh.map(fillKey))).toEqual(
      new Set(fills.slice(300, 320).map((f) => fillKey(f as Fill))),
    );
    // A second snapshot (after a reconnect) delivers nothing either.
    cache.apply("userFills", { isSnapshot: true, user: USER, fills: fills.slice(0, 400) });
    expect(cache.drainFills()).toEqual([]);
  });

  test("a late update of an older candle does not replace the newer one", () => {
    const cache = new WsCache();
    const candle = data("candle") as { t: number; T: number; c: string };
    cache.apply("candle", { ...candle, t: candle.t + 60_000, T: candle.T + 60_000 });
    cache.apply("candle", candle);
    expect(cache.latestCandle("BTC", "1m")?.t).toBe(candle.t + 60_000);
    expect(cache.drainClosedCandles()).toEqual([]);
  });

  test("queues are bounded; dropped entries are counted", () => {
    const cache = new WsCache();
    const [update] = data("orderUpdates") as unknown[];
    cache.apply(
      "orderUpdates",
      Array.from({ length: MAX_QUEUE + 5 }, () => update),
    );
    expect(cache.drainOrderUpdates()).toHaveLength(MAX_QUEUE);
    expect(cache.dropped).toBe(5);
  });

  test("unknown channels are not ours; bad data is counted, not thrown", () => {
    configureLogger({ level: "error" });
    const cache = new WsCache();
    expect(cache.apply("trades", [])).toBe("ignored");
    expect(cache.apply("l2Book", { coin: "BTC" })).toBe("undecodable");
    expect(cache.decodeErrors).toBe(1);
    expect(cache.latestBook("BTC")).toBeUndefined();
  });

  test("issue 14 #14: a channel whose frames stop decoding is listed until one decodes again", () => {
    configureLogger({ level: "error" });
    const cache = new WsCache();
    const mids = data("allMids");
    expect(cache.apply("allMids", mids)).toBe("data");
    // A shape change: prices become numbers.
    for (let i = 0; i < 3; i++)
      expect(cache.apply("allMids", { mids: { BTC: 113377.5 } })).toBe("undecodable");
    expect(cache.apply("l2Book", data("l2Book"))).toBe("data");
    expect(cache.failingChannels()).toEqual(["allMids"]);
    expect(cache.decodeErrors).toBe(3);
    expect(cache.apply("allMids", mids)).toBe("data");
    expect(cache.failingChannels()).toEqual([]);
  });
});
