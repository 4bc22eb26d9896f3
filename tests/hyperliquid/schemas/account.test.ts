import { describe, expect, test } from "bun:test";
import {
  ClearinghouseState,
  Fills,
  FrontendOpenOrders,
  OrderStatusResponse,
  UserRateLimit,
} from "../../../src/hyperliquid/schemas/account.ts";
import { decode } from "../../../src/hyperliquid/schemas/common.ts";
import { fixture, fixtureEntry, realFills } from "../support/fixtures.ts";

describe("account schemas", () => {
  test("clearinghouseState: isolated and cross leverage, null liquidation price", () => {
    const state = decode(ClearinghouseState, fixture("clearinghouseState"), "clearinghouseState");
    const [eth, btc] = state.assetPositions.map((p) => p.position);
    expect(eth?.leverage).toEqual({ type: "isolated", value: 20, rawUsd: "-95.06" });
    expect(btc?.leverage).toEqual({ type: "cross", value: 5 });
    expect(btc?.liquidationPx).toBeNull();
    expect(btc?.szi).toBe("-0.00785");
    expect(state.withdrawable).toBe("13062.18");
  });

  test("frontendOpenOrders: limit with cloid and a reduce-only stop market", () => {
    const orders = decode(FrontendOpenOrders, fixture("frontendOpenOrders"), "frontendOpenOrders");
    expect(orders[0]).toMatchObject({ cloid: "0x1234567890abcdef1234567890abcdef", tif: "Gtc" });
    expect(orders[1]).toMatchObject({
      orderType: "Stop Market",
      isTrigger: true,
      reduceOnly: true,
      tif: null,
    });
  });

  test("orderStatus: found and unknownOid", () => {
    const found = decode(OrderStatusResponse, fixtureEntry("orderStatus", "found"), "orderStatus");
    expect(found.status === "order" && found.order.status).toBe("filled");
    expect(found.status === "order" && found.order.order.cloid).toBe("0x00000000000000000000000000000001");
    expect(decode(OrderStatusResponse, fixtureEntry("orderStatus", "unknown"), "orderStatus")).toEqual({
      status: "unknownOid",
    });
  });

  test("userRateLimit", () => {
    const limit = decode(
      UserRateLimit,
      { cumVlm: "170043721737.450012207", nRequestsUsed: 36589831368, nRequestsCap: 170043731737 },
      "userRateLimit",
    );
    expect(limit.nRequestsCap).toBe(170043731737);
  });
});

describe("fills: the real 500-fill mainnet cassette", () => {
  const raw = realFills();
  const fills = decode(Fills, raw, "userFills");

  test("every fill parses, values stay the exact strings recorded", () => {
    expect(fills).toHaveLength(500);
    expect(fills[0]).toMatchObject({ coin: "SUI", side: "B", px: "1.3281", sz: "104.4", dir: "Close Short" });
    expect(fills.map((f) => f.px)).toEqual(raw.map((r) => r.px as string));
  });

  test("maker/taker mix and coins match the data README (239 taker, 15 coins)", () => {
    expect(fills.filter((f) => f.crossed)).toHaveLength(239);
    expect(new Set(fills.map((f) => f.coin)).size).toBe(15);
    expect(fills.filter((f) => f.coin === "SUI")).toHaveLength(242);
  });

  test("a fill with an unknown side is refused", () => {
    expect(() => decode(Fills, [{ ...raw[0], side: "X" }], "userFills")).toThrow(
      expect.objectContaining({ kind: "decode" }),
    );
  });
});
