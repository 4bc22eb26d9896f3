import { describe, expect, test } from "bun:test";
import { BotError } from "../../src/core/errors.ts";
import {
  AddressBudgetError,
  BadRequestError,
  DecodeError,
  ExchangeRejectError,
  excerpt,
  InvalidNumberError,
  InvalidOrderError,
  NonceError,
  PAYLOAD_EXCERPT_CHARS,
  RateLimitError,
  TransportError,
} from "../../src/hyperliquid/errors.ts";

describe("adapter errors", () => {
  test("every error is a BotError with a distinct, stable kind", () => {
    const errors = [
      new TransportError("x", true),
      new RateLimitError(1000, "/info"),
      new BadRequestError(422, "/info", "bad"),
      new ExchangeRejectError("order", "Insufficient margin to place order."),
      new DecodeError("meta", {}, "issues"),
      new NonceError("x"),
      new AddressBudgetError("x", 0),
      new InvalidOrderError("x"),
      new InvalidNumberError("x"),
    ];
    for (const e of errors) expect(e).toBeInstanceOf(BotError);
    expect(new Set(errors.map((e) => e.kind)).size).toBe(errors.length);
    expect(errors.map((e) => e.name)).toContain("ExchangeRejectError");
  });

  test("the venue's text is kept verbatim", () => {
    expect(new ExchangeRejectError("order", "Order price too far from oracle").venueMessage).toBe(
      "Order price too far from oracle",
    );
  });

  test("payload excerpts are bounded", () => {
    const long = "x".repeat(PAYLOAD_EXCERPT_CHARS * 3);
    expect(excerpt(long).length).toBe(PAYLOAD_EXCERPT_CHARS + 1);
    expect(new DecodeError("meta", { a: long }, "bad").payloadExcerpt.length).toBe(PAYLOAD_EXCERPT_CHARS + 1);
    expect(excerpt({ a: 1 })).toBe('{"a":1}');
  });
});
