import { describe, expect, test } from "bun:test";
import {
  WsAllMids,
  WsCandle,
  WsEnvelope,
  WsL2Book,
  WsOrderUpdates,
  WsSubscriptionResponse,
  WsUserFills,
} from "../../../src/hyperliquid/schemas/ws.ts";
import { fixtureEntry } from "../support/fixtures.ts";

function data(key: string): unknown {
  return WsEnvelope.parse(fixtureEntry("ws-messages", key)).data;
}

describe("ws message schemas", () => {
  test("every channel's data parses", () => {
    expect(WsAllMids.parse(data("allMids")).mids.ETH).toBe("4321.05");
    expect(WsCandle.parse(data("candle")).i).toBe("1m");
    expect(WsL2Book.parse(data("l2Book")).coin).toBe("BTC");
    const updates = WsOrderUpdates.parse(data("orderUpdates"));
    expect(updates.map((u) => u.status)).toEqual(["open", "filled"]);
    const fills = WsUserFills.parse(data("userFills"));
    expect(fills).toMatchObject({ isSnapshot: true, fills: [{ tid: 118906512037719, feeToken: "USDC" }] });
    expect(WsSubscriptionResponse.parse(data("subscriptionResponse")).method).toBe("subscribe");
  });

  test("pong has a channel and no data", () => {
    expect(WsEnvelope.parse(fixtureEntry("ws-messages", "pong"))).toEqual({ channel: "pong" });
  });
});
