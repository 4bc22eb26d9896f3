import { describe, expect, test } from "bun:test";
import { inspect } from "node:util";
import { addressFromPrivateKey, Signer } from "../../../src/hyperliquid/signing/index.ts";

const KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
const KEY_DIGITS = KEY.slice(2);

describe("Signer", () => {
  test("derives the address of the SDK test key", () => {
    expect(addressFromPrivateKey(KEY)).toBe("0x14791697260e4c9a71f18484c9f997b308e59325");
    expect(new Signer(KEY).address).toBe("0x14791697260e4c9a71f18484c9f997b308e59325");
  });

  test("never shows the private key when serialised or inspected", () => {
    const signer = new Signer(KEY);
    const holder = { signer, nested: [signer] };
    for (const text of [
      JSON.stringify(holder),
      inspect(holder, { depth: 10, showHidden: true }),
      Bun.inspect(holder),
      String(signer),
    ]) {
      expect(text).not.toContain(KEY_DIGITS);
      expect(text).toContain("0x14791697260e4c9a71f18484c9f997b308e59325");
    }
  });

  test("a malformed key is refused without echoing it", () => {
    const bad = `0x${"zz".repeat(32)}`;
    try {
      new Signer(bad);
      throw new Error("expected a throw");
    } catch (error) {
      expect((error as { kind?: string }).kind).toBe("invalid_number");
      expect(String((error as Error).message)).not.toContain("zz");
    }
    expect(() => new Signer(`0x${"00".repeat(32)}`)).toThrow();
  });
});
