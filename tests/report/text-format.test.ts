// The CLI's number formats keep one Intl formatter per digit count: the printout must read exactly
// as `toLocaleString("en-US", …)` wrote it (thousands separators, rounding, −0, huge and tiny values).
import { describe, expect, test } from "bun:test";
import { count, num, pct, signed } from "../../src/report/text-format.ts";

const VALUES = [
  0, -0, 1, -1, 0.5, 1.005, 2.5, -2.5, 1234567.891, -0.0049, 0.005, 1e21, -98765.4321, 1e-7, 18305, -1862.07,
];
const locale = (v: number, d: number) =>
  v.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });

describe("text-format", () => {
  test("num, signed, pct and count read as toLocaleString('en-US') wrote them", () => {
    for (const v of VALUES)
      for (const d of [0, 1, 2, 3]) {
        expect(num(v, d)).toBe(locale(v, d));
        expect(signed(v, d)).toBe(`${v > 0 ? "+" : ""}${locale(v, d)}`);
        expect(pct(v, d)).toBe(`${locale(v, d)}%`);
      }
    for (const v of VALUES) expect(count(v)).toBe(v.toLocaleString("en-US"));
    expect(num(1234567.891)).toBe("1,234,567.89");
    expect(count(624831)).toBe("624,831");
    expect(num(Number.NaN)).toBe("–");
    expect(signed(null)).toBe("–");
  });
});
