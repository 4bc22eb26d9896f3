import { describe, expect, test } from "bun:test";
import {
  formatPrice,
  formatSize,
  isValidPrice,
  isValidSize,
  meetsMinNotional,
  notional,
  toWire,
} from "../../src/hyperliquid/format.ts";

describe("toWire (float_to_wire semantics)", () => {
  test.each([
    [100, "100"],
    [1670.1, "1670.1"],
    [0.0147, "0.0147"],
    [0.00076, "0.00076"],
    [1e-8, "0.00000001"],
    [87654321.12345678, "87654321.12345678"],
    [-0, "0"],
    [0.1 + 0.2, "0.3"],
    [-2.5, "-2.5"],
    ["100.0", "100"],
    ["1e-8", "0.00000001"],
    ["029295.000", "29295"],
  ])("%p → %p", (input, wire) => {
    expect(toWire(input)).toBe(wire);
  });

  test("refuses values 8 decimals cannot carry", () => {
    for (const bad of [0.000012312312, 1e-9, "0.000000001", Number.NaN]) {
      expect(() => toWire(bad), String(bad)).toThrow(expect.objectContaining({ kind: "invalid_number" }));
    }
  });
});

describe("price validity (perps)", () => {
  test.each([
    ["1234.5", 0, true],
    ["1234.56", 0, false],
    ["0.001234", 0, true],
    ["0.0012345", 0, false],
    ["0.01234", 1, true],
    ["0.012345", 1, false],
    ["123456", 5, true],
    ["12345.6", 0, false],
    ["95000", 5, true],
    ["1.2", 5, true],
    ["1.23", 5, false],
    ["0", 0, false],
    ["-5", 0, false],
  ])("%s with szDecimals %d → %p", (px, szDecimals, ok) => {
    expect(isValidPrice(px, szDecimals)).toBe(ok);
  });

  test("spot allows 8 − szDecimals decimals", () => {
    expect(isValidPrice("0.00001234", 0, "spot")).toBe(true);
    expect(isValidPrice("0.00001234", 0, "perp")).toBe(false);
  });
});

describe("formatPrice rounds onto the tick grid", () => {
  test.each([
    ["1234.56", 0, "nearest", "1234.6"],
    ["1234.56", 0, "floor", "1234.5"],
    ["1234.54", 0, "ceil", "1234.6"],
    ["0.0012345", 0, "nearest", "0.001235"],
    ["0.012345", 1, "floor", "0.01234"],
    ["12345.6", 0, "nearest", "12346"],
    ["113377.55", 5, "nearest", "113378"],
    ["113377.55", 5, "floor", "113377"],
    ["97123.456789", 0, "nearest", "97123"],
    ["1.23456789", 5, "nearest", "1.2"],
    ["99999.5", 0, "nearest", "100000"],
    ["0.999996", 0, "nearest", "1"],
    ["1891.4", 4, "nearest", "1891.4"],
    [1670.1, 4, "nearest", "1670.1"],
  ] as const)("%s (szDecimals %d, %s) → %s", (px, szDecimals, mode, out) => {
    const formatted = formatPrice(px, szDecimals, mode);
    expect(formatted).toBe(out);
    expect(isValidPrice(formatted, szDecimals), "result is a valid price").toBe(true);
  });

  test("spot: up to 8 − szDecimals decimals", () => {
    expect(formatPrice("0.0000123456789", 0, "floor", "spot")).toBe("0.00001234");
  });

  test("refuses non-positive prices and prices that round to zero", () => {
    expect(() => formatPrice("0", 0)).toThrow(expect.objectContaining({ kind: "invalid_order" }));
    expect(() => formatPrice("0.0000001", 0, "floor")).toThrow(
      expect.objectContaining({ kind: "invalid_order" }),
    );
  });
});

describe("formatSize truncates down to szDecimals", () => {
  test.each([
    ["1.23456789", 5, "1.23456"],
    ["0.129", 2, "0.12"],
    ["100", 0, "100"],
    ["100.9", 0, "100"],
    [0.0147, 4, "0.0147"],
  ] as const)("%s (szDecimals %d) → %s", (sz, szDecimals, out) => {
    expect(formatSize(sz, szDecimals)).toBe(out);
    expect(isValidSize(out, szDecimals)).toBe(true);
  });

  test("a size below one lot is refused", () => {
    expect(() => formatSize("0.009", 2)).toThrow(expect.objectContaining({ kind: "invalid_order" }));
    expect(isValidSize("0.123", 2)).toBe(false);
  });
});

describe("minimum notional", () => {
  test("exact product against $10", () => {
    expect(notional("1891.4", "0.02")).toBe("37.828");
    expect(meetsMinNotional("100", "0.1")).toBe(true);
    expect(meetsMinNotional("99.99", "0.1")).toBe(false);
    expect(meetsMinNotional("0.3", "33.34")).toBe(true);
    expect(meetsMinNotional("0.3", "33.33")).toBe(false);
  });
});
