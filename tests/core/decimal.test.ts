import { describe, expect, test } from "bun:test";
import { cents, floorToDecimals, roundToDecimals } from "../../src/core/decimal.ts";

/** The original definition: every value goes through toPrecision(15). */
const reference = {
  floor: (x: number, d: number) => Math.floor(Number((x * 10 ** d).toPrecision(15))) / 10 ** d,
  round: (x: number, d: number) => {
    const s = Number((x * 10 ** d).toPrecision(15));
    return (Math.sign(s) * Math.round(Math.abs(s))) / 10 ** d;
  },
};

/** Deterministic xorshift, so a failure names a reproducible value. */
function* values(n: number): Generator<number> {
  let a = 0x9e3779b9;
  const next = () => {
    a ^= a << 13;
    a ^= a >>> 17;
    a ^= a << 5;
    return (a >>> 0) / 2 ** 32;
  };
  for (let i = 0; i < n; i++) {
    const d = Math.floor(next() * 7);
    const mag = 10 ** (Math.floor(next() * 12) - 4);
    const grid = Math.round(next() * 1e6) / 10 ** d; // on the lot grid …
    const noise = [0, 1e-17, -1e-17, 1e-15, -1e-15, 1e-12, 5e-9][Math.floor(next() * 7)]!; // … ± float noise
    yield (next() < 0.5 ? grid * (1 + noise) : next() * mag) * (next() < 0.2 ? -1 : 1);
  }
}

describe("decimal rounding", () => {
  test("float noise is corrected before flooring or rounding", () => {
    expect(floorToDecimals(0.1 * 3, 1)).toBe(0.3);
    expect(floorToDecimals(2.9999999999999996, 0)).toBe(3);
    expect(floorToDecimals(0.12345678, 4)).toBe(0.1234);
    expect(roundToDecimals(1.005, 2)).toBe(1.01);
    expect(roundToDecimals(-2.5, 0)).toBe(-3);
    expect(cents(1234.5649999999998)).toBe(1234.57); // 123456.49999999998 is noise for 123456.5
  });

  test("the fast path agrees with rounding every value to 15 digits, on 300k values near and off the grid", () => {
    for (const x of values(300_000)) {
      for (const d of [0, 1, 2, 3, 5, 8]) {
        expect(floorToDecimals(x, d)).toBe(reference.floor(x, d));
        expect(roundToDecimals(x, d)).toBe(reference.round(x, d));
      }
    }
  });
});
