import { describe, expect, test } from "bun:test";
import { MAX_QUEUE, WsCache } from "../../src/hyperliquid/ws-cache.ts";
import { configureLogger } from "../../src/log.ts";
import { fixtureEntry, realFills } from "./support/fixtures.ts";

const data = (key: string) => (fixtureEntry("ws-messages", key) as { data: unknown }).data;
const USER = "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";

describe("WsCache", () => {
  test("real fills replayed in overlapping snapshots come out once, oldest first", () => {
    const cache = new WsCache();
    const fills = realFills();
    cache.apply("userFills", { isSnapshot: true, user: USER, fills: fills.slice(0, 300) });
    cache.apply("userFills", { user: USER, fills: fills.slice(250, 500) });
    const out = cache.drainFills();
    expect(out).toHaveLength(500);
    for (let i = 1; i < out.length; i++) expect(out[i]!.time).toBeGreaterThanOrEqual(out[i - 1]!.time);
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
    expect(cache.apply("trades", [])).toBe(false);
    expect(cache.apply("l2Book", { coin: "BTC" })).toBe(true);
    expect(cache.decodeErrors).toBe(1);
    expect(cache.latestBook("BTC")).toBeUndefined();
  });
});
