import { describe, expect, test } from "bun:test";
import {
  addDecimal,
  canonicalDecimal,
  compareDecimal,
  decimalToNumber,
  formatDecimal,
  mulDecimal,
  parseDecimal,
  roundDec,
  subDecimal,
} from "../../src/hyperliquid/decimal.ts";

describe("decimal strings", () => {
  test("canonical form: no exponent, no trailing zeros, never -0", () => {
    expect(canonicalDecimal("100.0")).toBe("100");
    expect(canonicalDecimal("0.000100")).toBe("0.0001");
    expect(canonicalDecimal(1e-7)).toBe("0.0000001");
    expect(canonicalDecimal("1.5e3")).toBe("1500");
    expect(canonicalDecimal("-0.0")).toBe("0");
    expect(canonicalDecimal(".5")).toBe("0.5");
    expect(canonicalDecimal("-12.340")).toBe("-12.34");
    // numbers convert through their shortest round-trip representation
    expect(canonicalDecimal(2 ** 60)).toBe("1152921504606847000");
  });

  test("malformed input is refused with a typed error", () => {
    for (const bad of ["", ".", "abc", "1.2.3", "1e", "0x10", Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => parseDecimal(bad), String(bad)).toThrow(
        expect.objectContaining({ kind: "invalid_number" }),
      );
    }
  });

  test("exact arithmetic (no float garbage)", () => {
    expect(addDecimal("0.1", "0.2")).toBe("0.3");
    expect(addDecimal(0.1, 0.2)).toBe("0.3");
    expect(subDecimal("1", "0.9")).toBe("0.1");
    expect(mulDecimal("1891.4", "0.02")).toBe("37.828");
    expect(mulDecimal("-3", "0.5")).toBe("-1.5");
    expect(compareDecimal("10", "9.999")).toBe(1);
    expect(compareDecimal("10.000", "10")).toBe(0);
    expect(compareDecimal("-1", "0")).toBe(-1);
    expect(decimalToNumber("113377.5")).toBe(113377.5);
  });

  test("rounding modes", () => {
    const d = parseDecimal("1.2345");
    expect(formatDecimal(roundDec(d, 3, "floor"))).toBe("1.234");
    expect(formatDecimal(roundDec(d, 3, "ceil"))).toBe("1.235");
    expect(formatDecimal(roundDec(d, 3, "nearest"))).toBe("1.235");
    expect(formatDecimal(roundDec(parseDecimal("1.2344"), 3, "nearest"))).toBe("1.234");
    expect(formatDecimal(roundDec(parseDecimal("-1.2345"), 3, "floor"))).toBe("-1.235");
    expect(formatDecimal(roundDec(parseDecimal("-1.2345"), 3, "nearest"))).toBe("-1.235");
    expect(formatDecimal(roundDec(parseDecimal("9.99"), 1, "ceil"))).toBe("10");
  });
});
