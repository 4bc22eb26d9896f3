import { describe, expect, test } from "bun:test";
import { exchangeWeight, infoExtraWeight, infoWeight } from "../../src/hyperliquid/weights.ts";

describe("request weights (docs §7)", () => {
  test("info base weights", () => {
    for (const light of ["l2Book", "allMids", "clearinghouseState", "orderStatus"])
      expect(infoWeight(light)).toBe(2);
    expect(infoWeight("userRole")).toBe(60);
    for (const other of [
      "meta",
      "metaAndAssetCtxs",
      "candleSnapshot",
      "frontendOpenOrders",
      "userFillsByTime",
    ]) {
      expect(infoWeight(other)).toBe(20);
    }
  });

  test("extra weight per items returned", () => {
    expect(infoExtraWeight("candleSnapshot", 5000)).toBe(83);
    expect(infoExtraWeight("candleSnapshot", 59)).toBe(0);
    expect(infoExtraWeight("fundingHistory", 500)).toBe(25);
    expect(infoExtraWeight("userFillsByTime", 2000)).toBe(100);
    expect(infoExtraWeight("meta", 1000)).toBe(0);
  });

  test("exchange: 1 + floor(batch / 40)", () => {
    expect(exchangeWeight(1)).toBe(1);
    expect(exchangeWeight(39)).toBe(1);
    expect(exchangeWeight(40)).toBe(2);
    expect(exchangeWeight(81)).toBe(3);
  });
});
