import { describe, expect, test } from "bun:test";
import { AssetBook } from "../../src/hyperliquid/assets.ts";
import { InvalidOrderError } from "../../src/hyperliquid/errors.ts";
import { decode } from "../../src/hyperliquid/schemas/common.ts";
import { Meta } from "../../src/hyperliquid/schemas/meta.ts";
import { fixture } from "./support/fixtures.ts";

describe("AssetBook", () => {
  const book = new AssetBook(decode(Meta, fixture("meta"), "meta"));

  test("asset index is the position in meta.universe, delisted coins keep their slot", () => {
    expect(book.get("BTC")).toMatchObject({ index: 0, szDecimals: 5, maxLeverage: 50 });
    expect(book.get("MATIC")).toMatchObject({ index: 3, isDelisted: true });
    expect(book.get("kPEPE")).toMatchObject({ index: 7, szDecimals: 0 });
    expect(book.byIndex(5)?.coin).toBe("SOL");
    expect(book.size).toBe(8);
  });

  test("an unknown coin is an InvalidOrderError", () => {
    expect(() => book.get("DOGE")).toThrow(InvalidOrderError);
    expect(book.find("DOGE")).toBeUndefined();
  });
});
