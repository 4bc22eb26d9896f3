import { describe, expect, test } from "bun:test";
import { decode } from "../../../src/hyperliquid/schemas/common.ts";
import { AllMids, CandleSnapshot, FundingHistory, L2Book } from "../../../src/hyperliquid/schemas/market.ts";
import { fixture } from "../support/fixtures.ts";

describe("market data schemas", () => {
  test("allMids keeps prices as exact strings, spot keys included", () => {
    const mids = decode(AllMids, fixture("allMids"), "allMids");
    expect(mids.BTC).toBe("113377.5");
    expect(mids["@107"]).toBe("45.123");
  });

  test("candles: open/close times, decimal strings, trade count", () => {
    const candles = decode(CandleSnapshot, fixture("candleSnapshot"), "candleSnapshot");
    expect(candles[0]).toEqual({
      t: 1681923600000,
      T: 1681924499999,
      s: "BTC",
      i: "15m",
      o: "29295.0",
      c: "29258.0",
      h: "29309.0",
      l: "29250.0",
      v: "0.98639",
      n: 189,
    });
  });

  test("a price sent as a JSON number is refused (we never accept floats for money)", () => {
    const [first] = fixture("candleSnapshot") as Record<string, unknown>[];
    expect(() => decode(CandleSnapshot, [{ ...first, o: 29295.0 }], "candleSnapshot")).toThrow(
      expect.objectContaining({ kind: "decode" }),
    );
  });

  test("funding rows", () => {
    const rows = decode(FundingHistory, fixture("fundingHistory"), "fundingHistory");
    expect(rows.map((r) => r.fundingRate)).toEqual(["-0.00022196", "0.0000125"]);
  });

  test("l2Book: bids then asks", () => {
    const book = decode(L2Book, fixture("l2Book"), "l2Book");
    expect(book.levels[0][0]).toEqual({ px: "113377.0", sz: "7.6699", n: 17 });
    expect(book.levels[1]).toHaveLength(2);
  });
});
