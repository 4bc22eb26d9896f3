import { describe, expect, test } from "bun:test";
import { fitPower, ols2 } from "../../../src/sim/depth/least-squares.ts";

describe("least squares", () => {
  test("ols2 recovers a planted plane exactly and refuses a singular design", () => {
    const x1 = [0, 1, 2, 3, 4, 5];
    const x2 = [1, 0, 3, 1, 2, 5];
    const y = x1.map((v, i) => 0.5 + 2 * v - 3 * x2[i]!);
    const b = ols2(x1, x2, y)!;
    expect(b[0]).toBeCloseTo(0.5, 10);
    expect(b[1]).toBeCloseTo(2, 10);
    expect(b[2]).toBeCloseTo(-3, 10);
    expect(ols2(x1, x1, y)).toBeNull(); // x2 = x1: not identified
    expect(ols2([1, 1, 1], [2, 2, 2], [1, 2, 3])).toBeNull(); // no variation at all
  });

  test("fitPower recovers k and α of y = k·x^α", () => {
    const x = Array.from({ length: 50 }, (_, i) => 0.02 * (i + 1));
    const y = x.map((v) => 3.5 * v ** 1.3);
    const fit = fitPower(x, y);
    expect(fit.k).toBeCloseTo(3.5, 6);
    expect(fit.alpha).toBeCloseTo(1.3, 6);
    expect(fit.sse).toBeLessThan(1e-10);
  });
});
