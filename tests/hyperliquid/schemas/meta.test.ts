import { describe, expect, test } from "bun:test";
import { decode } from "../../../src/hyperliquid/schemas/common.ts";
import { Meta, MetaAndAssetCtxs } from "../../../src/hyperliquid/schemas/meta.ts";
import { fixture } from "../support/fixtures.ts";

describe("meta", () => {
  test("parses the universe with optional flags and margin tables", () => {
    const meta = decode(Meta, fixture("meta"), "meta");
    expect(meta.universe.map((a) => a.name)).toEqual([
      "BTC",
      "ETH",
      "ATOM",
      "MATIC",
      "DYDX",
      "SOL",
      "X",
      "kPEPE",
    ]);
    expect(meta.universe[6]).toMatchObject({
      onlyIsolated: true,
      isDelisted: true,
      marginMode: "strictIsolated",
    });
    expect(meta.marginTables?.[1]?.[1].marginTiers[1]).toEqual({ lowerBound: "3000000.0", maxLeverage: 5 });
  });

  test("older meta without marginTables still parses", () => {
    expect(
      decode(Meta, { universe: [{ name: "BTC", szDecimals: 5, maxLeverage: 50 }] }, "meta").universe,
    ).toHaveLength(1);
  });

  test("a missing szDecimals is a DecodeError that keeps the payload excerpt", () => {
    const bad = { universe: [{ name: "BTC", maxLeverage: 50 }] };
    try {
      decode(Meta, bad, "meta");
      throw new Error("expected DecodeError");
    } catch (error) {
      expect(error).toMatchObject({ kind: "decode", what: "meta" });
      expect((error as { payloadExcerpt: string }).payloadExcerpt).toContain('"name":"BTC"');
      expect((error as { issues: string }).issues).toContain("szDecimals");
    }
  });
});

describe("metaAndAssetCtxs", () => {
  test("contexts align with the universe; illiquid fields may be null", () => {
    const [meta, ctxs] = decode(MetaAndAssetCtxs, fixture("metaAndAssetCtxs"), "metaAndAssetCtxs");
    expect(meta.universe).toHaveLength(2);
    expect(ctxs[0]?.funding).toBe("0.0000125");
    expect(ctxs[1]).toMatchObject({ midPx: null, impactPxs: null, premium: null });
  });

  test("a context count that differs from the universe is refused", () => {
    const [meta, ctxs] = fixture("metaAndAssetCtxs") as [unknown, unknown[]];
    expect(() => decode(MetaAndAssetCtxs, [meta, ctxs.slice(0, 1)], "metaAndAssetCtxs")).toThrow(
      expect.objectContaining({ kind: "decode" }),
    );
  });
});
