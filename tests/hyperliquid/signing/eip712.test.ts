import { describe, expect, test } from "bun:test";
import { domainSeparator, typeHash } from "../../../src/hyperliquid/signing/eip712.ts";
import { toHex } from "../../../src/hyperliquid/signing/hex.ts";
import { AGENT_FIELDS, L1_DOMAIN } from "../../../src/hyperliquid/signing/l1.ts";

describe("EIP-712 constants (docs/hyperliquid-api.md §5 step 7)", () => {
  test("Exchange domain separator", () => {
    expect(toHex(domainSeparator(L1_DOMAIN))).toBe(
      "0xd79297fcdf2ffcd4ae223d01edaa2ba214ff8f401d7c9300d995d17c82aa4040",
    );
  });

  test("Agent type hash", () => {
    expect(toHex(typeHash("Agent", AGENT_FIELDS))).toBe(
      "0x26f05c2f7239b6983075e58321292d77b3aa173d19b27257ac96ab362570f508",
    );
  });
});
