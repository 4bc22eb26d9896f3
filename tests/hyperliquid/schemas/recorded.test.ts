// hlbot's payload schemas over REAL recorded Hyperliquid answers (tests/fixtures/hyperliquid/recorded,
// sources in its README): what the venue actually sends must parse, with every field we rely on.
import { describe, expect, test } from "bun:test";
import {
  ClearinghouseState,
  Fills,
  FrontendOpenOrders,
  UserFunding,
} from "../../../src/hyperliquid/schemas/account.ts";
import { decode } from "../../../src/hyperliquid/schemas/common.ts";
import { CandleSnapshot, FundingHistory, L2BookAnswer } from "../../../src/hyperliquid/schemas/market.ts";
import { WsEnvelope } from "../../../src/hyperliquid/schemas/ws.ts";
import { recorded, recordedExchange } from "../support/fixtures.ts";

describe("schemas over recorded payloads (issue 14 #15 #16)", () => {
  test("issue 14 #16: candleSnapshot answers from the bar containing an off-grid startTime", () => {
    const { request, response } = recordedExchange("candleSnapshot.kPEPE-1h");
    const start = (request.req as { startTime: number }).startTime;
    const bars = decode(CandleSnapshot, response, "candleSnapshot");
    expect(bars[0]!.t).toBeLessThan(start);
    expect(bars[0]!.T).toBeGreaterThanOrEqual(start);
    expect(bars[0]!.v).toBe("520665683.0");
  });

  test("issue 14 #16: frontendOpenOrders children are whole orders, parsed as such", () => {
    const orders = decode(FrontendOpenOrders, recordedExchange("frontendOpenOrders.INJ").response, "x");
    const parent = orders.find((o) => o.orderType === "Limit")!;
    expect(parent.children?.map((c) => [c.oid, c.orderType, c.isTrigger, c.tif])).toEqual([
      [3184595906, "Stop Market", true, null],
      [3184595907, "Take Profit Market", true, null],
    ]);
    expect(parent.triggerPx).toBe("0.0");
  });

  test("issue 14 #15: fundingHistory with and without premium; l2Book of an unknown coin is null", () => {
    const full = decode(FundingHistory, recordedExchange("fundingHistory.BTC").response, "fundingHistory");
    expect(full.map((r) => r.premium)).toEqual(["0.00020358", "0.00023467", "0.00013512"]);
    const partial = decode(FundingHistory, recorded("fundingHistory.BTC-without-premium"), "fundingHistory");
    expect(partial.at(-1)).toEqual({ coin: "BTC", fundingRate: "0.0000033", time: 1769916000000 });
    expect(decode(L2BookAnswer, null, "l2Book")).toBeNull();
    const book = decode(L2BookAnswer, recordedExchange("l2Book.DYDX").response, "l2Book")!;
    expect(book.levels[0][2]).toEqual({ px: "2.1075", sz: "1417.0", n: 1 });
  });

  test("issue 14 #16: userFunding nSamples is an integer; fills carry twapId, builderFee, liquidation", () => {
    const funding = decode(UserFunding, recordedExchange("userFunding").response, "userFunding");
    expect(funding.map((f) => f.delta.nSamples)).toEqual([3, 3]);

    const frame = WsEnvelope.parse(recorded("ws.user-fill-liquidation"));
    const [liq] = decode(Fills, (frame.data as { fills: unknown }).fills, "user fills");
    expect(liq).toMatchObject({
      twapId: null,
      cloid: "0xe8d5fd7ebbb4c3cff4d1803472a11463",
      liquidation: { method: "market", markPx: "66607.0" },
    });
    const [documented] = decode(Fills, recorded("userFills.documented"), "userFills");
    expect(documented).toMatchObject({ builderFee: "0.01", fee: "0.01", tid: 118906512037719 });
    const old = decode(Fills, recordedExchange("userFillsByTime").response, "userFillsByTime");
    expect(old.map((f) => [f.px, f.tid])).toEqual([
      ["28814.0", undefined],
      ["0.078325", undefined],
    ]);
  });

  test("a 2023 clearinghouseState (no cumFunding, maxLeverage, time) parses", () => {
    const state = decode(ClearinghouseState, recordedExchange("clearinghouseState").response, "x");
    expect(state.assetPositions.map((p) => [p.position.coin, p.position.entryPx])).toEqual([
      ["BTC", "26951.0"],
      ["ETH", "1705.82"],
    ]);
  });
});
