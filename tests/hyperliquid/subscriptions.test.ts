import { describe, expect, test } from "bun:test";
import { SubscriptionSet, subscribeMessage, subscriptionKey } from "../../src/hyperliquid/subscriptions.ts";

describe("subscriptions", () => {
  test("identity ignores key order", () => {
    expect(subscriptionKey({ type: "candle", coin: "BTC", interval: "1m" })).toBe(
      subscriptionKey({ interval: "1m", coin: "BTC", type: "candle" } as never),
    );
  });

  test("wire messages", () => {
    expect(subscribeMessage({ type: "l2Book", coin: "BTC" })).toBe(
      '{"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC"}}',
    );
    expect(subscribeMessage({ type: "allMids" }, "unsubscribe")).toBe(
      '{"method":"unsubscribe","subscription":{"type":"allMids"}}',
    );
  });

  test("the set keeps insertion order and refuses duplicates", () => {
    const set = new SubscriptionSet();
    expect(set.add({ type: "allMids" })).toBe(true);
    expect(set.add({ type: "userFills", user: "0x1" })).toBe(true);
    expect(set.add({ type: "allMids" })).toBe(false);
    expect(set.all()).toEqual([{ type: "allMids" }, { type: "userFills", user: "0x1" }]);
    expect(set.delete({ type: "allMids" })).toBe(true);
    expect(set.size).toBe(1);
  });
});
