import { describe, expect, test } from "bun:test";
import { assertCloid, deriveCloid, isCloid, randomCloid } from "../../src/hyperliquid/cloid.ts";

describe("cloid", () => {
  test("derived cloids are deterministic, well-formed and distinct per input", () => {
    const a = deriveCloid("run-42", "BTC", 1_700_000_000_000, "entry");
    expect(a).toBe(deriveCloid("run-42", "BTC", 1_700_000_000_000, "entry"));
    expect(a).toMatch(/^0x[0-9a-f]{32}$/);
    expect(deriveCloid("run-42", "BTC", 1_700_000_000_000, "stop")).not.toBe(a);
  });

  test("random cloids are well-formed and differ", () => {
    const [x, y] = [randomCloid(), randomCloid()];
    expect(isCloid(x)).toBe(true);
    expect(x).not.toBe(y);
  });

  test("assertCloid lowercases and refuses malformed ids", () => {
    expect(assertCloid("0xABCDEF00000000000000000000000001")).toBe("0xabcdef00000000000000000000000001");
    expect(isCloid("0x1234")).toBe(false);
    expect(() => assertCloid("1234567890abcdef1234567890abcdef00")).toThrow(
      expect.objectContaining({ kind: "invalid_order" }),
    );
  });
});
