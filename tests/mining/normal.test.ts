import { describe, expect, test } from "bun:test";
import { normCdf, normInv, normPdf } from "../../src/mining/normal.ts";

describe("normal distribution", () => {
  test("Φ matches reference values (Abramowitz & Stegun table 26.1; R pnorm)", () => {
    expect(normCdf(0)).toBe(0.5);
    expect(normCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normCdf(3)).toBeCloseTo(0.9986501019683699, 14);
    expect(normCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 6);
    expect(normCdf(40)).toBe(1);
  });

  test("Φ agrees with a numerical integral of φ", () => {
    // Simpson's rule from −12 to x.
    const integral = (x: number) => {
      const n = 20_000;
      const h = (x + 12) / n;
      let s = normPdf(-12) + normPdf(x);
      for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * normPdf(-12 + i * h);
      return (s * h) / 3;
    };
    for (const x of [-3.3, -1.2, 0.4, 2.7]) expect(Math.abs(normCdf(x) - integral(x))).toBeLessThan(1e-12);
  });

  test("Φ⁻¹ inverts Φ and gives the usual critical values", () => {
    expect(normInv(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normInv(0.95)).toBeCloseTo(1.6448536269514722, 13);
    expect(normInv(0.99)).toBeCloseTo(2.3263478740408408, 13);
    for (const p of [1e-9, 0.001, 0.02, 0.3, 0.5, 0.77, 0.999])
      expect(normCdf(normInv(p)) / p).toBeCloseTo(1, 9);
    expect(normInv(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normInv(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normInv(1.5)).toBeNaN();
  });
});
